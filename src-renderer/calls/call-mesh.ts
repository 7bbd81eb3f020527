// The media of one call: an RTCPeerConnection per other person (a mesh; calls hold at most 8 people, so
// each sends its media at most 7 times, which a home upload carries for voice and small video, and needs no
// media server that would have to decrypt or re-encrypt). The person who joins offers to everyone already in
// the call, so two never offer to each other at once. ICE candidates that come before the description they
// belong to wait. Mute and camera off take the track off the senders (nothing is sent at all, not silence),
// and a new microphone or camera replaces the track without a new offer. A shared screen takes the camera's
// place on the video sender; a voice call has none, so the screen is added and offered again to each person.
import type { CallSignal } from '../../src-shared/ipc';

export interface MeshOptions {
  iceServers: RTCIceServer[];
  /** 'relay': every path goes through the room's relay, so no one learns the other's address. */
  policy: RTCIceTransportPolicy;
  local: MediaStream;
  send: (to: string, signal: CallSignal) => void;
  /** Something anyone could see changed: a stream came or went, a connection's state moved. */
  changed: () => void;
}

interface Peer {
  connection: RTCPeerConnection;
  /** Candidates that came before the remote description. */
  waiting: RTCIceCandidateInit[];
  stream: MediaStream | null;
}

export class CallMesh {
  private readonly peers = new Map<string, Peer>();
  private readonly sending = { audio: true, video: true };
  /** The screen being shared, in the camera's place (null: none). */
  private screen: MediaStreamTrack | null = null;
  private screenPreview: MediaStream | null = null;

  constructor(private readonly options: MeshOptions) {}

  /** The media each other person sends, by username (null until it arrives). */
  get remote(): { username: string; stream: MediaStream | null; state: RTCPeerConnectionState }[] {
    return [...this.peers].map(([username, p]) => ({
      username,
      stream: p.stream,
      state: p.connection.connectionState,
    }));
  }

  get local(): MediaStream {
    return this.options.local;
  }

  /** What the user's own tile shows: the screen they share, else their camera. */
  get preview(): MediaStream {
    return this.screenPreview ?? this.options.local;
  }

  async offerTo(username: string): Promise<void> {
    const { connection } = this.peer(username);
    const offer = await connection.createOffer();
    await connection.setLocalDescription(offer);
    this.options.send(username, { kind: 'offer', sdp: offer.sdp ?? '' });
  }

  async heard(from: string, signal: CallSignal): Promise<void> {
    if (signal.kind === 'candidate') {
      const peer = this.peers.get(from);
      if (!peer) return;
      const candidate = {
        candidate: signal.candidate,
        sdpMid: signal.sdpMid,
        sdpMLineIndex: signal.sdpMLineIndex,
      };
      if (peer.connection.remoteDescription) await peer.connection.addIceCandidate(candidate);
      else peer.waiting.push(candidate);
      return;
    }
    const peer = signal.kind === 'offer' ? this.peer(from) : this.peers.get(from);
    if (!peer) return;
    await peer.connection.setRemoteDescription({ type: signal.kind, sdp: signal.sdp });
    for (const candidate of peer.waiting.splice(0)) await peer.connection.addIceCandidate(candidate);
    if (signal.kind !== 'offer') return;
    const answer = await peer.connection.createAnswer();
    await peer.connection.setLocalDescription(answer);
    this.options.send(from, { kind: 'answer', sdp: answer.sdp ?? '' });
  }

  /** Keep only the people still in the call. */
  keep(people: readonly string[]): void {
    for (const username of [...this.peers.keys()]) if (!people.includes(username)) this.drop(username);
  }

  /** Send (true) or stop sending (false) audio or video to everyone. */
  setSending(kind: 'audio' | 'video', on: boolean): void {
    this.sending[kind] = on;
    if (kind === 'video' && this.screen) return;
    for (const peer of this.peers.values()) this.senderOf(peer, kind)?.replaceTrack(this.outgoing(kind));
  }

