import type { AgentRef, AgentStateName, CallEvent, CallEventOf, CallEventSource, IvrData, QueueMember } from '@gasdesk/schema';
import type { PbxCall, PbxSnapshot } from '../pbx-snapshot.ts';
import { deriveAgentState } from './agent-state.ts';
import { countAbandoned, countAnswered, NO_COUNTS, type QueueCounters } from './queue-stats.ts';

export interface CallStateOptions {
  /** Service-level threshold per queue in seconds (queues.conf `servicelevel`). */
  serviceLevelSeconds: Readonly<Record<string, number>>;
  /** For queues not listed above. */
  defaultServiceLevelSeconds: number;
  /** Abandons that waited less than this are counted apart and left out of the rates; 0 counts every abandon. */
  shortAbandonSeconds: number;
  /** How long an agent wraps up after a call (queues.conf `wrapuptime`). */
  wrapUpSeconds: number;
}

export const DEFAULT_CALL_STATE_OPTIONS: CallStateOptions = {
  serviceLevelSeconds: { 'gas-emergency': 15, 'gas-service': 30 },
  defaultServiceLevelSeconds: 20,
  shortAbandonSeconds: 5,
  wrapUpSeconds: 10,
};

export interface TrackedCall {
  readonly callId: string;
  readonly direction: 'inbound' | 'outbound';
  readonly callerNumber: string | null;
  readonly callerName: string | null;
  readonly calledNumber: string | null;
  readonly ivr: IvrData;
  /** The queue the call is (or was last) in. */
  readonly queue: string | null;
  /** Since when the caller waits in `queue`; null when not waiting. */
  readonly waitingSince: string | null;
  /** Agents whose phone rings for this call and who have been shown the screen-pop, by extension. */
  readonly ringing: Readonly<Record<string, AgentRef>>;
  readonly agent: AgentRef | null;
  readonly answeredAt: string | null;
}

export interface TrackedAgent {
  readonly agent: AgentRef;
  readonly state: AgentStateName;
  readonly pauseReason: string | null;
  readonly since: string;
  /** Milliseconds spent in each state before the current one, since the state was created. */
  readonly msByState: Readonly<Record<AgentStateName, number>>;
  readonly wrapUpUntil: string | null;
}

/** The call center as the cti knows it. A value: `reduceCallState` returns a new one. */
export interface CallState {
  readonly options: CallStateOptions;
  /** When the counters started. */
  readonly since: string;
  /** The source of the latest input, for events the state makes itself (agent states, the wallboard). */
  readonly source: CallEventSource;
  readonly calls: Readonly<Record<string, TrackedCall>>;
  /** Queue members by `queue|extension`. */
  readonly members: Readonly<Record<string, QueueMember>>;
  readonly agents: Readonly<Record<string, TrackedAgent>>;
  readonly queues: Readonly<Record<string, QueueCounters>>;
}

export type CallStateInput =
  | { kind: 'event'; event: CallEvent }
  /** The PBX's state read after a (re)connection. */
  | { kind: 'resync'; snapshot: PbxSnapshot }
  /** Time passed (ends wrap-ups). */
  | { kind: 'tick'; at: string }
  /** A new business day began: the day's counters (answered, abandoned, time by state) start again; calls and agents go on. */
  | { kind: 'new_day'; at: string };

export interface Reduction {
  state: CallState;
  /**
   * The events to send on, in order: input events that changed something (a repeated
   * `call.ringing` never goes out twice, so a screen-pop happens once), the corrections a resync
   * found, and the agent states that changed.
   */
  emitted: CallEvent[];
}

const ZERO_BY_STATE: Record<AgentStateName, number> = { ready: 0, ringing: 0, on_call: 0, wrap_up: 0, paused: 0, offline: 0 };

export function initialCallState(at: string, options: Partial<CallStateOptions> = {}, source: CallEventSource = 'ami'): CallState {
  return { options: { ...DEFAULT_CALL_STATE_OPTIONS, ...options }, since: at, source, calls: {}, members: {}, agents: {}, queues: {} };
}

/** A working copy: the records are copied once per input, entries are replaced, never changed in place. */
interface Draft {
  options: CallStateOptions;
  since: string;
  source: CallEventSource;
  calls: Record<string, TrackedCall>;
  members: Record<string, QueueMember>;
  agents: Record<string, TrackedAgent>;
  queues: Record<string, QueueCounters>;
  emitted: CallEvent[];
  /** Agents whose state may have changed. */
  touched: Set<string>;
  /** Interfaces of agents seen in events, for agents not (yet) known as members. */
  interfaces: Map<string, string>;
}

