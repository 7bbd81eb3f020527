// The saturation scenario's room (200 clients, 20 senders) at fixed offered rates, for A/B runs of one server
// against another build or against ngIRCd: server CPU per delivery, latency, loss, peak RSS, generator CPU per
// rate, and with --profile the V8 profile of the Hearth server over the measured spans. Cheaper than the
// saturation search, and CPU per delivery at the same offered rate is the steadier figure on a shared machine.
// usage: npx tsx bench/fixed-rate.ts <hearth|ngircd> <msg/s per sender,...> [seconds=5] [--tls] [--profile]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GENERATOR_CORE, SERVER_CORE } from './bench';
import { LoadGenerator, type Measurement } from './generator';
import { pinToCore } from './proc-stats';
import { summariseProfile } from './profile';
import { joinRoom } from './scenarios/fanout';
import { HearthTemplate, startHearth } from './servers/hearth';
import { startNgircd } from './servers/ngircd';

const CLIENTS = 200;
const SENDERS = 20;
const NICE = -20;

const args = process.argv.slice(2);
const [which, ratesArg, secondsArg] = args.filter((a) => !a.startsWith('--'));
const tls = args.includes('--tls');
const profile = args.includes('--profile');

function describe(m: Measurement): string {
  const ms = (q: number) => (m.latency.quantile(q) / 1000).toFixed(1);
  const pct = (cores: number) => `${(cores * 100).toFixed(0)}%`;
  return `${Math.round(m.deliveriesPerS)} deliveries/s, lost ${m.lost}, p50 ${ms(0.5)} p99 ${ms(0.99)} ms, ${m.serverCpuUsPerDelivery.toFixed(3)} µs/delivery, server ${pct(m.serverCores)}, generator ${pct(m.generatorCores)}${m.generatorLimited ? ' (limit)' : ''}, other processes ${pct(m.otherCores)}, RSS peak ${Math.round(m.serverRssPeakKiB / 1024)} MiB`;
}

async function main(): Promise<void> {
  if ((which !== 'hearth' && which !== 'ngircd') || !ratesArg)
    throw new Error('usage: see the top of this file');
  const rates = ratesArg.split(',').map(Number);
  pinToCore(process.pid, GENERATOR_CORE);
  const generator = await LoadGenerator.start(2, GENERATOR_CORE, NICE);
  const template = which === 'hearth' ? new HearthTemplate(CLIENTS) : undefined;
  const profileDir = profile ? mkdtempSync(join(tmpdir(), 'hearth-fixed-rate-')) : undefined;
  const cpuProfileFile = profileDir ? join(profileDir, 'hearth.cpuprofile') : undefined;
  const options = { core: SERVER_CORE, maxClients: CLIENTS, nice: NICE, tls };
  const server = template
    ? await startHearth(template, { ...options, ...(cpuProfileFile ? { cpuProfileFile } : {}) })
    : await startNgircd(options);
  try {
    const senders = (await joinRoom(generator, server, CLIENTS)).slice(0, SENDERS);
    console.log(
      `${server.label}${tls ? ` over ${generator.cipher}` : ''}, ${CLIENTS} clients, ${SENDERS} senders`,
    );
    for (const [i, rate] of rates.entries()) {
      await generator.measure(senders, rate, 1000, server.pid);
      if (i === 0 && cpuProfileFile) await server.profile?.();
      const m = await generator.measure(senders, rate, Number(secondsArg ?? 5) * 1000, server.pid);
      console.log(`  ${rate} msg/s per sender: ${describe(m)}`);
    }
  } finally {
    await generator.disconnectAll();
    await server.stop();
    await generator.stop();
    template?.dispose();
  }
  if (cpuProfileFile && profileDir) {
    const summary = summariseProfile(cpuProfileFile, 20);
    console.log(
      `profile: busy ${summary.busyPercent.toFixed(0)}% of ${(summary.totalMs / 1000).toFixed(1)} s`,
    );
    for (const e of summary.self) console.log(`  self ${e.percent.toFixed(1)}% ${e.name} ${e.where}`);
    for (const e of summary.projectInclusive)
      console.log(`  inclusive ${e.percent.toFixed(1)}% ${e.name} ${e.where}`);
    rmSync(profileDir, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
