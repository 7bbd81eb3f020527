// A small event emitter typed by an event map, whose `on` returns the unsubscribe function the IPC
// contract expects. A listener that throws is reported and does not stop the other listeners.

export type Listener<T> = (payload: T) => void;

export class TypedEmitter<Events> {
  private readonly listeners = new Map<keyof Events, Set<Listener<never>>>();

  on<E extends keyof Events>(event: E, listener: Listener<Events[E]>): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as Listener<never>);
    return () => {
      set.delete(listener as Listener<never>);
    };
  }

  emit<E extends keyof Events>(event: E, payload: Events[E]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        (listener as Listener<Events[E]>)(payload);
      } catch (error) {
        console.error(`hearth: a listener for "${String(event)}" failed:`, error);
      }
    }
  }

  removeAllListeners(): void {
    this.listeners.clear();
  }
}
