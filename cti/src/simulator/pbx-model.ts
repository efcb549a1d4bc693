import type { IvrData } from '@gasdesk/schema';
import type { AmiFields } from '../ami/ami-message.ts';
import { deviceOfChannel, extensionOfInterface } from '../mapping/agent-interface.ts';
import type { IncomingCall, PbxControl } from '../pbx-control.ts';
import type { Clock } from '../shared/clock.ts';
import { bridgeFields, channelFields, duration, memberBlobFields, queueMemberListFields } from './ami-event-fields.ts';
import type { ChannelState, MemberConfig, SimChannel, SimMember } from './sim-types.ts';

/** One AMI event the model emits: `Event`, `Privilege` and `Timestamp` first, as Asterisk writes them. */
export type AmiEventListener = (fields: AmiFields) => void;

/** An event of a list action's answer (QueueStatus, CoreShowChannels, QueueSummary), without its ActionID. */
export interface ListEvent {
  event: string;
  fields: AmiFields;
}

export interface PbxModelOptions {
  clock: Clock;
  /** Static members (queues.conf `member =>`); their queues exist. */
  members: readonly MemberConfig[];
  /** Further queues, with no static members. */
  queues?: readonly string[];
  /** manager.conf `channelvars`: printed as `ChanVariable` in every channel snapshot. */
  channelVars?: readonly string[];
  /** queues.conf `servicelevel` per queue, in seconds (default 30). */
  serviceLevels?: Readonly<Record<string, number>>;
  /** queues.conf `monitor-type=MixMonitor`: answered calls are recorded and the file named in `MIXMONITOR_FILENAME`. */
  recordCalls?: boolean;
}

interface Ring {
  readonly leg: SimChannel;
  readonly member: SimMember;
  readonly startedAt: number;
}

interface SimCall {
  readonly id: string;
  readonly root: SimChannel;
  readonly direction: 'inbound' | 'outbound';
  /** Queue the caller waits in (inbound, until answered or gone). */
  queue: string | null;
  /** Queue whose member answered: AgentComplete names it. */
  answeredQueue: string | null;
  joinedAt: number;
  originalPosition: number;
  readonly rings: Map<string, Ring>;
  /** The agent on the call: the queue member who answered, or the phone an outbound call started from. */
  agent: { readonly leg: SimChannel; readonly member: SimMember | null; readonly extension: string } | null;
  answeredAt: number | null;
  bridgeId: string | null;
  /** Outbound: the customer's leg on the trunk. */
  customer: SimChannel | null;
  readonly number: string | null;
  readonly requestId: string | null;
}

interface SimQueue {
  readonly name: string;
  readonly members: SimMember[];
  readonly entries: string[];
  completed: number;
  abandoned: number;
  completedInServiceLevel: number;
  holdTimeTotal: number;
  talkTimeTotal: number;
  readonly serviceLevel: number;
}

/** What the simulator's calls look like, for tests that compare the cti's view with the PBX's. */
export interface SimCallView {
  callId: string;
  waitingIn: string | null;
  ringing: string[];
  agent: string | null;
  answered: boolean;
}

const IVR_TO_VARIABLE: Readonly<Record<keyof IvrData, string>> = {
  account: 'GASDESK_ACCOUNT',
  cardNumber: 'GASDESK_CARD',
  meterNumber: 'GASDESK_METER',
  lane: 'GASDESK_LANE',
};

const CAUSE: Readonly<Record<number, string>> = {
  16: 'Normal Clearing',
  17: 'User busy',
  19: 'User alerting, no answer',
  26: 'Answered elsewhere',
};

const TRUNK = 'PJSIP/carrier';

/**
 * The simulated PBX: channels, queues, members and calls, changed step by step, each step
 * emitting the AMI events Asterisk 18/20 sends for it (app_queue, channel, bridge and dial
 * events, with the same names, fields and order). Synchronous and clock-driven, so that a
 * scenario played against a manual clock gives the same transcript every time.
 */
export class PbxModel implements PbxControl {
  private readonly clock: Clock;
  private readonly channelVars: readonly string[];
  private readonly recordCalls: boolean;
  private readonly queues = new Map<string, SimQueue>();
  private readonly channels = new Map<string, SimChannel>();
  private readonly calls = new Map<string, SimCall>();
  private readonly offline = new Set<string>();
  private readonly listeners = new Set<AmiEventListener>();
  private channelSeq = 0;
  private uniqueSeq = 0;
  private bridgeSeq = 0;
  /** How many AgentCalled events were sent: the load test counts lost ones against it. */
  agentCalledCount = 0;

