import type { AgentRef, CallEvent, CallEventSource, DeviceStatus, QueueMember } from '@gasdesk/schema';
import type { IncomingCall, PbxControl } from '../pbx-control.ts';
import type { PbxCall, PbxSnapshot, QueueSummary } from '../pbx-snapshot.ts';
import type { Clock } from '../shared/clock.ts';
import { TypedEmitter } from '../shared/typed-emitter.ts';
import type { MemberConfig } from '../simulator/sim-types.ts';
import {
  ALL_TELEPHONY_CAPABILITIES,
  TelephonyError,
  type ConnectionStatus,
  type MemberRequest,
  type OriginateRequest,
  type PauseRequest,
  type TelephonyDriver,
  type TelephonyDriverEvents,
} from '../telephony-driver.ts';

export interface FakeDriverSettings {
  /** Static members, in the PBX's order. */
  members: readonly MemberConfig[];
  /** Default `sim`. */
  source?: CallEventSource;
  /** Click-to-dial: the agent picks up after this, the customer after this more (defaults 10 ms each). */
  originateAnswerMs?: number;
  customerAnswerMs?: number;
}

interface FakeCall {
  readonly callId: string;
  readonly direction: 'inbound' | 'outbound';
  readonly incoming: IncomingCall | null;
  queue: string | null;
  answeredQueue: string | null;
  readonly joinedAt: number;
  readonly originalPosition: number;
  readonly rings: Map<string, number>;
  agent: AgentRef | null;
  answeredAt: number | null;
  readonly number: string | null;
}

interface FakeMember extends QueueMember {
  readonly dynamic: boolean;
}

const seconds = (ms: number) => Math.max(0, Math.floor(ms / 1000));

/**
 * A telephony driver with the PBX inside it, for tests of what consumes CallEvents (the cti
 * service, the backend): `pbx` makes calls happen, the actions behave as on Asterisk, and the
 * events are those the AMI driver would send for the same calls. It passes the same contract.
 */
export class FakeTelephonyDriver implements TelephonyDriver {
  readonly name = 'fake';
  readonly capabilities = ALL_TELEPHONY_CAPABILITIES;
  readonly source: CallEventSource;
  /** Makes callers and agents' phones act. */
  readonly pbx: PbxControl;
  private readonly emitter = new TypedEmitter<TelephonyDriverEvents>();
  private readonly members: FakeMember[] = [];
  private readonly queues: string[] = [];
  private readonly calls = new Map<string, FakeCall>();
  private readonly completed = new Map<string, { count: number; hold: number; talk: number }>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private current: ConnectionStatus = 'idle';
  private seq = 0;

  constructor(
    private readonly settings: FakeDriverSettings,
    private readonly deps: { clock: Clock },
  ) {
    this.source = settings.source ?? 'sim';
    for (const m of settings.members) {
      if (!this.queues.includes(m.queue)) this.queues.push(m.queue);
      this.members.push(this.newMember(m.queue, m.extension, m.name, m.penalty ?? 0, false));
    }
    this.pbx = {
      queueCall: (call) => this.queueCall(call),
      ringAgent: (callId, extension) => this.ringAgent(callId, extension),
      ringNoAnswer: (callId, extension) => this.ringNoAnswer(callId, extension),
      answer: (callId, extension) => this.answer(callId, extension),
      hangup: (callId, by) => this.end(callId, by),
    };
  }

  async connect(): Promise<void> {
    this.setStatus('connecting');
    this.emitter.emit('resync', this.snapshot());
    this.setStatus('connected');
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.setStatus('closed');
  }

  status(): ConnectionStatus {
    return this.current;
  }

  on<K extends keyof TelephonyDriverEvents>(name: K, listener: (payload: TelephonyDriverEvents[K]) => void): () => void {
    return this.emitter.on(name, listener);
  }

  async originate(request: OriginateRequest): Promise<{ requestId: string }> {
    this.live();
    const requestId = `fake-originate-${++this.seq}`;
    const agent = this.agentRef(request.agent);
    this.later(this.settings.originateAnswerMs ?? 10, () => {
      const call = this.newCall('outbound', null, request.number);
      call.agent = agent;
      this.emit({ type: 'call.outbound_started', ...this.stamp(), callId: call.callId, agent, number: request.number, requestId });
      this.deviceChanged(agent.extension);
      this.later(this.settings.customerAnswerMs ?? 10, () => {
        if (!this.calls.has(call.callId)) return;
        call.answeredAt = this.now();
        this.emit({ type: 'call.answered', ...this.stamp(), callId: call.callId, queue: null, agent, holdTime: null, ringTime: null });
      });
    });
    return { requestId };
  }

