// The window's side of calls (docs/protocol.md § Calls): the call the user is in or ringing out, a ring
// coming in, room calls going on that they could join, and the media (call-mesh.ts). The camera and
// microphone are asked for only once the user started or accepted a call, and given back when it ends. A
// reconnect of the chat link does not touch the media: the room keeps the user in the call meanwhile.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallInfo, CallSignal, ConversationId, Result, Session } from '../../src-shared/ipc';
import { useHearthEvent } from '../hooks/use-hearth-event';
import { t } from '../i18n/intl';
import { CallMesh } from './call-mesh';

/** "Always relay calls through the room": no one in a call learns the user's address. Kept on this computer. */
const RELAY_KEY = 'hearth.calls.relayOnly';
/** How often who is speaking is looked at. */
const LEVEL_POLL_MS = 250;
/** Louder than this (0–1, as WebRTC measures it) counts as speaking. */
const SPEAKING_LEVEL = 0.02;

export interface Calls {
  /** The call the user is in, or ringing out. */
  current: CallInfo | null;
  /** A 1:1 call ringing for the user. */
  incoming: CallInfo | null;
  /** Room calls going on that the user is not in, by room. */
  going: Record<ConversationId, CallInfo>;
  mesh: CallMesh | null;
  muted: boolean;
  cameraOn: boolean;
  /** The user shares a screen or window with the call. */
  sharing: boolean;
  relayOnly: boolean;
  /** Who is speaking now ('' is the user). */
  speaking: ReadonlySet<string>;
  /** Why the last action failed, in a sentence. */
  error: string | null;
  /** The ring whose desktop notification the user clicked (its Accept takes the focus). */
  opened: string | null;
  start(conversation: ConversationId, video: boolean): Promise<void>;
  accept(call: CallInfo): Promise<void>;
  decline(): Promise<void>;
  hangUp(): Promise<void>;
  setMuted(muted: boolean): void;
  setCamera(on: boolean): void;
  /** Share a screen or window (the browser, or Electron's picker, asks which) or stop sharing. */
  shareScreen(on: boolean): Promise<void>;
  setRelayOnly(on: boolean): void;
  chooseDevice(kind: 'audioinput' | 'videoinput', deviceId: string): Promise<void>;
}

