import type { AuditEventView } from '@gasdesk/schema';
import type { AuditEvent } from './audit-event.model.ts';

export function presentAuditEvent(e: AuditEvent): AuditEventView {
  return {
    id: e.id,
    companyId: e.companyId,
    seq: e.seq,
    action: e.action,
    actorUserId: e.actorUserId,
    actorUsername: e.actorUsername,
    targetType: e.targetType,
    targetId: e.targetId,
    ip: e.ip,
    details: JSON.parse(e.details) as Record<string, unknown>,
    hash: e.hash,
    createdAt: e.createdAt.toISOString(),
  };
}
