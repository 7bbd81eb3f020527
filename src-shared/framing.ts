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
  /** Bytes of the current frame that arrived in earlier chunks. */
  private parts: Uint8Array[] | null = null;
  private partsBytes = 0;

  constructor(private readonly maxFrameBytes: number) {}

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
      if (this.midFrame && this.pendingBytes(i + 1 - start) > this.maxFrameBytes) {
        this.fail(this.pendingBytes(i + 1 - start), sink);
        return;
      }
    }
    if (this.midFrame && start >= 0 && start < bytes.length) {
      // The frame continues in the next chunk; keep a copy, since the caller may reuse its buffer.
      const rest = bytes.slice(start);
      if (this.parts) this.parts.push(rest);
      else this.parts = [rest];
      this.partsBytes += rest.length;
    }
  }

  private scanString(b: number): void {
    if (this.escaped) this.escaped = false;
    else if (b === BACKSLASH) this.escaped = true;
    else if (b === QUOTE) this.inString = false;
  }

  private pendingBytes(inThisChunk: number): number {
    return this.partsBytes + inThisChunk;
  }

  /** Emit the frame ending at `end` (exclusive); returns false if it was too large. */
  private emit(bytes: Uint8Array, start: number, end: number, sink: FrameSink): boolean {
    const length = this.partsBytes + (end - start);
    if (length > this.maxFrameBytes) {
      this.fail(length, sink);
      return false;
    }
    let text: string;
    if (this.parts) {
      const whole = new Uint8Array(length);
      let at = 0;
      for (const part of this.parts) {
        whole.set(part, at);
        at += part.length;
      }
      whole.set(bytes.subarray(start, end), at);
      text = decoder.decode(whole);
      this.parts = null;
      this.partsBytes = 0;
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
    this.parts = null;
    this.partsBytes = 0;
    sink.tooLarge(bytes);
  }
}
