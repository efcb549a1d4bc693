import { z } from 'zod';
import { BillingPeriod, SkipReason } from './bills.ts';
import { ChargeKind } from './pricing.ts';
import { ReadingSchedule } from '../readings/reading-books.ts';

/** Start a billing run for a month: the company's accounts, one reading book's, or those of the books on one reading schedule. */
export const BillingRunCreate = z.object({
  period: BillingPeriod,
  /** Only the accounts of this reading book. */
  bookCode: z.string().trim().min(1).max(32).optional(),
  /**
   * Only the accounts of books read on this schedule (抄表频次: every month, odd months, even
   * months); `monthly` takes in accounts without a book too. With `bookCode`, the book must follow it.
   */
  schedule: ReadingSchedule.optional(),
  /** The bills' date; today in the company's time zone when absent. */
  billDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').optional(),
});
export type BillingRunCreate = z.infer<typeof BillingRunCreate>;

export const BillingRunStatus = z.enum(['pending', 'running', 'done', 'failed']);

/** A run and its report so far: billed, skipped by reason, fen by charge kind. */
export const BillingRunView = z.object({
  id: z.number().int(),
  period: BillingPeriod,
  bookCode: z.string().nullable(),
  schedule: ReadingSchedule.nullable(),
  billDate: z.string(),
  status: BillingRunStatus,
  /** Accounts the run covers, and of them how many were billed and skipped so far. */
  accounts: z.number().int(),
  billed: z.number().int(),
  skipped: z.number().int(),
  partitions: z.number().int(),
  partitionsDone: z.number().int(),
  totalFen: z.number().int(),
  /** Fen by charge kind, discounts taken off. */
  totals: z.partialRecord(ChargeKind, z.number().int()),
  /** Accounts skipped, by reason. */
  skips: z.partialRecord(SkipReason, z.number().int()),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** Bills a second since the run started. */
  billsPerSecond: z.number().nullable(),
});
export type BillingRunView = z.infer<typeof BillingRunView>;

export const BillingRunList = z.object({ items: z.array(BillingRunView) });
export type BillingRunList = z.infer<typeof BillingRunList>;

/** Accounts a run skipped, with the reason, for a clerk to follow up. */
export const BillingRunSkips = z.object({ items: z.array(z.object({ accountId: z.number().int(), accountNo: z.string(), reason: SkipReason })) });
export type BillingRunSkips = z.infer<typeof BillingRunSkips>;
