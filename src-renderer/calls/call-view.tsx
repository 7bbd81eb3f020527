// What a call looks like: the buttons in a conversation's header (call a friend with voice or video, join a
// room's call), the ring that comes in (accept, decline), and the call itself: a tile per person with their
// video (or their name), a ring around whoever is speaking, and the controls (mute, camera, devices, relay,
// hang up). Names are text; nothing anyone sends is shown as markup.
import { useEffect, useRef, useState } from 'react';
import type { ConversationId } from '../../src-shared/ipc';
import { useProfile } from '../hooks/use-profiles';
import { t } from '../i18n/intl';
import { tx } from '../i18n/rich';
import { Icon } from '../ui/icons';
import { CallDevices } from './call-devices';
import { useRingSound } from './ring-sound';
import type { Calls } from './use-calls';

/** The call buttons of a conversation's header: a friend's direct conversation or a room (not the default). */
export function CallButtons({
  calls,
  active,
  online,
}: {
  calls: Calls;
  active: ConversationId;
  online: boolean;
}) {
  if (active === 'room') return null;
  const busy = calls.current !== null;
  const going = calls.going[active];
  if (going && !busy) {
    return (
      <button type="button" className="call-join" onClick={() => void calls.accept(going)}>
        <Icon name="phone" /> {t('calls.join', { count: going.people.length })}
      </button>
    );
  }
  const who = active.startsWith('@') ? active.slice(1) : null;
  const off = busy || (active.startsWith('@') && !online);
  return (
    <>
      <button
        type="button"
        className="icon-button subtle"
        aria-label={who ? t('calls.voiceWith', { name: who }) : t('calls.voiceRoom')}
        title={t('calls.voice')}
        disabled={off}
        onClick={() => void calls.start(active, false)}
      >
        <Icon name="phone" />
      </button>
      <button
        type="button"
        className="icon-button subtle"
        aria-label={who ? t('calls.videoWith', { name: who }) : t('calls.videoRoom')}
        title={t('calls.video')}
        disabled={off}
        onClick={() => void calls.start(active, true)}
      >
        <Icon name="video" />
      </button>
    </>
  );
}

interface PanelProps {
  calls: Calls;
  self: string;
  /** What a conversation is called in the window (a room's name, a friend's). */
  titleOf: (conversation: ConversationId) => string;
}

/**
 * The ring coming in and why a call action failed, over the chat (the call itself is a CallPanel). The ring
 * sounds if the user keeps sounds on (`sounds`) and is not in do-not-disturb.
 */
export function CallLayer({ calls, self, sounds }: { calls: Calls; self: string; sounds: boolean }) {
  const quiet = useProfile(self)?.status === 'dnd';
  useRingSound(calls.incoming !== null && sounds && !quiet);
  return (
    <>
      {calls.incoming && <IncomingCall calls={calls} />}
      {calls.error && (
        <p className="call-error" role="alert">
          {calls.error}
        </p>
      )}
    </>
  );
}

function IncomingCall({ calls }: { calls: Calls }) {
  const ring = calls.incoming;
  const accept = useRef<HTMLButtonElement>(null);
  // Opened from its desktop notification: Enter or Space answers.
  useEffect(() => {
    if (ring && calls.opened === ring.call) accept.current?.focus();
  }, [calls.opened, ring]);
  if (!ring) return null;
  return (
    <section className="call-ring" role="alertdialog" aria-labelledby="call-ring-title">
      <p id="call-ring-title">
        {tx(ring.video ? 'calls.ring.video' : 'calls.ring.voice', { name: <strong>{ring.from}</strong> })}
      </p>
      <div className="call-ring-actions">
        <button ref={accept} type="button" className="call-accept" onClick={() => void calls.accept(ring)}>
          <Icon name={ring.video ? 'video' : 'phone'} /> {t('calls.ring.accept')}
        </button>
        <button type="button" className="call-decline" onClick={() => void calls.decline()}>
          <Icon name="phoneOff" /> {t('calls.ring.decline')}
        </button>
      </div>
    </section>
  );
}

/**
 * The call going on, at the top of the conversation pane in the page's flow (not over it): the conversation
 * shrinks to make room, so the composer and its send button stay whole at every window size.
 */
