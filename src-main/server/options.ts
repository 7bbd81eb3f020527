// Server options and their defaults. Every limit is an option so tests (and benchmarks) can shrink or lift it.
import { availableParallelism, hostname } from 'node:os';
import {
  DEFAULT_FILE_BUDGET_BYTES,
  DEFAULT_FILE_QUOTA_BYTES,
  DEFAULT_MAX_FILE_BYTES,
} from '../../src-shared/file-limits';
import { MAX_REACTION_KINDS, TYPING_INTERVAL_MS } from '../../src-shared/limits';
import { DEFAULT_MAX_FRAME_BYTES, HISTORY_ON_LOGIN } from '../../src-shared/protocol';
import { type OpenAccounts, openLocalAccounts } from './account-directory';
import { type OpenLog, openLocalLog } from './message-log';
import { openSqliteStore } from './store/sqlite-store';
import type { ChatStore } from './store/store';

export interface ServerOptions {
  /** Interface to bind; default '0.0.0.0' (every IPv4 interface, so friends on the LAN can join). */
  host?: string;
  /** 0 picks a free port. */
  port: number;
  /** Directory holding the one SQLite file; created if missing. */
  dataDir: string;
  /** Whether classic nickname-only logins are accepted; default true. */
  allowGuests?: boolean;
  /** Largest accepted request frame in bytes; default 64 KiB. A bigger frame closes that connection. */
  maxFrameBytes?: number;
  /**
   * Largest frame accepted from a connection that has not logged in yet; default 4 KiB (a login or register
   * with the longest name and password, every character escaped, is under 2 KiB). It bounds what an
   * unauthenticated peer can make the room hold; past it the connection is closed with frame_too_large.
   */
  maxFrameBytesBeforeLogin?: number;
  /**
   * Pieces of input (socket reads; with TLS, up to one per record) accepted before login; default 256. A
   * login is one line, arriving in a few; a peer trickling one-byte records makes the room decrypt and handle
   * each, which costs honest users their latency long before its 4 KiB frame runs out.
   */
  maxChunksBeforeLogin?: number;
  /** One line per connect, login, logout, disconnect and error; default: silent. */
  log?: (line: string) => void;
  /**
   * Speak TLS on `port` with the room's self-signed certificate (made on first start in dataDir); default
   * true. false serves the whole protocol in plaintext: only for tests and benchmarks on loopback.
   */
  tls?: boolean;
  /**
   * A second, unencrypted port for classic KTN clients (nickname logins only; passwords and tokens are
   * refused there); default null: no such port. 0 picks a free one.
   */
  classicPort?: number | null;
  /** A TLS handshake not finished by then is dropped (a silent or stalled peer); default 10 s. */
  tlsHandshakeTimeoutMs?: number;
  /**
   * The TCP load balancers in front of this node (docs/cluster.md § Behind a load balancer): their
   * connections must start with a PROXY header naming the client; nobody else may send one. Default none.
   */
  proxyFrom?: readonly string[];
  /** How long a session token issued at login stays valid; default 30 days. */
  sessionTtlMs?: number;

