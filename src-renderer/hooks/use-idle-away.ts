// "Away after idle": with no input in the window for a while (10 minutes unless the user picks another time
// in the settings), an account that shows as online shows as away, and is online again at the next input.
// Only a status the app set itself is undone: an "away" or "do not disturb" the user chose stays.
import { useEffect } from 'react';
import { useProfile } from './use-profiles';

const KEY = 'hearth.awayAfterMinutes';
export const AWAY_CHOICES = [5, 10, 30, 0] as const;
export type AwayAfter = (typeof AWAY_CHOICES)[number];

/** Kept on this computer (the window's local storage): how idle counts is a matter of this device. */
export function awayAfterMinutes(): AwayAfter {
  const kept = window.localStorage.getItem(KEY);
  const minutes = Number(kept);
  return kept !== null && (AWAY_CHOICES as readonly number[]).includes(minutes) ? (minutes as AwayAfter) : 10;
}

export function setAwayAfterMinutes(minutes: AwayAfter): void {
  window.localStorage.setItem(KEY, String(minutes));
  window.dispatchEvent(new Event('hearth-away-after'));
}

const INPUT = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'focus'] as const;
/** The app itself set "away" (kept across the re-render that the new status causes). */
let setByUs = false;

export function useIdleAway(username: string | null): void {
  const status = useProfile(username)?.status;
  useEffect(() => {
    if (username === null || status === undefined) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(timer);
      const minutes = awayAfterMinutes();
      if (minutes === 0 || status !== 'online') return;
      timer = setTimeout(() => {
        setByUs = true;
        void window.hearth.updateProfile({ status: 'away' });
      }, minutes * 60_000);
    };
    const active = () => {
      if (setByUs) {
        setByUs = false;
        void window.hearth.updateProfile({ status: 'online' });
        return;
      }
      arm();
    };
    arm();
    for (const name of INPUT) window.addEventListener(name, active, { passive: true });
    window.addEventListener('hearth-away-after', arm);
    return () => {
      clearTimeout(timer);
      for (const name of INPUT) window.removeEventListener(name, active);
      window.removeEventListener('hearth-away-after', arm);
    };
  }, [username, status]);
}
