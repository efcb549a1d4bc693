import type { ServerToClientEvents } from '@gasdesk/schema';

/** Every server event, keyed by name, carrying its one payload. */
export type ServerEvents = {
  [K in keyof ServerToClientEvents]: Parameters<ServerToClientEvents[K]>[0];
};

export type ConnectionStatus = 'offline' | 'connecting' | 'online';

/** What the socket client says about itself, so that no one needs to touch the socket. */
export interface ClientEvents {
  'connection:status': { status: ConnectionStatus };
  /** Connected again after a drop: anything pushed meanwhile may be lost, so resync from the API. */
  'connection:resumed': { recovered: boolean };
  /** The server refused the socket's token: the session is over. */
  'connection:unauthenticated': Record<string, never>;
}

export type DeskEvents = ServerEvents & ClientEvents;

type Handler<P> = (payload: P) => void;

export class EventBus<E extends object> {
  #handlers = new Map<keyof E, Set<Handler<never>>>();

  /** Returns the unsubscribe function, so `$effect(() => events.on(...))` cleans up by itself. */
  on<K extends keyof E>(name: K, handler: Handler<E[K]>): () => void {
    let set = this.#handlers.get(name);
    if (!set) {
      set = new Set();
      this.#handlers.set(name, set);
    }
    set.add(handler as Handler<never>);
    return () => set.delete(handler as Handler<never>);
  }

  emit<K extends keyof E>(name: K, payload: E[K]): void {
    const set = this.#handlers.get(name);
    if (!set) return;
    for (const handler of [...set]) {
      try {
        (handler as Handler<E[K]>)(payload);
      } catch (err) {
        // One broken subscriber must not starve the others of the event.
        console.error(`event handler for ${String(name)} failed`, err);
      }
    }
  }
}

export const events = new EventBus<DeskEvents>();
