// A real TURN client (turn-server's own, over UDP on loopback) for the relay tests: allocate with a
// credential the room handed out, ask for permissions, send through the allocation and hear what arrives.
// One request at a time, as the library's client allows.
import type { Socket } from 'turn-server';

export interface Peer {
  ip: string;
  port: number;
}

export interface TurnOutcome {
  ok: boolean;
  /** The STUN error code of a refusal (401 unauthenticated, 403 forbidden, 437 no allocation, …). */
  code: number | null;
  relayed: Peer | null;
}

const XOR_RELAYED_ADDRESS = 0x0016;

export class TurnClient {
  readonly received: { from: Peer; data: Buffer }[] = [];

  private constructor(private readonly socket: Socket) {
    socket.on('data', (from: Peer, data: Uint8Array) =>
      this.received.push({ from, data: Buffer.from(data) }),
    );
  }

  static async open(port: number, username: string, password: string): Promise<TurnClient> {
    const { connect } = await import('turn-server');
    return new Promise((resolve) => {
      const socket = connect(
        `turn:127.0.0.1:${port}?transport=udp`,
        { username, password, autoRefresh: false },
        () => resolve(new TurnClient(socket)),
      );
    });
  }

  allocate(): Promise<TurnOutcome> {
    return this.ask('allocate', () => this.socket.allocate({ lifetime: 600 }));
  }

  permit(peer: Peer): Promise<TurnOutcome> {
    return this.ask('create_permission', () => this.socket.createPermission([peer]));
  }

  refresh(): Promise<TurnOutcome> {
    return this.ask('refresh', () => this.socket.refresh());
  }

  send(peer: Peer, data: Buffer): void {
    this.socket.send(peer, data);
  }

  close(): void {
    this.socket.close();
  }

  private ask(method: string, start: () => void): Promise<TurnOutcome> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish({ ok: false, code: null, relayed: null }), 5000);
      const onSuccess = (message: { getAttribute(type: number): Peer | null }) =>
        finish({ ok: true, code: null, relayed: message.getAttribute(XOR_RELAYED_ADDRESS) });
      const onError = (_message: unknown, error: { code?: number } | null) =>
        finish({ ok: false, code: error?.code ?? null, relayed: null });
      const finish = (outcome: TurnOutcome) => {
        clearTimeout(timer);
        this.socket.off(`${method}:success`, onSuccess);
        this.socket.off(`${method}:error`, onError);
        resolve(outcome);
      };
      this.socket.on(`${method}:success`, onSuccess);
      this.socket.on(`${method}:error`, onError);
      start();
    });
  }
}
