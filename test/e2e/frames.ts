// Frame times in Chromium: move a message list every animation frame and record the time between frames
// (requestAnimationFrame), then summarise them. The scroll test and the renderer benchmark
// (bench/renderer-room.ts) share these, so their figures mean the same thing.
import type { Page } from 'playwright-core';
import type { PageGlobals } from './page-globals';

export interface FrameStats {
  frames: number;
  p50: number;
  p95: number;
  max: number;
  dropped: number;
  seconds: number;
}

export function summariseFrames(deltas: number[]): FrameStats {
  const sorted = [...deltas].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const frame = 1000 / 60;
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    frames: deltas.length,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    max: round(sorted.at(-1) ?? 0),
    dropped: deltas.reduce((n, d) => n + Math.max(0, Math.round(d / frame) - 1), 0),
    seconds: round(deltas.reduce((a, b) => a + b, 0) / 1000),
  };
}

export type Motion = 'up' | 'down' | 'jump';

/**
 * Moves the list every animation frame (up or down by `step` px, or to a random place) for `ms`, or up
 * until the top with nothing left to load; returns the time between consecutive frames.
 */
export function scrollAndMeasure(page: Page, motion: Motion, step: number, ms: number): Promise<number[]> {
  return page.evaluate(
    ({ motion, step, ms }) =>
      new Promise<number[]>((resolve) => {
        const g = globalThis as unknown as PageGlobals;
        const el = g.document.querySelector('.message-scroller');
        if (!el) throw new Error('no message list');
        const deltas: number[] = [];
        let previous = 0;
        let started = 0;
        let seed = 42;
        const frame = (now: number) => {
          if (previous) deltas.push(now - previous);
          else started = now;
          previous = now;
          if (motion === 'up') el.scrollTop -= step;
          else if (motion === 'down') el.scrollTop += step;
          else {
            seed = (seed * 1103515245 + 12345) % 2147483648;
            el.scrollTop = (seed / 2147483648) * (el.scrollHeight - el.clientHeight);
          }
          const atTop =
            el.scrollTop === 0 &&
            g.document
              .querySelector('.timeline-start .muted')
              ?.textContent?.startsWith('This is the beginning');
          if (now - started < ms && !(motion === 'up' && atTop)) g.requestAnimationFrame(frame);
          else resolve(deltas);
        };
        g.requestAnimationFrame(frame);
      }),
    { motion, step, ms },
  );
}