  async redirect(request: { callId: string; target: string }): Promise<void> {
    const call = this.known(request.callId);
    if (call.answeredAt !== null && call.agent && call.direction === 'inbound') {
      this.emit({ type: 'call.transferred', ...this.stamp(), callId: call.callId, agent: call.agent, target: request.target, kind: 'blind' });
      this.complete(call, 'transfer');
    } else if (call.queue) {
      this.cancelRings(call);
      const position = this.leaveQueue(call);
      this.emit({ type: 'call.transferred', ...this.stamp(), callId: call.callId, agent: null, target: request.target, kind: 'blind' });
      this.emit({ type: 'call.left_queue', ...this.stamp(), callId: call.callId, queue: call.queue, position });
      call.queue = null;
    }
  }

  async attendedTransfer(request: { callId: string; agent: string; target: string }): Promise<void> {
    const call = this.known(request.callId);
    if (!call.agent || call.agent.extension !== request.agent || call.answeredAt === null) throw new TelephonyError('unknown_call', `${request.agent} is not on ${request.callId}`, false);
    this.emit({ type: 'call.transferred', ...this.stamp(), callId: call.callId, agent: call.agent, target: request.target, kind: 'attended' });
    this.complete(call, 'transfer');
  }

  async hangup(request: { callId: string }): Promise<void> {
    this.known(request.callId);
    this.end(request.callId, 'caller');
  }

  async pause(request: PauseRequest): Promise<void> {
    this.live();
    const members = this.members.filter((m) => m.agent.extension === request.agent && (!request.queue || m.queue === request.queue));
    if (members.length === 0) throw new TelephonyError('rejected', 'QueuePause refused: Interface not found', false);
    for (const member of members) {
      this.replaceMember(member, { paused: request.paused, pausedReason: request.paused ? (request.reason ?? null) : null });
    }
  }

  async addMember(request: MemberRequest): Promise<void> {
    this.live();
    if (!this.queues.includes(request.queue)) throw new TelephonyError('rejected', 'QueueAdd refused: Unable to add interface to queue: No such queue', false);
    if (this.members.some((m) => m.queue === request.queue && m.agent.extension === request.agent)) throw new TelephonyError('rejected', 'QueueAdd refused: Unable to add interface: Already there', false);
    const member = this.newMember(request.queue, request.agent, request.name, request.penalty ?? 0, true);
    this.members.push(member);
    this.emitMember({ ...member, status: this.deviceStatus(request.agent) });
  }

  async removeMember(request: { queue: string; agent: string }): Promise<void> {
    this.live();
    const index = this.members.findIndex((m) => m.queue === request.queue && m.agent.extension === request.agent);
    if (index < 0) throw new TelephonyError('rejected', 'QueueRemove refused: Unable to remove interface: Not there', false);
    const member = this.members[index]!;
    if (!member.dynamic) throw new TelephonyError('rejected', 'QueueRemove refused: Member not dynamic', false);
    this.members.splice(index, 1);
    this.emit({ type: 'queue.member_removed', ...this.stamp(), queue: member.queue, agent: member.agent });
  }

  async queueStatus(): Promise<PbxSnapshot> {
    this.live();
    return this.snapshot();
  }

  async queueSummary(): Promise<QueueSummary[]> {
    this.live();
    return this.queues.map((queue) => {
      const members = this.members.filter((m) => m.queue === queue);
      const waiting = [...this.calls.values()].filter((c) => c.queue === queue);
      const done = this.completed.get(queue) ?? { count: 0, hold: 0, talk: 0 };
      return {
        queue,
        loggedIn: members.length,
        available: members.filter((m) => !m.paused && this.deviceStatus(m.agent.extension) === 'not_in_use').length,
        callers: waiting.length,
        holdTime: done.count ? Math.round(done.hold / done.count) : 0,
        talkTime: done.count ? Math.round(done.talk / done.count) : 0,
        longestHoldTime: seconds(Math.max(0, ...waiting.map((c) => this.now() - c.joinedAt))),
      };
    });
  }

  // ---------------------------------------------------------------- what callers and phones do

  private queueCall(incoming: IncomingCall): string {
    const call = this.newCall('inbound', incoming, null);
    call.queue = incoming.queue;
    this.emit({
      type: 'call.queued',
      ...this.stamp(),
      callId: call.callId,
      ...this.callerOf(call),
      queue: incoming.queue,
      position: this.waiting(incoming.queue).length,
      ivr: incoming.ivr ?? {},
    });
    return call.callId;
  }

