// One hostile client: connects (often logging in first, as a guest or to a fuzz account, so that the handlers
// behind login get fuzzed too), pours fuzz frames into the server, tallies whatever comes back, and hangs up
// at random moments (cleanly, abruptly, mid-frame, or after waiting for the answers) before coming back.
//
// It runs the same frame decoder as the server over its own output, so it knows exactly how many frames the
// server's decoder hands on ("dispatched") and when a broken frame has left the stream mid-object: from there
// on every later byte would be swallowed into that object. Then it usually sends a resync tail that closes
// whatever is open (see resyncTail), sometimes hangs up, and sometimes just carries on regardless.
import type { Socket } from 'node:net';
import { FrameDecoder, type FrameSink } from '../src-shared/framing';
import { FUZZ_ACCOUNTS, FUZZ_PASSWORD } from './cast';
import { dial, type Endpoint } from './dial';
import { FRAME_KINDS, type FrameKind, type FuzzFrame, randomDelimiter } from './frames';
import type { Random } from './random';
import { readServerLines } from './response-reader';

export interface FuzzTally {
  framesSent: number;
  /** Frames the server's decoder emits for what was sent (computed with the same decoder). */
  framesDispatched: number;
  bytesSent: number;
  framesByKind: Record<FrameKind, number>;
  responsesByType: Map<string, number>;
  errorsByCode: Map<string, number>;
  /** Lines from the server that were not JSON objects: a protocol violation if ever non-zero. */
  brokenLines: string[];
  connections: number;
  openSockets: number;
  /** Connections that logged in before fuzzing: as a guest, or with a fuzz account's password. */
  guestLogins: number;
  accountLogins: number;
  /** Oversized frames after which the server closed the connection, did not (a bug), or not yet. */
  closedAfterOversize: number;
  oversizeLeftOpen: number;
  oversizePending: number;
  slowestOversizeCloseMs: number;
  /** Connections the server closed while the fuzzer was still sending (flood limit, timeouts). */
  closedByServer: number;
  hangUps: number;
  connectFailures: number;
}