  /** Connections held at once; one more is told `server_full` and closed. Default 20,000. */
  maxConnections?: number;
  /**
   * Connections one address may hold at once, TLS handshakes in progress included; the next ones are told
   * `too_many_connections` and closed, and past twice the cap they are cut before the handshake. Default 32:
   * a household or office behind one NAT address still fits. 0 = no cap.
   */
  maxConnectionsPerAddress?: number;
  /**
   * Whether loopback peers skip the per-address cap; default true: they are the host's own processes, or a
   * tunnel (ssh -R, a relay) that makes every remote friend arrive from 127.0.0.1.
   */
  loopbackExemptFromAddressCap?: boolean;
  /** Requests per second a connection may sustain (token bucket refill); default 20. 0 = unlimited. */
  requestRate?: number;
  /** Requests a connection may send in a burst; default 60. */
  requestBurst?: number;
  /** Rejected (rate-limited) requests in a row before the connection is closed; default 20. */
  floodDisconnectAfter?: number;
  /** A connection that has not logged in by then is closed; default 60 s. */
  loginTimeoutMs?: number;
  /** A Hearth connection that sends no request for this long is closed; default 5 min (Hearth clients ping). */
  idleTimeoutMs?: number;
  /**
   * A classic connection (string login, on either port) that sends nothing for this long is closed; default
   * 2 h. Classic clients cannot ping, so they get far longer than idleTimeoutMs: a person with a terminal
   * open says something now and then, and TCP keepalive (60 s) finds their dead links sooner.
   */
  classicIdleTimeoutMs?: number;
  /** How often one sweep checks every connection's timeouts; default 1 s. */
  sweepIntervalMs?: number;
  /**
   * Unsent output a connection may hold; above it for slowConsumerGraceMs, or at twice it, the client is dropped
   * as a slow consumer. Default 4 MiB.
   */
  maxOutboundBytes?: number;
  /**
   * Bytes of messages one answer (a history or resume page, the login answer) may carry; default 1 MiB. A page
   * cut short says `more`, and the client asks for the next one. Legal messages reach 48 KB once JSON-escaped,
   * so 200 of them would be 9.6 MB.
   */
  maxPageBytes?: number;
  /** How long unsent output may stay above maxOutboundBytes before the client is dropped; default 2 s. */
  slowConsumerGraceMs?: number;
  /** Gap between writes to a classic connection, which must never receive two objects at once; default 20 ms. */
  classicGapMs?: number;
  /** Join/leave notices are gathered this long and sent to the room in one write per connection; default 250 ms. */
  noticeWindowMs?: number;
  /** Room messages sent on login and for a classic `history`; default 50. */
  historyOnLogin?: number;
  /** bcrypt cost for new passwords; default 10 (lower values are raised to 10). */
  bcryptCost?: number;
  /**
   * Threads that hash passwords, off the event loop; default: one fewer than the cores, at least 1, at most 4
   * (the event loop keeps a core).
   */
  passwordThreads?: number;
  /** Password checks waiting for a thread; one more is answered `busy` at once. Default 128 (seconds of work). */
  passwordQueueLimit?: number;
  /** Registrations one address may start per hour; default 10. 0 = no limit. */
  maxRegistrationsPerAddressPerHour?: number;
  /** Whether loopback peers skip the registration limit; default true (as for the address cap). */
  loopbackExemptFromRegistrationLimit?: boolean;
  /** Failed logins for one account name before delays start; default 3. */
  loginFreeFailures?: number;
  /** Failed logins from one address before delays start; default 10 (several people may share an address). */
  loginFreeFailuresPerAddress?: number;
  /** First delay after the free failures; doubles with each further failure; default 1 s. */
  loginBaseDelayMs?: number;
  /** Longest delay; default 5 min. */
  loginMaxDelayMs?: number;
  /** New friend requests one account may make per friendRequestWindowMs; default 10. */
  friendRequestLimit?: number;
  /** The window of friendRequestLimit; default 10 min. */
  friendRequestWindowMs?: number;
  /** After someone declines your request, how long before you may ask them again; default 24 h. */
  friendDeclineCooldownMs?: number;
  /**
   * SQLite sync mode. 'normal' (default): a commit survives the server process crashing or being killed; a
   * power loss or OS crash may lose the last moments. 'full': every commit waits for fsync (survives power loss;
   * costs about 3 ms per commit on the development VM, paid once per event-loop turn thanks to group commit).
   */
  synchronous?: 'full' | 'normal';
  /** Opens the message store; default: the SQLite file in dataDir. Another ChatStore plugs in here. */
  openStore?: (dataDir: string) => ChatStore;
  /** Opens the message log over the store; default: the store itself (message-log.ts). A cluster's plugs in here. */
  openLog?: OpenLog;
  /** Opens the account directory; default: none beyond the store (account-directory.ts). A cluster's plugs in here. */
  openAccounts?: OpenAccounts;
  /** How long close() waits for clients to receive the goodbye before cutting them off; default 2 s. */
  closeGraceMs?: number;