export function CallPanel({ calls, self, titleOf }: PanelProps) {
  const call = calls.current;
  const mesh = calls.mesh;
  const [speaker, setSpeaker] = useState('');
  if (!call || !mesh) return null;
  const where = titleOf(call.conversation);
  const ringing = call.state === 'ringing';
  return (
    <section className="call-panel" aria-label={t('calls.panel.label', { name: where })}>
      <p className="call-status" role="status">
        {ringing
          ? t('calls.panel.ringing', { name: where })
          : t(calls.sharing ? 'calls.panel.inCallSharing' : 'calls.panel.inCall', {
              name: where,
              count: call.people.length,
            })}
      </p>
      <ul className="call-tiles">
        <Tile
          name={t('calls.panel.you', { name: self })}
          stream={mesh.preview}
          speaking={calls.speaking.has('')}
          mirrored
          screen={calls.sharing}
          sink=""
        />
        {mesh.remote.map((peer) => (
          <Tile
            key={peer.username}
            name={peer.username}
            stream={peer.stream}
            speaking={calls.speaking.has(peer.username)}
            sink={speaker}
            state={peer.state}
          />
        ))}
      </ul>
      <div className="call-controls">
        <button
          type="button"
          className={calls.muted ? 'icon-button pressed' : 'icon-button'}
          aria-pressed={calls.muted}
          aria-label={t('calls.panel.mute')}
          title={calls.muted ? t('calls.panel.unmute') : t('calls.panel.mute')}
          onClick={() => calls.setMuted(!calls.muted)}
        >
          <Icon name={calls.muted ? 'micOff' : 'mic'} />
        </button>
        {call.video && (
          <button
            type="button"
            className={calls.cameraOn ? 'icon-button' : 'icon-button pressed'}
            aria-pressed={!calls.cameraOn}
            aria-label={t('calls.panel.cameraOff')}
            title={calls.cameraOn ? t('calls.panel.turnCameraOff') : t('calls.panel.turnCameraOn')}
            onClick={() => calls.setCamera(!calls.cameraOn)}
          >
            <Icon name={calls.cameraOn ? 'video' : 'videoOff'} />
          </button>
        )}
        <button
          type="button"
          className={calls.sharing ? 'icon-button pressed' : 'icon-button'}
          aria-pressed={calls.sharing}
          aria-label={t('calls.panel.share')}
          title={calls.sharing ? t('calls.panel.stopSharing') : t('calls.panel.shareHint')}
          disabled={ringing}
          onClick={() => void calls.shareScreen(!calls.sharing)}
        >
          <Icon name="screen" />
        </button>
        <CallDevices calls={calls} video={call.video} speaker={speaker} onSpeaker={setSpeaker} />
        <button type="button" className="call-hangup" onClick={() => void calls.hangUp()}>
          <Icon name="phoneOff" /> {t('calls.panel.hangUp')}
        </button>
      </div>
    </section>
  );
}

interface TileProps {
  name: string;
  stream: MediaStream | null;
  speaking: boolean;
  /** The audio output chosen for the call ('' the default); the user's own tile plays nothing. */
  sink: string;
  /** The user's own tile: muted, and shown as in a mirror (but a shared screen, which reads as it is). */
  mirrored?: boolean;
  screen?: boolean;
  state?: RTCPeerConnectionState;
}

function Tile({ name, stream, speaking, sink, mirrored = false, screen = false, state }: TileProps) {
  const media = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (media.current && media.current.srcObject !== stream) media.current.srcObject = stream;
  }, [stream]);
  useEffect(() => {
    const element = media.current as
      | (HTMLVideoElement & { setSinkId?: (id: string) => Promise<void> })
      | null;
    if (element?.setSinkId && !mirrored) void element.setSinkId(sink).catch(() => undefined);
  }, [sink, mirrored]);
  const connecting = state !== undefined && state !== 'connected';
  return (
    <li className={speaking ? 'call-tile speaking' : 'call-tile'} data-person={name}>
      <video
        ref={media}
        autoPlay
        playsInline
        muted={mirrored}
        className={mirrored && !screen ? 'mirrored' : undefined}
      />
      <span className="call-name">
        {name}
        {speaking && <span className="visually-hidden"> {t('calls.tile.speaking')}</span>}
        {connecting && (
          <span className="muted">
            {' '}
            · {state === 'failed' ? t('calls.tile.failed') : t('calls.tile.connecting')}
          </span>
        )}
      </span>
    </li>
  );
}
