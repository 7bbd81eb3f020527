// Registrations per address per hour. Each one costs a bcrypt hash and a row for good, so one address may not
// make accounts without end; loopback may be exempt, like the address cap (the host's own processes, tunnels).
import { isLoopback } from './address-cap';

const HOUR_MS = 3600_000;
/** Addresses remembered at once; the least recently seen are forgotten first. */
const MAX_ADDRESSES = 100_000;

export class RegistrationLimit {
  /** Per address: when its current hour began, and how many registrations it started in it. */
  private readonly windows = new Map<string, { since: number; count: number }>();

  constructor(
    private readonly perHour: number,
    private readonly loopbackExempt: boolean,
  ) {}

  /** Milliseconds until this address may register again; 0 = go ahead (and it is counted). */
  take(address: string, now: number): number {
    if (this.perHour <= 0 || (this.loopbackExempt && isLoopback(address))) return 0;
    let window = this.windows.get(address);
    if (!window || now - window.since >= HOUR_MS) window = { since: now, count: 0 };
    this.windows.delete(address);
    this.windows.set(address, window);
    if (this.windows.size > MAX_ADDRESSES) {
      const oldest = this.windows.keys().next().value;
      if (oldest !== undefined) this.windows.delete(oldest);
    }
    if (window.count >= this.perHour) return window.since + HOUR_MS - now;
    window.count++;
    return 0;
  }
}
