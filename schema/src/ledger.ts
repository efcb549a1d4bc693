import { z } from 'zod';
import { Id, PageQuery } from './common.ts';
import { Fen } from './money.ts';
import { BusinessDate } from './registry/fields.ts';

/**
 * What moved the money. `reversal` undoes one earlier transaction entry by entry (冲正) and is
 * the only kind that names the transaction it reverses; every other correction is an `adjustment`.
 */
export const LedgerTransactionKind = z.enum(['charge', 'reversal', 'adjustment', 'payment', 'refund', 'card_sale', 'write_off']);
export type LedgerTransactionKind = z.infer<typeof LedgerTransactionKind>;

/** A book name: a family, optionally narrowed by what it is for (`revenue:gas`). */
export const LEDGER_BOOK_PATTERN = /^[a-z_]+(:[a-z_]+)?$/;

/**
 * Which book an entry is in (科目): `receivable` (应收, per customer account), `revenue:<charge
 * kind>` (`revenue:gas`), `discount:<charge kind>`, and the books payments bring (`cash`, `bank`…).
 * At most 48 characters, the column's width.
 */
export const LedgerBook = z.string().max(48).regex(LEDGER_BOOK_PATTERN, 'a book such as receivable or revenue:gas (lower-case letters and underscores, one optional colon)');
export type LedgerBook = z.infer<typeof LedgerBook>;

/** The book of what a customer account owes: positive means the customer owes, negative that they are in credit. */
export const RECEIVABLE = 'receivable';

/**
 * One line of an account statement: one ledger transaction as it touched the account's receivable.
 * Amounts are signed integer fen, debit positive: a charge is positive, a payment or a reversal of
 * a charge negative.
 */
export const AccountLedgerEntry = z.object({
  transactionId: Id,
  kind: LedgerTransactionKind,
  /** The business date the money moved on (the bill date, the day paid), in the company's time zone. */
  occurredOn: BusinessDate,
  memo: z.string(),
  /** What the transaction comes from, e.g. `bill`, with `sourceId` its id there; null when posted by hand. */
  sourceType: z.string().nullable(),
  sourceId: Id.nullable(),
  /** The transaction's receivable entries of this account, summed. */
  amountFen: Fen,
  /** What the account owed after this line, counting every line at or before it in date order. */
  runningBalanceFen: Fen,
  /** On a reversal: the transaction it undoes. */
  reversesId: Id.nullable(),
  /** On a reversed transaction: the reversal that undoes it. */
  reversedById: Id.nullable(),
});
export type AccountLedgerEntry = z.infer<typeof AccountLedgerEntry>;

/** An account's statement: its balance and one page of its receivable lines, newest first. */
export const AccountLedger = z.object({
  accountId: Id,
  /** What the account owes now (positive) or holds in credit (negative). */
  balanceFen: Fen,
  entries: z.array(AccountLedgerEntry),
  /** Lines on all pages. */
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type AccountLedger = z.infer<typeof AccountLedger>;

/** Paging of a statement, as every list pages: `limit` (1–200, default 50) and `offset`. */
export const AccountLedgerQuery = PageQuery;
export type AccountLedgerQuery = z.infer<typeof AccountLedgerQuery>;
