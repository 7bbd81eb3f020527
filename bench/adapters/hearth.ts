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

  /** The last bytes of the previous chunk, fewer than a token's length: a token split between two reads. */
  private tail: Buffer | null = null;

  /**
   * Each chunk is scanned in place, once per token; only the seam with the previous chunk (under 2 tokens'
   * length) is copied. Copying every chunk to join it with the seam cost the generator a copy of every byte
   * the server sent, which the IRC client does not pay: at saturation the generator's core was the limit.
   */
  protected inspect(chunk: Buffer): void {
    const keep = REFUSED_TOKEN.length - 1;
    const tail = this.tail;
    this.tail = Buffer.from(chunk.subarray(Math.max(0, chunk.length - keep)));
    if (this.tally.counting) {
      this.tally.refused += count(chunk, REFUSED_TOKEN) + (tail ? across(tail, chunk, REFUSED_TOKEN) : 0);
    }
    if (tail && across(tail, chunk, ERROR_TOKEN) > 0) this.tally.noteError('(an error split between reads)');
    const at = chunk.indexOf(ERROR_TOKEN);
    if (at < 0) return;
    const lineStart = chunk.lastIndexOf(10, at) + 1;
    const lineEnd = chunk.indexOf(10, at);
    this.tally.noteError(chunk.subarray(lineStart, lineEnd < 0 ? chunk.length : lineEnd).toString('utf8'));
  }
}

/** Occurrences of `token` that start in `before` and end in `after` (neither holds one whole: too short). */
function across(before: Buffer, after: Buffer, token: Buffer): number {
  const reach = token.length - 1;
  const seam = Buffer.concat([before.subarray(Math.max(0, before.length - reach)), after.subarray(0, reach)]);
  return count(seam, token);
}

function count(buffer: Buffer, token: Buffer): number {
  let n = 0;
  for (let at = buffer.indexOf(token); at >= 0; at = buffer.indexOf(token, at + token.length)) n++;
  return n;
}
