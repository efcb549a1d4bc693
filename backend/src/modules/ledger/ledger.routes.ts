import { AccountLedger, AccountLedgerQuery, IdParams } from '@gasdesk/schema';
import { defineRoute } from '../../http/route.ts';
import type { LedgerService } from './ledger.service.ts';

export function ledgerRoutes(ledger: LedgerService) {
  return [
    defineRoute({
      method: 'get',
      path: '/accounts/:id/ledger',
      summary: 'An account’s balance and statement: its receivable lines, newest first, each with the balance after it',
      tag: 'ledger',
      access: { permission: 'ledger:read' },
      params: IdParams,
      query: AccountLedgerQuery,
      response: AccountLedger,
      handler: ({ params, query }) => ledger.statement(params.id, query),
    }),
  ];
}