  /** The default room's name until its owner renames it; default the host machine's name. */
  roomName?: string;
  /**
   * The account that owns the default room; default null: the stored owner (the first account registered,
   * or the host's account once the app that hosts the room says so: default-owner.ts; docs/protocol.md § Rooms).
   */
  owner?: string | null;
  /** Rooms one account may create; default 20. */
  maxRoomsPerAccount?: number;
  /** Rooms a server holds besides the default one; default 10,000. */
  maxRooms?: number;
  /** Rooms one account may be in, the default room included; default 500 (what one `rooms` answer lists). */
  maxRoomsPerMember?: number;
  /** Members one room may have; default 5,000. */
  maxRoomMembers?: number;
  /** Moderation actions one moderator may take per minute; default 30. */
  moderationPerMinute?: number;
  /** Invites one account may send per hour; default 60. */
  invitesPerHour?: number;
  /** After someone declines an invite to a room, nobody may invite them there again for this long; default 7 days. */
  inviteDeclineCooldownMs?: number;
  /** Reactions (on or off) one account may make per minute; default 60. */
  reactionsPerMinute?: number;
  /** Distinct emoji one message may carry; default 20 (MAX_REACTION_KINDS, the most the wire allows). */
  maxReactionKinds?: number;
  /** The room forwards one `typing` per user and conversation in this time; default 3 s. */
  typingIntervalMs?: number;

  // Files (docs/protocol.md § Files).
  /** Largest file one upload may hold; default 100 MiB. */
  maxFileBytes?: number;
  /** Bytes of distinct files one account may have stored (or be uploading); default 1 GiB. */
  fileQuotaBytes?: number;
  /** Bytes of files the whole room may hold, uploads in progress included; default 20 GiB. */
  fileBudgetBytes?: number;
  /** Transfer connections open at once, for the room and per account; default 64 and 4. */
  maxTransfers?: number;
  maxTransfersPerAccount?: number;
  /** A transfer connection that moves no byte for this long is closed; default 30 s. */
  transferIdleMs?: number;
  /** An unfinished upload nobody resumed for this long is deleted; default 24 h. */
  partialUploadTtlMs?: number;

  // Calls (docs/protocol.md § Calls).
  /** A 1:1 call nobody answers is missed after this; default 45 s. */
  callRingMs?: number;
  /** Someone whose chat link dropped stays in their call this long, for a reconnect; default 30 s. */
  callReconnectGraceMs?: number;
  /** Calls one account may start per minute; offers and answers per minute; ICE candidates per minute. */
  callRingsPerMinute?: number;
  callOffersPerMinute?: number;
  callCandidatesPerMinute?: number;
  /** Whether the room runs its TURN relay (UDP, on the chat port's number); default true. */
  relay?: boolean;
  /** The relay's address as peers reach it (the host's public address); default null: the bound or a LAN one. */
  relayPublicAddress?: string | null;
  /** Relayed bytes per second per person and for the whole relay; default 4 Mbit/s and 40 Mbit/s. */
  relayBytesPerSecondPerUser?: number;
  relayBytesPerSecond?: number;
}

export type ResolvedOptions = Required<ServerOptions>;

export const MIN_BCRYPT_COST = 10;

