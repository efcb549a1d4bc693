import { z } from 'zod';

/**
 * The call-center events the cti process sends the backend: a closed vocabulary, whatever PBX or
 * protocol produced them. `cti/` turns AMI frames (or SIP requests) into these; `backend/` adds the
 * customer and decides who hears of it. Durations are whole seconds; times are ISO-8601 UTC.
 *
 * Phone numbers travel unmasked here (the backend needs them to find the customer); every log
 * and socket payload made from them must mask them.
 */

/** Which driver saw the event: Asterisk AMI, the SIP driver, or the in-memory fake used in tests. */
export const CallEventSource = z.enum(['ami', 'sip', 'sim']);
export type CallEventSource = z.infer<typeof CallEventSource>;

const IsoTime = z.iso.datetime();
const Seconds = z.number().int().min(0);

/** An agent as the PBX knows them: the extension (our key for the agent) and the dialled interface. */
export const AgentRef = z.object({
  /** `7001`: the agent's extension, taken from the interface (`PJSIP/7001`, `SIP/7001`, `Local/7001@from-queue/n`). */
  extension: z.string().min(1),
  /** The queue member interface, e.g. `PJSIP/7001`. */
  interface: z.string().min(1),
});
export type AgentRef = z.infer<typeof AgentRef>;

/**
 * What the caller keyed into the IVR (channel variables `GASDESK_ACCOUNT`, `GASDESK_CARD`,
 * `GASDESK_METER`, `GASDESK_LANE`): the backend matches on these when the caller id is withheld
 * or shared. A key is absent when the IVR did not collect it.
 */
export const IvrData = z.object({
  account: z.string().optional(),
  cardNumber: z.string().optional(),
  meterNumber: z.string().optional(),
  /** How far the caller got in the IVR: `ivr`, `emergency`, `service`. */
  lane: z.string().optional(),
});
export type IvrData = z.infer<typeof IvrData>;

/** Device state of a queue member's phone (Asterisk's `Status` 0–8). */
export const DeviceStatus = z.enum(['unknown', 'not_in_use', 'in_use', 'busy', 'invalid', 'unavailable', 'ringing', 'ring_in_use', 'on_hold']);
export type DeviceStatus = z.infer<typeof DeviceStatus>;

/** What an agent is doing, derived by the cti from member status, pauses and calls. */
export const AgentStateName = z.enum(['ready', 'ringing', 'on_call', 'wrap_up', 'paused', 'offline']);
export type AgentStateName = z.infer<typeof AgentStateName>;

/** How a call or the agent's part of it ended. `caller` is always the customer's side, outbound calls included. */
export const CallEndReason = z.enum([
  'agent_hangup',
  'caller_hangup',
  'transfer',
  /** An outbound call the customer never answered. */
  'unanswered',
  /** The call was gone when the cti resynchronised after losing the PBX: it ended unseen. */
  'lost',
]);
export type CallEndReason = z.infer<typeof CallEndReason>;

const base = { at: IsoTime, source: CallEventSource };
const callBase = { ...base, callId: z.string().min(1) };
const caller = { callerNumber: z.string().nullable(), callerName: z.string().nullable(), calledNumber: z.string().nullable() };

/** A caller joined a queue and waits (Asterisk `QueueCallerJoin`). `position` starts at 1. */
export const CallQueued = z.object({
  type: z.literal('call.queued'),
  ...callBase,
  ...caller,
  queue: z.string(),
  position: z.number().int().min(1),
  ivr: IvrData,
});

/** An agent's phone rings for the call (`AgentCalled`): the moment to show the screen-pop to that agent. */
export const CallRinging = z.object({
  type: z.literal('call.ringing'),
  ...callBase,
  ...caller,
  queue: z.string().nullable(),
  agent: AgentRef,
  ivr: IvrData,
});

