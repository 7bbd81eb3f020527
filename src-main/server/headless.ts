// The host entry point. Run directly (`npm run server -- --port 5555 --data ./hearth-data`) it hosts a room
// in the terminal; forked (child_process.fork or Electron's utilityProcess) the same code reports to the
// parent with HostToParent messages, stops on {type: 'stop'} and makes the host's account the default room's
// owner on {type: 'owner', username}; {type: 'publicAddress'} tells the call relay the router's address.
// One code path for both.

import { isIPv4 } from 'node:net';
import { hostname } from 'node:os';
import type { HostToParent, ParentToHost } from '../../src-shared/host-messages';
import { USERNAME_PATTERN } from '../../src-shared/protocol';
import { shareableAddresses } from './addresses';
import { type HostArgs, parseHostArgs, USAGE } from './cli-args';
import { type ChatServer, createChatServer, type Listening, type ServerOptions } from './server';
import { dataDirWarning } from './store/private-files';

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

const parentPort = (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort;
const forked = typeof process.send === 'function';

function tell(message: HostToParent, then?: () => void): void {
  if (parentPort) {
    parentPort.postMessage(message);
    if (then) setTimeout(then, 100);
  } else if (forked && process.connected) {
    process.send?.(message, undefined, {}, () => then?.());
  } else {
    then?.();
  }
}

/** What the parent may say, checked: anything else is ignored. */
function parentMessage(data: unknown): ParentToHost | null {
  if (typeof data !== 'object' || data === null) return null;
  const { type, username, address } = data as { type?: unknown; username?: unknown; address?: unknown };
  if (type === 'stop') return { type: 'stop' };
  if (type === 'owner' && typeof username === 'string' && USERNAME_PATTERN.test(username)) {
    return { type: 'owner', username };
  }
  if (type === 'publicAddress' && (address === null || (typeof address === 'string' && isIPv4(address)))) {
    return { type: 'publicAddress', address };
  }
  return null;
}

function onParentMessage(handle: (message: ParentToHost) => void): void {
  const accept = (data: unknown) => {
    const message = parentMessage(data);
    if (message) handle(message);
  };
  if (parentPort) parentPort.on('message', (event) => accept(event.data));
  else if (forked) process.on('message', accept);
}

function log(line: string): void {
  console.log(`${new Date().toISOString()} ${line}`);
}

type ClusterPlug = Pick<ServerOptions, 'openLog' | 'openAccounts'>;

/** What the command line asks of the room, as the server's options. */
function serverOptions(args: HostArgs, cluster: ClusterPlug | null): ServerOptions {
  return {
    host: args.host,
    port: args.port,
    dataDir: args.dataDir,
    allowGuests: args.allowGuests,
    maxFrameBytes: args.maxFrameBytes,
    synchronous: args.durable ? 'full' : 'normal',
    classicPort: args.classicPort,
    owner: args.owner ?? null,
    ...(args.roomName === undefined ? {} : { roomName: args.roomName }),
    ...(args.maxFileBytes === undefined ? {} : { maxFileBytes: args.maxFileBytes }),
    ...(args.fileQuotaBytes === undefined ? {} : { fileQuotaBytes: args.fileQuotaBytes }),
    ...(args.fileBudgetBytes === undefined ? {} : { fileBudgetBytes: args.fileBudgetBytes }),
    ...(args.proxyFrom.length > 0 ? { proxyFrom: args.proxyFrom } : {}),
    ...cluster,
    log,
  };
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseHostArgs>;
  try {
    parsed = parseHostArgs(process.argv.slice(2));
  } catch (error) {
    const message = (error as Error).message;
    console.error(`${message}\n${USAGE}`);
    tell({ type: 'error', message }, () => process.exit(2));
    return;
  }
  if ('help' in parsed) {
    console.log(USAGE);
    return;
  }
  const args = parsed;
  const exposed = dataDirWarning(args.dataDir);
  if (exposed) log(exposed);
  const server: ChatServer = createChatServer(serverOptions(args, await clusterPlug(args)));

  let stopping = false;
  const stop = (why: string) => {
    if (stopping) {
      if (why === 'SIGINT') process.exit(130); // a second Ctrl-C does not wait for slow clients
      return;
    }
    stopping = true;
    log(`stopping (${why})`);
    server
      .close()
      .catch((error: Error) => log(`error while stopping: ${error.message}`))
      .finally(() => tell({ type: 'stopped' }, () => process.exit(0)));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  onParentMessage((message) => {
    if (message.type === 'stop') stop('asked by the parent process');
    else if (message.type === 'publicAddress') server.setPublicAddress(message.address);
    else if (!server.setDefaultOwner(message.username)) log(`no account ${message.username} to own the room`);
  });
  if (forked) process.on('disconnect', () => stop('parent process went away'));

  let listening: Listening;
  try {
    listening = await server.listen();
  } catch (error) {
    const message = describeListenError(error as NodeJS.ErrnoException, args.host, args.port);
    console.error(message);
    tell({ type: 'error', message }, () => process.exit(1));
    return;
  }
  const { port, classicPort, fingerprint } = listening;
  const addresses = shareableAddresses(args.host, port);
  console.log(`Hearth room is open on port ${port} (encrypted, TLS). Friends can connect to:`);
  for (const address of addresses) console.log(`  ${address}`);
  console.log(`Certificate fingerprint (SHA-256), for friends to compare with what their app shows:`);
  console.log(`  ${fingerprint}`);
  if (classicPort !== null) {
    console.log(
      `Classic terminal clients: port ${classicPort}. NOT ENCRYPTED: anyone on the way can read that chat.`,
    );
  }
  console.log(
    `On this machine: 127.0.0.1:${port}. Guests ${args.allowGuests ? 'allowed' : 'not allowed'}. Ctrl-C stops the room.`,
  );
  tell({ type: 'ready', port, addresses, allowGuests: args.allowGuests, fingerprint, classicPort });
}

/**
 * The cluster's PostgreSQL code (and the pg driver under it) is loaded only for --cluster: a room on its own
 * SQLite file never needs it, and loading it was a tenth of the start-up.
 */
async function clusterPlug(args: HostArgs): Promise<ClusterPlug | null> {
  if (args.cluster === undefined) return null;
  const { clusterMode } = await import('./cluster/cluster-mode.js');
  return clusterMode({
    url: args.cluster,
    node: `${hostname()}:${process.pid}`,
    ...(args.presenceGraceMs === undefined ? {} : { graceMs: args.presenceGraceMs }),
  });
}

function describeListenError(error: NodeJS.ErrnoException, host: string, port: number): string {
  if (error.code === 'EADDRINUSE')
    return `port ${port} is already in use on ${host}: pick another with --port`;
  if (error.code === 'EACCES') return `not allowed to listen on port ${port}: use a port above 1024`;
  if (error.code === 'EADDRNOTAVAIL') return `this machine has no address ${host}`;
  return `could not start the server: ${error.message}`;
}

main().catch((error: Error) => {
  console.error(error);
  tell({ type: 'error', message: error.message }, () => process.exit(1));
});
