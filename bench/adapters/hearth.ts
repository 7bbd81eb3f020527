// A Hearth load client: account login (never guest login, whose writes the server paces for classic
// clients), room messages with a client id, and a count of `error` responses.
import { BenchConnection } from './connection';

const ERROR_TOKEN = Buffer.from('"error"');

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

  protected inspect(chunk: Buffer): void {
    const at = chunk.indexOf(ERROR_TOKEN);
    if (at < 0) return;
    const lineStart = chunk.lastIndexOf(10, at) + 1;
    const lineEnd = chunk.indexOf(10, at);
    this.tally.noteError(chunk.subarray(lineStart, lineEnd < 0 ? chunk.length : lineEnd).toString('utf8'));
  }
}
