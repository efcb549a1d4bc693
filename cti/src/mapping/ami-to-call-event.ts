import type { AgentRef, CallEvent, CallEventSource, DeviceStatus, IvrData, QueueMember } from '@gasdesk/schema';
import { header, type AmiMessage } from '../ami/ami-message.ts';
import type { PbxSnapshot } from '../pbx-snapshot.ts';
import { agentOfInterface, deviceOfChannel, extensionOfInterface } from './agent-interface.ts';

/** What the mapping remembers about one call between AMI events; keyed by `Linkedid`. */
export interface BookCall {
  readonly direction: 'inbound' | 'outbound';
  /** The number the customer dialled (inbound), from the first channel or `GASDESK_DID`. */
  readonly calledNumber: string | null;
  readonly ivr: IvrData;
  readonly queue: string | null;
  readonly agent: AgentRef | null;
  readonly answeredAt: string | null;
  /** A CallEvent went out for this call, so its end must go out too. */
  readonly announced: boolean;
  /** The end already went out (`AgentComplete`, an abandon). */
  readonly ended: boolean;
  /** Outbound: the other side hung up first. */
  readonly otherSideHungUpFirst: boolean;
  /** The cti asked the PBX to redirect the caller here; the events that follow are its transfer. */
  readonly transferTarget: string | null;
}

/**
 * The mapping's memory: AMI reports a call across many events, and some CallEvents need what an
 * earlier event said (the dialled number, IVR digits, who answered an outbound call).
 */
export interface CallBook {
  readonly calls: Readonly<Record<string, BookCall>>;
  /** Agent extension → member interface, learned from member events: tells an agent's phone from a customer's. */
  readonly agents: Readonly<Record<string, string>>;
}

export interface MappingContext {
  /** When the driver received the event: used when the event carries no `Timestamp`. */
  receivedAt: string;
  source: CallEventSource;
}

export interface MappingResult {
  book: CallBook;
  events: CallEvent[];
}

export function emptyCallBook(): CallBook {
  return { calls: {}, agents: {} };
}

const NEW_CALL: BookCall = {
  direction: 'inbound',
  calledNumber: null,
  ivr: {},
  queue: null,
  agent: null,
  answeredAt: null,
  announced: false,
  ended: false,
  otherSideHungUpFirst: false,
  transferTarget: null,
};

const IVR_VARIABLES: Readonly<Record<string, keyof IvrData>> = {
  GASDESK_ACCOUNT: 'account',
  GASDESK_CARD: 'cardNumber',
  GASDESK_METER: 'meterNumber',
  GASDESK_LANE: 'lane',
};

const DEVICE_STATUS: readonly DeviceStatus[] = ['unknown', 'not_in_use', 'in_use', 'busy', 'invalid', 'unavailable', 'ringing', 'ring_in_use', 'on_hold'];

const END_REASON = { caller: 'caller_hangup', agent: 'agent_hangup', transfer: 'transfer' } as const;

const ORIGINATE_FAILURE: Readonly<Record<string, 'no_answer' | 'busy' | 'unreachable'>> = { '3': 'no_answer', '5': 'busy', '8': 'unreachable' };

// Helpers over one message.
const h = (m: AmiMessage, name: string) => header(m, name) ?? '';
const int = (m: AmiMessage, name: string) => Number.parseInt(h(m, name), 10) || 0;
/** Asterisk writes `<unknown>` (or nothing) where a number or name is missing. */
const text = (value: string | undefined) => (value && value !== '<unknown>' ? value : null);
const callIdOf = (m: AmiMessage, prefix = '') => header(m, `${prefix}linkedid`) || h(m, `${prefix}uniqueid`);
const isRoot = (m: AmiMessage) => h(m, 'uniqueid') !== '' && h(m, 'uniqueid') === h(m, 'linkedid');

function timeOf(m: AmiMessage, context: MappingContext): string {
  const stamp = Number.parseFloat(h(m, 'timestamp'));
  return Number.isFinite(stamp) && stamp > 0 ? new Date(Math.round(stamp * 1000)).toISOString() : context.receivedAt;
}

function epochToIso(value: string): string | null {
  const seconds = Number.parseInt(value, 10);
  return seconds > 0 ? new Date(seconds * 1000).toISOString() : null;
}

/** The IVR's findings in a channel's variables (`GASDESK_*`, with or without the `__` inheritance prefix). */
export function ivrOf(variables: Readonly<Record<string, string>>): IvrData {
  const ivr: IvrData = {};
  for (const [name, value] of Object.entries(variables)) {
    const key = IVR_VARIABLES[name.replace(/^_+/, '')];
    if (key && value !== '') ivr[key] = value;
  }
  return ivr;
}

