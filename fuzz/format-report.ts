// The live fuzz report as the lines that go to the terminal and, for the long run, into docs/fuzzing.md.
import type { LiveFuzzReport } from './run-live-fuzz';

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

function sortedCounts(counts: Map<string, number> | Record<string, number>): string {
  const entries = counts instanceof Map ? [...counts] : Object.entries(counts);
  return entries
    .sort((a, b) => b[1] - a[1])
    .map(([key, n]) => `${key} ${n}`)
    .join(', ');
}

export function formatReport(report: LiveFuzzReport): string {
  const { tally, rss } = report;
  const lines = [
    `frames sent:        ${report.frames} (${mib(tally.bytesSent)}) in ${report.seconds.toFixed(1)} s, ` +
      `${Math.round(report.framesPerSecond)} frames/s, seed ${report.seed}`,
    `frames by kind:     ${sortedCounts(tally.framesByKind)}`,
    `frames dispatched:  ${tally.framesDispatched} (emitted by the server's frame decoder for those bytes)`,
    `connections:        ${tally.connections} opened (logging in first: ${tally.guestLogins} as guests, ` +
      `${tally.accountLogins} with an account), ${tally.closedByServer} closed by the server unasked, ` +
      `${tally.closedAfterOversize} closed after an oversized frame (slowest ${tally.slowestOversizeCloseMs} ms, ` +
      `${tally.oversizeLeftOpen} left open), ` +
      `${tally.hangUps} hung up by the fuzzer, ${tally.connectFailures} refused`,
    `responses by type:  ${sortedCounts(tally.responsesByType)}`,
    `errors by code:     ${sortedCounts(tally.errorsByCode)}`,
    `server RSS:         start ${mib(rss.startBytes)}, peak ${mib(rss.peakBytes)}, end ${mib(rss.endBytes)}; ` +
      `at each quarter ${rss.quartersBytes.map(mib).join(' / ')}`,
    `server heap (GC):   start ${mib(report.heapAfterGcStartBytes)}, end ${mib(report.heapAfterGcEndBytes)}`,
    `server crashes:     ${report.serverCrashes}; answers a fresh client afterwards: ${report.stillAccepting ? 'yes' : 'NO'}`,
    ...report.honest.map(
      (h) =>
        `honest ${h.username}: ${h.sent} sent, ${h.acked} acked; of ${h.peerSent} peer messages ` +
        `${h.peerReceivedOnce} received once, ${h.peerMissing} missing, ${h.peerDuplicated} duplicated; ` +
        `ack latency p50 ${h.ackLatencyMs.p50} ms, p99 ${h.ackLatencyMs.p99} ms, max ${h.ackLatencyMs.max} ms; ` +
        `${h.errors.length} errors${h.droppedByServer ? '; DROPPED by the server' : ''}`,
    ),
    report.problems.length
      ? `PROBLEMS (${report.problems.length}):\n${report.problems.map((p) => `  - ${p}`).join('\n')}`
      : 'result:             no problems',
  ];
  return lines.join('\n');
}