  private ringAgent(callId: string, extension: string): void {
    const call = this.known(callId);
    if (!call.queue || call.rings.has(extension)) throw new Error(`cannot ring ${extension} for ${callId}`);
    call.rings.set(extension, this.now());
    this.emit({ type: 'call.ringing', ...this.stamp(), callId, ...this.callerOf(call), queue: call.queue, agent: this.agentRef(extension), ivr: call.incoming?.ivr ?? {} });
    this.deviceChanged(extension);
  }

  private ringNoAnswer(callId: string, extension: string): void {
    const call = this.known(callId);
    const startedAt = this.ringStart(call, extension);
    call.rings.delete(extension);
    this.emit({ type: 'call.ring_no_answer', ...this.stamp(), callId, queue: call.queue, agent: this.agentRef(extension), ringTime: Math.round((this.now() - startedAt) / 1000) });
    this.deviceChanged(extension);
  }

  private answer(callId: string, extension: string): void {
    const call = this.known(callId);
    const startedAt = this.ringStart(call, extension);
    const queue = call.queue!;
    call.rings.delete(extension);
    this.cancelRings(call);
    const position = this.leaveQueue(call);
    this.emit({ type: 'call.left_queue', ...this.stamp(), callId, queue, position });
    Object.assign(call, { queue: null, answeredQueue: queue, agent: this.agentRef(extension), answeredAt: this.now() });
    this.emit({
      type: 'call.answered',
      ...this.stamp(),
      callId,
      queue,
      agent: call.agent!,
      holdTime: seconds(this.now() - call.joinedAt),
      ringTime: seconds(this.now() - startedAt),
    });
    this.deviceChanged(extension);
  }

  private end(callId: string, by: 'caller' | 'agent'): void {
    const call = this.known(callId);
    if (call.direction === 'outbound') {
      this.calls.delete(callId);
      const answered = call.answeredAt !== null;
      this.emit({
        type: 'call.ended',
        ...this.stamp(),
        callId,
        direction: 'outbound',
        queue: null,
        agent: call.agent,
        talkTime: answered ? seconds(this.now() - call.answeredAt!) : 0,
        reason: !answered ? 'unanswered' : by === 'caller' ? 'caller_hangup' : 'agent_hangup',
      });
      if (call.agent) this.deviceChanged(call.agent.extension);
    } else if (call.answeredAt !== null) {
      this.complete(call, by === 'caller' ? 'caller_hangup' : 'agent_hangup');
    } else if (call.queue) {
      if (by === 'agent') throw new Error(`nobody answered ${callId} yet`);
      this.cancelRings(call);
      const queue = call.queue;
      const position = this.leaveQueue(call);
      this.calls.delete(callId);
      this.emit({ type: 'call.abandoned', ...this.stamp(), callId, queue, waited: seconds(this.now() - call.joinedAt), position, originalPosition: call.originalPosition });
      this.emit({ type: 'call.left_queue', ...this.stamp(), callId, queue, position });
    } else {
      this.calls.delete(callId);
    }
  }

  // ---------------------------------------------------------------- internals

  private complete(call: FakeCall, reason: 'caller_hangup' | 'agent_hangup' | 'transfer'): void {
    const agent = call.agent!;
    const queue = call.answeredQueue!;
    const talk = seconds(this.now() - call.answeredAt!);
    this.calls.delete(call.callId);
    this.emit({ type: 'call.ended', ...this.stamp(), callId: call.callId, direction: 'inbound', queue, agent, talkTime: talk, reason });
    const done = this.completed.get(queue) ?? { count: 0, hold: 0, talk: 0 };
    this.completed.set(queue, { count: done.count + 1, hold: done.hold + seconds(call.answeredAt! - call.joinedAt), talk: done.talk + talk });
    const lastCallAt = new Date(Math.floor(this.now() / 1000) * 1000).toISOString();
    for (const member of this.members.filter((m) => m.agent.extension === agent.extension)) {
      const index = this.members.indexOf(member);
      this.members[index] = { ...member, callsTaken: member.callsTaken + (member.queue === queue ? 1 : 0), lastCallAt };
    }
    this.deviceChanged(agent.extension, true);
  }

  private newCall(direction: 'inbound' | 'outbound', incoming: IncomingCall | null, number: string | null): FakeCall {
    this.seq += 1;
    const call: FakeCall = {
      callId: `fake-call-${this.seq}`,
      direction,
      incoming,
      queue: null,
      answeredQueue: null,
      joinedAt: this.now(),
      originalPosition: incoming ? this.waiting(incoming.queue).length + 1 : 0,
      rings: new Map(),
      agent: null,
      answeredAt: null,
      number,
    };
    this.calls.set(call.callId, call);
    return call;
  }

