// Stands in for the Electron preload + IPC adapter in end-to-end tests. The page gets a `window.hearth`
// with exactly the contract's methods and `on()`; each call goes through a Playwright binding to the SAME
// service method the IPC adapter calls (src-main/electron/ipc.ts routes by the same names), and every service
// event named in the contract is forwarded into the page, in order.
import type { BrowserContext, Page } from 'playwright-core';
import {
  EVENT_NAMES,
  type EventName,
  type HearthEvents,
  type HearthInvoke,
  INVOKE_METHODS,
  type Unsubscribe,
} from '../../src-shared/ipc';

export interface BridgedService extends HearthInvoke {
  on<E extends EventName>(event: E, listener: (payload: HearthEvents[E]) => void): Unsubscribe;
}

const INVOKE_BINDING = '__hearthInvoke';
const DELIVER = '__hearthDeliver';

/**
 * Runs in the page before any of its scripts and builds `window.hearth` the way the preload does. It is
 * source text rather than a function because tsx's transform would add helpers the page does not have.
 */
function pageShim(methods: readonly string[], events: readonly string[]): string {
  return `(() => {
  const invoke = globalThis[${JSON.stringify(INVOKE_BINDING)}];
  const listeners = new Map(${JSON.stringify(events)}.map((e) => [e, new Set()]));
  const api = {};
  for (const method of ${JSON.stringify(methods)}) api[method] = (arg) => invoke(method, arg);
  api.on = (event, listener) => {
    const set = listeners.get(event);
    if (!set) throw new Error('Unknown Hearth event: ' + event);
    if (typeof listener !== 'function') throw new Error('A Hearth event listener must be a function');
    set.add(listener);
    return () => { set.delete(listener); };
  };
  Object.defineProperty(globalThis, ${JSON.stringify(DELIVER)}, {
    value: (batch) => {
      for (const [event, payload] of batch) for (const listener of listeners.get(event) ?? []) listener(payload);
    },
  });
  Object.defineProperty(globalThis, 'hearth', { value: Object.freeze(api), enumerable: true });
})();`;
}

/** Wire one browser context to one service; returns a function that stops forwarding events. */
export async function bridgeContext(context: BrowserContext, service: BridgedService): Promise<() => void> {
  const allowed = new Set<string>(INVOKE_METHODS);
  await context.exposeBinding(INVOKE_BINDING, (_source, method: unknown, arg: unknown) => {
    if (typeof method !== 'string' || !allowed.has(method)) throw new Error(`Not a Hearth method: ${method}`);
    const call = service[method as keyof HearthInvoke] as (arg: unknown) => Promise<unknown>;
    return call.call(service, arg);
  });
  await context.addInitScript({ content: pageShim(INVOKE_METHODS, EVENT_NAMES) });

  // Events queue up and go into each page in one evaluate per tick, one batch at a time, so the page sees
  // them in the order the service emitted them.
  let queue: [string, unknown][] = [];
  let flushing: Promise<void> = Promise.resolve();
  const flush = () => {
    const batch = queue;
    queue = [];
    const pages = context.pages();
    flushing = flushing.then(() =>
      Promise.all(pages.map((page) => deliver(page, batch))).then(() => undefined),
    );
  };
  const offs = EVENT_NAMES.map((name) =>
    service.on(name, (payload: unknown) => {
      if (queue.length === 0) queueMicrotask(flush);
      queue.push([name, payload]);
    }),
  );
  return () => {
    for (const off of offs) off();
  };
}

async function deliver(page: Page, batch: [string, unknown][]): Promise<void> {
  if (page.isClosed()) return;
  await page
    .evaluate(
      ([name, events]) => (globalThis as unknown as Record<string, (b: unknown) => void>)[name]?.(events),
      [DELIVER, batch] as const,
    )
    // A page that is navigating or closing has no listeners to tell, as with a reloading Electron window.
    .catch(() => undefined);
}
