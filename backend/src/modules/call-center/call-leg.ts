import type { CallEvent, CallEventOf, CallStatus } from '@gasdesk/schema';
import type { Call } from './call.model.ts';

/**
 * Pure: how one CallEvent changes one agent's leg of a call in the call log. No I/O, no clock:
 * times come from the events, so that a replayed event (after the cti resynchronised) writes the
 * same values again and the log stays idempotent.
 */

/** The leg's fields an event may change. */
export type LegChange = Partial<
  Pick<Call, 'status' | 'ringingAt' | 'answeredAt' | 'endedAt' | 'queuedAt' | 'waitSeconds' | 'talkSeconds' | 'endReason' | 'transferTarget' | 'recordingRef'>
>;

/** The events that change an existing leg: they name the leg by call id (and the agent's extension when they know it). */
export type LegEvent = CallEventOf<'call.ringing' | 'call.ring_no_answer' | 'call.answered' | 'call.ended' | 'call.transferred' | 'call.abandoned'>;

export function isLegEvent(event: CallEvent): event is LegEvent {
  return ['call.ringing', 'call.ring_no_answer', 'call.answered', 'call.ended', 'call.transferred', 'call.abandoned'].includes(event.type);
}

/** A leg is open while the agent's phone rings or the agent talks. */
const OPEN: readonly CallStatus[] = ['ringing', 'answered'];

/** The change `event` makes to a leg now in `leg.status`; null when it changes nothing. */
export function legChange(leg: Pick<Call, 'status' | 'queuedAt'>, event: LegEvent): LegChange | null {
  const at = new Date(event.at);
  switch (event.type) {
    case 'call.ringing':
      // A new ring after a ring-no-answer reopens the leg; a replayed ring of an answered leg changes nothing.
      return leg.status === 'missed' || leg.status === 'ringing' ? { status: 'ringing', ringingAt: at } : null;
    case 'call.ring_no_answer':
      return leg.status === 'ringing' ? { status: 'missed' } : null;
    case 'call.answered': {
      if (leg.status !== 'ringing') return null;
      const change: LegChange = { status: 'answered', answeredAt: at, waitSeconds: event.holdTime };
      // The cti knows the wait even when it missed the caller joining the queue (a resync): the join time follows from it.
      if (!leg.queuedAt && event.holdTime !== null) change.queuedAt = new Date(at.getTime() - event.holdTime * 1000);
      return change;
    }
    case 'call.ended':
      if (!OPEN.includes(leg.status)) return null;
      return {
        status: event.reason === 'transfer' ? 'transferred' : 'ended',
        endedAt: at,
        talkSeconds: leg.status === 'answered' ? event.talkTime : 0,
        endReason: event.reason,
        ...(event.recording && leg.status === 'answered' && { recordingRef: event.recording }),
      };
    case 'call.transferred':
      return { transferTarget: event.target };
    case 'call.abandoned':
      return leg.status === 'ringing' ? { status: 'abandoned', endedAt: at } : null;
  }
}

/** The extension whose leg the event is about; null when it is about every leg of the call (abandon, a transfer by nobody known). */
export function legExtension(event: LegEvent): string | null {
  return 'agent' in event && event.agent ? event.agent.extension : null;
}

/**
 * The company an extension belongs to for this call: the queue's company when the queue is
 * assigned to one (extensions are unique within a company only), otherwise the one company that
 * has the extension; several without a queue to tell them apart is no one.
 */
export function pickAgent<T extends { companyId: number }>(candidates: readonly T[], queueCompanyId: number | null): T | null {
  if (queueCompanyId !== null) return candidates.find((c) => c.companyId === queueCompanyId) ?? null;
  return candidates.length === 1 ? candidates[0]! : null;
}
