import { z } from 'zod';
import { BillAccountBody, BillAccountResult, BillingRunCreate, BillingRunList, BillingRunSkips, BillingRunView, BillList, BillView, IdParams, RebillBody, RebillResult, SkipReason, TariffPreview, TariffPreviewBody } from '@gasdesk/schema';
import { defineRoute } from '../../http/route.ts';
import type { BillingRunService } from './billing-run.service.ts';
import type { BillingService } from './billing.service.ts';

export function billingRoutes(bills: BillingService, runs: BillingRunService) {
  const tag = 'billing';
  return [
    defineRoute({ method: 'get', path: '/accounts/:id/bills', summary: 'The account’s bills, newest period first', tag, access: { permission: 'billing:read' }, params: IdParams, response: BillList, handler: ({ params }) => bills.list(params.id) }),
    defineRoute({
      method: 'post',
      path: '/accounts/:id/bills',
      summary: 'Bill the account for a month now; the same month again returns the bill it has (200); no bill says why (422)',
      tag,
      access: { permission: 'billing:write' },
      params: IdParams,
      body: BillAccountBody,
      response: BillAccountResult,
      statusOf: (r) => (r.outcome === 'billed' ? 201 : r.outcome === 'existing' ? 200 : 422),
      handler: ({ params, body }) => bills.billAccount(params.id, body),
    }),
    defineRoute({ method: 'get', path: '/bills/:id', summary: 'A bill with its lines by slice and tier and the explanation of how it came about', tag, access: { permission: 'billing:read' }, params: IdParams, response: BillView, handler: ({ params }) => bills.get(params.id) }),
    defineRoute({ method: 'post', path: '/bills/:id/rebill', summary: 'Reverse the bill (payments untouched) and bill its period again from the readings as they are now', tag, access: { permission: 'billing:write' }, params: IdParams, body: RebillBody, response: RebillResult, handler: ({ params, body }) => bills.rebill(params.id, body.reason) }),
    defineRoute({ method: 'post', path: '/tariffs/:id/preview', summary: 'An account’s last bill rated again with a draft price version added to this tariff', tag, access: { permission: 'tariffs:read' }, params: IdParams, body: TariffPreviewBody, response: TariffPreview, handler: ({ params, body }) => bills.preview(params.id, body) }),
    defineRoute({ method: 'get', path: '/billing-runs', summary: 'Billing runs, newest first, with their reports', tag, access: { permission: 'billing:read' }, response: BillingRunList, handler: () => runs.list() }),
    defineRoute({ method: 'post', path: '/billing-runs', summary: 'Start a billing run for a month (the company, one reading book, or the books on one reading schedule); progress on the socket as billing:run-progress', tag, access: { permission: 'billing:run' }, body: BillingRunCreate, response: BillingRunView, status: 202, handler: ({ body, actor }) => runs.start(body, actor!.companyId) }),
    defineRoute({ method: 'get', path: '/billing-runs/:id', summary: 'A run’s progress and report: billed, skipped by reason, totals by charge kind', tag, access: { permission: 'billing:read' }, params: IdParams, response: BillingRunView, handler: ({ params }) => runs.get(params.id) }),
    defineRoute({ method: 'post', path: '/billing-runs/:id/resume', summary: 'Queue a stopped run’s partitions that are not done', tag, access: { permission: 'billing:run' }, params: IdParams, response: BillingRunView, status: 202, handler: ({ params }) => runs.resume(params.id) }),
    defineRoute({ method: 'get', path: '/billing-runs/:id/skipped', summary: 'The accounts a run skipped and why (first 1,000)', tag, access: { permission: 'billing:read' }, params: IdParams, query: z.object({ reason: SkipReason.optional() }), response: BillingRunSkips, handler: ({ params, query }) => runs.skipped(params.id, query.reason) }),
  ];
}
