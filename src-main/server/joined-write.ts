// One flush's output for one connection as a single Buffer, so the socket sees one write: the stream's
// bookkeeping per chunk (an entry per write, the corked list, the array writev builds) was a tenth of the
// room's time at saturation, and a write per delivery allocated several objects. Plain sockets that take
// the write at once get it from one scratch Buffer that every connection reuses, so a flush allocates
// nothing; a TLS socket (whose writes complete later) or one that kept some of it gets a copy of its own.
import type { Socket } from 'node:net';

/** Larger flushes get their own Buffer: the scratch stays small, and a big one is rare (history pages are answers). */
const SCRATCH_BYTES = 64 * 1024;

let scratch: Buffer | null = null;

/**
 * Write `chunks` (room lines shared by every recipient, and ASCII lines of this connection's own: the queue
 * turns any other string into a Buffer) as one Buffer; returns the bytes written. A socket that still holds
 * earlier output is not given a joined copy (the caller corks instead), so a stalled reader holds at most
 * one copy of its own; everything else it holds is shared.
 */
export function writeJoined(socket: Socket, chunks: readonly (string | Buffer)[]): number {
  let total = 0;
  for (const chunk of chunks) total += chunk.length;
  const encrypted = (socket as Socket & { encrypted?: boolean }).encrypted === true;
  const useScratch = !encrypted && total <= SCRATCH_BYTES;
  if (useScratch && scratch === null) scratch = Buffer.allocUnsafeSlow(SCRATCH_BYTES);
  const target = useScratch && scratch !== null ? scratch : Buffer.allocUnsafe(total);
  let at = 0;
  for (const chunk of chunks) {
    if (typeof chunk === 'string') at += target.write(chunk, at, 'latin1');
    else at += chunk.copy(target, at);
  }
  socket.write(useScratch ? target.subarray(0, total) : target);
  // The kernel did not take all of it: the socket keeps the scratch until it does, so the next flush needs another.
  if (useScratch && socket.writableLength !== 0) scratch = null;
  return total;
}
