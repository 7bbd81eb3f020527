// Room ids every node agrees on (docs/cluster.md § Shared state): a room is created synchronously, as in the
// single room, so each node keeps a few ids taken from PostgreSQL's `room_ids` sequence ahead of need and
// takes more in the background when it runs low. An id taken and never used leaves a hole, which is harmless.
import type { Pool } from 'pg';

const BATCH = 16;
const LOW = 4;

export class RoomIds {
  private readonly ready: number[] = [];
  private filling: Promise<void> | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly log: (line: string) => void,
  ) {}

  /** Takes ids until BATCH are ready; the first call is awaited before the node opens. */
  fill(): Promise<void> {
    this.filling ??= this.pool
      .query<{ id: string }>('SELECT nextval($1) AS id FROM generate_series(1, $2)', ['room_ids', BATCH])
      .then(({ rows }) => {
        for (const row of rows) this.ready.push(Number(row.id));
      })
      .finally(() => {
        this.filling = null;
      });
    return this.filling;
  }

  /** The next id; throws (the request fails, nothing is created) if PostgreSQL has been unreachable too long. */
  take(): number {
    const id = this.ready.shift();
    if (this.ready.length < LOW)
      this.fill().catch((error: Error) => this.log(`error reserving room ids: ${error.message}`));
    if (id === undefined) throw new Error('no room id reserved: the shared database is unreachable');
    return id;
  }
}
