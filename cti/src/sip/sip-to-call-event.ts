import type { AgentRef, CallEventOf, IvrData } from '@gasdesk/schema';

/**
 * What the SIP driver reads from an inbound INVITE, as plain values: the header values (null when
 * absent) and the Request-URI. Taken from drachtio's parsed request so that the mapping stays pure.
 */
export interface SipInvite {
  /** The SIP Call-ID of the caller's leg: the `callId` of every CallEvent of the call. */
  callId: string;
  requestUri: string;
  from: string;
  /** The carrier's asserted identity; preferred to From, which the caller's side may set freely. */
  pAssertedIdentity: string | null;
  /** The IVR's digits, carried in `X-Account`, `X-Card`, `X-Meter`, `X-Lane` by whatever ran the IVR before us. */
  xAccount: string | null;
  xCard: string | null;
  xMeter: string | null;
  xLane: string | null;
}

/** One inbound call as the driver follows it; every time is an ISO-8601 UTC string. */
export interface SipCall {
  callId: string;
  queue: string;
  callerNumber: string | null;
  callerName: string | null;
  calledNumber: string | null;
  ivr: IvrData;
  arrivedAt: string;
  /** Calls waiting in the queue when this one arrived, itself included. */
  position: number;
  agent: AgentRef | null;
  ringingAt: string | null;
  answeredAt: string | null;
}

/** A SIP or tel URI's user part (`sip:13812341234@trunk` → `13812341234`); null when it has none. */
export function uriUser(uri: string): string | null {
  const match = /^(?:sips?:([^@;?>]+)@|tel:([^;?>]+))/i.exec(uri.trim());
  const user = match?.[1] ?? match?.[2];
  return user === undefined ? null : decodeURIComponent(user);
}

/** A name-addr's display name (`"张三" <sip:…>` → `张三`); null when there is none. */
function displayName(nameAddr: string): string | null {
  const match = /^\s*(?:"((?:[^"\\]|\\.)*)"|([^<"]*?))\s*</.exec(nameAddr);
  const name = (match?.[1] ?? match?.[2] ?? '').replace(/\\(.)/g, '$1').trim();
  return name === '' ? null : name;
}

/** The URI inside a name-addr (`"x" <sip:1@h>;tag=1` → `sip:1@h`), or the bare addr-spec. */
function addrSpec(nameAddr: string): string {
  const match = /<([^>]*)>/.exec(nameAddr);
  return match ? match[1]! : nameAddr.split(';')[0]!.trim();
}

/** A withheld caller id arrives as `anonymous` (RFC 3323); the backend must not match on it. */
function callerNumber(nameAddr: string): string | null {
  const user = uriUser(addrSpec(nameAddr));
  return user === null || user.toLowerCase() === 'anonymous' ? null : user;
}

function ivrFrom(invite: SipInvite): IvrData {
  const ivr: IvrData = {};
  if (invite.xAccount) ivr.account = invite.xAccount;
  if (invite.xCard) ivr.cardNumber = invite.xCard;
  if (invite.xMeter) ivr.meterNumber = invite.xMeter;
  if (invite.xLane) ivr.lane = invite.xLane;
  return ivr;
}

/** Starts following an inbound INVITE that waits in `queue` at `position`. */
export function callFromInvite(invite: SipInvite, queue: string, position: number, at: string): SipCall {
  const identity = invite.pAssertedIdentity ?? invite.from;
  return {
    callId: invite.callId,
    queue,
    callerNumber: callerNumber(identity),
    callerName: displayName(identity) ?? displayName(invite.from),
    calledNumber: uriUser(invite.requestUri),
    ivr: ivrFrom(invite),
    arrivedAt: at,
    position,
    agent: null,
    ringingAt: null,
    answeredAt: null,
  };
}

/** Every event of this mapping comes from the SIP driver. */
const source = 'sip' as const;
const seconds = (from: string, to: string) => Math.max(0, Math.floor((Date.parse(to) - Date.parse(from)) / 1000));
const caller = (call: SipCall) => ({ callerNumber: call.callerNumber, callerName: call.callerName, calledNumber: call.calledNumber });

/** The INVITE arrived: the caller waits for an agent. */
export function queuedEvent(call: SipCall): CallEventOf<'call.queued'> {
  return { type: 'call.queued', at: call.arrivedAt, source, callId: call.callId, ...caller(call), queue: call.queue, position: call.position, ivr: call.ivr };
}

/** The driver sent the INVITE to `agent`'s phone: the moment of the screen-pop. */
export function ringingEvent(call: SipCall, agent: AgentRef, at: string): { call: SipCall; events: [CallEventOf<'call.ringing'>] } {
  return {
    call: { ...call, agent, ringingAt: at },
    events: [{ type: 'call.ringing', at, source, callId: call.callId, ...caller(call), queue: call.queue, agent, ivr: call.ivr }],
  };
}

