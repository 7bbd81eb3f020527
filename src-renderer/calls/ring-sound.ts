// The sound of a call coming in, made with Web Audio rather than a sound file: nothing to ship or load, and
// the CSP needs no media source for it. Two short chords of 400 and 450 Hz, then a pause, as a phone rings.
import { useEffect } from 'react';

/** One ring: two bursts, then silence until the next. */
const RING_EVERY_MS = 3000;
const BURSTS = [
  { start: 0, end: 0.4 },
  { start: 0.6, end: 1.0 },
];
const FREQUENCIES = [400, 450];
/** Loud enough to hear across a room, not a fright at full volume. */
const VOLUME = 0.12;

/** Rings while `on`. */
export function useRingSound(on: boolean): void {
  useEffect(() => {
    if (!on) return;
    const context = new AudioContext();
    const out = context.createGain();
    out.gain.value = VOLUME;
    out.connect(context.destination);
    const ring = () => {
      const now = context.currentTime;
      for (const burst of BURSTS) {
        for (const frequency of FREQUENCIES) {
          const tone = context.createOscillator();
          tone.frequency.value = frequency;
          tone.connect(out);
          tone.start(now + burst.start);
          tone.stop(now + burst.end);
        }
      }
    };
    ring();
    const timer = setInterval(ring, RING_EVERY_MS);
    return () => {
      clearInterval(timer);
      void context.close();
    };
  }, [on]);
}
