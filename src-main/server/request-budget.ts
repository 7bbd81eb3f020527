// A connection's request rate budget: a token bucket, and the count of rejections in a row that ends a flood.
import type { ResolvedOptions } from './options';

export class RequestBudget {
  private tokens: number;
  private tokensAt: number;
  private rejectedInARow = 0;

  constructor(
    private readonly options: ResolvedOptions,
    now: number,
  ) {
    this.tokens = options.requestBurst;
    this.tokensAt = now;
  }

  /** Take one request from the budget. Returns 'ok', 'limited' (answer with an error) or 'flood' (close). */
  take(now: number): 'ok' | 'limited' | 'flood' {
    const rate = this.options.requestRate;
    if (rate <= 0) return 'ok';
    const burst = this.options.requestBurst;
    this.tokens = Math.min(burst, this.tokens + ((now - this.tokensAt) * rate) / 1000);
    this.tokensAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      this.rejectedInARow = 0;
      return 'ok';
    }
    this.rejectedInARow++;
    return this.rejectedInARow > this.options.floodDisconnectAfter ? 'flood' : 'limited';
  }
}
