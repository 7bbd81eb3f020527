// What the call tests share: Chromium's fake camera and microphone, and a record of the page's peer
// connections, whose statistics say whether media flows.

export const MEDIA_FLAGS = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  // Both people are on this machine: let ICE use loopback, with real addresses rather than mDNS names.
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--autoplay-policy=no-user-gesture-required',
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
