import type { AgentStateView, CallView, PhoneMatch, ScreenPop } from '@gasdesk/schema';
import { api } from './api.ts';
import { reportError } from './errors.ts';
import { events } from './events.ts';

/** A ticking clock for timers (talk time, time in state, wrap-up countdown): one interval for the desk. */
class Clock {
  now = $state(Date.now());

  constructor() {
    setInterval(() => (this.now = Date.now()), 1000);
  }
}

export const clock = new Clock();

/**
 * How long the cti keeps an agent in wrap-up after a call (`CTI_WRAP_UP_SECONDS`, default 10). The
 * contract does not carry it, so the countdown uses this and ends early when the cti reports the
 * agent out of wrap-up; the form itself stays until a disposition is saved.
 */
export const WRAP_UP_SECONDS = 10;

export interface CallChoice {
  customerId: number;
  accountId: number | null;
}

/** The agent's current call: what the screen-pop said (inbound) and the latest call-log row. */
export interface CurrentCall {
  /** The PBX call id, the key of every event about the call. */
  callId: string;
  pop: ScreenPop | null;
  view: CallView | null;
  /** The customer this call is about: the one match, or the agent's choice among several. */
  choice: CallChoice | null;
}

/** Answered calls that ended this recently and have no disposition are offered for wrap-up again after a reload. */
const RESUME_WRAP_UP_MS = 2 * 60 * 1000;

const OVER: readonly CallView['status'][] = ['ended', 'transferred', 'missed', 'abandoned'];

/**
 * The call center as one agent sees it, fed by the event bus only: the agent's state, the call on
 * the phone and the calls waiting for a wrap-up. Components read it and call its methods; none of
 * them touches the socket.
 */
class CallDesk {
  agent = $state<AgentStateView | null>(null);
  current = $state<CurrentCall | null>(null);
  /** Ended calls the agent answered and has not wrapped up yet, oldest first. */
  wrapUps = $state<CallView[]>([]);
  /** When the agent last entered wrap-up, for the countdown (ms). */
  wrapUpSince = $state<number | null>(null);

  #userId: number | null = null;