  constructor(options: PbxModelOptions) {
    this.clock = options.clock;
    this.recordCalls = options.recordCalls ?? false;
    this.channelVars = [...(options.channelVars ?? ['GASDESK_ACCOUNT', 'GASDESK_LANE']), ...(this.recordCalls ? ['MIXMONITOR_FILENAME'] : [])];
    const names = [...new Set([...options.members.map((m) => m.queue), ...(options.queues ?? [])])];
    for (const name of names) {
      this.queues.set(name, {
        name,
        members: [],
        entries: [],
        completed: 0,
        abandoned: 0,
        completedInServiceLevel: 0,
        holdTimeTotal: 0,
        talkTimeTotal: 0,
        serviceLevel: options.serviceLevels?.[name] ?? 30,
      });
    }
    const loginTime = this.epoch();
    for (const m of options.members) {
      this.queue(m.queue).members.push(this.newMember(m.queue, m.interface ?? `PJSIP/${m.extension}`, m.name ?? `Agent ${m.extension}`, m.penalty ?? 0, false, loginTime));
    }
  }

  onEvent(listener: AmiEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---------------------------------------------------------------- callers and agents' phones

  queueCall(input: IncomingCall): string {
    const queue = this.queue(input.queue);
    const root = this.newChannel(TRUNK, { callerIdNum: input.callerNumber, callerIdName: input.callerName ?? '', context: 'from-carrier', exten: input.calledNumber, state: 4 });
    this.setState(root, 6);
    for (const [key, value] of Object.entries(input.ivr ?? {})) {
      this.setVariable(root, IVR_TO_VARIABLE[key as keyof IvrData], value);
    }
    Object.assign(root, { context: input.queue === 'gas-emergency' ? 'gasdesk-emergency' : 'gasdesk-service', exten: 's', priority: 5, application: 'Queue', applicationData: `${input.queue},tr` });
    queue.entries.push(root.linkedid);
    const call: SimCall = {
      id: root.linkedid,
      root,
      direction: 'inbound',
      queue: queue.name,
      answeredQueue: null,
      joinedAt: this.now(),
      originalPosition: queue.entries.length,
      rings: new Map(),
      agent: null,
      answeredAt: null,
      bridgeId: null,
      customer: null,
      number: null,
      requestId: null,
    };
    this.calls.set(call.id, call);
    this.emit('QueueCallerJoin', 'agent,all', [...this.snapshot(root), ['Queue', queue.name], ['Position', String(queue.entries.length)], ['Count', String(queue.entries.length)]]);
    return call.id;
  }

  ringAgent(callId: string, extension: string): void {
    const call = this.waitingCall(callId);
    if (call.rings.has(extension)) throw new Error(`${extension} already rings for ${callId}`);
    const member = this.member(call.queue!, extension);
    const root = call.root;
    const leg = this.newChannel(member.iface, {
      linkedid: call.id,
      callerIdNum: extension,
      callerIdName: member.name,
      connectedLineNum: root.callerIdNum,
      connectedLineName: root.callerIdName,
      context: 'gasdesk-agents',
      exten: 's',
      state: 0,
      variables: { ...root.variables },
    });
    Object.assign(leg, { application: 'AppQueue', applicationData: '(Outgoing Line)' });
    call.rings.set(extension, { leg, member, startedAt: this.now() });
    this.agentCalledCount += 1;
    this.emit('AgentCalled', 'agent,all', [...this.snapshot(root), ...this.snapshot(leg, 'Dest'), ['Queue', member.queue], ['MemberName', member.name], ['Interface', member.iface]]);
    this.emit('DialBegin', 'call,all', [...this.snapshot(root), ...this.snapshot(leg, 'Dest'), ['DialString', member.iface.slice(member.iface.indexOf('/') + 1)]]);
    this.setState(leg, 5);
  }

  ringNoAnswer(callId: string, extension: string): void {
    const call = this.existingCall(callId);
    const ring = this.ringOf(call, extension);
    call.rings.delete(extension);
    this.emit('AgentRingNoAnswer', 'agent,all', [
      ...this.snapshot(call.root),
      ...this.snapshot(ring.leg, 'Dest'),
      ['Queue', ring.member.queue],
      ['MemberName', ring.member.name],
      ['Interface', ring.member.iface],
      ['RingTime', String(this.now() - ring.startedAt)],
    ]);
    this.emit('DialEnd', 'call,all', [...this.snapshot(call.root), ...this.snapshot(ring.leg, 'Dest'), ['DialStatus', 'NOANSWER']]);
    this.destroy(ring.leg, 19);
  }

  answer(callId: string, extension: string): void {
    const call = this.waitingCall(callId);
    const ring = this.ringOf(call, extension);
    const queue = this.queue(call.queue!);
    call.rings.delete(extension);
    const { leg, member } = ring;
    leg.state = 6;
    this.emit('Newstate', 'call,all', this.snapshot(leg));
    this.emit('DialEnd', 'call,all', [...this.snapshot(call.root), ...this.snapshot(leg, 'Dest'), ['DialStatus', 'ANSWER']]);
    for (const other of [...call.rings.keys()]) this.cancelRing(call, other);
    const position = queue.entries.indexOf(call.id) + 1;
    queue.entries.splice(position - 1, 1);
    this.emit('QueueCallerLeave', 'agent,all', [...this.snapshot(call.root), ['Queue', queue.name], ['Count', String(queue.entries.length)], ['Position', String(position)]]);
    const holdTime = this.seconds(this.now() - call.joinedAt);
    Object.assign(call, { queue: null, answeredQueue: queue.name, agent: { leg, member, extension }, answeredAt: this.now() });
    queue.holdTimeTotal += holdTime;
    if (holdTime <= queue.serviceLevel) queue.completedInServiceLevel += 1;
    Object.assign(call.root, { connectedLineNum: extension, connectedLineName: member.name });
    if (this.recordCalls) this.setVariable(call.root, 'MIXMONITOR_FILENAME', `/var/spool/asterisk/monitor/q-${queue.name}-${call.root.uniqueid}.wav`);
    this.emit('AgentConnect', 'agent,all', [
      ...this.snapshot(call.root),
      ...this.snapshot(leg, 'Dest'),
      ['Queue', queue.name],
      ['MemberName', member.name],
      ['Interface', member.iface],
      ['RingTime', String(this.seconds(this.now() - ring.startedAt))],
      ['HoldTime', String(holdTime)],
    ]);
    this.bridge(call, call.root, leg);
    this.deviceChanged(member.iface);
  }

  hangup(callId: string, by: 'caller' | 'agent'): void {
    const call = this.existingCall(callId);
    if (call.direction === 'outbound') return this.endOutbound(call, by);
    if (call.agent?.member) return this.completeQueueCall(call, by === 'caller' ? 'caller' : 'agent', by);
    if (call.queue) {
      if (by === 'agent') throw new Error(`nobody answered ${callId} yet`);
      return this.abandon(call);
    }
    // The caller was transferred away from the call center: only its own channel is left.
    this.calls.delete(call.id);
    this.destroy(call.root, 16);
  }

  /** The agent transfers the caller with the phone's blind-transfer key (a SIP REFER). */
  blindTransfer(callId: string, target: string): void {
    const call = this.existingCall(callId);
    const agent = this.answeringAgent(call);
    this.emit('BlindTransfer', 'call,all', [
      ['Result', 'Success'],
      ...this.snapshot(agent.leg, 'Transferer'),
      ...this.snapshot(call.root, 'Transferee'),
      ...bridgeFields(call.bridgeId ?? '', 2),
      ['IsExternal', 'No'],
      ['Context', 'gasdesk-agents'],
      ['Extension', target],
    ]);
    this.completeQueueCall(call, 'transfer', 'agent', target);
  }

  /** The caller's number, as an agent's click-to-dial: the agent's phone rings first. Returns the call id, or null when Asterisk would refuse at once. */
  originate(request: { channel: string; exten: string; context: string; requestId: string | null }): string | null {
    const extension = extensionOfInterface(request.channel);
    const busy = [...this.channels.values()].some((c) => deviceOfChannel(c.name) === request.channel && c.state === 6);
    if (this.offline.has(extension) || busy) {
      this.emit('OriginateResponse', 'call,all', [
        ...(request.requestId ? [['ActionID', request.requestId] as const] : []),
        ['Response', 'Failure'],
        ['Channel', request.channel],
        ['Context', request.context],
        ['Exten', request.exten],
        ['Application', ''],
        ['Data', ''],
        ['Reason', busy ? '5' : '0'],
        ['Uniqueid', '<null>'],
        ['CallerIDNum', '<unknown>'],
        ['CallerIDName', '<unknown>'],
      ]);
      return null;
    }
    const root = this.newChannel(request.channel, { callerIdNum: '', callerIdName: '', context: request.context, exten: request.exten, state: 0 });
    const call: SimCall = {
      id: root.linkedid,
      root,
      direction: 'outbound',
      queue: null,
      answeredQueue: null,
      joinedAt: this.now(),
      originalPosition: 0,
      rings: new Map(),
      agent: { leg: root, member: null, extension },
      answeredAt: null,
      bridgeId: null,
      customer: null,
      number: request.exten,
      requestId: request.requestId,
    };
    this.calls.set(call.id, call);
    this.setState(root, 5);
    return call.id;
  }

  /** The agent picks up the click-to-dial: Asterisk reports the originate and dials the customer. */
  agentAnswersOriginate(callId: string): void {
    const call = this.existingCall(callId);
    const root = call.root;
    this.setState(root, 6);
    this.emit('OriginateResponse', 'call,all', [
      ...(call.requestId ? [['ActionID', call.requestId] as const] : []),
      ['Response', 'Success'],
      ['Channel', root.name],
      ['Context', root.context],
      ['Exten', root.exten],
      ['Application', ''],
      ['Data', ''],
      ['Reason', '4'],
      ['Uniqueid', root.uniqueid],
      ['CallerIDNum', '<unknown>'],
      ['CallerIDName', '<unknown>'],
    ]);
    Object.assign(root, { application: 'Dial', applicationData: `PJSIP/${call.number}@carrier,60` });
    const customer = this.newChannel(TRUNK, { linkedid: call.id, callerIdNum: call.number ?? '', callerIdName: '', connectedLineNum: call.agent!.extension, context: 'from-carrier', exten: 's', state: 0 });
    Object.assign(customer, { application: 'AppDial', applicationData: '(Outgoing Line)' });
    call.customer = customer;
    this.emit('DialBegin', 'call,all', [...this.snapshot(root), ...this.snapshot(customer, 'Dest'), ['DialString', `${call.number}@carrier`]]);
    this.setState(customer, 5);
  }

  /** The customer answers the click-to-dial. */
  customerAnswers(callId: string): void {
    const call = this.existingCall(callId);
    const customer = call.customer;
    if (!customer) throw new Error(`${callId} is not dialling a customer`);
    customer.state = 6;
    this.emit('Newstate', 'call,all', this.snapshot(customer));
    this.emit('DialEnd', 'call,all', [...this.snapshot(call.root), ...this.snapshot(customer, 'Dest'), ['DialStatus', 'ANSWER']]);
    call.root.connectedLineNum = call.number ?? '';
    call.answeredAt = this.now();
    this.bridge(call, call.root, customer);
  }

  // ---------------------------------------------------------------- members

  /** QueuePause: returns how many memberships changed (0: "Interface not found"). */
  pause(iface: string, paused: boolean, reason: string, queue?: string): number {
    const members = this.membersOf(iface).filter((m) => !queue || m.queue === queue);
    for (const member of members) {
      member.paused = paused;
      member.pausedReason = paused ? reason : '';
      if (paused) member.lastPause = this.epoch();
      this.emit('QueueMemberPause', 'agent,all', [...this.memberBlob(member), ...(reason ? [['Reason', reason] as const] : [])]);
    }
    return members.length;
  }

  addMember(queueName: string, iface: string, name: string, penalty: number): 'ok' | 'no_queue' | 'exists' {
    const queue = this.queues.get(queueName);
    if (!queue) return 'no_queue';
    if (queue.members.some((m) => m.iface === iface)) return 'exists';
    const member = this.newMember(queueName, iface, name, penalty, true, this.epoch());
    queue.members.push(member);
    this.emit('QueueMemberAdded', 'agent,all', this.memberBlob(member));
    return 'ok';
  }

  removeMember(queueName: string, iface: string): 'ok' | 'no_queue' | 'not_there' | 'not_dynamic' {
    const queue = this.queues.get(queueName);
    if (!queue) return 'no_queue';
    const index = queue.members.findIndex((m) => m.iface === iface);
    if (index < 0) return 'not_there';
    const member = queue.members[index]!;
    if (!member.dynamic) return 'not_dynamic';
    queue.members.splice(index, 1);
    this.emit('QueueMemberRemoved', 'agent,all', this.memberBlob(member));
    return 'ok';
  }

  /** The agent's softphone registers or drops off (device state unavailable). */
  setRegistered(extension: string, registered: boolean): void {
    if (registered) this.offline.delete(extension);
    else this.offline.add(extension);
    for (const iface of new Set(this.allMembers().filter((m) => extensionOfInterface(m.iface) === extension).map((m) => m.iface))) this.deviceChanged(iface);
  }

  // ---------------------------------------------------------------- actions on channels

  /** AMI Redirect: the channel leaves what it was doing for `context,exten,1`. False when there is no such channel. */
  redirect(channelName: string, context: string, exten: string): boolean {
    const channel = this.channelByName(channelName);
    if (!channel) return false;
    const call = this.calls.get(channel.linkedid);
    if (call && call.root === channel && call.direction === 'inbound') {
      if (call.agent?.member) {
        // The caller leaves the bridge; the bridge then hangs up the lone agent, which app_queue reports as the agent's hangup.
        this.emit('BridgeLeave', 'call,all', [...bridgeFields(call.bridgeId ?? '', 1), ...this.snapshot(call.root)]);
        call.root.bridgeId = '';
        this.completeQueueCall(call, 'agent', 'agent', exten, true);
      } else if (call.queue) {
        for (const ext of [...call.rings.keys()]) this.cancelRing(call, ext);
        const queue = this.queue(call.queue);
        const position = queue.entries.indexOf(call.id) + 1;
        queue.entries.splice(position - 1, 1);
        call.queue = null;
        this.emit('QueueCallerLeave', 'agent,all', [...this.snapshot(call.root), ['Queue', queue.name], ['Count', String(queue.entries.length)], ['Position', String(position)]]);
      }
    }
    Object.assign(channel, { context, exten, priority: 1, application: 'Dial', applicationData: `PJSIP/${exten},30` });
    return true;
  }

  /** AMI Atxfer from the agent's channel: the agent consults `exten`, then completes the transfer. False when the channel is not an agent on a queue call. */
  attendedTransfer(channelName: string, exten: string): boolean {
    const channel = this.channelByName(channelName);
    const call = channel ? this.calls.get(channel.linkedid) : undefined;
    if (!channel || !call?.agent?.member || call.agent.leg !== channel) return false;
    const consult = this.newChannel(deviceOfChannel(channel.name), { callerIdNum: call.agent.extension, callerIdName: call.agent.member.name, connectedLineNum: exten, context: 'gasdesk-agents', exten, state: 6 });
    this.emit('AttendedTransfer', 'call,all', [
      ['Result', 'Success'],
      ...this.snapshot(channel, 'OrigTransferer'),
      ['OrigBridgeUniqueid', call.bridgeId ?? ''],
      ...this.snapshot(consult, 'SecondTransferer'),
      ...this.snapshot(call.root, 'Transferee'),
      ['DestType', 'Bridge'],
      ['IsExternal', 'No'],
    ]);
    this.completeQueueCall(call, 'transfer', 'agent', exten);
    this.destroy(consult, 16);
    return true;
  }

  /** AMI Hangup of one channel. False when there is no such channel. */
  hangupChannel(channelName: string): boolean {
    const channel = this.channelByName(channelName);
    if (!channel) return false;
    const call = this.calls.get(channel.linkedid);
    if (!call) {
      this.destroy(channel, 16);
      return true;
    }
    const agentSide = call.agent?.leg === channel;
    const ringing = [...call.rings.entries()].find(([, r]) => r.leg === channel);
    if (ringing) this.cancelRing(call, ringing[0]);
    else this.hangup(call.id, agentSide ? 'agent' : 'caller');
    return true;
  }

  // ---------------------------------------------------------------- list actions

  queueStatusList(queueName?: string): ListEvent[] {
    const out: ListEvent[] = [];
    for (const queue of this.queues.values()) {
      if (queueName && queue.name !== queueName) continue;
      const completed = queue.completed;
      out.push({
        event: 'QueueParams',
        fields: [
          ['Queue', queue.name],
          ['Max', '0'],
          ['Strategy', 'rrmemory'],
          ['Calls', String(queue.entries.length)],
          ['Holdtime', String(completed ? Math.round(queue.holdTimeTotal / completed) : 0)],
          ['TalkTime', String(completed ? Math.round(queue.talkTimeTotal / completed) : 0)],
          ['Completed', String(completed)],
          ['Abandoned', String(queue.abandoned)],
          ['ServiceLevel', String(queue.serviceLevel)],
          ['ServicelevelPerf', (completed ? (100 * queue.completedInServiceLevel) / completed : 0).toFixed(1)],
          ['ServicelevelPerf2', (completed + queue.abandoned ? (100 * queue.completedInServiceLevel) / (completed + queue.abandoned) : 0).toFixed(1)],
          ['Weight', queue.name === 'gas-emergency' ? '10' : '0'],
        ],
      });
      for (const member of queue.members) out.push({ event: 'QueueMember', fields: queueMemberListFields(member, this.deviceStatus(member.iface), this.inCall(member.iface)) });
      queue.entries.forEach((callId, index) => {
        const call = this.calls.get(callId)!;
        out.push({
          event: 'QueueEntry',
          fields: [
            ['Queue', queue.name],
            ['Position', String(index + 1)],
            ['Channel', call.root.name],
            ['Uniqueid', call.root.uniqueid],
            ['CallerIDNum', call.root.callerIdNum || '<unknown>'],
            ['CallerIDName', call.root.callerIdName || '<unknown>'],
            ['ConnectedLineNum', '<unknown>'],
            ['ConnectedLineName', '<unknown>'],
            ['Wait', String(this.seconds(this.now() - call.joinedAt))],
            ['Priority', '0'],
          ],
        });
      });
    }
    return out;
  }

  coreShowChannelsList(): ListEvent[] {
    return [...this.channels.values()].map((channel) => ({
      event: 'CoreShowChannel',
      fields: [
        ...this.snapshot(channel),
        ['BridgeId', channel.bridgeId],
        ['Application', channel.application],
        ['ApplicationData', channel.applicationData],
        ['Duration', duration((this.now() - channel.createdAt) / 1000)],
      ],
    }));
  }

  queueSummaryList(queueName?: string): ListEvent[] {
    return [...this.queues.values()]
      .filter((q) => !queueName || q.name === queueName)
      .map((queue) => {
        const loggedIn = queue.members.filter((m) => this.deviceStatus(m.iface) !== 5);
        const longest = queue.entries.reduce((max, id) => Math.max(max, this.now() - this.calls.get(id)!.joinedAt), 0);
        return {
          event: 'QueueSummary',
          fields: [
            ['Queue', queue.name],
            ['LoggedIn', String(loggedIn.length)],
            ['Available', String(loggedIn.filter((m) => !m.paused && this.deviceStatus(m.iface) === 1).length)],
            ['Callers', String(queue.entries.length)],
            ['HoldTime', String(queue.completed ? Math.round(queue.holdTimeTotal / queue.completed) : 0)],
            ['TalkTime', String(queue.completed ? Math.round(queue.talkTimeTotal / queue.completed) : 0)],
            ['LongestHoldTime', String(this.seconds(longest))],
          ],
        };
      });
  }

  // ---------------------------------------------------------------- looking at the model

  /** The calls now, as the simulator sees them. */
  describeCalls(): SimCallView[] {
    return [...this.calls.values()].map((call) => ({
      callId: call.id,
      waitingIn: call.queue,
      ringing: [...call.rings.keys()].sort(),
      agent: call.agent?.extension ?? null,
      answered: call.answeredAt !== null,
    }));
  }

  /** Whether the agent can take a queue call now: registered, a member of `queue`, not paused, phone idle. */
  isAvailable(queue: string, extension: string): boolean {
    const member = this.queues.get(queue)?.members.find((m) => extensionOfInterface(m.iface) === extension);
    return !!member && !member.paused && this.deviceStatus(member.iface) === 1;
  }

  /** Calls waiting in `queue`, first in line first, with the agents their call rings. */
  waiting(queue: string): { callId: string; ringing: string[] }[] {
    return (this.queues.get(queue)?.entries ?? []).map((callId) => ({ callId, ringing: [...this.calls.get(callId)!.rings.keys()] }));
  }

  queueNames(): string[] {
    return [...this.queues.keys()];
  }

  /** Extensions of the members of `queue`, in configuration order. */
  memberExtensions(queue: string): string[] {
    return (this.queues.get(queue)?.members ?? []).map((m) => extensionOfInterface(m.iface));
  }

  /** The simulator's time (Ping answers carry it). */
  time(): Date {
    return this.clock.now();
  }

  hasCall(callId: string): boolean {
    return this.calls.has(callId);
  }

  isRinging(callId: string, extension: string): boolean {
    return this.calls.get(callId)?.rings.has(extension) ?? false;
  }

  // ---------------------------------------------------------------- internals

  private completeQueueCall(call: SimCall, reason: 'caller' | 'agent' | 'transfer', first: 'caller' | 'agent', transferTarget?: string, callerAlreadyLeft = false): void {
    const agent = this.answeringAgent(call);
    const member = agent.member!;
    const queue = this.queue(call.answeredQueue!);
    const holdTime = this.seconds(call.answeredAt! - call.joinedAt);
    const talkTime = this.seconds(this.now() - call.answeredAt!);
    this.emit('AgentComplete', 'agent,all', [
      ...this.snapshot(call.root),
      ...this.snapshot(agent.leg, 'Dest'),
      ['Queue', queue.name],
      ['MemberName', member.name],
      ['Interface', member.iface],
      ['HoldTime', String(holdTime)],
      ['TalkTime', String(talkTime)],
      ['Reason', reason],
    ]);
    queue.completed += 1;
    queue.talkTimeTotal += talkTime;
    member.callsTaken += 1;
    // shared_lastcall = yes: the wrap-up after this call holds the agent back in every queue.
    for (const m of this.membersOf(member.iface)) m.lastCall = this.epoch();
    const transferred = transferTarget !== undefined;
    const order = first === 'caller' && !transferred ? [call.root, agent.leg] : [agent.leg, call.root];
    let inBridge = callerAlreadyLeft ? 1 : 2;
    for (const channel of order) {
      if (channel === call.root && callerAlreadyLeft) continue;
      inBridge -= 1;
      this.emit('BridgeLeave', 'call,all', [...bridgeFields(call.bridgeId ?? '', inBridge), ...this.snapshot(channel)]);
      channel.bridgeId = '';
    }
    call.agent = null;
    call.bridgeId = null;
    if (transferred) {
      this.destroy(agent.leg, 16);
      Object.assign(call.root, { context: 'gasdesk-agents', exten: transferTarget, connectedLineNum: transferTarget, connectedLineName: '', application: 'Dial', applicationData: `PJSIP/${transferTarget},30` });
    } else {
      this.calls.delete(call.id);
      for (const channel of order) this.destroy(channel, 16);
    }
    this.deviceChanged(member.iface);
  }

  private abandon(call: SimCall): void {
    for (const ext of [...call.rings.keys()]) this.cancelRing(call, ext);
    const queue = this.queue(call.queue!);
    const position = queue.entries.indexOf(call.id) + 1;
    this.emit('QueueCallerAbandon', 'agent,all', [
      ...this.snapshot(call.root),
      ['Queue', queue.name],
      ['Position', String(position)],
      ['OriginalPosition', String(call.originalPosition)],
      ['HoldTime', String(this.seconds(this.now() - call.joinedAt))],
    ]);
    queue.entries.splice(position - 1, 1);
    queue.abandoned += 1;
    this.emit('QueueCallerLeave', 'agent,all', [...this.snapshot(call.root), ['Queue', queue.name], ['Count', String(queue.entries.length)], ['Position', String(position)]]);
    this.calls.delete(call.id);
    this.destroy(call.root, 16);
  }

  private endOutbound(call: SimCall, by: 'caller' | 'agent'): void {
    const customer = call.customer;
    if (call.root.state !== 6) {
      // The agent declined the click-to-dial while it rang.
      this.emit('OriginateResponse', 'call,all', [
        ...(call.requestId ? [['ActionID', call.requestId] as const] : []),
        ['Response', 'Failure'],
        ['Channel', deviceOfChannel(call.root.name)],
        ['Context', call.root.context],
        ['Exten', call.root.exten],
        ['Application', ''],
        ['Data', ''],
        ['Reason', '1'],
        ['Uniqueid', '<null>'],
        ['CallerIDNum', '<unknown>'],
        ['CallerIDName', '<unknown>'],
      ]);
    }
    const first = by === 'agent' || !customer ? call.root : customer;
    const order = customer ? (first === call.root ? [call.root, customer] : [customer, call.root]) : [call.root];
    if (customer && call.answeredAt !== null) {
      order.forEach((channel, i) => this.emit('BridgeLeave', 'call,all', [...bridgeFields(call.bridgeId ?? '', 1 - i), ...this.snapshot(channel)]));
    } else if (customer) {
      this.emit('DialEnd', 'call,all', [...this.snapshot(call.root), ...this.snapshot(customer, 'Dest'), ['DialStatus', by === 'agent' ? 'CANCEL' : 'NOANSWER']]);
    }
    this.calls.delete(call.id);
    for (const channel of order) this.destroy(channel, 16);
  }

  private cancelRing(call: SimCall, extension: string): void {
    const ring = this.ringOf(call, extension);
    call.rings.delete(extension);
    this.emit('DialEnd', 'call,all', [...this.snapshot(call.root), ...this.snapshot(ring.leg, 'Dest'), ['DialStatus', 'CANCEL']]);
    this.destroy(ring.leg, 26);
  }

  private bridge(call: SimCall, a: SimChannel, b: SimChannel): void {
    this.bridgeSeq += 1;
    const id = `5f0c0e1a-0000-4000-8000-${String(this.bridgeSeq).padStart(12, '0')}`;
    call.bridgeId = id;
    [a, b].forEach((channel, i) => {
      channel.bridgeId = id;
      this.emit('BridgeEnter', 'call,all', [...bridgeFields(id, i + 1), ...this.snapshot(channel)]);
    });
  }

  private newChannel(
    device: string,
    init: Partial<Pick<SimChannel, 'linkedid' | 'callerIdNum' | 'callerIdName' | 'connectedLineNum' | 'connectedLineName' | 'context' | 'exten' | 'variables'>> & { state: ChannelState },
  ): SimChannel {
    this.channelSeq += 1;
    this.uniqueSeq += 1;
    const uniqueid = `${this.epoch()}.${this.uniqueSeq}`;
    const channel: SimChannel = {
      name: `${device}-${this.channelSeq.toString(16).padStart(8, '0')}`,
      uniqueid,
      linkedid: init.linkedid ?? uniqueid,
      state: init.state,
      callerIdNum: init.callerIdNum ?? '',
      callerIdName: init.callerIdName ?? '',
      connectedLineNum: init.connectedLineNum ?? '',
      connectedLineName: init.connectedLineName ?? '',
      context: init.context ?? 'default',
      exten: init.exten ?? 's',
      priority: 1,
      application: '',
      applicationData: '',
      bridgeId: '',
      createdAt: this.now(),
      variables: init.variables ?? {},
    };
    this.channels.set(uniqueid, channel);
    this.emit('Newchannel', 'call,all', this.snapshot(channel));
    return channel;
  }

  private setState(channel: SimChannel, state: ChannelState): void {
    channel.state = state;
    this.emit('Newstate', 'call,all', this.snapshot(channel));
    this.deviceChanged(deviceOfChannel(channel.name));
  }

  private setVariable(channel: SimChannel, name: string, value: string): void {
    // The dialplan sets them as `__NAME` so that the agent's leg inherits them.
    channel.variables[name] = value;
    this.emit('VarSet', 'dialplan,all', [...this.snapshot(channel), ['Variable', `__${name}`], ['Value', value]]);
  }

  private destroy(channel: SimChannel, cause: number): void {
    this.channels.delete(channel.uniqueid);
    this.emit('Hangup', 'call,all', [...this.snapshot(channel), ['Cause', String(cause)], ['Cause-txt', CAUSE[cause] ?? 'Unknown']]);
    this.deviceChanged(deviceOfChannel(channel.name));
  }

  /** app_queue reports a member's new device state (and counters) in every queue it belongs to. */
  private deviceChanged(iface: string): void {
    const members = this.membersOf(iface);
    if (members.length === 0) return;
    const status = this.deviceStatus(iface);
    const inCall = this.inCall(iface);
    for (const member of members) {
      const fingerprint = `${status}|${inCall}|${member.callsTaken}|${member.lastCall}`;
      if (fingerprint === member.reported) continue;
      member.reported = fingerprint;
      this.emit('QueueMemberStatus', 'agent,all', memberBlobFields(member, status, inCall));
    }
  }

  private deviceStatus(iface: string): number {
    if (this.offline.has(extensionOfInterface(iface))) return 5;
    const states = [...this.channels.values()].filter((c) => deviceOfChannel(c.name) === iface).map((c) => c.state);
    if (states.includes(5)) return states.includes(6) ? 7 : 6;
    return states.includes(6) ? 2 : 1;
  }

  private inCall(iface: string): boolean {
    return [...this.calls.values()].some((c) => c.agent?.member?.iface === iface && c.answeredAt !== null);
  }

  private memberBlob(member: SimMember): AmiFields {
    return memberBlobFields(member, this.deviceStatus(member.iface), this.inCall(member.iface));
  }

  private newMember(queue: string, iface: string, name: string, penalty: number, dynamic: boolean, loginTime: number): SimMember {
    return { queue, iface, name, penalty, paused: false, pausedReason: '', callsTaken: 0, lastCall: 0, lastPause: 0, loginTime, dynamic, reported: '1|false|0|0' };
  }

  private snapshot(channel: SimChannel, prefix = ''): AmiFields {
    return channelFields(channel, prefix, this.channelVars);
  }

  private emit(event: string, privilege: string, fields: AmiFields): void {
    const frame: AmiFields = [['Event', event], ['Privilege', privilege], ['Timestamp', (this.now() / 1000).toFixed(6)], ...fields];
    for (const listener of this.listeners) listener(frame);
  }

  private queue(name: string): SimQueue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`no queue ${name}`);
    return queue;
  }

  private member(queue: string, extension: string): SimMember {
    const member = this.queue(queue).members.find((m) => extensionOfInterface(m.iface) === extension);
    if (!member) throw new Error(`${extension} is not a member of ${queue}`);
    return member;
  }

  private allMembers(): SimMember[] {
    return [...this.queues.values()].flatMap((q) => q.members);
  }

  private membersOf(iface: string): SimMember[] {
    return this.allMembers().filter((m) => m.iface === iface);
  }

  private existingCall(callId: string): SimCall {
    const call = this.calls.get(callId);
    if (!call) throw new Error(`no call ${callId}`);
    return call;
  }

  private waitingCall(callId: string): SimCall {
    const call = this.existingCall(callId);
    if (!call.queue) throw new Error(`${callId} is not waiting in a queue`);
    return call;
  }

  private answeringAgent(call: SimCall): NonNullable<SimCall['agent']> {
    if (!call.agent?.member || call.answeredAt === null) throw new Error(`${call.id} is not answered by a queue member`);
    return call.agent;
  }

  private ringOf(call: SimCall, extension: string): Ring {
    const ring = call.rings.get(extension);
    if (!ring) throw new Error(`${extension} is not ringing for ${call.id}`);
    return ring;
  }

  private channelByName(name: string): SimChannel | undefined {
    return [...this.channels.values()].find((c) => c.name === name);
  }

  private now(): number {
    return this.clock.now().getTime();
  }

  private epoch(): number {
    return Math.floor(this.now() / 1000);
  }

  private seconds(ms: number): number {
    return Math.max(0, Math.floor(ms / 1000));
  }
}
