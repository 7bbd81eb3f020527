// Splits a byte stream into JSON frames. Accepts newline-delimited objects and back-to-back objects with no
// delimiter at all (classic KTN clients send that way), so it tracks brace depth and string/escape state
// instead of looking for newlines. Pure: no Node imports, usable by the server, the client and tests.
//
// It works on bytes, not characters: every byte of a multi-byte UTF-8 sequence is >= 0x80, so it can never be
// mistaken for a brace, quote or backslash, and a character split across two chunks is decoded whole once the
// frame is complete.

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;

enum Mode {
  /** Between frames: whitespace is skipped. */
  Between,
  /** Inside an object or array: ends when depth returns to 0. */
  Nested,
  /** A top-level string: ends at its closing quote. */
  TopString,
  /** Anything else at the top level (a bare word, a number, a typed line): ends at a newline or a `{`. */
  Bare,
  /** A frame grew past the limit; the decoder accepts nothing more. */
  Failed,
}

export interface FrameSink {
  /** A complete frame's text (not yet parsed: it may still be malformed JSON). */
  frame(text: string): void;
  /** A frame passed the byte limit; no further frames will be emitted. */
  tooLarge(bytes: number): void;
}

function isWhitespace(b: number): boolean {
  return b === 0x20 || b === NEWLINE || b === 0x0d || b === 0x09;
}

const encoder = new TextEncoder();
// Never used in streaming mode (frames are decoded whole), so one instance serves every decoder.
const decoder = new TextDecoder('utf-8');

export class FrameDecoder {
  private mode = Mode.Between;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /**
   * Bytes of the current frame that arrived in earlier chunks, copied into one buffer that grows by doubling.
   * Never a view of a chunk: a TLS peer can send a frame as thousands of one-byte records, and a view of each
   * would keep its record's whole allocation (and an object per part) alive, many times the frame's size.
   */
  private partial: Uint8Array | null = null;
  private partialBytes = 0;

  /** `limit` is the largest frame accepted now; the owner may raise or lower it between chunks. */
  constructor(public limit: number) {}

  /** True once a frame was too large; the owner should close the stream. */
  get failed(): boolean {
    return this.mode === Mode.Failed;
  }

  /** True when a frame has started but not finished. */
  get midFrame(): boolean {
    return this.mode !== Mode.Between && this.mode !== Mode.Failed;
  }

  push(chunk: Uint8Array | string, sink: FrameSink): void {
    if (this.mode === Mode.Failed) return;
    const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
    let start = this.mode === Mode.Between ? -1 : 0;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i] as number;
      switch (this.mode) {
        case Mode.Between:
          if (isWhitespace(b)) continue;
          start = i;
          if (b === OPEN_BRACE || b === OPEN_BRACKET) {
            this.mode = Mode.Nested;
            this.depth = 1;
          } else if (b === QUOTE) {
            this.mode = Mode.TopString;
            this.inString = true;
          } else {
            this.mode = Mode.Bare;
          }
          break;
        case Mode.Nested:
          if (this.inString) {
            this.scanString(b);
          } else if (b === QUOTE) {
            this.inString = true;
          } else if (b === OPEN_BRACE || b === OPEN_BRACKET) {
            this.depth++;
          } else if ((b === CLOSE_BRACE || b === CLOSE_BRACKET) && --this.depth === 0) {
            if (!this.emit(bytes, start, i + 1, sink)) return;
          }
          break;
        case Mode.TopString:
          this.scanString(b);
          if (!this.inString && !this.emit(bytes, start, i + 1, sink)) return;
          break;
        case Mode.Bare:
          if (b === NEWLINE) {
            if (!this.emit(bytes, start, i, sink)) return;
          } else if (b === OPEN_BRACE) {
            if (!this.emit(bytes, start, i, sink)) return;
            i--; // the brace starts the next frame
          }
          break;
      }
      if (this.midFrame && this.pendingBytes(i + 1 - start) > this.limit) {
        this.fail(this.pendingBytes(i + 1 - start), sink);
        return;
      }
    }
    if (this.midFrame && start >= 0 && start < bytes.length) this.keep(bytes.subarray(start));
  }

  /** Bytes held for the unfinished frame (what it costs the owner, give or take the buffer's doubling). */
  get heldBytes(): number {
    return this.partial?.length ?? 0;
  }

  /** Copy the unfinished frame's next bytes: the caller may reuse its buffer, and a view would pin it. */
  private keep(rest: Uint8Array): void {
    const needed = this.partialBytes + rest.length;
    if (!this.partial || this.partial.length < needed) {
      const doubled = Math.min(Math.max(2 * (this.partial?.length ?? 0), 256), this.limit);
      const grown = new Uint8Array(Math.max(needed, doubled));
      if (this.partial) grown.set(this.partial.subarray(0, this.partialBytes));
      this.partial = grown;
    }
    this.partial.set(rest, this.partialBytes);
    this.partialBytes = needed;
  }

  private scanString(b: number): void {
    if (this.escaped) this.escaped = false;
    else if (b === BACKSLASH) this.escaped = true;
    else if (b === QUOTE) this.inString = false;
  }

  private pendingBytes(inThisChunk: number): number {
    return this.partialBytes + inThisChunk;
  }

  /** Emit the frame ending at `end` (exclusive); returns false if it was too large. */
  private emit(bytes: Uint8Array, start: number, end: number, sink: FrameSink): boolean {
    const length = this.partialBytes + (end - start);
    if (length > this.limit) {
      this.fail(length, sink);
      return false;
    }
    let text: string;
    if (this.partial) {
      this.keep(bytes.subarray(start, end));
      text = decoder.decode(this.partial.subarray(0, length));
      this.partial = null;
      this.partialBytes = 0;
    } else {
      text = decoder.decode(bytes.subarray(start, end));
    }
    this.mode = Mode.Between;
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
    const trimmed = text.trim();
    if (trimmed !== '') sink.frame(trimmed);
    return true;
  }

  private fail(bytes: number, sink: FrameSink): void {
    this.mode = Mode.Failed;
    this.partial = null;
    this.partialBytes = 0;
    sink.tooLarge(bytes);
  }
}