export function emptyTally(): FuzzTally {
  return {
    framesSent: 0,
    framesDispatched: 0,
    bytesSent: 0,
    framesByKind: Object.fromEntries(FRAME_KINDS.map((kind) => [kind, 0])) as Record<FrameKind, number>,
    responsesByType: new Map(),
    errorsByCode: new Map(),
    brokenLines: [],
    connections: 0,
    openSockets: 0,
    guestLogins: 0,
    accountLogins: 0,
    closedAfterOversize: 0,
    oversizeLeftOpen: 0,
    oversizePending: 0,
    slowestOversizeCloseMs: 0,
    closedByServer: 0,
    hangUps: 0,
    connectFailures: 0,
  };
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

export interface FuzzConnectionOptions {
  /** The TLS port or the plaintext classic port; on the classic port only nickname logins are allowed. */
  endpoint: Endpoint;
  rng: Random;
  nextFrame: () => FuzzFrame;
  maxFrameBytes: number;
  /** Claims one frame of the run's budget; false once the budget is spent. */
  claimFrame: () => boolean;
  tally: FuzzTally;
  /** Open fuzz connections allowed at once, over all lanes. */
  maxOpenSockets: number;
  /** True once the run is over for other reasons (the server died, a stall): stop reconnecting. */
  aborted: () => boolean;
}

type Ending = 'server' | 'budget' | 'hang_up' | 'too_large' | 'no_connect';

const RETRY_CONNECT_MS = 50;
const WAIT_FOR_SOCKETS_MS = 5;
/** After our FIN, how long the server may take to close its side before we cut the connection. */
const CLOSE_GRACE_MS = 2000;
/** When lingering for answers: hang up after this much silence, or this long in all. */
const LINGER_QUIET_MS = 60;
const LINGER_MAX_MS = 1500;
/**
 * After an oversized frame the server must close the connection within this time. Generous, because a connection
 * that waits for a password hash reads nothing meanwhile, and hashes queue up when fuzz frames register a lot.
 */
const OVERSIZE_CLOSE_MS = 30_000;

/** Runs connections one after another until the frame budget is spent. */
export async function fuzzUntilBudgetSpent(options: FuzzConnectionOptions): Promise<void> {
  while (!options.aborted()) {
    // Connections finishing in the background count too: without a cap the lanes would open connections
    // faster than a busy server accepts them, and measure the kernel's accept queue instead of the server.
    while (options.tally.openSockets >= options.maxOpenSockets && !options.aborted()) {
      await new Promise((resolve) => setTimeout(resolve, WAIT_FOR_SOCKETS_MS));
    }
    const ending = await oneConnection(options);
    if (ending === 'budget') return;
    if (ending === 'no_connect') await new Promise((resolve) => setTimeout(resolve, RETRY_CONNECT_MS));
  }
}

/**
 * Bytes that bring a decoder that is mid-frame back to between frames, found by feeding them to the local copy
 * one at a time. A newline ends a bare word; then runs of closing braces, doubling in length, separated by
 * quotes: each quote flips in/out of a string, so some run lands outside every string and closes the depth.
 */
function resyncTail(local: FrameDecoder, sink: FrameSink): Buffer {
  const tail: number[] = [];
  const feed = (byte: number) => {
    tail.push(byte);
    local.push(Uint8Array.of(byte), sink);
    return !local.midFrame;
  };
  if (feed(0x0a)) return Buffer.from(tail);
  for (let run = 1; !local.failed; run *= 2) {
    if (feed(0x22)) break;
    let closed = false;
    for (let i = 0; i < run && !closed && !local.failed; i++) closed = feed(0x7d);
    if (closed) break;
  }
  return Buffer.from(tail);
}

function guestLogin(rng: Random): unknown {
  return { request: 'login', content: { username: `fz${rng.int(0, 1e9)}`, guest: true } };
}

function classicLogin(rng: Random): unknown {
  return { request: 'login', content: `fz${rng.int(0, 1e9)}` };
}

function accountLogin(rng: Random): unknown {
  return { request: 'login', content: { username: rng.pick(FUZZ_ACCOUNTS), password: FUZZ_PASSWORD } };
}

/**
 * One connection. Resolves as soon as the lane may open the next one: a hang-up or an oversized frame finishes
 * in the background (its answers are still tallied), so that waiting for the server never idles the fuzzer.
 */
function oneConnection(options: FuzzConnectionOptions): Promise<Ending> {
  const { rng, tally } = options;
  // Most connections stay within the server's burst allowance, so their frames are parsed and handled;
  // some keep going past it to exercise the flood limit.
  const hangUpAfter = rng.int(1, rng.chance(0.9) ? 50 : 250);
  // Before fuzzing: nothing (the pre-login checks get fuzzed), a guest login (room handlers), or, more rarely
  // because the password check costs the server ~0.1 s, a real account (friends and direct messages). The
  // classic port takes nickname logins only. The login is not waited for: a connection's frames are handled
  // in order.
  const roll = rng.next();
  const classicPort = options.endpoint.fingerprint === null;
  let login: unknown = null;
  if (roll >= 0.4 && (roll < 0.97 || classicPort)) {
    login = classicPort ? classicLogin(rng) : guestLogin(rng);
    tally.guestLogins += 1;
  } else if (roll >= 0.97) {
    login = accountLogin(rng);
    tally.accountLogins += 1;
  }
  const local = new FrameDecoder(options.maxFrameBytes);
  const countDispatched: FrameSink = {
    frame: () => {
      tally.framesDispatched += 1;
    },
    tooLarge: () => {},
  };

  return new Promise((resolve) => {
    let ready = false;
    const socket: Socket = dial(options.endpoint, () => {
      ready = true;
      tally.connections += 1;
      socket.setNoDelay(true);
      if (login) socket.write(`${JSON.stringify(login)}\n`);
      pump();
    });
    tally.openSockets += 1;
    let ending: Ending | undefined;
    let sentHere = 0;
    let lastHeardAt = Date.now();
    let oversizeTimer: NodeJS.Timeout | undefined;
    let oversizeAt = 0;

    readServerLines(
      socket,
      (object) => {
        lastHeardAt = Date.now();
        const type = typeof object.response === 'string' ? object.response : `(${typeof object.response})`;
        bump(tally.responsesByType, type);
        if (type === 'error')
          bump(tally.errorsByCode, typeof object.code === 'string' ? object.code : '(none)');
      },
      (line) => {
        if (tally.brokenLines.length < 20) tally.brokenLines.push(line.slice(0, 300));
      },
    );
    socket.on('error', () => {
      // ECONNRESET and friends are expected: the server hangs up on bad clients, and so do we.
      if (!ready) {
        ending ??= 'no_connect';
        tally.connectFailures += 1;
      }
    });
    socket.on('close', () => {
      tally.openSockets -= 1;
      if (oversizeTimer) {
        clearTimeout(oversizeTimer);
        tally.oversizePending -= 1;
        tally.closedAfterOversize += 1;
        tally.slowestOversizeCloseMs = Math.max(tally.slowestOversizeCloseMs, Date.now() - oversizeAt);
      }
      if (!ending) {
        ending = 'server';
        tally.closedByServer += 1;
      }
      resolve(ending);
    });

    const endGracefully = () => {
      socket.end();
      setTimeout(() => socket.destroy(), CLOSE_GRACE_MS).unref();
    };

    const linger = (started: number) => {
      if (socket.destroyed) return;
      const now = Date.now();
      if (now - lastHeardAt >= LINGER_QUIET_MS || now - started >= LINGER_MAX_MS) endGracefully();
      else setTimeout(() => linger(started), LINGER_QUIET_MS).unref();
    };

    const hangUp = () => {
      ending ??= 'hang_up';
      tally.hangUps += 1;
      const how = rng.next();
      if (how < 0.9) resolve(ending);
      // A clean end lets the server read everything first; an abrupt reset may throw unread frames away.
      if (how < 0.5) {
        endGracefully();
      } else if (how < 0.65) {
        socket.destroy();
      } else if (how < 0.9) {
        // Half a frame, then gone: the server must drop the partial frame with the connection.
        const frame = options.nextFrame().bytes;
        socket.write(frame.subarray(0, rng.int(0, frame.length)), () => socket.destroy());
      } else {
        // Waiting for the answers is slow (classic connections get them paced), so only sometimes.
        lastHeardAt = Date.now();
        linger(Date.now());
      }
    };

    /** The server must answer frame_too_large and close; the lane moves on while that is checked. */
    const afterOversize = () => {
      ending = 'too_large';
      oversizeAt = Date.now();
      tally.oversizePending += 1;
      oversizeTimer = setTimeout(() => {
        oversizeTimer = undefined;
        tally.oversizePending -= 1;
        tally.oversizeLeftOpen += 1;
        socket.destroy();
      }, OVERSIZE_CLOSE_MS);
      resolve(ending);
    };

    /** Now and then a frame arrives in two pieces, each in its own segment; pumping resumes after. */
    const writeInPieces = (data: Buffer): 'later' => {
      const cut = rng.int(1, Math.max(1, data.length - 1));
      socket.write(data.subarray(0, cut));
      setTimeout(() => {
        if (socket.destroyed) return;
        socket.write(data.subarray(cut));
        pump();
      }, 1);
      return 'later';
    };

    const pump = () => {
      while (!ending && !socket.destroyed) {
        if (sentHere >= hangUpAfter) return hangUp();
        if (options.aborted() || !options.claimFrame()) {
          ending = 'budget';
          return linger(Date.now());
        }
        const frame = options.nextFrame();
        const bytes = Buffer.concat([frame.bytes, Buffer.from(randomDelimiter(rng))]);
        tally.framesSent += 1;
        tally.framesByKind[frame.kind] += 1;
        sentHere += 1;
        local.push(bytes, countDispatched);
        let out = bytes;
        let hangUpNow = false;
        // Left mid-object: everything after would be swallowed into it. Usually close it, or hang up.
        if (local.midFrame) {
          const roll = rng.next();
          if (roll < 0.1) hangUpNow = true;
          else if (roll < 0.95) out = Buffer.concat([bytes, resyncTail(local, countDispatched)]);
        }
        tally.bytesSent += out.length;
        const flushed = rng.chance(0.05) ? writeInPieces(out) : socket.write(out);
        if (hangUpNow) return hangUp();
        if (local.failed) return afterOversize();
        if (flushed === 'later') return;
        if (!flushed) {
          socket.once('drain', pump);
          return;
        }
        // Yield now and then so that answers are read while we write.
        if (sentHere % 16 === 0) {
          setImmediate(pump);
          return;
        }
      }
    };
  });
}
