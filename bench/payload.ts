// The 64-byte message every sender writes: a marker, the send time and the sender's id, padded with 'x'.
// Receivers never parse JSON or IRC lines on the hot path; they find the marker in the raw bytes, read
// the digits after it, and that is one delivery with its latency.
const PAYLOAD_BYTES = 64;
export const MARKER = '~T';
const TIME_DIGITS = 16;
const SENDER_DIGITS = 6;
/** Bytes after the marker a receiver needs before it can decode a delivery. */
export const STAMP_BYTES = TIME_DIGITS + SENDER_DIGITS;
const PADDING = 'x'.repeat(PAYLOAD_BYTES);

/**
 * Microseconds on CLOCK_MONOTONIC (process.hrtime), which every process on this machine shares, so a stamp
 * written by one worker can be subtracted from a clock read in another.
 */
export function nowUs(): number {
  const [s, ns] = process.hrtime();
  return s * 1e6 + Math.floor(ns / 1e3);
}

export function makePayload(sentAtUs: number, senderId: number): string {
  const head = `${MARKER}${String(sentAtUs).padStart(TIME_DIGITS, '0')}${String(senderId).padStart(SENDER_DIGITS, '0')}`;
  return head + PADDING.slice(head.length);
}

/** Decimal digits of buf[from, from+len) as a number; -1 if any byte is not a digit. */
export function readDigits(buf: Buffer, from: number, len: number): number {
  let n = 0;
  for (let i = from; i < from + len; i++) {
    const d = (buf[i] ?? 0) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

export const TIME_LEN = TIME_DIGITS;
export const SENDER_LEN = SENDER_DIGITS;
