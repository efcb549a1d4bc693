import { z } from 'zod';
import { AuditList, AuditQuery, AuditVerifyResult, Id } from '@gasdesk/schema';
import { defineRoute } from '../../http/route.ts';
import type { AuditService } from './audit.service.ts';
import { presentAuditEvent } from './audit.presenter.ts';

export function auditRoutes(audit: AuditService) {
  return [
    defineRoute({
      method: 'get',
      path: '/audit',
      summary: 'Audit records of the caller\'s company, newest first',
      tag: 'audit',
      access: { permission: 'audit:read' },
      query: AuditQuery,
      response: AuditList,
      handler: async ({ query }) => {
        const { rows, count } = await audit.list(query);
        return { items: rows.map(presentAuditEvent), total: count, limit: query.limit, offset: query.offset };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/audit/verify',
      summary: 'Recompute the hash chain and report the first altered or missing record',
      tag: 'audit',
      access: { permission: 'audit:read' },
      query: z.object({ companyId: Id.optional().describe('only with companies:span') }),
      response: AuditVerifyResult,
      handler: ({ query }) => audit.verify(query.companyId),
    }),
  ];
}
