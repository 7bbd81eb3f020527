// The Hearth chat server: its listeners, its connections, one sweep for timeouts, and the SQLite store.
import type { Socket } from 'node:net';
import type { AccountDirectory } from './account-directory';
import { Admission } from './admission';
import { CallRegistry } from './calls/call-registry';
import { CallRelay } from './calls/relay';
import { RelayCredentials } from './calls/relay-credentials';
import { loadOrCreateCertificate } from './certificate';
import type { ServerContext } from './context';
import { makeDefaultOwner } from './default-owner';
import { Transfers } from './files/transfers';
import { FlushScheduler } from './flush-scheduler';
import { Listeners } from './listeners';
import { LoginThrottle } from './login-throttle';
import { MessageBatch } from './message-batch';
import { deliverTo, type MessageLog } from './message-log';
import { Online } from './online';
import { type ResolvedOptions, resolveOptions, type ServerOptions } from './options';
import { PasswordPool } from './password-pool';
import { Passwords } from './passwords';
import { localPresence } from './presence';
import { RateWindow } from './rate-window';
import { RegistrationLimit } from './registration-limit';
import { infoLine } from './responses';
import { RoomAudience } from './room-audience';
import { RoomConnections } from './room-connections';
import { RoomNotices } from './room-notices';

/** Profile changes per account per minute: each is pushed to everyone online (docs/protocol.md § Profiles). */
const PROFILE_CHANGES_PER_MINUTE = 20;

export type { ServerOptions } from './options';

export interface Listening {
  port: number;
  /** The unencrypted port for classic clients, when the room has one. */
  classicPort: number | null;
  /** SHA-256 of the room's certificate, `AB:CD:…`; null when TLS is off (tests, benchmarks). */
  fingerprint: string | null;
}

export interface ChatServer {
  /** Open the store and start listening; resolves with the bound ports (useful with port 0). */
  listen(): Promise<Listening>;
  /** Tell every client goodbye, close their sockets, stop listening and close the store. */
  close(): Promise<void>;
  address(): { host: string; port: number } | null;
  /** The host's own account owns the default room from now on (default-owner.ts); false: no such account. */
  setDefaultOwner(username: string): boolean;
  /** Calls going on and the relay's allocations and relayed bytes now (tests and the bench read them). */
  callStats(): { calls: number; allocations: number; relayedBytes: number };
  /** The host's public address now (its router maps the room), or null: the call relay advertises it. */
  setPublicAddress(address: string | null): void;
}

/** What exists while the room runs: from listen() until close(). */
interface Running {
  readonly ctx: ServerContext;
  readonly flushes: FlushScheduler;
  readonly connections: RoomConnections;
  readonly messages: MessageLog;
}

export function createChatServer(options: ServerOptions): ChatServer {
  const opts = resolveOptions(options);
  const admission = new Admission(opts);
  let running: Running | null = null;
  let sweepTimer: NodeJS.Timeout | null = null;
  let fileSweepTimer: NodeJS.Timeout | null = null;
  let closing: Promise<void> | null = null;

  const listeners = new Listeners(opts, admission, (socket: Socket, unencrypted: boolean) => {
    if (!running || closing || socket.destroyed) {
      socket.destroy();
      return;
    }
    if (admission.admit(socket, running.connections.size)) running.connections.accept(socket, unencrypted);
  });

  async function listen(): Promise<Listening> {
    if (running) throw new Error('already listening');
    const certificate = opts.tls ? await loadOrCreateCertificate(opts.dataDir) : null;
    if (certificate) listeners.setCertificate(certificate);
    const room = await startRoom(opts);
    running = room;
    let ports: { port: number; classicPort: number | null };
    try {
      ports = await listeners.bind();
    } catch (error) {
      await room.messages.close();
      await room.ctx.accounts.close();
      room.ctx.store.close();
      await room.ctx.passwords.close();
      running = null;
      throw error;
    }
    await startRelay(room.ctx, ports.port);
    sweepTimer = setInterval(() => room.connections.sweep(), opts.sweepIntervalMs);
    sweepTimer.unref();
    sweepFiles(room.ctx);
    fileSweepTimer = setInterval(() => sweepFiles(room.ctx), FILE_SWEEP_INTERVAL_MS);
    fileSweepTimer.unref();
    opts.log(
      `listening on ${opts.host}:${ports.port} (${certificate ? 'TLS' : 'plaintext'}, data: ${opts.dataDir}, guests ${opts.allowGuests ? 'allowed' : 'not allowed'})`,
    );
    if (certificate) opts.log(`certificate fingerprint (SHA-256): ${certificate.fingerprint}`);
    if (ports.classicPort !== null)
      opts.log(`classic port ${opts.host}:${ports.classicPort}: unencrypted, nickname logins only`);
    return { ...ports, fingerprint: certificate?.fingerprint ?? null };
  }

  async function shutdown(): Promise<void> {
    if (sweepTimer) clearInterval(sweepTimer);
    if (fileSweepTimer) clearInterval(fileSweepTimer);
    running?.ctx.transfers.closeAll();
    running?.ctx.notices.stop();
    const listenersClosed = listeners.close();
    if (running) {
      running.flushes.run();
      await running.connections.endAll(
        infoLine('The server is shutting down. Goodbye!', { event: 'goodbye' }),
      );
    }
    await listenersClosed;
    await running?.messages.close();
    await running?.ctx.calls.relay.close();
    await running?.ctx.accounts.close();
    running?.ctx.store.close();
    await running?.ctx.passwords.close();
    opts.log('server stopped');
  }

  return {
    listen,
    close() {
      closing ??= shutdown();
      return closing;
    },
    address: () => listeners.address(),
    setDefaultOwner: (username) => (running ? makeDefaultOwner(running.ctx, username) : false),
    ...callsOf(() => running?.ctx),
  };
}