const memberKey = (queue: string, extension: string) => `${queue}|${extension}`;
const secondsBetween = (from: string, to: string) => Math.max(0, Math.floor((Date.parse(to) - Date.parse(from)) / 1000));
const minusSeconds = (at: string, seconds: number) => new Date(Date.parse(at) - seconds * 1000).toISOString();

function touch(draft: Draft, ...agents: (AgentRef | null | undefined)[]): void {
  for (const agent of agents) {
    if (!agent) continue;
    draft.touched.add(agent.extension);
    draft.interfaces.set(agent.extension, agent.interface);
  }
}

function touchCall(draft: Draft, call: TrackedCall | undefined): void {
  if (call) touch(draft, call.agent, ...Object.values(call.ringing));
}

function sameMember(a: QueueMember | undefined, b: QueueMember): boolean {
  return (
    !!a &&
    a.queue === b.queue &&
    a.agent.extension === b.agent.extension &&
    a.agent.interface === b.agent.interface &&
    a.name === b.name &&
    a.status === b.status &&
    a.paused === b.paused &&
    a.pausedReason === b.pausedReason &&
    a.inCall === b.inCall &&
    a.callsTaken === b.callsTaken &&
    a.lastCallAt === b.lastCallAt &&
    a.penalty === b.penalty
  );
}

function setCall(draft: Draft, call: TrackedCall): void {
  draft.calls[call.callId] = call;
}

function newCall(callId: string, init: Partial<TrackedCall>): TrackedCall {
  return { callId, direction: 'inbound', callerNumber: null, callerName: null, calledNumber: null, ivr: {}, queue: null, waitingSince: null, ringing: {}, agent: null, answeredAt: null, ...init };
}

type EventHandler<T extends CallEvent['type']> = (draft: Draft, event: CallEventOf<T>) => void;

/** Each event type: what it changes, and whether it goes on (it does only when it changed something). */
const ON_EVENT: { [T in CallEvent['type']]: EventHandler<T> } = {
  'call.queued': (draft, e) => {
    const call = draft.calls[e.callId];
    if (call?.queue === e.queue && call.waitingSince) return;
    const { callerNumber, callerName, calledNumber, ivr } = e;
    setCall(draft, { ...(call ?? newCall(e.callId, { callerNumber, callerName, calledNumber })), ivr: { ...call?.ivr, ...ivr }, queue: e.queue, waitingSince: e.at });
    draft.emitted.push(e);
  },

  'call.ringing': (draft, e) => {
    const { callerNumber, callerName, calledNumber, ivr, queue } = e;
    const call = draft.calls[e.callId] ?? newCall(e.callId, { callerNumber, callerName, calledNumber, ivr, queue, waitingSince: queue ? e.at : null });
    // The same ring seen twice (a repeated event, a replay after a resync) pops the screen once.
    if (call.ringing[e.agent.extension] || call.agent?.extension === e.agent.extension) return;
    setCall(draft, { ...call, ringing: { ...call.ringing, [e.agent.extension]: e.agent } });
    touch(draft, e.agent);
    draft.emitted.push(e);
  },

  'call.ring_no_answer': (draft, e) => {
    const call = draft.calls[e.callId];
    if (!call?.ringing[e.agent.extension]) return;
    const { [e.agent.extension]: _stopped, ...ringing } = call.ringing;
    setCall(draft, { ...call, ringing });
    touch(draft, e.agent);
    draft.emitted.push(e);
  },

  'call.answered': (draft, e) => {
    const call = draft.calls[e.callId] ?? newCall(e.callId, { queue: e.queue });
    if (call.answeredAt && call.agent?.extension === e.agent.extension) return;
    touchCall(draft, call);
    touch(draft, e.agent);
    setCall(draft, { ...call, ringing: {}, waitingSince: null, agent: e.agent, answeredAt: e.at });
    if (e.queue && e.holdTime !== null) {
      const sl = draft.options.serviceLevelSeconds[e.queue] ?? draft.options.defaultServiceLevelSeconds;
      draft.queues[e.queue] = countAnswered(draft.queues[e.queue] ?? NO_COUNTS, e.holdTime, sl);
    }
    draft.emitted.push(e);
  },

  'call.left_queue': (draft, e) => {
    const call = draft.calls[e.callId];
    if (!call?.waitingSince || call.queue !== e.queue) return;
    // Rings still open are cancelled by the queue when the caller leaves it.
    touchCall(draft, call);
    setCall(draft, { ...call, waitingSince: null, ringing: {} });
    draft.emitted.push(e);
  },

  'call.abandoned': (draft, e) => {
    const call = draft.calls[e.callId];
    if (!call || call.answeredAt) return;
    touchCall(draft, call);
    delete draft.calls[e.callId];
    draft.queues[e.queue] = countAbandoned(draft.queues[e.queue] ?? NO_COUNTS, e.waited, draft.options.shortAbandonSeconds);
    draft.emitted.push(e);
  },

  'call.ended': (draft, e) => {
    const call = draft.calls[e.callId];
    if (!call) return;
    touchCall(draft, call);
    delete draft.calls[e.callId];
    const agent = call.agent ?? e.agent;
    const tracked = agent ? draft.agents[agent.extension] : undefined;
    if (agent && tracked && call.answeredAt) {
      draft.agents[agent.extension] = { ...tracked, wrapUpUntil: new Date(Date.parse(e.at) + draft.options.wrapUpSeconds * 1000).toISOString() };
    }
    draft.emitted.push(e);
  },

  'call.transferred': (draft, e) => {
    if (draft.calls[e.callId]) draft.emitted.push(e);
  },

  'call.outbound_started': (draft, e) => {
    if (draft.calls[e.callId]) return;
    setCall(draft, newCall(e.callId, { direction: 'outbound', callerNumber: e.agent.extension, calledNumber: e.number, agent: e.agent }));
    touch(draft, e.agent);
    draft.emitted.push(e);
  },

  'call.outbound_failed': (draft, e) => {
    draft.emitted.push(e);
  },

  'queue.member_status': (draft, e) => {
    const { type: _t, at: _a, source: _s, ...member } = e;
    const key = memberKey(e.queue, e.agent.extension);
    if (sameMember(draft.members[key], member)) return;
    draft.members[key] = member;
    touch(draft, e.agent);
    draft.emitted.push(e);
  },

  'queue.member_removed': (draft, e) => {
    const key = memberKey(e.queue, e.agent.extension);
    if (!draft.members[key]) return;
    delete draft.members[key];
    touch(draft, e.agent);
    draft.emitted.push(e);
  },

  // Made here, never taken in: a driver's opinion of these would only disagree with ours.
  'agent.state': () => undefined,
  'wallboard.snapshot': () => undefined,
};