/** A queue member from the member blob of `QueueMemberStatus`/`Pause`/`Added` or the `QueueMember` list event. */
export function memberOf(m: AmiMessage): QueueMember {
  const iface = header(m, 'interface') ?? h(m, 'location');
  const paused = ['1', 'true', 'yes'].includes(h(m, 'paused').toLowerCase());
  return {
    queue: h(m, 'queue'),
    agent: agentOfInterface(iface),
    name: text(header(m, 'membername') ?? header(m, 'name')),
    status: DEVICE_STATUS[int(m, 'status')] ?? 'unknown',
    paused,
    // Asterisk 12–15 sent the reason as `Reason`; 16+ as `PausedReason`, which is kept after unpausing.
    pausedReason: paused ? text(header(m, 'pausedreason') || header(m, 'reason')) : null,
    inCall: h(m, 'incall') === '1',
    callsTaken: int(m, 'callstaken'),
    lastCallAt: epochToIso(h(m, 'lastcall')),
    penalty: int(m, 'penalty'),
  };
}

interface Step {
  readonly book: CallBook;
  readonly m: AmiMessage;
  readonly at: string;
  readonly source: CallEventSource;
}
type Handler = (step: Step) => MappingResult;

function withCall(book: CallBook, callId: string, change: Partial<BookCall>): CallBook {
  return { ...book, calls: { ...book.calls, [callId]: { ...(book.calls[callId] ?? NEW_CALL), ...change } } };
}

function withoutCall(book: CallBook, callId: string): CallBook {
  const { [callId]: _gone, ...calls } = book.calls;
  return { ...book, calls };
}

function withAgent(book: CallBook, agent: AgentRef): CallBook {
  return book.agents[agent.extension] === agent.interface ? book : { ...book, agents: { ...book.agents, [agent.extension]: agent.interface } };
}

/** The agent behind a channel, when its device is a known member's. */
function agentOfChannel(book: CallBook, channel: string): AgentRef | null {
  const extension = extensionOfInterface(deviceOfChannel(channel));
  const iface = book.agents[extension];
  return iface ? { extension, interface: iface } : null;
}

const nothing = (book: CallBook): MappingResult => ({ book, events: [] });

function callerOf(step: Step, call: BookCall) {
  return {
    callerNumber: text(header(step.m, 'calleridnum')),
    callerName: text(header(step.m, 'calleridname')),
    calledNumber: call.calledNumber ?? text(step.m.variables.GASDESK_DID),
  };
}

function memberStatus({ book, m, at, source }: Step): MappingResult {
  const member = memberOf(m);
  return { book: withAgent(book, member.agent), events: [{ type: 'queue.member_status', at, source, ...member }] };
}

function endOfCall(step: Step, callId: string, call: BookCall): CallEvent {
  const talkTime = call.answeredAt ? Math.max(0, Math.floor((Date.parse(step.at) - Date.parse(call.answeredAt)) / 1000)) : 0;
  const outboundReason = !call.answeredAt ? 'unanswered' : call.otherSideHungUpFirst ? 'caller_hangup' : 'agent_hangup';
  return {
    type: 'call.ended',
    at: step.at,
    source: step.source,
    callId,
    direction: call.direction,
    queue: call.queue,
    agent: call.agent,
    talkTime,
    reason: call.direction === 'outbound' ? outboundReason : 'caller_hangup',
  };
}

