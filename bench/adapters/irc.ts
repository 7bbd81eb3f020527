// An IRC load client: NICK/USER registration; then, when given operator credentials ("name password"),
// OPER and user mode +F (the server's relaxed flood protection); JOIN #room, PRIVMSG #room; answers PINGs.
import { BenchConnection } from './connection';

export const IRC_CHANNEL = '#room';
const PING = Buffer.from('PING :');
const ERROR = Buffer.from('ERROR :');
/** Nick in use or invalid, channel full or banned, wrong oper password, no oper block for this host, unknown mode. */
const REFUSALS = new Set(['432', '433', '464', '471', '474', '491', '501']);

export class IrcConnection extends BenchConnection {
  private joined = false;

  private get channel(): string {
    return this.room ?? IRC_CHANNEL;
  }

  protected greeting(): string {
    return `NICK ${this.name}\r\nUSER ${this.name} 0 * :bench\r\n`;
  }

  protected onHandshakeLine(line: string): boolean {
    const [prefix, code] = line.split(' ', 3);
    if (prefix === 'PING') {
      this.write(`PONG ${line.slice(5)}\r\n`);
      return false;
    }
    if (prefix === 'ERROR') throw new Error(line);
    if (code === '001' && !this.joined) {
      this.joined = true;
      const relax = this.password ? `OPER ${this.password}\r\nMODE ${this.name} +F\r\n` : '';
      this.write(`${relax}JOIN ${this.channel}\r\n`);
    }
    if (REFUSALS.has(code ?? '')) throw new Error(line);
    return code === '366';
  }

  protected frame(payload: string): string {
    return `PRIVMSG ${this.channel} :${payload}\r\n`;
  }

  protected probe(): string {
    return 'PING :probe\r\n';
  }

  protected inspect(chunk: Buffer): void {
    const ping = chunk.indexOf(PING);
    if (ping >= 0) {
      const end = chunk.indexOf(13, ping);
      this.write(`PONG :${chunk.subarray(ping + PING.length, end < 0 ? chunk.length : end).toString()}\r\n`);
    }
    const error = chunk.indexOf(ERROR);
    if (error >= 0) this.tally.noteError(chunk.subarray(error, error + 200).toString());
  }
}