function applyEvent<T extends CallEvent['type']>(draft: Draft, event: CallEventOf<T>): void {
  (ON_EVENT[event.type as T] as EventHandler<T>)(draft, event);
}

/** Events that tell the backend about a call it has not heard of (found by a resync). */
function announce(draft: Draft, call: PbxCall, at: string, source: CallEventSource): void {
  const caller = { callerNumber: call.callerNumber, callerName: call.callerName, calledNumber: call.calledNumber };
  if (call.direction === 'outbound' && call.agent) {
    applyEvent(draft, { type: 'call.outbound_started', at, source, callId: call.callId, agent: call.agent, number: call.calledNumber ?? '', requestId: null });
  } else if (call.queue) {
    applyEvent(draft, { type: 'call.queued', at, source, callId: call.callId, ...caller, queue: call.queue, position: call.position ?? 1, ivr: call.ivr });
    const known = draft.calls[call.callId]!;
    setCall(draft, { ...known, waitingSince: minusSeconds(at, call.waitSeconds ?? 0) });
  } else {
    setCall(draft, newCall(call.callId, { ...caller, ivr: call.ivr }));
  }
}

/** Brings the state in line with what the PBX has now: ghost calls end, missed calls appear, rings pop once. */
function reconcile(draft: Draft, snapshot: PbxSnapshot): void {
  const { at, source } = snapshot;
  const present = new Map(snapshot.calls.map((c) => [c.callId, c]));
  for (const call of Object.values(draft.calls)) {
    if (present.has(call.callId)) continue;
    touchCall(draft, call);
    delete draft.calls[call.callId];
    draft.emitted.push({
      type: 'call.ended',
      at,
      source,
      callId: call.callId,
      direction: call.direction,
      queue: call.queue,
      agent: call.agent,
      talkTime: call.answeredAt ? secondsBetween(call.answeredAt, at) : 0,
      reason: 'lost',
    });
  }
  for (const pbxCall of snapshot.calls) {
    if (!draft.calls[pbxCall.callId]) announce(draft, pbxCall, at, source);
    const call = draft.calls[pbxCall.callId]!;
    if (pbxCall.queue && !call.answeredAt && (call.queue !== pbxCall.queue || !call.waitingSince)) {
      setCall(draft, { ...call, queue: pbxCall.queue, waitingSince: minusSeconds(at, pbxCall.waitSeconds ?? 0) });
    } else if (!pbxCall.queue && call.waitingSince) {
      setCall(draft, { ...call, waitingSince: null });
    }
    const answeredBy = pbxCall.answered ? pbxCall.agent : null;
    for (const agent of Object.values(call.ringing)) {
      if (pbxCall.ringing.some((r) => r.extension === agent.extension) || answeredBy?.extension === agent.extension) continue;
      applyEvent(draft, { type: 'call.ring_no_answer', at, source, callId: call.callId, queue: call.queue, agent, ringTime: null });
    }
    for (const agent of pbxCall.ringing) {
      const { callerNumber, callerName, calledNumber, ivr, queue } = draft.calls[pbxCall.callId]!;
      applyEvent(draft, { type: 'call.ringing', at, source, callId: call.callId, callerNumber, callerName, calledNumber, queue, agent, ivr });
    }
    if (answeredBy) {
      applyEvent(draft, { type: 'call.answered', at, source, callId: call.callId, queue: draft.calls[call.callId]!.queue, agent: answeredBy, holdTime: null, ringTime: null });
    }
  }
  const members = new Map(snapshot.members.map((m) => [memberKey(m.queue, m.agent.extension), m]));
  for (const [key, member] of Object.entries(draft.members)) {
    if (!members.has(key)) applyEvent(draft, { type: 'queue.member_removed', at, source, queue: member.queue, agent: member.agent });
  }
  for (const member of members.values()) applyEvent(draft, { type: 'queue.member_status', at, source, ...member });
  for (const extension of Object.keys(draft.agents)) draft.touched.add(extension);
}

