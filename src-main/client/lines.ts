// Cuts what a room sends into lines. docs/protocol.md § Framing: a room writes one JSON object per line, so
// the client splits on newlines only (not on brace depth as the room does for classic clients): a broken
// line from a hostile room then costs that line, instead of swallowing everything after an unclosed `{`.
const NEWLINE = 0x0a;

export interface LineSink {
  line(text: string): void;
  /** A line grew past the limit; nothing more is cut from this stream. */
  tooLarge(bytes: number): void;
}

export class LineDecoder {
  /** Bytes of the current line that arrived in earlier chunks. */
  private parts: Buffer[] = [];
  private bytes = 0;
  private failed = false;

  constructor(private readonly maxLineBytes: number) {}

  push(chunk: Buffer, sink: LineSink): void {
    let start = 0;
    while (!this.failed) {
      const end = chunk.indexOf(NEWLINE, start);
      const piece = chunk.subarray(start, end < 0 ? chunk.length : end);
      if (this.bytes + piece.length > this.maxLineBytes) {
        this.failed = true;
        this.parts = [];
        sink.tooLarge(this.bytes + piece.length);
        return;
      }
      if (end < 0) {
        // Copied, so a short tail does not keep the whole chunk alive.
        if (piece.length > 0) this.parts.push(Buffer.from(piece));
        this.bytes += piece.length;
        return;
      }
      const whole = this.parts.length > 0 ? Buffer.concat([...this.parts, piece]) : piece;
      this.parts = [];
      this.bytes = 0;
      start = end + 1;
      const text = whole.toString('utf8');
      if (text.trim() !== '') sink.line(text);
    }
  }
}