/** The agent's phone answered (a 200 to our INVITE): the caller leaves the queue, connected. */
export function answeredEvents(call: SipCall, at: string): { call: SipCall; events: [CallEventOf<'call.left_queue'>, CallEventOf<'call.answered'>] } {
  const agent = requireAgent(call);
  return {
    call: { ...call, answeredAt: at },
    events: [
      { type: 'call.left_queue', at, source, callId: call.callId, queue: call.queue, position: call.position },
      { type: 'call.answered', at, source, callId: call.callId, queue: call.queue, agent, holdTime: seconds(call.arrivedAt, at), ringTime: call.ringingAt === null ? null : seconds(call.ringingAt, at) },
    ],
  };
}

/** The agent's phone refused or never answered the INVITE; this first version tries no other agent, so the caller is turned away next. */
export function ringNoAnswerEvent(call: SipCall, at: string): CallEventOf<'call.ring_no_answer'> {
  return { type: 'call.ring_no_answer', at, source, callId: call.callId, queue: call.queue, agent: requireAgent(call), ringTime: call.ringingAt === null ? null : seconds(call.ringingAt, at) };
}

/** The caller sent CANCEL (or the ring failed) before any agent answered. */
export function abandonedEvents(call: SipCall, at: string): [CallEventOf<'call.abandoned'>, CallEventOf<'call.left_queue'>] {
  return [
    { type: 'call.abandoned', at, source, callId: call.callId, queue: call.queue, waited: seconds(call.arrivedAt, at), position: call.position, originalPosition: call.position },
    { type: 'call.left_queue', at, source, callId: call.callId, queue: call.queue, position: call.position },
  ];
}

/** A BYE ended an answered call; `by` is the side that sent it. */
export function endedEvent(call: SipCall, by: 'caller' | 'agent', at: string): CallEventOf<'call.ended'> {
  const agent = requireAgent(call);
  const talkTime = call.answeredAt === null ? 0 : seconds(call.answeredAt, at);
  return { type: 'call.ended', at, source, callId: call.callId, direction: 'inbound', queue: call.queue, agent, talkTime, reason: by === 'caller' ? 'caller_hangup' : 'agent_hangup' };
}

function requireAgent(call: SipCall): AgentRef {
  // The driver rings an agent before it can see an answer or a BYE: a call without one is a bug.
  if (call.agent === null) throw new Error(`call ${call.callId} has no agent`);
  return call.agent;
}

/** A click-to-dial as the driver follows it: the agent's phone first, then the customer's number. */
export interface SipOutboundCall {
  /** The `requestId` `originate()` returned: the call has no caller leg whose Call-ID could name it. */
  callId: string;
  agent: AgentRef;
  number: string;
  answeredAt: string | null;
}

/** Why the agent's leg of a click-to-dial failed, from the SIP final status. */
export function outboundFailure(status: number): CallEventOf<'call.outbound_failed'>['reason'] {
  if (status === 486 || status === 600) return 'busy';
  if (status === 408 || status === 480 || status === 487) return 'no_answer';
  if (status === 404 || status === 410 || status === 484 || status === 503) return 'unreachable';
  return 'failed';
}

/** The agent's phone answered the click-to-dial; the customer's number is being called. */
export function outboundStartedEvent(call: SipOutboundCall, at: string): CallEventOf<'call.outbound_started'> {
  return { type: 'call.outbound_started', at, source, callId: call.callId, agent: call.agent, number: call.number, requestId: call.callId };
}

/** The agent's phone did not take the click-to-dial (its final SIP status). */
export function outboundFailedEvent(call: SipOutboundCall, status: number, at: string): CallEventOf<'call.outbound_failed'> {
  return { type: 'call.outbound_failed', at, source, agent: call.agent, number: call.number, requestId: call.callId, reason: outboundFailure(status) };
}

/** The customer answered the click-to-dial. */
export function outboundAnsweredEvent(call: SipOutboundCall, at: string): { call: SipOutboundCall; events: [CallEventOf<'call.answered'>] } {
  return { call: { ...call, answeredAt: at }, events: [{ type: 'call.answered', at, source, callId: call.callId, queue: null, agent: call.agent, holdTime: null, ringTime: null }] };
}

/** A click-to-dial ended: a BYE from the customer (`caller`) or the agent, or the customer never answered. */
export function outboundEndedEvent(call: SipOutboundCall, by: 'caller' | 'agent' | 'unanswered', at: string): CallEventOf<'call.ended'> {
  const reason = by === 'caller' ? 'caller_hangup' : by === 'agent' ? 'agent_hangup' : 'unanswered';
  const talkTime = call.answeredAt === null ? 0 : seconds(call.answeredAt, at);
  return { type: 'call.ended', at, source, callId: call.callId, direction: 'outbound', queue: null, agent: call.agent, talkTime, reason };
}
