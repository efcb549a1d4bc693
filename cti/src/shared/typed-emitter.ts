import { EventEmitter } from 'node:events';

/** An event emitter whose event names and payloads are checked, with `on` returning its own unsubscribe. */
export class TypedEmitter<Events extends object> {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per consumer, but tests and the all-in-one process may attach many.
    this.emitter.setMaxListeners(0);
  }

  emit<K extends keyof Events & string>(name: K, payload: Events[K]): void {
    this.emitter.emit(name, payload);
  }

  on<K extends keyof Events & string>(name: K, listener: (payload: Events[K]) => void): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }
}