  private waiting(queue: string): FakeCall[] {
    return [...this.calls.values()].filter((c) => c.queue === queue);
  }

  private leaveQueue(call: FakeCall): number {
    return this.waiting(call.queue!).indexOf(call) + 1;
  }

  private cancelRings(call: FakeCall): void {
    const agents = [...call.rings.keys()];
    call.rings.clear();
    for (const extension of agents) this.deviceChanged(extension);
  }

  private deviceStatus(extension: string): DeviceStatus {
    const calls = [...this.calls.values()];
    const talking = calls.some((c) => c.agent?.extension === extension);
    const ringing = calls.some((c) => c.rings.has(extension));
    if (ringing) return talking ? 'ring_in_use' : 'ringing';
    return talking ? 'in_use' : 'not_in_use';
  }

  /** The agent's phone changed: one `queue.member_status` per queue, as app_queue sends. */
  private deviceChanged(extension: string, force = false): void {
    const status = this.deviceStatus(extension);
    const inCall = [...this.calls.values()].some((c) => c.direction === 'inbound' && c.agent?.extension === extension && c.answeredAt !== null);
    for (const member of this.members.filter((m) => m.agent.extension === extension)) {
      if (!force && member.status === status && member.inCall === inCall) continue;
      this.replaceMember(member, { status, inCall });
    }
  }

  private replaceMember(member: FakeMember, change: Partial<QueueMember>): void {
    const next = { ...member, ...change };
    this.members[this.members.indexOf(member)] = next;
    this.emitMember(next);
  }

  private emitMember({ dynamic: _dynamic, ...member }: FakeMember): void {
    this.emit({ type: 'queue.member_status', ...this.stamp(), ...member });
  }

  private newMember(queue: string, extension: string, name: string | undefined, penalty: number, dynamic: boolean): FakeMember {
    return {
      queue,
      agent: this.agentRef(extension),
      name: name ?? `Agent ${extension}`,
      status: 'not_in_use',
      paused: false,
      pausedReason: null,
      inCall: false,
      callsTaken: 0,
      lastCallAt: null,
      penalty,
      dynamic,
    };
  }

  private snapshot(): PbxSnapshot {
    const calls: PbxCall[] = [...this.calls.values()].map((call) => ({
      callId: call.callId,
      direction: call.direction,
      callerNumber: call.direction === 'outbound' ? (call.agent?.extension ?? null) : (call.incoming?.callerNumber ?? null),
      callerName: call.incoming?.callerName ?? null,
      calledNumber: call.direction === 'outbound' ? call.number : (call.incoming?.calledNumber ?? null),
      queue: call.queue,
      position: call.queue ? this.leaveQueue(call) : null,
      waitSeconds: call.queue ? seconds(this.now() - call.joinedAt) : null,
      ringing: [...call.rings.keys()].map((extension) => this.agentRef(extension)),
      agent: call.agent,
      answered: call.answeredAt !== null,
      ivr: call.incoming?.ivr ?? {},
    }));
    return { ...this.stamp(), calls, members: this.members.map(({ dynamic: _dynamic, ...member }) => member) };
  }

  private callerOf(call: FakeCall) {
    return { callerNumber: call.incoming?.callerNumber ?? null, callerName: call.incoming?.callerName ?? null, calledNumber: call.incoming?.calledNumber ?? null };
  }

  private ringStart(call: FakeCall, extension: string): number {
    const startedAt = call.rings.get(extension);
    if (startedAt === undefined) throw new Error(`${extension} is not ringing for ${call.callId}`);
    return startedAt;
  }

  private agentRef(extension: string): AgentRef {
    return { extension, interface: `PJSIP/${extension}` };
  }

  private known(callId: string): FakeCall {
    this.live();
    const call = this.calls.get(callId);
    if (!call) throw new TelephonyError('unknown_call', `no call ${callId} on the PBX`, false);
    return call;
  }

  private live(): void {
    if (this.current !== 'connected') throw new TelephonyError('not_connected', `the fake PBX is ${this.current}`, true);
  }

  private stamp(): { at: string; source: CallEventSource } {
    return { at: this.deps.clock.now().toISOString(), source: this.source };
  }

  private emit(event: CallEvent): void {
    this.emitter.emit('event', event);
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.current === 'connected') run();
    }, ms);
    this.timers.add(timer);
  }

  private setStatus(status: ConnectionStatus): void {
    this.current = status;
    this.emitter.emit('status', { status, at: this.deps.clock.now().toISOString(), error: null });
  }

  private now(): number {
    return this.deps.clock.now().getTime();
  }
}
