// Write to a socket and wait until it can take more (or is gone), so a fast writer keeps its own memory flat.
import type { Socket } from 'node:net';

export function writeDrained(socket: Socket, data: string | Buffer): Promise<void> {
  if (socket.destroyed || socket.write(data)) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = () => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.on('drain', done);
    socket.on('close', done);
  });
}
