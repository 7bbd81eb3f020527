// The messages between the password pool and its worker threads.

export type PasswordJob =
  | { op: 'hash'; input: string; cost: number }
  | { op: 'verify'; input: string; hash: string };

export type PasswordJobResult =
  | { id: number; ok: true; value: string | boolean }
  | { id: number; ok: false; message: string };
