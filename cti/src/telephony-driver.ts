import type { CallEvent, CallEventSource } from '@gasdesk/schema';
import type { PbxSnapshot, QueueSummary } from './pbx-snapshot.ts';

/**
 * Where a driver's link to the PBX stands: `idle` before `connect()`; `connecting` while it logs
 * in and resynchronises; `connected` when events flow and actions work; `disconnected` while it
 * waits to retry; `closed` after `close()` or a refused login.
 */
export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'disconnected' | 'closed';

export interface StatusChange {
  status: ConnectionStatus;
  at: string;
  /** Why the link is down (`no pong within 10 s`, `authentication failed`); null otherwise. */
  error: string | null;
}

/** What a driver tells its listeners. */
export interface TelephonyDriverEvents {
  /** A CallEvent, in the PBX's order. May repeat after a resync: the call-state reducer de-duplicates. */
  event: CallEvent;
  /** The PBX's state, read after every (re)connection, before the events that follow it. */
  resync: PbxSnapshot;
  status: StatusChange;
}

export type TelephonyErrorCode = 'not_connected' | 'authentication_failed' | 'rejected' | 'timeout' | 'unknown_call';

/** A driver's failure. `retryable` says whether trying the same thing again later can work. */
export class TelephonyError extends Error {
  constructor(
    readonly code: TelephonyErrorCode,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'TelephonyError';
  }
}

/** Click-to-dial: ring the agent's phone, then call `number` from it. */
export interface OriginateRequest {
  /** The agent's extension. */
  agent: string;
  /** The customer's number as the dialplan dials it. */
  number: string;
}

export interface PauseRequest {
  agent: string;
  paused: boolean;
  /** Shown on the wallboard (`午休`, `培训`); ignored when unpausing. */
  reason?: string;
  /** Only this queue; every queue of the agent when absent. */
  queue?: string;
}

export interface MemberRequest {
  queue: string;
  agent: string;
  /** The member name shown by the PBX; default `Agent <extension>`. */
  name?: string;
  penalty?: number;
}

/**
 * An action a driver may or may not be able to perform, named after its method: `members` covers
 * `addMember` and `removeMember`, `queueStatus` covers `queueStatus` and `queueSummary`. A driver
 * rejects an action it does not declare with `rejected` (not retryable), saying so.
 */
export type TelephonyCapability = 'originate' | 'redirect' | 'attendedTransfer' | 'hangup' | 'pause' | 'members' | 'queueStatus';

/** Every action: what the AMI driver and the fake can do. */
export const ALL_TELEPHONY_CAPABILITIES: ReadonlySet<TelephonyCapability> = new Set(['originate', 'redirect', 'attendedTransfer', 'hangup', 'pause', 'members', 'queueStatus']);

/**
 * A telephony driver: one PBX link turned into CallEvents, and the call-center actions the desk
 * needs. Implementations: `ami` (Asterisk Manager Interface), `fake` (in memory, for tests of
 * consumers), `sip` (drachtio-srf, a SIP trunk without Asterisk; fewer actions). Every implementation passes the shared contract suite
 * in `telephony-driver.contract.ts`.
 *
 * Calls are named by `callId` and agents by extension, never by PBX channel: the driver keeps
 * the channels to itself. Actions reject with a `TelephonyError`.
 */
export interface TelephonyDriver {
  /** The registry name: `ami`, `fake`, `sip`. */
  readonly name: string;
  /** The actions it can perform; the others reject with `rejected`. */
  readonly capabilities: ReadonlySet<TelephonyCapability>;
  /** The `source` of the CallEvents it emits. */
  readonly source: CallEventSource;

  /**
   * Opens the link and keeps it open: logs in, resynchronises (a `resync` before any event),
   * reconnects with a capped, jittered backoff when the link drops or stops answering.
   * Resolves once first connected; rejects only when the PBX refuses the credentials
   * (`authentication_failed`), since retrying cannot fix that.
   */
  connect(): Promise<void>;
  /** Closes the link for good; pending actions reject with `not_connected`. */
  close(): Promise<void>;
  status(): ConnectionStatus;
  /** Subscribes to `event`, `resync` or `status`; returns the unsubscribe. */
  on<K extends keyof TelephonyDriverEvents>(name: K, listener: (payload: TelephonyDriverEvents[K]) => void): () => void;

  /** Click-to-dial. Resolves when the PBX accepted it; the call shows as `call.outbound_started` (or `call.outbound_failed`) carrying the returned `requestId`. */
  originate(request: OriginateRequest): Promise<{ requestId: string }>;
  /** Blind transfer: sends the customer of `callId` to `target` (an extension or a number); the agent's part ends with reason `transfer`. */
  redirect(request: { callId: string; target: string }): Promise<void>;
  /** Attended transfer started from the agent's phone: the agent consults `target`, then hands the caller over. */
  attendedTransfer(request: { callId: string; agent: string; target: string }): Promise<void>;
  /** Ends the call (the customer's side is hung up). */
  hangup(request: { callId: string }): Promise<void>;
  /** Pauses or unpauses an agent; shows as `queue.member_status` with `paused` and `pausedReason`. */
  pause(request: PauseRequest): Promise<void>;
  /** Adds the agent to a queue as a dynamic member. */
  addMember(request: MemberRequest): Promise<void>;
  /** Removes a dynamic member (static members, configured in the PBX, cannot be removed: `rejected`). */
  removeMember(request: { queue: string; agent: string }): Promise<void>;
  /** The PBX's queues, members and calls now. */
  queueStatus(): Promise<PbxSnapshot>;
  /** Per-queue live counts as the PBX computes them. */
  queueSummary(): Promise<QueueSummary[]>;
}
