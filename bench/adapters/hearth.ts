// A Hearth load client: account login (never guest login, whose writes the server paces for classic
// clients), room messages with a client id, and a count of `error` responses.
import { BenchConnection } from './connection';

const ERROR_TOKEN = Buffer.from('"error"');
const REFUSED_TOKEN = Buffer.from('"rate_limited"');

export class HearthConnection extends BenchConnection {
  protected greeting(): string {
    return `${JSON.stringify({ request: 'login', content: { username: this.name, password: this.password } })}\n`;
  }

  protected onHandshakeLine(line: string): boolean {
    if (!line.trim()) return false;
    const res = JSON.parse(line) as { response?: string; content?: unknown };
    if (res.response === 'login') return true;
    if (res.response === 'error') throw new Error(`login refused: ${String(res.content)}`);
    return false;
  }

  protected frame(payload: string, seq: number): string {
    return `{"request":"msg","content":{"text":"${payload}","cid":"${this.id}-${seq}","to":"${this.room ?? 'room'}"}}\n`;
  }

  protected probe(): string {
    return '{"request":"ping"}\n';
  }

  /** The end of the previous chunk, in case a refusal's code was split between two reads. */
  private tail: Buffer | null = null;

  protected inspect(chunk: Buffer): void {
    this.countRefusals(chunk);
    const at = chunk.indexOf(ERROR_TOKEN);
    if (at < 0) return;
    const lineStart = chunk.lastIndexOf(10, at) + 1;
    const lineEnd = chunk.indexOf(10, at);
    this.tally.noteError(chunk.subarray(lineStart, lineEnd < 0 ? chunk.length : lineEnd).toString('utf8'));
  }

  private countRefusals(chunk: Buffer): void {
    const keep = REFUSED_TOKEN.length - 1;
    const text = this.tail ? Buffer.concat([this.tail, chunk]) : chunk;
    for (let at = text.indexOf(REFUSED_TOKEN); at >= 0; at = text.indexOf(REFUSED_TOKEN, at + 1)) {
      if (this.tally.counting) this.tally.refused++;
    }
    this.tail = Buffer.from(text.subarray(Math.max(0, text.length - keep)));
  }
}
