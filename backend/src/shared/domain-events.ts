import { EventEmitter } from 'node:events';
import type { AgentStateView, BillingRunView, CallUpdate, CompanyWallboard, ScreenPop } from '@gasdesk/schema';

/**
 * Domain events inside one process. Services announce what happened; listeners (the realtime
 * gateway, later notifications) decide who hears of it. Payloads carry ids, not models.
 */
export interface DomainEvents {
  /** Sessions ended by logout, a disabled user or a changed password: their sockets must close. */
  'sessions.revoked': { userId: number; sessionIds: number[]; reason: 'logout' | 'disabled' | 'revoked' };
  /** An agent's phone rings: the screen-pop for that agent only. */
  'call.screen_pop': { userId: number; pop: ScreenPop };
  /** An agent's leg of a call was answered, ended or transferred. */
  'call.updated': { userId: number; update: CallUpdate };
  /** An agent's state changed at the PBX. */
  'agent.state_changed': { userId: number; state: AgentStateView };
  /** A company's wallboard, already coalesced for its supervisors. */
  'wallboard.updated': { wallboard: CompanyWallboard };
  /** A billing run's progress (at most once a second while it runs, and once when it ends). */
  'billing.run_progress': { companyId: number; run: BillingRunView };
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