  /** Share a screen (its video track) with everyone instead of the camera, or stop (null). */
  async shareScreen(screen: MediaStreamTrack | null): Promise<void> {
    const before = this.screen;
    this.screen = screen;
    this.screenPreview = screen ? new MediaStream([screen]) : null;
    if (before && before !== screen) before.stop();
    for (const [username, peer] of this.peers) {
      const sender = this.senderOf(peer, 'video');
      if (sender) await sender.replaceTrack(this.outgoing('video'));
      else if (screen) {
        peer.connection.addTrack(screen, this.options.local);
        await this.offerTo(username);
      }
    }
  }

  /** A new microphone or camera: it replaces the old track everywhere. */
  replaceTrack(track: MediaStreamTrack): void {
    const local = this.options.local;
    for (const old of local.getTracks().filter((t) => t.kind === track.kind)) {
      local.removeTrack(old);
      old.stop();
    }
    local.addTrack(track);
    const kind = track.kind as 'audio' | 'video';
    if (!this.sending[kind] || (kind === 'video' && this.screen)) return;
    for (const peer of this.peers.values()) void this.senderOf(peer, kind)?.replaceTrack(track);
  }

  /** How loud each person is now (0–1), the user as `''`, from the connections' own statistics. */
  async levels(): Promise<Map<string, number>> {
    const levels = new Map<string, number>();
    for (const [username, peer] of this.peers) {
      const stats = await peer.connection.getStats();
      stats.forEach((entry: { type: string; kind?: string; audioLevel?: number }) => {
        if (entry.type === 'inbound-rtp' && entry.kind === 'audio')
          levels.set(username, entry.audioLevel ?? 0);
        if (entry.type === 'media-source' && entry.kind === 'audio' && this.sending.audio)
          levels.set('', Math.max(levels.get('') ?? 0, entry.audioLevel ?? 0));
      });
    }
    return levels;
  }

  close(): void {
    for (const username of [...this.peers.keys()]) this.drop(username);
    for (const track of this.options.local.getTracks()) track.stop();
    this.screen?.stop();
  }

  private drop(username: string): void {
    const peer = this.peers.get(username);
    this.peers.delete(username);
    peer?.connection.close();
    this.options.changed();
  }

  /** What goes out on a sender of this kind now: the screen, the track, or nothing (muted, camera off). */
  private outgoing(kind: 'audio' | 'video'): MediaStreamTrack | null {
    if (kind === 'video' && this.screen) return this.screen;
    if (!this.sending[kind]) return null;
    return this.options.local.getTracks().find((t) => t.kind === kind) ?? null;
  }

  private senderOf(peer: Peer, kind: string): RTCRtpSender | undefined {
    return peer.connection.getTransceivers().find((t) => t.receiver.track.kind === kind)?.sender;
  }

  private peer(username: string): Peer {
    const existing = this.peers.get(username);
    if (existing) return existing;
    const connection = new RTCPeerConnection({
      iceServers: this.options.iceServers,
      iceTransportPolicy: this.options.policy,
    });
    const peer: Peer = { connection, waiting: [], stream: null };
    this.peers.set(username, peer);
    // addTrack (not addTransceiver): an offer that comes in is matched to these, so one answer sends them.
    for (const track of this.options.local.getTracks()) {
      const sender = connection.addTrack(track, this.options.local);
      const out = this.outgoing(track.kind as 'audio' | 'video');
      if (out !== track) void sender.replaceTrack(out);
    }
    connection.onicecandidate = ({ candidate }) => {
      if (!candidate?.candidate) return;
      const { sdpMid, sdpMLineIndex } = candidate;
      this.options.send(username, {
        kind: 'candidate',
        candidate: candidate.candidate,
        sdpMid,
        sdpMLineIndex,
      });
    };
    connection.ontrack = ({ track, streams }) => {
      peer.stream = streams[0] ?? peer.stream ?? new MediaStream();
      if (!streams[0]) peer.stream.addTrack(track);
      this.options.changed();
    };
    connection.onconnectionstatechange = () => this.options.changed();
    return peer;
  }
}
