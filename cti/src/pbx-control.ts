import type { IvrData } from '@gasdesk/schema';

/** A caller arriving at the call center. */
export interface IncomingCall {
  callerNumber: string;
  /** The utility's number the customer dialled. */
  calledNumber: string;
  queue: string;
  callerName?: string;
  ivr?: IvrData;
}

/**
 * Makes calls happen on a PBX, step by step: what callers and agents' phones do. The simulator's
 * model implements it over AMI; the fake driver implements it in memory. The driver contract
 * tests, the load generator and demo mode drive calls through it.
 */
export interface PbxControl {
  /** A caller comes through the IVR and joins `queue`. Returns the call's id (its `callId` in CallEvents). */
  queueCall(call: IncomingCall): string;
  /** The queue rings this agent's phone for the call. */
  ringAgent(callId: string, extension: string): void;
  /** The agent's phone stops ringing unanswered (the queue's ring timeout). */
  ringNoAnswer(callId: string, extension: string): void;
  /** The agent picks up: agent and caller are connected. */
  answer(callId: string, extension: string): void;
  /** One side hangs up. A waiting caller hanging up abandons the call. */
  hangup(callId: string, by: 'caller' | 'agent'): void;
}
