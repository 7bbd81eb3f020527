// A home network in network namespaces, for the port-mapping tests: a "router" namespace running Debian's
// miniupnpd (UPnP IGD and NAT-PMP) with our own nftables ruleset, a "LAN" namespace behind it (joined by a
// veth pair), and an "Internet" namespace on the router's WAN side (another veth pair) whose address exists
// only there. No packet can leave the machine: none of these namespaces has a link to the host's network.
// The daemon is started from the test runner without blocking it; mappings and the lease file are wiped
// by `reset()` between tests because they outlive the daemon.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const LAN_ROUTER_IP = '10.77.0.1';
export const LAN_HOST_IP = '10.77.0.2';

export interface LabOptions {
  /** The router's public address. A reserved range (e.g. 100.64.0.0/10) makes miniupnpd refuse mappings. */
  wanIp: string;
  upnp?: boolean;
  natpmp?: boolean;
  /** false: no miniupnpd at all (a router that offers neither protocol). */
  daemon?: boolean;
}

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();

/** Why namespaces cannot be used here, or null when they can (root, `ip`, `nft` and `miniupnpd` present). */
export function labUnavailable(): string | null {
  if (process.platform !== 'linux') return 'network namespaces need Linux';
  if (process.getuid?.() !== 0) return 'network namespaces need root';
  for (const tool of ['/usr/sbin/miniupnpd', '/usr/sbin/nft']) {
    try {
      readFileSync(tool);
    } catch {
      return `${tool} is missing (apt-get install miniupnpd miniupnpd-nftables nftables)`;
    }
  }
  const probe = `hearth-probe-${process.pid}`;
  try {
    ip('netns', 'add', probe);
    ip('netns', 'del', probe);
  } catch (error) {
    return `\`ip netns add\` is not permitted here (${String(error).split('\n')[0]})`;
  }
  return null;
}

/** The LAN-side program's JSON lines, one at a time, and a way to send it commands. */
export interface LanProcess {
  next(): Promise<Record<string, unknown>>;
  send(line: string): void;
  kill(): void;
}

export class RouterLab {
  readonly router: string;
  readonly lan: string;
  readonly internet: string;
  private readonly dir = mkdtempSync(join(tmpdir(), 'hearth-lab-'));
  private daemon: ChildProcess | null = null;
  private daemonLog = '';
  private readonly children = new Set<ChildProcess>();

  constructor(private readonly options: LabOptions) {
    const id = `${process.pid}-${Math.floor(Math.random() * 1e6)}`;
    this.router = `hearth-router-${id}`;
    this.lan = `hearth-lan-${id}`;
    this.internet = `hearth-wan-${id}`;
  }

  get leaseFile(): string {
    return join(this.dir, 'upnp.leases');
  }

  async start(): Promise<void> {
    const { router, lan, internet } = this;
    const wanPeer = this.options.wanIp.replace(/\.\d+$/, '.99');
    for (const ns of [router, lan, internet]) {
      ip('netns', 'add', ns);
      ip('-n', ns, 'link', 'set', 'lo', 'up');
    }
    ip('-n', router, 'link', 'add', 'lan0', 'type', 'veth', 'peer', 'name', 'eth0', 'netns', lan);
    ip('-n', router, 'link', 'add', 'wan0', 'type', 'veth', 'peer', 'name', 'eth0', 'netns', internet);
    ip('-n', router, 'addr', 'add', `${LAN_ROUTER_IP}/24`, 'dev', 'lan0');
    ip('-n', router, 'addr', 'add', `${this.options.wanIp}/24`, 'dev', 'wan0');
    ip('-n', lan, 'addr', 'add', `${LAN_HOST_IP}/24`, 'dev', 'eth0');
    ip('-n', internet, 'addr', 'add', `${wanPeer}/24`, 'dev', 'eth0');
    for (const [ns, dev] of [
      [router, 'lan0'],
      [router, 'wan0'],
      [lan, 'eth0'],
      [internet, 'eth0'],
    ] as const)
      ip('-n', ns, 'link', 'set', dev, 'up');
    ip('-n', lan, 'route', 'add', 'default', 'via', LAN_ROUTER_IP);
    // SSDP is multicast: without a route for it, sends fail silently.
    ip('-n', router, 'route', 'add', '224.0.0.0/4', 'dev', 'lan0');
    execFileSync('ip', ['netns', 'exec', router, 'sysctl', '-q', '-w', 'net.ipv4.ip_forward=1']);
    // Debian's nft_init.sh is broken: our own ruleset, the shape miniupnpd expects (its chains in one
    // `inet filter` table), plus the established-traffic rule every real router has.
    execFileSync('ip', ['netns', 'exec', router, 'nft', '-f', '-'], {
      input: `table inet filter {
  chain forward { type filter hook forward priority 0; policy drop; ct state established,related accept; jump miniupnpd; }
  chain miniupnpd { }
  chain prerouting { type nat hook prerouting priority -100; policy accept; jump prerouting_miniupnpd; }
  chain postrouting { type nat hook postrouting priority 100; policy accept; oifname "wan0" masquerade; jump postrouting_miniupnpd; }
  chain prerouting_miniupnpd { }
  chain postrouting_miniupnpd { }
}
`,
    });
    if (this.options.daemon !== false) await this.startDaemon();
  }

