import type { AccountLedgerEntry, LedgerTransactionKind } from '@gasdesk/schema';
import { fenFrom } from '../../db/columns.ts';

/** One statement line as the database gives it: sums as strings on MySQL, numbers on SQLite. */
export interface StatementRow {
  transactionId: number;
  kind: LedgerTransactionKind;
  occurredOn: string;
  memo: string;
  sourceType: string | null;
  sourceId: number | null;
  reversesId: number | null;
  reversedById: number | null;
  amountFen: unknown;
  runningBalanceFen: unknown;
}

export function presentStatementLine(row: StatementRow): AccountLedgerEntry {
  return {
    transactionId: row.transactionId,
    kind: row.kind,
    occurredOn: row.occurredOn,
    memo: row.memo,
    sourceType: row.sourceType,
    sourceId: row.sourceId,
    amountFen: fenFrom(row.amountFen),
    runningBalanceFen: fenFrom(row.runningBalanceFen),
    reversesId: row.reversesId,
    reversedById: row.reversedById,
  };
}
