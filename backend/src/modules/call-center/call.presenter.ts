import { maskPhone, type CallView } from '@gasdesk/schema';
import type { Call } from './call.model.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The call log as every reader sees it: the caller's number masked, always. */
export function presentCall(call: Call): CallView {
  return {
    id: call.id,
    companyId: call.companyId,
    pbxCallId: call.pbxCallId,
    direction: call.direction,
    status: call.status,
    callerNumber: call.callerE164 ? maskPhone(call.callerE164) : null,
    queue: call.queue,
    lane: call.lane,
    agentId: call.agentId,
    agentExtension: call.agentExtension,
    customerId: call.customerId,
    accountId: call.accountId,
    queuedAt: iso(call.queuedAt),
    ringingAt: iso(call.ringingAt),
    answeredAt: iso(call.answeredAt),
    endedAt: iso(call.endedAt),
    waitSeconds: call.waitSeconds,
    talkSeconds: call.talkSeconds,
    endReason: call.endReason,
    transferTarget: call.transferTarget,
    disposition: call.disposition,
    note: call.note,
    wrappedUpAt: iso(call.wrappedUpAt),
    recordingRef: call.recordingRef,
    createdAt: call.createdAt.toISOString(),
  };
}
