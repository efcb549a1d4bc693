import type { AgentRef, CallEventSource, IvrData, QueueMember } from '@gasdesk/schema';

/** A call the PBX has now, as read after a (re)connection. */
export interface PbxCall {
  /** The call's id: Asterisk's `Linkedid`, the same in every CallEvent of the call. */
  callId: string;
  direction: 'inbound' | 'outbound';
  callerNumber: string | null;
  callerName: string | null;
  calledNumber: string | null;
  /** The queue the caller waits in now; null when not waiting. */
  queue: string | null;
  position: number | null;
  waitSeconds: number | null;
  /** Agents whose phone rings for this call now. */
  ringing: AgentRef[];
  /** The agent on the call: who answered it (inbound) or whose phone placed it (outbound); null while nobody has. */
  agent: AgentRef | null;
  /** Agent and customer are talking: an agent answered, or the customer picked up an outbound call. */
  answered: boolean;
  ivr: IvrData;
}

/**
 * The PBX's current calls and queue members, read after every (re)connection because the events
 * of the gap are lost. The call-state reducer reconciles its own state against it.
 */
export interface PbxSnapshot {
  at: string;
  source: CallEventSource;
  calls: PbxCall[];
  members: QueueMember[];
}

/** One queue's live summary (AMI `QueueSummary`). Times in seconds. */
export interface QueueSummary {
  queue: string;
  loggedIn: number;
  available: number;
  callers: number;
  holdTime: number;
  talkTime: number;
  longestHoldTime: number;
}