/** The agent did not pick up in time (`AgentRingNoAnswer`); the queue tries someone else. `ringTime` is null when unknown. */
export const CallRingNoAnswer = z.object({
  type: z.literal('call.ring_no_answer'),
  ...callBase,
  queue: z.string().nullable(),
  agent: AgentRef,
  ringTime: Seconds.nullable(),
});

/**
 * The agent and the caller are connected (`AgentConnect`; for outbound calls, the customer answered).
 * `holdTime` is the queue wait; null on outbound calls and when the answer happened while the cti was disconnected.
 */
export const CallAnswered = z.object({
  type: z.literal('call.answered'),
  ...callBase,
  queue: z.string().nullable(),
  agent: AgentRef,
  holdTime: Seconds.nullable(),
  ringTime: Seconds.nullable(),
});

/** The call (or the agent's part of it, after a transfer) ended (`AgentComplete`, or the hangup of an outbound call). */
export const CallEnded = z.object({
  type: z.literal('call.ended'),
  ...callBase,
  direction: z.enum(['inbound', 'outbound']),
  queue: z.string().nullable(),
  agent: AgentRef.nullable(),
  talkTime: Seconds,
  reason: CallEndReason,
  /** The PBX's recording of the call (Asterisk's `MIXMONITOR_FILENAME`), when it records. */
  recording: z.string().min(1).max(255).optional(),
});

/** The caller left the queue unanswered (`QueueCallerAbandon`: hung up, or the queue timed out). */
export const CallAbandoned = z.object({
  type: z.literal('call.abandoned'),
  ...callBase,
  queue: z.string(),
  waited: Seconds,
  position: z.number().int().min(1),
  originalPosition: z.number().int().min(1),
});

/** The caller no longer waits in `queue` (`QueueCallerLeave`): answered, abandoned, timed out or moved on by the dialplan. */
export const CallLeftQueue = z.object({
  type: z.literal('call.left_queue'),
  ...callBase,
  queue: z.string(),
  position: z.number().int().min(1),
});

/** The agent passed the caller on to `target` (an extension or a number). */
export const CallTransferred = z.object({
  type: z.literal('call.transferred'),
  ...callBase,
  agent: AgentRef.nullable(),
  target: z.string(),
  kind: z.enum(['blind', 'attended']),
});

/** The agent's phone answered a click-to-dial (or the agent dialled out) and the customer's number is being called. */
export const CallOutboundStarted = z.object({
  type: z.literal('call.outbound_started'),
  ...callBase,
  agent: AgentRef,
  number: z.string(),
  /** The id `originate()` returned, to match the agent's click; null when the agent dialled by hand. */
  requestId: z.string().nullable(),
});

/** A click-to-dial never reached the customer: the agent's phone did not answer, was busy or unreachable. */
export const CallOutboundFailed = z.object({
  type: z.literal('call.outbound_failed'),
  ...base,
  agent: AgentRef,
  number: z.string(),
  requestId: z.string().nullable(),
  reason: z.enum(['no_answer', 'busy', 'unreachable', 'failed']),
});

/** One agent's state changed. `since` is when the new state began; `previous` is null for the first report. */
export const AgentStateChanged = z.object({
  type: z.literal('agent.state'),
  ...base,
  agent: AgentRef,
  state: AgentStateName,
  pauseReason: z.string().nullable(),
  since: IsoTime,
  previous: AgentStateName.nullable(),
});

/** A queue member as the PBX reports it (`QueueMemberStatus`, `QueueMemberPause`, `QueueMemberAdded`, `QueueStatus`). */
export const QueueMember = z.object({
  queue: z.string(),
  agent: AgentRef,
  /** The member name configured in the PBX (`Agent 7001`); null when none. */
  name: z.string().nullable(),
  status: DeviceStatus,
  paused: z.boolean(),
  pausedReason: z.string().nullable(),
  inCall: z.boolean(),
  callsTaken: z.number().int().min(0),
  lastCallAt: IsoTime.nullable(),
  penalty: z.number().int(),
});
export type QueueMember = z.infer<typeof QueueMember>;