/** AMI event name (lower-cased) → what it means for calls. Events not listed mean nothing here. */
const HANDLERS: Readonly<Record<string, Handler>> = {
  newchannel: ({ book, m }) => {
    if (!isRoot(m)) return nothing(book);
    const agent = agentOfChannel(book, h(m, 'channel'));
    return nothing(withCall(book, h(m, 'linkedid'), agent ? { direction: 'outbound', agent } : { calledNumber: text(header(m, 'exten')) }));
  },

  varset: ({ book, m }) => {
    const key = IVR_VARIABLES[h(m, 'variable').replace(/^_+/, '')];
    const callId = callIdOf(m);
    if (!key || !callId) return nothing(book);
    const { [key]: _old, ...ivr } = book.calls[callId]?.ivr ?? {};
    const value = h(m, 'value');
    return nothing(withCall(book, callId, { ivr: value === '' ? ivr : { ...ivr, [key]: value } }));
  },

  queuecallerjoin: (step) => {
    const { book, m, at, source } = step;
    const callId = callIdOf(m);
    const known = book.calls[callId] ?? NEW_CALL;
    const call: BookCall = { ...known, ivr: { ...known.ivr, ...ivrOf(m.variables) }, queue: h(m, 'queue'), announced: true, ended: false };
    return {
      book: withCall(book, callId, call),
      events: [{ type: 'call.queued', at, source, callId, ...callerOf(step, call), queue: call.queue!, position: Math.max(1, int(m, 'position')), ivr: call.ivr }],
    };
  },

  agentcalled: (step) => {
    const { m, at, source } = step;
    const callId = callIdOf(m);
    const agent = agentOfInterface(h(m, 'interface'));
    const book = withAgent(step.book, agent);
    const known = book.calls[callId] ?? NEW_CALL;
    const call: BookCall = { ...known, ivr: { ...known.ivr, ...ivrOf(m.variables) }, queue: h(m, 'queue'), announced: true };
    return {
      book: withCall(book, callId, call),
      events: [{ type: 'call.ringing', at, source, callId, ...callerOf(step, call), queue: call.queue, agent, ivr: call.ivr }],
    };
  },

  agentringnoanswer: ({ book, m, at, source }) => ({
    book,
    // AgentRingNoAnswer's RingTime is in milliseconds (AgentConnect's is in seconds).
    events: [{ type: 'call.ring_no_answer', at, source, callId: callIdOf(m), queue: h(m, 'queue'), agent: agentOfInterface(h(m, 'interface')), ringTime: Math.round(int(m, 'ringtime') / 1000) }],
  }),

  agentconnect: ({ book, m, at, source }) => {
    const callId = callIdOf(m);
    const agent = agentOfInterface(h(m, 'interface'));
    return {
      book: withCall(book, callId, { agent, answeredAt: at, announced: true }),
      events: [{ type: 'call.answered', at, source, callId, queue: h(m, 'queue'), agent, holdTime: int(m, 'holdtime'), ringTime: int(m, 'ringtime') }],
    };
  },

  agentcomplete: ({ book, m, at, source }) => {
    const callId = callIdOf(m);
    const agent = agentOfInterface(h(m, 'interface'));
    const target = book.calls[callId]?.transferTarget ?? null;
    const reason = target ? 'transfer' : (END_REASON[h(m, 'reason').toLowerCase() as keyof typeof END_REASON] ?? 'caller_hangup');
    // queues.conf `monitor-type=MixMonitor` names the file in a channel variable (manager.conf `channelvars`).
    const recording = m.variables.MIXMONITOR_FILENAME;
    const ended: CallEvent = { type: 'call.ended', at, source, callId, direction: 'inbound', queue: h(m, 'queue'), agent, talkTime: int(m, 'talktime'), reason, ...(recording && { recording }) };
    return {
      book: withCall(book, callId, { ended: true, transferTarget: null }),
      // A redirect we asked for reaches app_queue as the agent's hangup: say what it really was.
      events: target ? [{ type: 'call.transferred', at, source, callId, agent, target, kind: 'blind' }, ended] : [ended],
    };
  },

  queuecallerabandon: ({ book, m, at, source }) => {
    const callId = callIdOf(m);
    return {
      book: withCall(book, callId, { ended: true }),
      events: [
        {
          type: 'call.abandoned',
          at,
          source,
          callId,
          queue: h(m, 'queue'),
          waited: int(m, 'holdtime'),
          position: Math.max(1, int(m, 'position')),
          originalPosition: Math.max(1, int(m, 'originalposition')),
        },
      ],
    };
  },

  queuecallerleave: ({ book, m, at, source }) => {
    const callId = callIdOf(m);
    const call = book.calls[callId];
    const left: CallEvent = { type: 'call.left_queue', at, source, callId, queue: h(m, 'queue'), position: Math.max(1, int(m, 'position')) };
    if (!call?.transferTarget || call.agent) return { book, events: [left] };
    // A waiting caller we redirected: no agent was involved, the transfer ends the queue call.
    return {
      book: withCall(book, callId, { transferTarget: null, ended: true }),
      events: [{ type: 'call.transferred', at, source, callId, agent: null, target: call.transferTarget, kind: 'blind' }, left],
    };
  },

  queuememberstatus: memberStatus,
  queuememberpause: memberStatus,
  queuememberadded: memberStatus,
  queuememberpenalty: memberStatus,
  queuememberringinuse: memberStatus,

  queuemember: ({ book, m }) => nothing(withAgent(book, memberOf(m).agent)),

  queuememberremoved: ({ book, m, at, source }) => {
    const { queue, agent } = memberOf(m);
    return { book, events: [{ type: 'queue.member_removed', at, source, queue, agent }] };
  },

  originateresponse: ({ book, m, at, source }) => {
    const agent = agentOfChannel(book, h(m, 'channel')) ?? agentOfInterface(deviceOfChannel(h(m, 'channel')));
    const number = h(m, 'exten');
    const requestId = text(header(m, 'actionid'));
    if (h(m, 'response').toLowerCase() !== 'success') {
      const reason = ORIGINATE_FAILURE[h(m, 'reason')] ?? 'failed';
      return { book, events: [{ type: 'call.outbound_failed', at, source, agent, number, requestId, reason }] };
    }
    const callId = callIdOf(m);
    // The agent's Dial may have been seen first; the call is announced once.
    if (book.calls[callId]?.announced) return nothing(book);
    return {
      book: withCall(book, callId, { direction: 'outbound', agent, announced: true }),
      events: [{ type: 'call.outbound_started', at, source, callId, agent, number, requestId }],
    };
  },

  dialbegin: ({ book, m, at, source }) => {
    const callId = callIdOf(m);
    const agent = isRoot(m) ? agentOfChannel(book, h(m, 'channel')) : null;
    if (!agent || book.calls[callId]?.announced) return nothing(book);
    // An agent's own phone dialling out: `DialString` is `13812341234@carrier` (or `PJSIP/…`).
    const number = h(m, 'dialstring').replace(/^[^/]*\//, '').split('@')[0] ?? '';
    return {
      book: withCall(book, callId, { direction: 'outbound', agent, announced: true }),
      events: [{ type: 'call.outbound_started', at, source, callId, agent, number, requestId: null }],
    };
  },

  bridgeenter: ({ book, m, at, source }) => {
    const callId = callIdOf(m);
    const call = book.calls[callId];
    if (!call || call.direction !== 'outbound' || !call.announced || call.answeredAt || isRoot(m) || !call.agent) return nothing(book);
    return {
      book: withCall(book, callId, { answeredAt: at }),
      events: [{ type: 'call.answered', at, source, callId, queue: null, agent: call.agent, holdTime: null, ringTime: null }],
    };
  },

  hangup: (step) => {
    const { book, m } = step;
    const callId = callIdOf(m);
    const call = book.calls[callId];
    if (!call) return nothing(book);
    if (!isRoot(m)) {
      return nothing(call.direction === 'outbound' && call.answeredAt ? withCall(book, callId, { otherSideHungUpFirst: true }) : book);
    }
    return { book: withoutCall(book, callId), events: call.announced && !call.ended ? [endOfCall(step, callId, call)] : [] };
  },

  blindtransfer: ({ book, m, at, source }) => {
    if (h(m, 'result').toLowerCase() !== 'success') return nothing(book);
    const callId = header(m, 'transfereelinkedid') || h(m, 'transfererlinkedid');
    const agent = agentOfChannel(book, h(m, 'transfererchannel'));
    return { book, events: [{ type: 'call.transferred', at, source, callId, agent, target: h(m, 'extension'), kind: 'blind' }] };
  },

  attendedtransfer: ({ book, m, at, source }) => {
    if (h(m, 'result').toLowerCase() !== 'success') return nothing(book);
    const callId = header(m, 'origtransfererlinkedid') || h(m, 'transfereelinkedid');
    const agent = agentOfChannel(book, h(m, 'origtransfererchannel'));
    const target = text(header(m, 'secondtransfererconnectedlinenum')) ?? h(m, 'secondtransfererexten');
    return { book, events: [{ type: 'call.transferred', at, source, callId, agent, target, kind: 'attended' }] };
  },
};

/**
 * Maps one AMI event to the CallEvents it means (often none), given what earlier events said.
 * Pure: the book goes in and comes out; time comes from the event's `Timestamp` (manager.conf
 * `timestampevents = yes`) or from `context.receivedAt`.
 */
export function mapAmiEvent(book: CallBook, message: AmiMessage, context: MappingContext): MappingResult {
  const name = header(message, 'event')?.toLowerCase();
  const handler = name ? HANDLERS[name] : undefined;
  if (!handler) return nothing(book);
  return handler({ book, m: message, at: timeOf(message, context), source: context.source });
}

/** Remembers that the cti asked the PBX to redirect this call's caller, so that the events that follow read as a transfer. */
export function expectTransfer(book: CallBook, callId: string, target: string): CallBook {
  return book.calls[callId] ? withCall(book, callId, { transferTarget: target }) : book;
}

/** Forgets an expected transfer (the PBX refused the redirect). */
export function cancelTransfer(book: CallBook, callId: string): CallBook {
  return book.calls[callId] ? withCall(book, callId, { transferTarget: null }) : book;
}

/** The book after a resynchronisation: the calls and members the PBX has now, each call already announced. */
export function bookFromSnapshot(snapshot: PbxSnapshot): CallBook {
  const calls: Record<string, BookCall> = {};
  for (const call of snapshot.calls) {
    calls[call.callId] = {
      ...NEW_CALL,
      direction: call.direction,
      calledNumber: call.calledNumber,
      ivr: call.ivr,
      queue: call.queue,
      agent: call.agent,
      // The true answer time was lost in the gap; talk time counts from the resync.
      answeredAt: call.answered ? snapshot.at : null,
      announced: true,
    };
  }
  const agents = Object.fromEntries(snapshot.members.map((m) => [m.agent.extension, m.agent.interface]));
  return { calls, agents };
}