// size: one call's whole life in the window (ring, join, media, the room's pushes) reads best in one place.
export function useCalls(session: Session): Calls {
  const [current, setCurrent] = useState<CallInfo | null>(null);
  const [incoming, setIncoming] = useState<CallInfo | null>(null);
  const [going, setGoing] = useState<Record<ConversationId, CallInfo>>({});
  const [muted, setMutedState] = useState(false);
  const [cameraOn, setCameraOn] = useState(true);
  const [sharing, setSharing] = useState(false);
  const [relayOnly, setRelayOnlyState] = useState(() => localStorage.getItem(RELAY_KEY) === 'true');
  const [error, setError] = useState<string | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  const [, setVersion] = useState(0);
  const mesh = useRef<CallMesh | null>(null);
  const currentId = useRef<string | null>(null);
  const early = useRef<{ from: string; signal: CallSignal }[]>([]);
  const me = session.username.toLowerCase();
  const speaking = useSpeaking(mesh.current);

  const end = useCallback(() => {
    mesh.current?.close();
    mesh.current = null;
    setSharing(false);
    currentId.current = null;
    early.current = [];
    setCurrent(null);
  }, []);

  /** Into a call the room answered: media for it, and offers to everyone already in it (the joiner offers). */
  const enter = useCallback(
    async (info: CallInfo, local: MediaStream) => {
      // The call ended while the camera was being opened.
      if (currentId.current !== info.call) {
        for (const track of local.getTracks()) track.stop();
        return;
      }
      setMutedState(false);
      setCameraOn(info.video);
      const created = new CallMesh({
        iceServers: info.relay ? [info.relay] : [],
        policy: relayOnly ? 'relay' : 'all',
        local,
        send: (to, signal) => void window.hearth.sendCallSignal({ call: info.call, to, signal }),
        changed: () => setVersion((v) => v + 1),
      });
      mesh.current = created;
      // Signals that came while the camera was being opened (an offer from someone who joined meanwhile).
      for (const { from, signal } of early.current.splice(0)) await created.heard(from, signal);
      const others = info.people.filter((p) => p.toLowerCase() !== me);
      await Promise.all(others.map((person) => created.offerTo(person)));
    },
    [me, relayOnly],
  );

  /**
   * Ask the room first, then the camera and microphone: the app grants them only while the user is in a call
   * they started or accepted (src-main/electron/security.ts). Without them, the user leaves the call again.
   */
  const join = useCallback(
    async (video: boolean, ask: () => Promise<Result<CallInfo>>) => {
      setError(null);
      const answer = await ask();
      if (!answer.ok) {
        setError(answer.error);
        return;
      }
      // In the call from here on: its pushes and signals are the user's even before the media is ready.
      currentId.current = answer.value.call;
      setCurrent(answer.value);
      let local: MediaStream;
      try {
        local = await navigator.mediaDevices.getUserMedia({ audio: true, video });
      } catch (failure) {
        setError(t(video ? 'calls.error.camera' : 'calls.error.microphone', { reason: String(failure) }));
        end();
        await window.hearth.hangUp(answer.value.call);
        return;
      }
      await enter(answer.value, local);
    },
    [enter, end],
  );

  const start = useCallback(
    (conversation: ConversationId, video: boolean) =>
      join(video, () => window.hearth.startCall({ conversation, video })),
    [join],
  );

  const accept = useCallback(
    (call: CallInfo) => {
      setIncoming(null);
      return join(call.video, () => window.hearth.acceptCall(call.call));
    },
    [join],
  );

  useHearthEvent('call', (info) => {
    const mine = info.call === currentId.current;
    if (info.state === 'ended') {
      if (mine) end();
      setIncoming((ringing) => (ringing?.call === info.call ? null : ringing));
      setGoing((calls) => without(calls, info.conversation));
      return;
    }
    if (mine) {
      setCurrent(info);
      mesh.current?.keep(info.people);
      return;
    }
    if (info.incoming && info.state === 'ringing' && info.conversation.startsWith('@')) setIncoming(info);
    else if (info.conversation.startsWith('#'))
      setGoing((calls) => ({ ...calls, [info.conversation]: info }));
  });
  useHearthEvent('callSignal', ({ call, from, signal }) => {
    if (call !== currentId.current) return;
    if (mesh.current) void mesh.current.heard(from, signal);
    else early.current.push({ from, signal });
  });
  useHearthEvent('callOpened', ({ call }) => setOpened(call));
  useEffect(() => () => mesh.current?.close(), []);

  return {
    current,
    incoming,
    going,
    mesh: mesh.current,
    muted,
    cameraOn,
    sharing,
    relayOnly,
    speaking,
    error,
    opened,
    start,
    accept,
    async decline() {
      if (incoming) await window.hearth.declineCall(incoming.call);
      setIncoming(null);
    },
    async hangUp() {
      const id = currentId.current;
      end();
      if (id) await window.hearth.hangUp(id);
    },
    setMuted(on) {
      mesh.current?.setSending('audio', !on);
      setMutedState(on);
    },
    setCamera(on) {
      mesh.current?.setSending('video', on);
      setCameraOn(on);
    },
    async shareScreen(on) {
      const current = mesh.current;
      if (!current) return;
      if (!on) {
        await current.shareScreen(null);
        setSharing(false);
        return;
      }
      let screen: MediaStreamTrack | undefined;
      try {
        screen = (
          await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false })
        ).getVideoTracks()[0];
      } catch (failure) {
        // The user cancelled the picker, or the app refused (not in a call any more).
        if ((failure as DOMException).name !== 'NotAllowedError')
          setError(t('calls.error.screen', { reason: String(failure) }));
        return;
      }
      if (!screen || mesh.current !== current) {
        screen?.stop();
        return;
      }
      // Stopped from outside the app (the system's "stop sharing"): the camera comes back.
      screen.addEventListener('ended', () => {
        if (mesh.current === current) void current.shareScreen(null).then(() => setSharing(false));
      });
      await current.shareScreen(screen);
      setSharing(true);
    },
    setRelayOnly(on) {
      localStorage.setItem(RELAY_KEY, String(on));
      setRelayOnlyState(on);
    },
    async chooseDevice(kind, deviceId) {
      const constraints = { [kind === 'audioinput' ? 'audio' : 'video']: { deviceId: { exact: deviceId } } };
      const stream = await navigator.mediaDevices.getUserMedia(constraints);
      const track = stream.getTracks()[0];
      if (track) mesh.current?.replaceTrack(track);
    },
  };
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _gone, ...rest } = record;
  return rest;
}

/** Who is speaking, from the audio levels the connections measure. */
function useSpeaking(mesh: CallMesh | null): ReadonlySet<string> {
  const [speaking, setSpeaking] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    if (!mesh) return;
    const timer = setInterval(() => {
      void mesh.levels().then((levels) => {
        const now = new Set([...levels].filter(([, level]) => level > SPEAKING_LEVEL).map(([who]) => who));
        setSpeaking((before) => (sameSet(before, now) ? before : now));
      });
    }, LEVEL_POLL_MS);
    return () => clearInterval(timer);
  }, [mesh]);
  return mesh ? speaking : new Set();
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}
