import { useEffect, useState } from 'react';
import { waitFromSentence } from '../../format/throttle-wait';
import { useSecondsUntil } from '../../hooks/use-seconds-until';

/** A countdown to when logging in is allowed again; `lock` starts one from a `throttled` sentence. */
export function useLockout(): { seconds: number | null; lock: (sentence: string) => boolean } {
  const [until, setUntil] = useState<number | null>(null);
  const seconds = useSecondsUntil(until);
  useEffect(() => {
    if (until !== null && seconds === 0) setUntil(null);
  }, [until, seconds]);
  return {
    seconds: until === null ? null : seconds,
    lock: (sentence) => {
      const wait = waitFromSentence(sentence);
      if (wait !== null) setUntil(Date.now() + wait);
      return wait !== null;
    },
  };
}
