// The login throttles shared by the nodes (docs/cluster.md § Login throttles): each failure and success a
// node's throttles see is NOTIFYed on THROTTLE_CHANNEL, and every other node counts it in its own throttle
// of the same kind (by account name, by address), so guesses spread over the nodes are slowed as if they
// all came to one. A node that was not listening meanwhile misses those, which only lets a few more
// guesses through there, never locks anyone out.
import type { Pool } from 'pg';
import type { ServerContext } from '../context';

export const THROTTLE_CHANNEL = 'hearth_throttle';

type Kind = keyof ServerContext['throttles'];
const KINDS: readonly Kind[] = ['account', 'address'];

export class SharedThrottles {
  constructor(
    private readonly pool: Pool,
    private readonly node: string,
    private readonly throttles: ServerContext['throttles'],
    private readonly log: (line: string) => void,
  ) {
    for (const kind of KINDS) {
      throttles[kind].onOutcome = (key, failed) => {
        const payload = JSON.stringify([node, kind, key, failed]);
        this.pool
          .query('SELECT pg_notify($1, $2)', [THROTTLE_CHANNEL, payload])
          .catch((error: Error) =>
            log(`error sharing a login ${failed ? 'failure' : 'success'}: ${error.message}`),
          );
      };
    }
  }

  /** Another node's (or this node's own, which is skipped) failure or success. */
  notified(payload: string): void {
    let parsed: [string, Kind, string, boolean];
    try {
      parsed = JSON.parse(payload) as [string, Kind, string, boolean];
    } catch {
      this.log(`ignoring a malformed login throttle notification (${payload.length} bytes)`);
      return;
    }
    const [node, kind, key, failed] = parsed;
    if (node === this.node || !KINDS.includes(kind) || typeof key !== 'string') return;
    const throttle = this.throttles[kind];
    if (!failed) {
      throttle.succeededElsewhere(key);
      return;
    }
    const wait = throttle.failedElsewhere(key, Date.now());
    if (wait > 0) this.log(`login throttle: ${kind} "${key}" waits ${wait} ms after a failure on ${node}`);
  }
}
