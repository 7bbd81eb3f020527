// What the call tests share: Chromium's fake camera and microphone, and a record of the page's peer
// connections, whose statistics say whether media flows and by which path.
import type { Page } from 'playwright-core';
import { until } from './harness';

export const MEDIA_FLAGS = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  // Both people are on this machine: let ICE use loopback, with real addresses rather than mDNS names.
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--autoplay-policy=no-user-gesture-required',
  // getDisplayMedia answers with a fake screen at once, as if the user had picked it.
  '--auto-select-desktop-capture-source=Entire screen',
];

/** The page's peer connections, kept where the test can read their statistics (the app keeps them private). */
export const RECORD_PEERS = `(() => {
  const Original = window.RTCPeerConnection;
  window.__peers = [];
  window.RTCPeerConnection = function (...args) {
    const pc = new Original(...args);
    window.__peers.push(pc);
    return pc;
  };
  window.RTCPeerConnection.prototype = Original.prototype;
})();`;

/** The little of RTCPeerConnection the statistics need (the test tsconfig has no DOM library). */
export interface PagePeer {
  readonly connectionState: string;
  getStats(): Promise<{ forEach(each: (entry: Record<string, unknown>) => void): void }>;
}

/**
 * The tones the page's Web Audio plays (their frequencies, as each oscillator starts) and how many of its
 * audio contexts are open: the ringing sound, heard without a speaker.
 */
export const RECORD_TONES = `(() => {
  window.__tones = [];
  window.__audioOpen = 0;
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (...args) {
    window.__tones.push(this.frequency.value);
    return start.apply(this, args);
  };
  const Original = window.AudioContext;
  window.AudioContext = class extends Original {
    constructor(...args) {
      super(...args);
      window.__audioOpen++;
    }
    close() {
      window.__audioOpen--;
      return super.close();
    }
  };
})();`;

export interface Flow {
  audioBytes: number;
  framesDecoded: number;
  /** The type of the local candidate of the pair in use ('host', 'srflx', 'relay'), if any. */
  path: string | null;
}

/** What the page's open peer connections have received, summed. */
export function flow(page: Page): Promise<Flow> {
  return page.evaluate(async () => {
    const peers = (globalThis as unknown as { __peers: PagePeer[] }).__peers.filter(
      (pc) => pc.connectionState !== 'closed',
    );
    const result = { audioBytes: 0, framesDecoded: 0, path: null as string | null };
    for (const pc of peers) {
      const stats = await pc.getStats();
      const byId = new Map<string, Record<string, unknown>>();
      stats.forEach((s: Record<string, unknown>) => {
        byId.set(s.id as string, s);
      });
      for (const s of byId.values()) {
        if (s.type === 'inbound-rtp' && s.kind === 'audio') result.audioBytes += Number(s.bytesReceived ?? 0);
        if (s.type === 'inbound-rtp' && s.kind === 'video')
          result.framesDecoded += Number(s.framesDecoded ?? 0);
        if (s.type === 'transport' && s.selectedCandidatePairId) {
          const pair = byId.get(s.selectedCandidatePairId as string);
          const local = pair ? byId.get(pair.localCandidateId as string) : undefined;
          result.path = (local?.candidateType as string | undefined) ?? null;
        }
      }
    }
    return result;
  });
}

/** Whether what the page receives goes up from now on (within the ten seconds `until` waits). */
export async function grows(page: Page, what: 'audioBytes' | 'framesDecoded'): Promise<boolean> {
  const before = (await flow(page))[what];
  const after = await until(
    () => flow(page),
    (f) => f[what] > before,
  );
  return after[what] > before;
}
