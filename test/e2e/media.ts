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
