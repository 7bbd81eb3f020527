// Honest users chatting while an attack runs: each sender says something every 100 ms for a phase, and one
// reader times every arrival (sender and reader share this process's clock).
import type { RawClient } from '../helpers/raw-client';
import { sleep } from './figures';

const PHASE_MS = 2500;
const SEND_EVERY_MS = 100;

/** One phase of honest traffic: how many messages were sent, and each one's latency at the reader (ms). */
export async function honestLatencies(
  senders: RawClient[],
  reader: RawClient,
): Promise<{ sent: number; latencies: number[] }> {
  let sent = 0;
  const latencies: number[] = [];
  let partial = '';
  const onData = (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const m = /"content":"lat ([\d.]+)"/.exec(line);
      if (m) latencies.push(performance.now() - Number(m[1]));
    }
  };
  reader.socket.on('data', onData);
  const timers = senders.map((s) =>
    setInterval(() => {
      sent++;
      s.send({
        request: 'msg',
        content: { text: `lat ${performance.now()}`, cid: `lat-${performance.now()}` },
      });
      s.drain();
    }, SEND_EVERY_MS),
  );
  await sleep(PHASE_MS);
  for (const timer of timers) clearInterval(timer);
  await sleep(300);
  reader.socket.off('data', onData);
  reader.drain();
  return { sent, latencies };
}
