// What the kernel says a process used: CPU time from /proc/<pid>/stat and resident memory from
// /proc/<pid>/status. The server under test runs as its own process so these numbers are its alone.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';

const CLOCK_TICKS_PER_SECOND = Number(
  spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim() || '100',
);

/** user + system CPU time of pid (all its threads), in microseconds. */
export function cpuTimeUs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; fields after it are fixed, so split after the ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1e6) / CLOCK_TICKS_PER_SECOND;
}

export interface MachineCpu {
  /** CPU time all cores spent busy (anything but idle and I/O wait), µs. */
  busyUs: number;
  /** Time the hypervisor gave this machine's cores to someone else, µs. */
  stealUs: number;
}

/** Machine-wide CPU counters from /proc/stat, to tell how much else ran while a measurement did. */
export function machineCpu(): MachineCpu {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = line
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const toUs = (ticks: number) => (ticks * 1e6) / CLOCK_TICKS_PER_SECOND;
  return { busyUs: toUs(user + nice + system + irq + softirq), stealUs: toUs(steal) };
}

export function rssKiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
  return match ? Number(match[1]) : 0;
}

let tasksetChecked: boolean | undefined;

export function hasTaskset(): boolean {
  tasksetChecked ??= spawnSync('taskset', ['--version']).status === 0;
  return tasksetChecked;
}

/** Pin every thread of pid to one CPU core; false when taskset is missing or refuses. */
export function pinToCore(pid: number, core: number): boolean {
  if (!hasTaskset()) return false;
  return spawnSync('taskset', ['-a', '-p', '-c', String(core), String(pid)]).status === 0;
}

/**
 * Sets the scheduling niceness of every thread of pid. On a shared machine a negative value keeps other
 * tenants' work from being measured as the server's latency; false when not permitted (not root).
 * With the kernel's autogroups on (`/proc/sys/kernel/sched_autogroup_enabled`), a thread's niceness only
 * ranks it within its session, and every other session (each of the other tenants' shells) weighs as much
 * as the whole benchmark: measured here, the server at -20 got 15-20 % of its core beside two sessions
 * type-checking. So the process's autogroup gets the same niceness: only for a process that leads its own session (the benchmark starts its servers and
 * workers detached), so the caller's session is never changed.
 */
export function setNiceness(pid: number, nice: number): boolean {
  if (nice === 0) return true;
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) setPriority(Number(tid), nice);
  } catch {
    return false;
  }
  try {
    if (leadsSession(pid)) writeFileSync(`/proc/${pid}/autogroup`, String(nice));
  } catch {
    // No autogroups in this kernel (or not permitted): the thread niceness above is all there is.
  }
  return true;
}

function leadsSession(pid: number): boolean {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name: state, ppid, pgrp, session.
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[3]) === pid;
}