/** The server's calls of its calls: their numbers now, and the public address its relay advertises. */
function callsOf(ctx: () => ServerContext | undefined): Pick<ChatServer, 'callStats' | 'setPublicAddress'> {
  return {
    callStats: () => {
      const calls = ctx()?.calls;
      return {
        calls: calls?.registry.size ?? 0,
        allocations: calls?.relay.allocations ?? 0,
        relayedBytes: calls?.relay.relayedBytes ?? 0,
      };
    },
    setPublicAddress: (address) => ctx()?.calls.relay.setPublicAddress(address),
  };
}

/**
 * The TURN relay for calls takes UDP on the chat port's number (one port to forward, one to allow); if that is
 * taken, the room runs without a relay (calls still connect directly where they can) and says so in its log.
 */
async function startRelay(ctx: ServerContext, port: number): Promise<void> {
  if (!ctx.options.relay) return;
  try {
    const bound = await ctx.calls.relay.listen(port);
    ctx.options.log(`call relay (TURN) on ${ctx.options.host}:${bound}/udp`);
  } catch (error) {
    ctx.options.log(`call relay not started: ${(error as Error).message}`);
  }
}

/** Uploads nobody resumed, and partial files a crash left, are deleted at start and every hour. */
const FILE_SWEEP_INTERVAL_MS = 3600_000;

function sweepFiles(ctx: ServerContext): void {
  ctx.transfers.sweep().catch((error: unknown) => ctx.log(`error sweeping uploads: ${String(error)}`));
}

function makeCalls(opts: ResolvedOptions): ServerContext['calls'] {
  const registry = new CallRegistry();
  const credentials = new RelayCredentials();
  const relay = new CallRelay(
    {
      host: opts.host,
      publicAddress: opts.relayPublicAddress,
      bytesPerSecondPerUser: opts.relayBytesPerSecondPerUser,
      bytesPerSecondTotal: opts.relayBytesPerSecond,
      maxAllocations: 1000,
      log: opts.log,
    },
    registry,
    credentials,
  );
  const rates = {
    rings: new RateWindow(opts.callRingsPerMinute, 60_000),
    offers: new RateWindow(opts.callOffersPerMinute, 60_000),
    signals: new RateWindow(opts.callCandidatesPerMinute, 60_000),
  };
  return { registry, relay, credentials, rates };
}

/** Open the store and the log, and build what the handlers share, the flush scheduler and the connection set. */
async function startRoom(opts: ResolvedOptions): Promise<Running> {
  const log = opts.log;
  const opened = opts.openStore(opts.dataDir);
  const online = new Online();
  const audience = new RoomAudience(online);
  let messages: MessageLog;
  let accounts: AccountDirectory;
  try {
    messages = await opts.openLog(opened, deliverTo(online, audience), log);
  } catch (error) {
    opened.close();
    throw error;
  }
  const store = messages.store ?? opened;
  try {
    accounts = await opts.openAccounts(store, log);
  } catch (error) {
    await messages.close();
    store.close();
    throw error;
  }
  const notices = new RoomNotices(online, opts.noticeWindowMs, (error) =>
    log(`error sending notices: ${String(error)}`),
  );
  const flushes = new FlushScheduler(
    () => batch.commit(),
    (error) => log(`error writing to clients: ${String(error)}`),
    () => connections.afterFlush(),
  );
  const batch = new MessageBatch(messages, online, notices, log, () => flushes.schedule());
  const ctx: ServerContext = {
    options: opts,
    store,
    accounts,
    online,
    presence: messages.presence ?? localPresence(online, store),
    batch,
    notices,
    audience,
    throttles: {
      account: new LoginThrottle({
        freeFailures: opts.loginFreeFailures,
        baseDelayMs: opts.loginBaseDelayMs,
        maxDelayMs: opts.loginMaxDelayMs,
      }),
      address: new LoginThrottle({
        freeFailures: opts.loginFreeFailuresPerAddress,
        baseDelayMs: opts.loginBaseDelayMs,
        maxDelayMs: opts.loginMaxDelayMs,
      }),
    },
    passwords: new Passwords(
      new PasswordPool(opts.passwordThreads, opts.passwordQueueLimit, log),
      opts.bcryptCost,
    ),
    registrations: new RegistrationLimit(
      opts.maxRegistrationsPerAddressPerHour,
      opts.loopbackExemptFromRegistrationLimit,
    ),
    rates: {
      reactions: new RateWindow(opts.reactionsPerMinute, 60_000),
      typing: new RateWindow(1, opts.typingIntervalMs),
      profiles: new RateWindow(PROFILE_CHANGES_PER_MINUTE, 60_000),
    },
    transfers: new Transfers(opts, store, log),
    calls: makeCalls(opts),
    log,
  };
  messages.attach?.(ctx);
  const connections = new RoomConnections(ctx, flushes);
  return { ctx, flushes, connections, messages };
}