/** A member's device state, pause or counters changed, or the member was added. */
export const QueueMemberStatus = QueueMember.extend({ type: z.literal('queue.member_status'), ...base });

/** The member left the queue (`QueueMemberRemoved`). */
export const QueueMemberRemoved = z.object({ type: z.literal('queue.member_removed'), ...base, queue: z.string(), agent: AgentRef });

/** One agent on the wallboard. `secondsByState` adds up the time spent in each state since `since` of the snapshot. */
export const AgentSnapshot = z.object({
  agent: AgentRef,
  state: AgentStateName,
  pauseReason: z.string().nullable(),
  since: IsoTime,
  secondsInState: Seconds,
  secondsByState: z.record(AgentStateName, Seconds),
  queues: z.array(z.string()),
  callId: z.string().nullable(),
});
export type AgentSnapshot = z.infer<typeof AgentSnapshot>;

/**
 * One queue on the wallboard, counted since `since` of the snapshot. Percentages are null while
 * their denominator is zero. Each figure is defined beside it so that the wallboard can label it.
 */
export const QueueSnapshot = z.object({
  queue: z.string(),
  /** Callers waiting now. */
  waiting: z.number().int().min(0),
  /** Seconds the longest-waiting caller has waited; 0 when nobody waits. */
  longestWaitSeconds: Seconds,
  answered: z.number().int().min(0),
  /** Answered with a queue wait of at most `serviceLevelSeconds`. */
  answeredWithinServiceLevel: z.number().int().min(0),
  /** Every abandon, short ones included. */
  abandoned: z.number().int().min(0),
  /** Abandons that waited less than `shortAbandonSeconds`; left out of the rates below. */
  shortAbandoned: z.number().int().min(0),
  /** answeredWithinServiceLevel ÷ answered × 100. */
  serviceLevelPercent: z.number().nullable(),
  /** answeredWithinServiceLevel ÷ (answered + abandoned − shortAbandoned) × 100: the offered variant. */
  serviceLevelOfferedPercent: z.number().nullable(),
  /** (abandoned − shortAbandoned) ÷ (answered + abandoned − shortAbandoned) × 100. */
  abandonRatePercent: z.number().nullable(),
  /** Average speed of answer: mean queue wait of answered calls, in seconds. */
  asaSeconds: z.number().nullable(),
  /** 90th percentile (nearest rank) of the queue wait of answered calls, in seconds. */
  asaP90Seconds: z.number().nullable(),
  agentsByState: z.record(AgentStateName, z.number().int().min(0)),
  serviceLevelSeconds: Seconds,
  shortAbandonSeconds: Seconds,
});
export type QueueSnapshot = z.infer<typeof QueueSnapshot>;

/** The whole call center at `at`; figures count from `since` (the cti's start or its last reset). */
export const WallboardSnapshot = z.object({
  at: IsoTime,
  since: IsoTime,
  agents: z.array(AgentSnapshot),
  queues: z.array(QueueSnapshot),
});
export type WallboardSnapshot = z.infer<typeof WallboardSnapshot>;

/** The wallboard, sent every few seconds and after a resynchronisation. */
export const WallboardSnapshotEvent = WallboardSnapshot.extend({ type: z.literal('wallboard.snapshot'), source: CallEventSource });

export const CallEvent = z.discriminatedUnion('type', [
  CallQueued,
  CallRinging,
  CallRingNoAnswer,
  CallAnswered,
  CallEnded,
  CallAbandoned,
  CallLeftQueue,
  CallTransferred,
  CallOutboundStarted,
  CallOutboundFailed,
  AgentStateChanged,
  QueueMemberStatus,
  QueueMemberRemoved,
  WallboardSnapshotEvent,
]);
export type CallEvent = z.infer<typeof CallEvent>;
export type CallEventType = CallEvent['type'];
/** The member of the union with this `type`. */
export type CallEventOf<T extends CallEventType> = Extract<CallEvent, { type: T }>;
