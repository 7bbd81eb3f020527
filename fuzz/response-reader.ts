// Reads the server's side of a connection: one JSON object per line, as the protocol promises.

import type { Socket } from 'node:net';
import { StringDecoder } from 'node:string_decoder';

export interface ServerObject {
  response?: unknown;
  code?: unknown;
  content?: unknown;
  sender?: unknown;
  [key: string]: unknown;
}

/**
 * Calls onObject for every line the server sends, and onBroken with the raw line when a line is not a JSON
 * object: that would itself be a server bug, so callers count it rather than ignore it.
 */
export function readServerLines(
  socket: Socket,
  onObject: (object: ServerObject) => void,
  onBroken: (line: string) => void,
): void {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  socket.on('data', (chunk: Buffer) => {
    pending += decoder.write(chunk);
    let newline = pending.indexOf('\n');
    while (newline !== -1) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
      if (line.trim() === '') continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        onBroken(line);
        continue;
      }
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) onObject(parsed as ServerObject);
      else onBroken(line);
    }
  });
}