  /** Starts miniupnpd in the router namespace and waits until it serves. */
  async startDaemon(): Promise<void> {
    const config = join(this.dir, 'miniupnpd.conf');
    writeFileSync(
      config,
      [
        'ext_ifname=wan0',
        'listening_ip=lan0',
        'port=0',
        `enable_upnp=${this.options.upnp === false ? 'no' : 'yes'}`,
        `enable_natpmp=${this.options.natpmp === false ? 'no' : 'yes'}`,
        'secure_mode=yes',
        'system_uptime=yes',
        `lease_file=${this.leaseFile}`,
        'uuid=3d3b6a1e-0000-4000-8000-0000000000a1',
        'allow 1024-65535 10.77.0.0/24 1024-65535',
        'deny 0-65535 0.0.0.0/0 0-65535',
        '',
      ].join('\n'),
    );
    const daemon = spawn(
      'ip',
      ['netns', 'exec', this.router, 'miniupnpd', '-d', '-f', config, '-P', join(this.dir, 'miniupnpd.pid')],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.daemon = daemon;
    const collect = (chunk: Buffer) => {
      this.daemonLog += chunk.toString();
    };
    daemon.stdout?.on('data', collect);
    daemon.stderr?.on('data', collect);
    const deadline = Date.now() + 5_000;
    // The last line it logs once every socket (HTTP, SSDP, NAT-PMP) is open.
    const ready = this.options.natpmp === false ? /HTTP listening on port/ : /Listening for NAT-PMP/;
    while (!ready.test(this.daemonLog)) {
      if (daemon.exitCode !== null || Date.now() > deadline)
        throw new Error(`miniupnpd did not start:\n${this.daemonLog.slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  get log(): string {
    return this.daemonLog;
  }

  /** The DNAT rules miniupnpd put on the router: the router's own view of what is mapped. */
  redirects(): string[] {
    const chain = execFileSync('ip', [
      'netns',
      'exec',
      this.router,
      'nft',
      'list',
      'chain',
      'inet',
      'filter',
      'prerouting_miniupnpd',
    ]);
    return chain
      .toString()
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.includes('dnat'));
  }

  leases(): string {
    try {
      return readFileSync(this.leaseFile, 'utf8');
    } catch {
      return '';
    }
  }

  /** Runs a TypeScript program in the LAN namespace (as a separate process: nothing here blocks). */
  runInLan(script: string, args: string[]): LanProcess {
    return this.run(this.lan, script, args);
  }

  runOnInternet(script: string, args: string[]): LanProcess {
    return this.run(this.internet, script, args);
  }

  /** Wipes every mapping (rules and lease file), which outlive the daemon. */
  reset(): void {
    for (const chain of ['miniupnpd', 'prerouting_miniupnpd', 'postrouting_miniupnpd'])
      execFileSync('ip', ['netns', 'exec', this.router, 'nft', 'flush', 'chain', 'inet', 'filter', chain]);
    rmSync(this.leaseFile, { force: true });
  }

  async stop(): Promise<void> {
    for (const child of this.children) child.kill('SIGKILL');
    const daemon = this.daemon;
    this.daemon = null;
    if (daemon && daemon.exitCode === null) {
      const exited = new Promise((resolve) => daemon.once('exit', resolve));
      daemon.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2_000))]);
      daemon.kill('SIGKILL');
    }
    for (const ns of [this.router, this.lan, this.internet]) {
      try {
        ip('netns', 'del', ns);
      } catch {
        // Already gone.
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private run(ns: string, script: string, args: string[]): LanProcess {
    const child = spawn('ip', ['netns', 'exec', ns, process.execPath, '--import', 'tsx', script, ...args], {
      cwd: join(__dirname, '..', '..'),
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })[Symbol.asyncIterator]();
    return {
      next: async () => {
        const timeout = new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error(`no answer from ${script} in the namespace`)), 15_000).unref(),
        );
        const line = await Promise.race([lines.next(), timeout]);
        if (line.done) throw new Error(`${script} ended without answering`);
        return JSON.parse(line.value) as Record<string, unknown>;
      },
      send: (line) => child.stdin?.write(`${line}\n`),
      kill: () => child.kill('SIGKILL'),
    };
  }
}
