import { EventEmitter } from 'node:events';

/**
 * Domain events inside one process. Services announce what happened; listeners (the realtime
 * gateway, later notifications) decide who hears of it. Payloads carry ids, not models.
 */
export interface DomainEvents {
  /** Sessions ended by logout, a disabled user or a changed password: their sockets must close. */
  'sessions.revoked': { userId: number; sessionIds: number[]; reason: 'logout' | 'disabled' | 'revoked' };
}

export class DomainEventBus {
  private readonly emitter = new EventEmitter();

  emit<K extends keyof DomainEvents>(name: K, payload: DomainEvents[K]): void {
    this.emitter.emit(name, payload);
  }

  on<K extends keyof DomainEvents>(name: K, listener: (payload: DomainEvents[K]) => void): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }
}
