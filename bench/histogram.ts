// A log-bucketed latency histogram (HDR-like): exact below 64 µs, then 32 sub-buckets per power of two, so
// every recorded value is kept to within ~3% in under 1,000 counters. Workers ship the counts array to the
// coordinator, which merges them; nothing ever holds one number per delivery.
const SUB_BITS = 5;
const SUB = 1 << SUB_BITS;
const LINEAR = SUB * 2;
const MAX_MSB = 31;
const BUCKETS = LINEAR + (MAX_MSB - SUB_BITS) * SUB;

function bucketOf(us: number): number {
  if (us < LINEAR) return us < 0 ? 0 : us | 0;
  const v = us >= 2 ** 31 ? 2 ** 31 - 1 : us | 0;
  const msb = 31 - Math.clz32(v);
  const shift = msb - SUB_BITS;
  return LINEAR + (msb - SUB_BITS - 1) * SUB + ((v >> shift) - SUB);
}

/** The smallest value that lands in bucket `b`. */
function lowerBound(b: number): number {
  if (b < LINEAR) return b;
  const k = b - LINEAR;
  const msb = Math.floor(k / SUB) + SUB_BITS + 1;
  return (SUB + (k % SUB)) * 2 ** (msb - SUB_BITS);
}

export class Histogram {
  readonly counts: Float64Array;
  count = 0;
  max = 0;
  sum = 0;

  constructor() {
    this.counts = new Float64Array(BUCKETS);
  }

  record(us: number): void {
    const b = bucketOf(us);
    this.counts[b] = (this.counts[b] as number) + 1;
    this.count++;
    this.sum += us;
    if (us > this.max) this.max = us;
  }

  merge(other: { counts: ArrayLike<number>; max: number; sum: number; count: number }): void {
    for (let i = 0; i < BUCKETS; i++) this.counts[i] = (this.counts[i] as number) + (other.counts[i] ?? 0);
    this.count += other.count;
    this.sum += other.sum;
    if (other.max > this.max) this.max = other.max;
  }

  /** Value at quantile q (0..1), reported as the upper edge of its bucket so it never understates. */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    const target = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let b = 0; b < BUCKETS; b++) {
      seen += this.counts[b] ?? 0;
      if (seen >= target) return Math.min(b + 1 < BUCKETS ? lowerBound(b + 1) - 1 : this.max, this.max);
    }
    return this.max;
  }

  reset(): void {
    this.counts.fill(0);
    this.count = 0;
    this.max = 0;
    this.sum = 0;
  }

  toJSON(): { counts: number[]; max: number; sum: number; count: number } {
    return { counts: Array.from(this.counts), max: this.max, sum: this.sum, count: this.count };
  }
}