export function resolveOptions(options: ServerOptions): ResolvedOptions {
  return {
    host: options.host ?? '0.0.0.0',
    port: options.port,
    dataDir: options.dataDir,
    allowGuests: options.allowGuests ?? true,
    maxFrameBytes: options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES,
    maxFrameBytesBeforeLogin: options.maxFrameBytesBeforeLogin ?? 4096,
    maxChunksBeforeLogin: options.maxChunksBeforeLogin ?? 256,
    log: options.log ?? (() => {}),
    tls: options.tls ?? true,
    classicPort: options.classicPort ?? null,
    tlsHandshakeTimeoutMs: options.tlsHandshakeTimeoutMs ?? 10_000,
    proxyFrom: options.proxyFrom ?? [],
    sessionTtlMs: options.sessionTtlMs ?? 30 * 24 * 3600_000,
    maxConnections: options.maxConnections ?? 20_000,
    maxConnectionsPerAddress: options.maxConnectionsPerAddress ?? 32,
    loopbackExemptFromAddressCap: options.loopbackExemptFromAddressCap ?? true,
    requestRate: options.requestRate ?? 20,
    requestBurst: options.requestBurst ?? 60,
    floodDisconnectAfter: options.floodDisconnectAfter ?? 20,
    loginTimeoutMs: options.loginTimeoutMs ?? 60_000,
    idleTimeoutMs: options.idleTimeoutMs ?? 5 * 60_000,
    classicIdleTimeoutMs: options.classicIdleTimeoutMs ?? 2 * 3600_000,
    sweepIntervalMs: options.sweepIntervalMs ?? 1000,
    maxOutboundBytes: options.maxOutboundBytes ?? 4 * 1024 * 1024,
    slowConsumerGraceMs: options.slowConsumerGraceMs ?? 2000,
    maxPageBytes: options.maxPageBytes ?? 1024 * 1024,
    classicGapMs: options.classicGapMs ?? 20,
    noticeWindowMs: options.noticeWindowMs ?? 250,
    historyOnLogin: options.historyOnLogin ?? HISTORY_ON_LOGIN,
    bcryptCost: Math.max(MIN_BCRYPT_COST, options.bcryptCost ?? MIN_BCRYPT_COST),
    passwordThreads: options.passwordThreads ?? Math.max(1, Math.min(4, availableParallelism() - 1)),
    passwordQueueLimit: options.passwordQueueLimit ?? 128,
    maxRegistrationsPerAddressPerHour: options.maxRegistrationsPerAddressPerHour ?? 10,
    loopbackExemptFromRegistrationLimit: options.loopbackExemptFromRegistrationLimit ?? true,
    loginFreeFailures: options.loginFreeFailures ?? 3,
    loginFreeFailuresPerAddress: options.loginFreeFailuresPerAddress ?? 10,
    loginBaseDelayMs: options.loginBaseDelayMs ?? 1000,
    loginMaxDelayMs: options.loginMaxDelayMs ?? 5 * 60_000,
    friendRequestLimit: options.friendRequestLimit ?? 10,
    friendRequestWindowMs: options.friendRequestWindowMs ?? 10 * 60_000,
    friendDeclineCooldownMs: options.friendDeclineCooldownMs ?? 24 * 3600_000,
    synchronous: options.synchronous ?? 'normal',
    closeGraceMs: options.closeGraceMs ?? 2000,
    roomName: options.roomName ?? hostname(),
    owner: options.owner ?? null,
    maxRoomsPerAccount: options.maxRoomsPerAccount ?? 20,
    maxRooms: options.maxRooms ?? 10_000,
    maxRoomsPerMember: options.maxRoomsPerMember ?? 500,
    maxRoomMembers: options.maxRoomMembers ?? 5000,
    moderationPerMinute: options.moderationPerMinute ?? 30,
    invitesPerHour: options.invitesPerHour ?? 60,
    inviteDeclineCooldownMs: options.inviteDeclineCooldownMs ?? 7 * 24 * 3600_000,
    reactionsPerMinute: options.reactionsPerMinute ?? 60,
    maxReactionKinds: Math.min(MAX_REACTION_KINDS, options.maxReactionKinds ?? MAX_REACTION_KINDS),
    typingIntervalMs: options.typingIntervalMs ?? TYPING_INTERVAL_MS,
    maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    fileQuotaBytes: options.fileQuotaBytes ?? DEFAULT_FILE_QUOTA_BYTES,
    fileBudgetBytes: options.fileBudgetBytes ?? DEFAULT_FILE_BUDGET_BYTES,
    maxTransfers: options.maxTransfers ?? 64,
    maxTransfersPerAccount: options.maxTransfersPerAccount ?? 4,
    transferIdleMs: options.transferIdleMs ?? 30_000,
    partialUploadTtlMs: options.partialUploadTtlMs ?? 24 * 3600_000,
    callRingMs: options.callRingMs ?? 45_000,
    callReconnectGraceMs: options.callReconnectGraceMs ?? 30_000,
    callRingsPerMinute: options.callRingsPerMinute ?? 10,
    callOffersPerMinute: options.callOffersPerMinute ?? 30,
    callCandidatesPerMinute: options.callCandidatesPerMinute ?? 600,
    relay: options.relay ?? true,
    relayPublicAddress: options.relayPublicAddress ?? null,
    relayBytesPerSecondPerUser: options.relayBytesPerSecondPerUser ?? 500_000,
    relayBytesPerSecond: options.relayBytesPerSecond ?? 5_000_000,
    openStore:
      options.openStore ??
      ((dataDir) => openSqliteStore(dataDir, { synchronous: options.synchronous ?? 'normal' })),
    openLog: options.openLog ?? openLocalLog,
    openAccounts: options.openAccounts ?? openLocalAccounts,
  };
}
