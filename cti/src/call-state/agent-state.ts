import type { AgentStateName, QueueMember } from '@gasdesk/schema';

/** What an agent's state is derived from. */
export interface AgentFacts {
  /** Talking on a call the cti tracks (a queue call or an outbound call). */
  onCall: boolean;
  /** A queue call rings the agent's phone. */
  ringing: boolean;
  /** The agent's memberships: device state and pause, one per queue. */
  memberships: readonly QueueMember[];
  /** Until when the agent finishes the last call's notes (wrap-up); null when not wrapping up. */
  wrapUpUntil: string | null;
  at: string;
}

const OFFLINE: readonly string[] = ['unavailable', 'invalid'];
const BUSY: readonly string[] = ['in_use', 'busy', 'on_hold', 'ring_in_use'];

/**
 * The agent's state. Evidence of a call wins (a paused agent still finishes a call); an agent in
 * no queue, or whose phone is unregistered, is offline; paused means paused in every queue, so
 * that an agent paused in one queue but serving another still counts as ready; a device busy
 * with a call the cti does not track (a colleague's call) counts as on a call.
 */
export function deriveAgentState(facts: AgentFacts): { state: AgentStateName; pauseReason: string | null } {
  const { memberships } = facts;
  if (facts.onCall) return { state: 'on_call', pauseReason: null };
  if (facts.ringing) return { state: 'ringing', pauseReason: null };
  if (memberships.length === 0 || memberships.every((m) => OFFLINE.includes(m.status))) return { state: 'offline', pauseReason: null };
  if (memberships.every((m) => m.paused)) return { state: 'paused', pauseReason: memberships.find((m) => m.pausedReason)?.pausedReason ?? null };
  if (facts.wrapUpUntil && facts.wrapUpUntil > facts.at) return { state: 'wrap_up', pauseReason: null };
  if (memberships.some((m) => BUSY.includes(m.status))) return { state: 'on_call', pauseReason: null };
  if (memberships.some((m) => m.status === 'ringing')) return { state: 'ringing', pauseReason: null };
  return { state: 'ready', pauseReason: null };
}
