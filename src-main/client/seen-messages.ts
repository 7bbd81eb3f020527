// Remembers which stored messages the user already has, so that live pushes, resume pages and acks of
// our own sends together yield every message exactly once and in order.
//
// The server assigns ids in commit order and writes a connection's pushes in that order, so the ids
// that arrive through the stream (pushes, resume pages) only grow: the highest one is a watermark that
// `resume {since}` can start from. Acks are different: an ack names the id of our own message, which
// can be above messages still on their way to us, so an acked id must not move the watermark — it is
// only remembered, so that the same message arriving later through the stream is not shown twice.

export class SeenMessages {
  private watermark: number;
  private readonly ackedAbove = new Set<number>();

  constructor(since = 0) {
    this.watermark = since;
  }

  /** The id to resume from: every message up to here has been seen. */
  get since(): number {
    return this.watermark;
  }

  /**
   * A message arrived through the ordered stream. Returns true when it is new to the user.
   * Moves the watermark.
   */
  acceptStreamed(id: number): boolean {
    if (id <= this.watermark) return false;
    this.watermark = id;
    const acked = this.ackedAbove.delete(id);
    for (const ackedId of this.ackedAbove) if (ackedId <= id) this.ackedAbove.delete(ackedId);
    return !acked;
  }

  /** Our own send was stored as `id`. Returns true when the user has not seen it yet. */
  acceptAcked(id: number): boolean {
    if (id <= this.watermark || this.ackedAbove.has(id)) return false;
    this.ackedAbove.add(id);
    return true;
  }

  /** Start over from `since` (a new login: the server's view of "now"). */
  reset(since: number): void {
    this.watermark = since;
    this.ackedAbove.clear();
  }
}