/** Derives the touched agents' states and announces those that changed. */
function settleAgents(draft: Draft, at: string): void {
  const calls = Object.values(draft.calls);
  const members = Object.values(draft.members);
  for (const extension of draft.touched) {
    const memberships = members.filter((m) => m.agent.extension === extension);
    const known = draft.agents[extension];
    const agent = memberships[0]?.agent ?? known?.agent ?? { extension, interface: draft.interfaces.get(extension) ?? extension };
    const derived = deriveAgentState({
      onCall: calls.some((c) => c.agent?.extension === extension && (c.answeredAt !== null || c.direction === 'outbound')),
      ringing: calls.some((c) => c.ringing[extension]),
      memberships,
      wrapUpUntil: known?.wrapUpUntil ?? null,
      at,
    });
    if (known && known.state === derived.state && known.pauseReason === derived.pauseReason) continue;
    const msByState = known ? { ...known.msByState, [known.state]: known.msByState[known.state] + Math.max(0, Date.parse(at) - Date.parse(known.since)) } : ZERO_BY_STATE;
    draft.agents[extension] = { agent, ...derived, since: at, msByState, wrapUpUntil: derived.state === 'wrap_up' ? (known?.wrapUpUntil ?? null) : null };
    draft.emitted.push({ type: 'agent.state', at, source: draft.source, agent, state: derived.state, pauseReason: derived.pauseReason, since: at, previous: known?.state ?? null });
  }
}

/**
 * The call-state reducer: takes one input (a CallEvent from a driver, a resync snapshot, or the
 * passing of time) and returns the new state with the events to send on. Pure: no I/O, no clock
 * of its own; time comes from the inputs.
 */
export function reduceCallState(state: CallState, input: CallStateInput): Reduction {
  const source = input.kind === 'event' ? input.event.source : input.kind === 'resync' ? input.snapshot.source : state.source;
  const draft: Draft = {
    ...state,
    source,
    calls: { ...state.calls },
    members: { ...state.members },
    agents: { ...state.agents },
    queues: { ...state.queues },
    emitted: [],
    touched: new Set(),
    interfaces: new Map(),
  };
  let at: string;
  if (input.kind === 'event') {
    applyEvent(draft, input.event);
    at = input.event.at;
  } else if (input.kind === 'resync') {
    reconcile(draft, input.snapshot);
    at = input.snapshot.at;
  } else {
    if (input.kind === 'new_day') {
      draft.queues = {};
      draft.since = input.at;
      for (const [extension, agent] of Object.entries(draft.agents)) draft.agents[extension] = { ...agent, msByState: ZERO_BY_STATE };
    }
    for (const extension of Object.keys(draft.agents)) draft.touched.add(extension);
    at = input.at;
  }
  settleAgents(draft, at);
  const { emitted, touched: _touched, interfaces: _interfaces, ...next } = draft;
  return { state: next, emitted };
}
