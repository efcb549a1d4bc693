import { z } from 'zod';
import { Id, PageQuery, Timestamp, pageOf } from './common.ts';

/** What the audit log records: security and money events. Modules add theirs. */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'user.created',
  'user.updated',
  'user.role_changed',
  'user.disabled',
  'user.enabled',
  'user.password_changed',
  'personal_data.revealed',
  'customer.created',
  'customer.updated',
  'account.opened',
  'account.transferred',
  'account.closed',
  'meter.installed',
  'meter.removed',
  'meter.replaced',
  'meter.calibrated',
  'registry.imported',
  'reading_book.created',
  'reading_book.updated',
  'reading_book.route_set',
  'reading_cycle.opened',
  'reading_cycle.closed',
  'readings.imported',
  'reading.corrected',
  'reading.resolved',
  'tariff.created',
  'tariff.updated',
  'price_version.added',
  'price_version.deleted',
  'discount_rule.created',
  'discount_rule.updated',
  'contract.created',
  'contract.updated',
  'billing_settings.updated',
  'account.flags_set',
  'bill.issued',
  'bill.rebilled',
  'billing_run.started',
] as const;
export const AuditAction = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditAction>;

export const AuditEventView = z.object({
  id: Id,
  companyId: Id,
  seq: z.number().int(),
  action: AuditAction,
  actorUserId: Id.nullable(),
  actorUsername: z.string().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
  createdAt: Timestamp,
});
export type AuditEventView = z.infer<typeof AuditEventView>;

export const AuditList = pageOf(AuditEventView);
export type AuditList = z.infer<typeof AuditList>;

export const AuditQuery = PageQuery.extend({
  action: AuditAction.optional(),
  actorUserId: Id.optional(),
  companyId: Id.optional().describe('only with companies:span'),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditVerifyResult = z.object({
  companyId: Id,
  checked: z.number().int(),
  ok: z.boolean(),
  /** The first record whose hash or link does not match, when `ok` is false. */
  firstBroken: z.object({ seq: z.number().int(), id: Id.nullable().describe('null when records are missing from the end'), reason: z.enum(['hash_mismatch', 'chain_broken', 'sequence_gap']) }).nullable(),
});
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;
