// Command-line flags of the headless host. Unknown flags are an error, so typos do not start the wrong room.
import { isIP } from 'node:net';
import { MAX_ROOM_NAME_CHARS } from '../../src-shared/limits';
import { DEFAULT_PORT, USERNAME_PATTERN } from '../../src-shared/protocol';

export interface HostArgs {
  host: string;
  port: number;
  dataDir: string;
  allowGuests: boolean;
  maxFrameBytes: number | undefined;
  /** fsync every commit (SQLite synchronous=FULL). */
  durable: boolean;
  /** Unencrypted port for classic KTN clients; null: none. */
  classicPort: number | null;
  /** The account that owns the default room; undefined: the first account registered. */
  owner: string | undefined;
  /** The default room's name until its owner renames it; undefined: this machine's name. */
  roomName: string | undefined;
  /** File limits in bytes (given in MiB); undefined: the room's defaults. */
  maxFileBytes: number | undefined;
  fileQuotaBytes: number | undefined;
  fileBudgetBytes: number | undefined;
  /** postgres://… of the shared log (cluster mode, docs/cluster.md); undefined: the single room. */
  cluster: string | undefined;
  /** How long a silent cluster node's users stay online for their friends, ms; undefined: 10 s. */
  presenceGraceMs: number | undefined;
  /** The load balancers whose connections start with a PROXY header (docs/cluster.md); empty: none. */
  proxyFrom: string[];
}

const MIB = 1024 * 1024;
const FILE_FLAGS = {
  '--max-file': 'maxFileBytes',
  '--file-quota': 'fileQuotaBytes',
  '--file-budget': 'fileBudgetBytes',
} as const;

export const USAGE = `Usage: npm run server -- [--port 5555] [--data ./hearth-data] [--host 0.0.0.0] [--no-guests] [--max-frame BYTES] [--durable] [--classic-port N] [--owner NAME] [--room-name NAME] [--max-file MIB] [--file-quota MIB] [--file-budget MIB] [--cluster postgres://…] [--presence-grace S] [--proxy-from ADDR,…]
  --port N         TCP port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --data DIR       directory for the SQLite database (default ./hearth-data)
  --host ADDR      interface to bind (default 0.0.0.0: every IPv4 interface)
  --no-guests      refuse nickname-only (guest) logins
  --max-frame N    largest accepted request in bytes (default 65536)
  --durable        wait for the disk on every commit, so messages survive a power loss (slower)
  --classic-port N also listen UNENCRYPTED on port N for classic KTN terminal clients (nickname logins
                   only; the main port always speaks TLS)
  --owner NAME     the account that owns the default room (default: the first account registered)
  --room-name NAME the default room's name until its owner renames it (default: this machine's name)
  --max-file MIB   largest file one upload may hold, in MiB (default 100)
  --file-quota MIB files one account may store, in MiB (default 1024)
  --file-budget MIB files the whole room may store, in MiB (default 20480)
  --cluster URL    share messages with other Hearth nodes through PostgreSQL (postgres://…; see
                   docs/cluster.md: what is shared so far, and what is not)
  --presence-grace S in a cluster, how long the users of a node that stopped answering still show as
                   online, in seconds, so that they can reconnect to another node unnoticed (default 10)
  --proxy-from A,B the addresses of the TCP load balancers in front of this node: their connections must
                   start with a PROXY header (v1 or v2) naming the client; anyone else's may not
  --help           this text`;

const DEFAULT_HOST_ARGS: Readonly<HostArgs> = {
  host: '0.0.0.0',
  port: DEFAULT_PORT,
  dataDir: './hearth-data',
  allowGuests: true,
  maxFrameBytes: undefined,
  durable: false,
  classicPort: null,
  owner: undefined,
  roomName: undefined,
  maxFileBytes: undefined,
  fileQuotaBytes: undefined,
  fileBudgetBytes: undefined,
  cluster: undefined,
  presenceGraceMs: undefined,
  proxyFrom: [],
};

export function parseHostArgs(argv: readonly string[]): HostArgs | { help: true } {
  const args: HostArgs = { ...DEFAULT_HOST_ARGS };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
      return v;
    };
    const integer = (min: number, max: number): number => {
      const raw = value();
      const n = Number(raw);
      if (!Number.isInteger(n) || n < min || n > max)
        throw new Error(`${flag} must be an integer ${min}-${max}, not "${raw}"`);
      return n;
    };
    switch (flag) {
      case '--port':
        args.port = integer(0, 65535);
        break;
      case '--data':
        args.dataDir = value();
        break;
      case '--host':
        args.host = value();
        break;
      case '--no-guests':
        args.allowGuests = false;
        break;
      case '--max-frame':
        args.maxFrameBytes = integer(1024, 16 * 1024 * 1024);
        break;
      case '--durable':
        args.durable = true;
        break;
      case '--classic-port':
        args.classicPort = integer(0, 65535);
        break;
      case '--owner':
        args.owner = ownerName(value());
        break;
      case '--room-name':
        args.roomName = roomName(value());
        break;
      case '--max-file':
      case '--file-quota':
      case '--file-budget':
        args[FILE_FLAGS[flag]] = integer(flag === '--max-file' ? 1 : 0, 1024 * 1024 * 1024) * MIB;
        break;
      case '--cluster':
        args.cluster = clusterUrl(value());
        break;
      case '--proxy-from':
        args.proxyFrom = balancers(value());
        break;
      case '--presence-grace':
        args.presenceGraceMs = integer(1, 3600) * 1000;
        break;
      case '--help':
      case '-h':
        return { help: true };
      default:
        throw new Error(`unknown option "${flag}"`);
    }
  }
  return args;
}

function ownerName(name: string): string {
  if (!USERNAME_PATTERN.test(name)) throw new Error(`--owner must be an account name, not "${name}"`);
  return name;
}

function roomName(raw: string): string {
  const name = raw.trim();
  if (name === '' || name.length > MAX_ROOM_NAME_CHARS)
    throw new Error(`--room-name must be 1-${MAX_ROOM_NAME_CHARS} characters`);
  return name;
}

function balancers(list: string): string[] {
  const addresses = list.split(',');
  for (const address of addresses)
    if (isIP(address) === 0) throw new Error(`--proxy-from takes IP addresses, not "${address}"`);
  return addresses;
}

function clusterUrl(url: string): string {
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error(`--cluster must be a postgres:// URL, not "${url}"`);
  return url;
}
