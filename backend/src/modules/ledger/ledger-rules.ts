import { BusinessDate, LedgerBook, LedgerTransactionKind, RECEIVABLE, type FieldIssue } from '@gasdesk/schema';

/** One line of a transaction to post: signed fen, debit positive, in one book. */
export interface LedgerEntryDraft {
  book: string;
  /** The customer account; required on `receivable` entries. */
  accountId?: number | null;
  /** The company's chart-of-accounts code (科目代码), from the charge kind's price list. */
  accountingCode?: string | null;
  amountFen: number;
}

/** A transaction to post. `key` makes posting idempotent: a second draft under a company's key posts nothing. */
export interface LedgerDraft {
  companyId: number;
  kind: LedgerTransactionKind;
  key: string;
  /** The customer account concerned, when there is one. */
  accountId: number | null;
  /** Business date (YYYY-MM-DD) in the company's time zone. */
  occurredOn: string;
  memo: string;
  sourceType?: string | null;
  sourceId?: number | null;
  createdBy?: number | null;
  /** Set on a reversal (and only there): the transaction it undoes. */
  reversesId?: number | null;
  entries: LedgerEntryDraft[];
}

const positiveId = (v: unknown) => Number.isSafeInteger(v) && (v as number) > 0;
const absentOrId = (v: unknown) => v === undefined || v === null || positiveId(v);
const absentOrText = (v: unknown, max: number) => v === undefined || v === null || (typeof v === 'string' && v.length >= 1 && v.length <= max);

/**
 * What is wrong with a draft, field by field (empty when it may be posted): at least one entry,
 * whole fen within ±2^53, entries summing to zero, an account on every receivable entry, book
 * names of the agreed form, and every text within its column. A reversal, and only a reversal,
 * names the transaction it undoes.
 */
export function checkDraft(draft: LedgerDraft): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const problem = (field: string, message: string) => issues.push({ field, message });
  if (!positiveId(draft.companyId)) problem('companyId', 'a company id');
  if (!LedgerTransactionKind.safeParse(draft.kind).success) problem('kind', `one of ${LedgerTransactionKind.options.join(', ')}`);
  if (typeof draft.key !== 'string' || draft.key.length < 1 || draft.key.length > 128) problem('key', 'a key of 1 to 128 characters');
  if (!absentOrId(draft.accountId)) problem('accountId', 'an account id or null');
  if (!BusinessDate.safeParse(draft.occurredOn).success) problem('occurredOn', 'a date written YYYY-MM-DD');
  if (typeof draft.memo !== 'string' || draft.memo.length > 200) problem('memo', 'at most 200 characters');
  if (!absentOrText(draft.sourceType, 32)) problem('sourceType', '1 to 32 characters, or null');
  if (!absentOrId(draft.sourceId)) problem('sourceId', 'an id or null');
  if (!absentOrId(draft.createdBy)) problem('createdBy', 'a user id or null');
  const reverses = draft.reversesId !== undefined && draft.reversesId !== null;
  if (reverses !== (draft.kind === 'reversal')) problem('reversesId', 'set on a reversal and only there');
  else if (!absentOrId(draft.reversesId)) problem('reversesId', 'a transaction id');
  if (!Array.isArray(draft.entries) || draft.entries.length === 0) {
    problem('entries', 'at least one entry');
    return issues;
  }
  let sum = 0n;
  let whole = true;
  draft.entries.forEach((entry, i) => {
    if (!LedgerBook.safeParse(entry.book).success) problem(`entries.${i}.book`, 'a book such as receivable or revenue:gas');
    if (entry.book === RECEIVABLE && !positiveId(entry.accountId)) problem(`entries.${i}.accountId`, 'required on a receivable entry');
    else if (!absentOrId(entry.accountId)) problem(`entries.${i}.accountId`, 'an account id or null');
    if (!absentOrText(entry.accountingCode, 32)) problem(`entries.${i}.accountingCode`, '1 to 32 characters, or null');
    if (Number.isSafeInteger(entry.amountFen)) sum += BigInt(entry.amountFen);
    else {
      whole = false;
      problem(`entries.${i}.amountFen`, 'a whole number of fen within ±2^53');
    }
  });
  if (whole && sum !== 0n) problem('entries', `the entries sum to ${sum} fen; they must sum to zero`);
  return issues;
}

/** The entries that undo `entries`: the same books, accounts and codes with the amounts negated. */
export function reversalOf(entries: readonly LedgerEntryDraft[]): LedgerEntryDraft[] {
  // `0 - x` rather than `-x`: a zero amount stays 0, not -0.
  return entries.map((e) => ({ book: e.book, accountId: e.accountId ?? null, accountingCode: e.accountingCode ?? null, amountFen: 0 - e.amountFen }));
}

/** Whether `candidate` holds exactly the entries that undo `original`, in any order. */
export function isReversalOf(original: readonly LedgerEntryDraft[], candidate: readonly LedgerEntryDraft[]): boolean {
  const lines = (entries: readonly LedgerEntryDraft[]) => entries.map((e) => JSON.stringify([e.book, e.accountId ?? null, e.accountingCode ?? null, e.amountFen])).sort();
  const expected = lines(reversalOf(original));
  const actual = lines(candidate);
  return expected.length === actual.length && expected.every((line, i) => line === actual[i]);
}

/** The sum of one transaction's entries, as the checker reads it. */
export interface TransactionSum {
  companyId: number;
  transactionId: number;
  sumFen: number;
}

/** An account's cached balance (null when it has no balance row) beside the sum of its receivable entries. */
export interface BalanceComparison {
  companyId: number;
  accountId: number;
  balanceFen: number | null;
  entriesFen: number;
}

export type LedgerFinding =
  | { kind: 'unbalanced_transaction'; companyId: number; transactionId: number; sumFen: number }
  | { kind: 'balance_mismatch'; companyId: number; accountId: number; balanceFen: number | null; entriesFen: number };

/**
 * The ledger's invariants broken: transactions whose entries do not sum to zero, and accounts
 * whose balance row differs from the sum of their receivable entries or is missing although they
 * have entries. Ordered by company, then transactions before accounts, each by id.
 */
export function ledgerFindings(transactions: readonly TransactionSum[], balances: readonly BalanceComparison[]): LedgerFinding[] {
  const findings: LedgerFinding[] = [
    ...transactions.filter((s) => s.sumFen !== 0).map((s) => ({ kind: 'unbalanced_transaction' as const, ...s })),
    ...balances.filter((b) => b.balanceFen !== b.entriesFen).map((b) => ({ kind: 'balance_mismatch' as const, ...b })),
  ];
  const idOf = (f: LedgerFinding) => (f.kind === 'unbalanced_transaction' ? f.transactionId : f.accountId);
  return findings.sort((a, b) => a.companyId - b.companyId || (a.kind === b.kind ? idOf(a) - idOf(b) : a.kind === 'unbalanced_transaction' ? -1 : 1));
}

/** One finding in plain words, for the people who run the checker. */
export function describeFinding(f: LedgerFinding): string {
  if (f.kind === 'unbalanced_transaction') {
    return `company ${f.companyId}: transaction ${f.transactionId} does not balance — its entries sum to ${f.sumFen} fen instead of 0`;
  }
  if (f.balanceFen === null) {
    return `company ${f.companyId}: account ${f.accountId} has receivable entries summing to ${f.entriesFen} fen but no balance row`;
  }
  return `company ${f.companyId}: account ${f.accountId} shows a balance of ${f.balanceFen} fen but its receivable entries sum to ${f.entriesFen} fen (${f.balanceFen - f.entriesFen} fen off)`;
}
