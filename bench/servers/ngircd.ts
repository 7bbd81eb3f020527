// ngIRCd from Debian, configured for a benchmark: loopback only, no DNS/ident/PAM lookups, no connection
// limits, long ping timeouts, and its flood protection lifted two ways: MaxPenaltyTime = 0 (no penalty
// delays) and every bench client becomes an IRC operator and sets user mode +F ("relaxed flood protection"),
// which raises the commands ngIRCd handles per read from 3 and skips its 256 bytes/s throttle.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { setNiceness } from '../proc-stats';
import { freePort, spawnPinned, stopProcess, waitForPort } from './process';
import type { RunningServer, ServerOptions } from './types';

export const IRC_OPER_NAME = 'bench';
export const IRC_OPER_PASSWORD = 'bench-oper';

const NGIRCD = '/usr/sbin/ngircd';

export function ngircdVersion(): string | undefined {
  const res = spawnSync(NGIRCD, ['--version'], { encoding: 'utf8' });
  if (res.status !== 0 || !res.stdout) return undefined;
  return /ngIRCd \d+(\.\d+)*/.exec(res.stdout)?.[0] ?? 'ngIRCd';
}

/**
 * `tls`: the clients' port speaks TLS (ngIRCd's own, GnuTLS in Debian's build, with a self-signed P-256
 * certificate like Hearth's), and the plaintext port is another one nobody uses.
 */
export function ngircdConfig(port: number, dir: string, tls?: { plainPort: number }): string {
  const ssl = tls
    ? `
[SSL]
CertFile = ${join(dir, 'cert.pem')}
KeyFile = ${join(dir, 'key.pem')}
Ports = ${port}
`
    : '';
  return `[Global]
Name = bench.hearth.invalid
Info = Hearth benchmark peer
Listen = 127.0.0.1
Ports = ${tls ? tls.plainPort : port}
PidFile = ${join(dir, 'ngircd.pid')}
MotdPhrase = bench

[Limits]
MaxConnections = 0
MaxConnectionsIP = 0
MaxJoins = 0
MaxNickLength = 30
MaxPenaltyTime = 0
PingTimeout = 3600
PongTimeout = 3600

[Operator]
Name = ${IRC_OPER_NAME}
Password = ${IRC_OPER_PASSWORD}

[Options]
DNS = no
Ident = no
PAM = no
${ssl}`;
}

/** A self-signed P-256 certificate for ngIRCd's TLS port, made as the room makes its own (certificate.ts). */
async function writeCertificate(dir: string): Promise<void> {
  const pems = await generate([{ name: 'commonName', value: 'ngIRCd bench' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
  });
  writeFileSync(join(dir, 'cert.pem'), pems.cert, { mode: 0o600 });
  writeFileSync(join(dir, 'key.pem'), pems.private, { mode: 0o600 });
}

export async function startNgircd(options: ServerOptions): Promise<RunningServer> {
  const label = ngircdVersion();
  if (!label) throw new Error(`${NGIRCD} not found (apt-get install ngircd)`);
  const dir = mkdtempSync(join(tmpdir(), 'hearth-bench-ngircd-'));
  const port = await freePort();
  const conf = join(dir, 'ngircd.conf');
  if (options.tls) await writeCertificate(dir);
  writeFileSync(conf, ngircdConfig(port, dir, options.tls ? { plainPort: await freePort() } : undefined));
  const child = spawnPinned(NGIRCD, ['-n', '-f', conf], join(dir, 'ngircd.log'), options.core);
  try {
    await waitForPort(port, child, 10_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`ngircd did not start (log in ${dir}): ${(error as Error).message}`);
  }
  setNiceness(child.pid as number, options.nice ?? 0);
  return {
    name: 'ngircd',
    label,
    kind: 'irc',
    port,
    tls: options.tls === true,
    pid: child.pid as number,
    clients: (from, count) =>
      Array.from({ length: count }, (_, i) => ({
        id: from + i,
        name: `b${from + i}`,
        password: `${IRC_OPER_NAME} ${IRC_OPER_PASSWORD}`,
      })),
    stop: async () => {
      await stopProcess(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