  constructor() {
    // Pushed events in a gap are lost: read the agent's own calls again after a reconnect.
    events.on('connection:resumed', () => void this.resync());
    events.on('call:screen-pop', (pop) => this.#pop(pop));
    events.on('call:updated', ({ callId, call }) => this.#update(callId, call));
    events.on('agent:state', (state) => this.#agentState(state));
  }

  /** Seconds of wrap-up left, or null when not counting (negative once the time is over). */
  wrapUpLeft(now: number): number | null {
    if (this.wrapUps.length === 0) return null;
    const since = this.wrapUpSince ?? Date.parse(this.wrapUps[0]?.endedAt ?? '');
    if (Number.isNaN(since)) return null;
    if (this.agent && this.agent.state !== 'wrap_up' && this.agent.state !== 'on_call' && this.agent.state !== 'ringing') return -1;
    // The server's clock may run a little ahead of this PC's: never count above the full time.
    return Math.min(WRAP_UP_SECONDS, WRAP_UP_SECONDS - Math.floor((now - since) / 1000));
  }

  /** Records the agent's choice among several matches, so that the call log names the customer. */
  async choose(match: PhoneMatch): Promise<boolean> {
    const current = this.current;
    if (!current) return false;
    try {
      await this.#record(current, { customerId: match.customerId, accountId: match.accountId });
      return true;
    } catch (err) {
      reportError(err);
      return false;
    }
  }

  /** Links a caller registered during the call to it (the unknown-caller path). */
  async link(customerId: number): Promise<void> {
    if (this.current) await this.#record(this.current, { customerId, accountId: null });
  }

  /**
   * Keeps the choice with the call and writes it on its log row. A pop can come before its row is
   * written (`callLogId` null): the choice then waits on the desk, and `#update` writes it when the
   * row's first update brings its id.
   */
  async #record(current: CurrentCall, choice: CallChoice): Promise<void> {
    const id = current.pop?.callLogId ?? current.view?.id ?? null;
    if (id !== null) {
      const view = await api.chooseCallCustomer(id, choice);
      if (this.current?.callId === current.callId) this.current.view = view;
    }
    if (this.current?.callId === current.callId) this.current.choice = choice;
  }

  async wrapUp(call: CallView, disposition: CallView['disposition'] & string, note: string): Promise<CallView> {
    const saved = await api.wrapUpCall(call.id, { disposition, note });
    this.wrapUps = this.wrapUps.filter((c) => c.id !== call.id);
    if (this.wrapUps.length === 0) this.wrapUpSince = null;
    return saved;
  }

  /**
   * Picks up what the socket cannot replay (a call that rang before this tab connected, a reload
   * mid-call, a reconnect): the agent's call in progress and their answered calls of the last
   * minutes that still want a wrap-up. Needs `calls:read`; without it only pushed events count.
   */
  async start(userId: number, canRead: boolean): Promise<void> {
    this.#userId = canRead ? userId : null;
    await this.resync();
  }

  async resync(): Promise<void> {
    const agentId = this.#userId;
    if (agentId === null) return;
    try {
      const { items } = await api.calls({ agentId, limit: 20, offset: 0 });
      if (this.#userId !== agentId) return;
      const live = items.find((c) => c.status === 'ringing' || c.status === 'answered');
      if (live && this.current?.callId !== live.pbxCallId) this.#update(live.pbxCallId, live);
      if (!live && this.current && !this.current.pop && this.current.view) {
        const still = items.find((c) => c.id === this.current?.view?.id);
        if (still) this.#update(still.pbxCallId, still);
      }
      const recent = Date.now() - RESUME_WRAP_UP_MS;
      for (const call of items.slice().reverse()) {
        if (call.status !== 'ended' && call.status !== 'transferred') continue;
        if (Date.parse(call.endedAt ?? '') >= recent) this.#ended(call);
      }
    } catch (err) {
      reportError(err);
    }
  }

  /** At sign-out: nothing of one agent's calls stays for the next person at the PC. */
  clear(): void {
    this.#userId = null;
    this.agent = null;
    this.current = null;
    this.wrapUps = [];
    this.wrapUpSince = null;
  }

  #pop(pop: ScreenPop): void {
    const one = pop.matches.length === 1 ? pop.matches[0]! : null;
    this.current = {
      callId: pop.callId,
      pop,
      view: null,
      // One match is the caller; several are a choice for the agent, never a guess.
      choice: one ? { customerId: one.customerId, accountId: one.accountId } : null,
    };
  }

  #update(callId: string, call: CallView): void {
    // A wrap-up saved elsewhere (another tab) or a late update of a call waiting for one.
    if (this.wrapUps.some((c) => c.id === call.id)) {
      this.wrapUps = call.disposition ? this.wrapUps.filter((c) => c.id !== call.id) : this.wrapUps.map((c) => (c.id === call.id ? call : c));
    }
    const current = this.current;
    if (current && current.callId !== callId && OVER.includes(call.status)) {
      // The end of a call that is no longer on screen: it may still want a wrap-up.
      this.#ended(call);
      return;
    }
    if (!current || current.callId !== callId) {
      if (OVER.includes(call.status)) return this.#ended(call);
      // An outbound call (click-to-dial), or an inbound one whose pop this tab missed.
      this.current = {
        callId,
        pop: null,
        view: call,
        choice: call.customerId ? { customerId: call.customerId, accountId: call.accountId } : null,
      };
      return;
    }
    const waiting = current.view === null && current.pop?.callLogId === null ? current.choice : null;
    current.view = call;
    if (waiting && (waiting.customerId !== call.customerId || waiting.accountId !== call.accountId)) void this.#record(current, waiting).catch(reportError);
    if (call.customerId && !current.choice) current.choice = { customerId: call.customerId, accountId: call.accountId };
    if (OVER.includes(call.status)) {
      this.current = null;
      this.#ended(call);
    }
  }

  #ended(call: CallView): void {
    if (!call.answeredAt || call.disposition || call.status === 'abandoned' || call.status === 'missed') return;
    if (this.wrapUps.some((c) => c.id === call.id)) return;
    if (this.wrapUps.length === 0) this.wrapUpSince = Date.now();
    this.wrapUps = [...this.wrapUps, call];
  }

  #agentState(state: AgentStateView): void {
    this.agent = state;
    if (state.state === 'wrap_up') {
      const since = Date.parse(state.since);
      this.wrapUpSince = Number.isNaN(since) ? Date.now() : since;
    }
    const current = this.current;
    if (!current || state.state === 'ringing' || state.state === 'on_call' || state.state === 'wrap_up') return;
    // Back to ready (or paused, logged out) with a call still on screen: a ring that went
    // unanswered, or an end this tab missed. Read the row once so that an answered call still
    // gets its wrap-up.
    this.current = null;
    const id = current.view?.id ?? current.pop?.callLogId ?? null;
    if (id !== null && current.view?.answeredAt) {
      api.call(id).then((call) => this.#ended(call), reportError);
    }
  }
}

export const callDesk = new CallDesk();
