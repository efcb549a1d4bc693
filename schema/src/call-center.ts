import { z } from 'zod';
import { Id, PageQuery, Timestamp, pageOf } from './common.ts';
import { Extension } from './users.ts';
import { PhoneInput } from './phone.ts';
import { PhoneMatch } from './registry/search.ts';
import { AgentStateName, CallEndReason, WallboardSnapshot } from './cti/call-event.ts';

/**
 * The call center as the desk sees it: the call log, wrap-up, agent commands and the wallboard.
 * Caller numbers are always masked here; the unmasked number stays in the backend and the cti.
 */

/** What the call was about, chosen by the agent at wrap-up. A closed list so that reports can count it. */
export const DISPOSITIONS = [
  'gas_leak',
  'no_gas',
  'billing_query',
  'payment',
  'meter_fault',
  'repair_request',
  'complaint',
  'info',
  'wrong_number',
  'other',
] as const;
export const Disposition = z.enum(DISPOSITIONS);
export type Disposition = z.infer<typeof Disposition>;

export const CallDirection = z.enum(['inbound', 'outbound']);
export type CallDirection = z.infer<typeof CallDirection>;

/**
 * Where the agent's leg is in its life: `ringing` → `answered` → `ended` or `transferred`;
 * `missed` when the agent's phone stopped ringing unanswered; `abandoned` when the caller hung up
 * while it rang.
 */
export const CallStatus = z.enum(['ringing', 'answered', 'ended', 'transferred', 'missed', 'abandoned']);
export type CallStatus = z.infer<typeof CallStatus>;

/** One agent's leg of one PBX call. */
export const CallView = z.object({
  id: Id,
  companyId: Id,
  /** The PBX's id of the call (Asterisk's linkedid / uniqueid). */
  pbxCallId: z.string(),
  direction: CallDirection,
  status: CallStatus,
  /** Masked: `138****0001`; null when the caller id was withheld. */
  callerNumber: z.string().nullable(),
  queue: z.string().nullable(),
  /** The IVR lane (`emergency`, `service`, …); null when the caller skipped the IVR or dialled out. */
  lane: z.string().nullable(),
  agentId: Id.nullable(),
  agentExtension: z.string().nullable(),
  customerId: Id.nullable(),
  accountId: Id.nullable(),
  queuedAt: Timestamp.nullable(),
  ringingAt: Timestamp.nullable(),
  answeredAt: Timestamp.nullable(),
  endedAt: Timestamp.nullable(),
  /** Queue wait before the answer, in seconds; null until answered or for outbound calls. */
  waitSeconds: z.number().int().min(0).nullable(),
  /** Talk time in seconds; null until the call ended. */
  talkSeconds: z.number().int().min(0).nullable(),
  endReason: CallEndReason.nullable(),
  /** Where the call went when the agent transferred it. */
  transferTarget: z.string().nullable(),
  disposition: Disposition.nullable(),
  note: z.string().nullable(),
  wrappedUpAt: Timestamp.nullable(),
  recordingRef: z.string().nullable(),
  createdAt: Timestamp,
});
export type CallView = z.infer<typeof CallView>;

/** `GET /api/calls`: newest first; `from`/`to` bound the time the call began (queued, ringing or dialled). */
export const CallListQuery = PageQuery.extend({
  customerId: Id.optional(),
  accountId: Id.optional(),
  agentId: Id.optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
});
export type CallListQuery = z.infer<typeof CallListQuery>;

export const CallList = pageOf(CallView);
export type CallList = z.infer<typeof CallList>;

/** `POST /api/calls/:id/wrap-up`: by the agent who took the call, once it ended. */
export const WrapUpBody = z.object({
  disposition: Disposition,
  note: z.string().trim().max(2000).default(''),
});
export type WrapUpBody = z.infer<typeof WrapUpBody>;

/** `POST /api/calls/:id/customer`: the agent's choice among several caller matches. */
export const CallCustomerBody = z.object({
  customerId: Id,
  accountId: Id.nullable().default(null),
});
export type CallCustomerBody = z.infer<typeof CallCustomerBody>;

/** `POST /api/cti/agent-state`: the signed-in agent's own state, on every queue they belong to. */
export const AgentStateCommand = z.discriminatedUnion('state', [
  z.object({ state: z.literal('ready') }),
  z.object({ state: z.literal('paused'), reason: z.string().trim().min(1).max(64) }),
  z.object({ state: z.literal('offline') }),
]);
export type AgentStateCommand = z.infer<typeof AgentStateCommand>;

/** `POST /api/cti/dial`: click-to-dial; the agent's own extension rings first, then `number` is called. */
export const DialBody = z.object({ number: PhoneInput.min(3) });
export type DialBody = z.infer<typeof DialBody>;

/** `POST /api/cti/hangup`: ends the agent's current call. */
export const HangupBody = z.object({ callId: z.string().min(1) });
export type HangupBody = z.infer<typeof HangupBody>;

/** `POST /api/cti/transfer`: a blind transfer of the agent's current call to an extension or a number. */
export const TransferBody = z.object({
  callId: z.string().min(1),
  target: z.union([Extension, PhoneInput.min(3)]),
});
export type TransferBody = z.infer<typeof TransferBody>;

/** The reply to dial/hangup/transfer/agent-state: the command was handed to the cti. The outcome arrives as socket events. */
export const CtiCommandAccepted = z.object({ accepted: z.literal(true), requestId: z.string().nullable() });
export type CtiCommandAccepted = z.infer<typeof CtiCommandAccepted>;

/** `GET /api/cti/wallboard` and the `wallboard:snapshot` socket event: one company's queues and agents. */
export const CompanyWallboard = z.object({
  companyId: Id,
  /** Null until the cti sent its first snapshot. */
  snapshot: WallboardSnapshot.nullable(),
  /** Agents of the company by user, for the names on the wallboard (the snapshot knows extensions only). */
  agents: z.array(z.object({ userId: Id, extension: z.string(), displayName: z.string() })),
});
export type CompanyWallboard = z.infer<typeof CompanyWallboard>;

/** `call:screen-pop`: sent to the agent whose phone rings, before they answer. */
export const ScreenPop = z.object({
  /** The PBX call id; the log row appears under it with `GET /api/calls?…` once written. */
  callId: z.string(),
  /** The call-log row of this agent's leg. */
  callLogId: Id.nullable(),
  /** Masked; null when withheld. */
  callerNumber: z.string().nullable(),
  queue: z.string().nullable(),
  lane: z.string().nullable(),
  /** What the caller keyed into the IVR (account, card, meter number). */
  ivr: z.object({
    account: z.string().optional(),
    cardNumber: z.string().optional(),
    meterNumber: z.string().optional(),
  }),
  /** Several are a choice for the agent (`POST /api/calls/:id/customer`); never guessed. */
  matches: z.array(PhoneMatch),
  /** The lookup took longer than allowed: the matches may be incomplete; the desk offers a search. */
  lookupTimedOut: z.boolean(),
  at: Timestamp,
});
export type ScreenPop = z.infer<typeof ScreenPop>;

/** `call:updated`: the agent's current call changed (answered, ended, transferred). */
export const CallUpdate = z.object({
  callId: z.string(),
  call: CallView,
});
export type CallUpdate = z.infer<typeof CallUpdate>;

/** `agent:state`: the agent's own state as the cti derived it. */
export const AgentStateView = z.object({
  extension: z.string(),
  state: AgentStateName,
  pauseReason: z.string().nullable(),
  since: Timestamp,
});
export type AgentStateView = z.infer<typeof AgentStateView>;
