import { Op, QueryTypes, fn, col, type Transaction } from 'sequelize';
import { addDays, RECEIVABLE, type ChargeKind } from '@gasdesk/schema';
import { insertRows } from '../../db/bulk-insert.ts';
import type { Account } from '../customers/account.model.ts';
import type { LedgerDraft } from '../ledger/ledger-rules.ts';
import type { LedgerService } from '../ledger/ledger.service.ts';
import { Meter } from '../meters/meter.model.ts';
import type { SeriesReading } from '../readings/core/period-consumption.ts';
import { MeterReading } from '../readings/meter-reading.model.ts';
import { ReadingBook } from '../readings/reading-book.model.ts';
import type { PriceBook } from '../tariffs/price-book.ts';
import { daysBetween, fromMilli, toMilli } from '../readings/core/milli.ts';
import { fenFrom } from '../../db/columns.ts';
import { Bill, BillLineRow } from './bill.model.ts';
import { lastDayOf, planBill, type BillBasis, type SkipReason } from './bill-plan.ts';
import { rateBill, RatingProblem, type BillInput, type RatedBill } from './engine/rate-bill.ts';

/** What one batch of accounts came to. */
export interface BatchResult {
  accounts: number;
  billed: number;
  totalFen: number;
  /** Fen by charge kind, discounts taken off. */
  totals: Partial<Record<ChargeKind, number>>;
  skips: Partial<Record<SkipReason, number>>;
  /** Accounts billed, with their new bill's id. */
  bills: { accountId: number; billId: number }[];
  skipped: { accountId: number; reason: SkipReason }[];
}

export interface BatchRequest {
  companyId: number;
  period: string;
  billDate: string;
  runId: number | null;
  createdBy: number | null;
}

/** What an account's earlier bill tells the next one: where it ended, its tier cycle, what it came to. */
export interface PriorBill {
  periodTo: string;
  periodFrom: string;
  totalFen: number;
  volume: string;
  cycleStart: string | null;
  cycleVolume: string | null;
}

/** The readings and meters of accounts, as the plan and the engine take them. */
export interface AccountReadings {
  readings: Map<number, SeriesReading[]>;
  exceptionDates: Map<number, string[]>;
  prepaidOnly: Set<number>;
}

/**
 * Accepted readings of the accounts that are not prepaid-only (from the earliest end of their last
 * bills when every one has a bill to start from), the dates of readings waiting in the exception
 * queue up to `until`, and which accounts only have IC-card meters (they are never billed, so their
 * readings are not read).
 */
export async function loadAccountReadings(accountIds: readonly number[], priors: ReadonlyMap<number, PriorBill> | null, until: string, t?: Transaction): Promise<AccountReadings> {
  type MeterRow = Pick<Meter, 'id' | 'accountId' | 'kind' | 'registerDigits' | 'status'>;
  const meterAttributes = ['id', 'accountId', 'kind', 'registerDigits', 'status'];
  const meters = (await Meter.findAll({ where: { accountId: accountIds as number[] }, attributes: meterAttributes, raw: true, transaction: t })) as unknown as MeterRow[];
  const installed = new Map<number, string[]>();
  for (const m of meters) if (m.accountId !== null && m.status === 'installed') installed.set(m.accountId, [...(installed.get(m.accountId) ?? []), m.kind]);
  const prepaidOnly = new Set([...installed].filter(([, kinds]) => kinds.every((k) => k === 'ic_card')).map(([id]) => id));
  const billable = accountIds.filter((id) => !prepaidOnly.has(id));
  const since = priors && billable.every((id) => priors.has(id)) ? billable.reduce((min, id) => (priors.get(id)!.periodTo < min ? priors.get(id)!.periodTo : min), '9999-12-31') : null;
  // Raw rows: a partition reads thousands of readings, and model instances would cost more than the query.
  const rows = (await MeterReading.findAll({
    where: { accountId: billable, status: 'accepted', ...(since && { readOn: { [Op.gte]: since } }) },
    attributes: ['accountId', 'meterId', 'value', 'readOn', 'reason', 'kind', 'standardValue', 'resolution'],
    order: [['readOn', 'ASC'], ['readAt', 'ASC'], ['id', 'ASC']],
    raw: true,
    transaction: t,
  })) as unknown as RawReading[];
  const exceptions = await MeterReading.findAll({ where: { accountId: billable, status: 'exception', readOn: { [Op.lte]: until } }, attributes: ['accountId', 'readOn'], raw: true, transaction: t });
  const digits = new Map(meters.map((m) => [m.id, m.registerDigits]));
  // Meters removed from the accounts since (a meter change in the period) are read for their register size.
  const removed = [...new Set(rows.map((r) => r.meterId))].filter((id) => !digits.has(id));
  if (removed.length > 0) for (const m of (await Meter.findAll({ where: { id: removed }, attributes: meterAttributes, raw: true, transaction: t })) as unknown as MeterRow[]) digits.set(m.id, m.registerDigits);
  const readings = new Map<number, SeriesReading[]>();
  for (const r of rows) {
    const list = readings.get(r.accountId) ?? [];
    // SQLite gives DECIMAL back as a number, MySQL as a string.
    list.push({ meterId: r.meterId, registerDigits: digits.get(r.meterId) ?? 5, value: String(r.value), readOn: r.readOn, reason: r.reason, kind: r.kind, standardValue: r.standardValue === null ? null : String(r.standardValue), corrected: r.resolution === 'corrected' });
    readings.set(r.accountId, list);
  }
  const exceptionDates = new Map<number, string[]>();
  for (const e of exceptions) exceptionDates.set(e.accountId!, [...(exceptionDates.get(e.accountId!) ?? []), e.readOn]);
  return { readings, exceptionDates, prepaidOnly };
}

interface RawReading {
  accountId: number;
  meterId: number;
  value: string | number;
  readOn: string;
  reason: string;
  kind: 'actual' | 'estimated';
  standardValue: string | number | null;
  resolution: string | null;
}

/** Each account's latest issued bill before `period`. */
export async function loadPriorBills(accountIds: readonly number[], period: string, t?: Transaction): Promise<Map<number, PriorBill>> {
  const latest = (await Bill.findAll({ where: { accountId: accountIds as number[], status: 'issued', period: { [Op.lt]: period } }, attributes: ['accountId', [fn('MAX', col('period')), 'period']], group: ['accountId'], raw: true, transaction: t })) as unknown as { accountId: number; period: string }[];
  const wanted = new Set(latest.map((l) => `${l.accountId}|${l.period}`));
  const bills = (await Bill.findAll({ where: { accountId: latest.map((l) => l.accountId), status: 'issued', period: [...new Set(latest.map((l) => l.period))] }, attributes: ['accountId', 'period', 'periodFrom', 'periodTo', 'totalFen', 'volume', 'cycleStart', 'cycleVolume'], raw: true, transaction: t })) as unknown as (Omit<PriorBill, 'totalFen' | 'volume' | 'cycleVolume'> & { accountId: number; period: string; totalFen: unknown; volume: string | number; cycleVolume: string | number | null })[];
  return new Map(
    bills
      .filter((b) => wanted.has(`${b.accountId}|${b.period}`))
      .map((b) => [b.accountId, { periodFrom: b.periodFrom, periodTo: b.periodTo, totalFen: fenFrom(b.totalFen), volume: milliString(b.volume), cycleStart: b.cycleStart, cycleVolume: b.cycleVolume === null ? null : milliString(b.cycleVolume) }]),
  );
}

/** A volume as the database gives it back (a string from MySQL, a number from SQLite), written with three decimals. */
const milliString = (v: string | number) => fromMilli(toMilli(String(v)));

/** Reading schedules of the accounts' books, for tier cycles that follow them. */
async function schedulesOf(accounts: readonly Account[], t?: Transaction): Promise<Map<string, string>> {
  const codes = [...new Set(accounts.map((a) => a.readingBookCode).filter((c): c is string => c !== null))];
  if (codes.length === 0) return new Map();
  return new Map((await ReadingBook.findAll({ where: { code: codes }, attributes: ['code', 'schedule'], transaction: t })).map((b) => [b.code, b.schedule]));
}

/** The reading schedule of one account's book (`monthly` without a book). */
export async function scheduleOf(account: Account, t?: Transaction): Promise<string> {
  return (await schedulesOf([account], t)).get(account.readingBookCode ?? '') ?? 'monthly';
}

/** The engine's input for one account's basis, from what was loaded. */
export function billInput(account: Account, basis: BillBasis, prior: PriorBill | undefined, book: PriceBook, schedule: string): BillInput {
  return {
    period: { from: basis.from, to: basis.to },
    volume: basis.volume,
    interim: basis.interim,
    provenance: basis.provenance,
    account: { category: account.category, householdSize: account.householdSize, openedOn: account.openedOn, readingSchedule: schedule, flags: account.flags ?? [] },
    charges: book.chargesFor(account),
    priorCycle: prior?.cycleStart && prior.cycleVolume ? { start: prior.cycleStart, volume: prior.cycleVolume } : null,
    discounts: book.discounts,
    contract: { minimumMonthlyVolume: book.minimumFor(account.id, basis.to) },
    settings: book.settings,
    previous: prior ? { totalFen: prior.totalFen, volume: prior.volume, days: daysBetween(prior.periodFrom, prior.periodTo) } : null,
  };
}

/**
 * Of these price versions, those a bill line was rated at: such a version is part of those bills'
 * record and stays. One look per version at the first line using it (an index seek, however many
 * lines a version priced). The ids come from price versions read in the caller's company, and a
 * bill line only ever points at its own company's versions, so the query needs no scope of its own.
 */
export async function billedPriceVersions(versionIds: readonly number[]): Promise<ReadonlySet<number>> {
  if (versionIds.length === 0) return new Set();
  const rows = await BillLineRow.sequelize!.query<{ id: number | string }>(
    'SELECT v.id AS id FROM price_versions v WHERE v.id IN (:ids) AND EXISTS (SELECT 1 FROM bill_lines l WHERE l.price_version_id = v.id)',
    { replacements: { ids: [...versionIds] }, type: QueryTypes.SELECT },
  );
  return new Set(rows.map((r) => Number(r.id)));
}

/** The bill number people read out: the month and the account number, and the revision after a rebill. */
export const billNumber = (period: string, accountNo: string, revision: number) => `${period.replace('-', '')}-${accountNo}${revision > 0 ? `-R${revision}` : ''}`;

/**
 * Bills a batch of accounts for a period inside the caller's transaction: a handful of queries to
 * load, the pure plan and engine per account, then one insert each for bills, lines and ledger
 * transactions. All or nothing: the caller commits the batch or none of it.
 */
export async function billBatch(accounts: readonly Account[], request: BatchRequest, deps: { book: PriceBook; ledger: LedgerService }, t: Transaction): Promise<BatchResult> {
  const ids = accounts.map((a) => a.id);
  const result: BatchResult = { accounts: accounts.length, billed: 0, totalFen: 0, totals: {}, skips: {}, bills: [], skipped: [] };
  if (ids.length === 0) return result;
  const billedNow = new Set((await Bill.findAll({ where: { accountId: ids, period: request.period, status: 'issued' }, attributes: ['accountId'], raw: true, transaction: t })).map((b) => b.accountId));
  const priors = await loadPriorBills(ids, request.period, t);
  const loaded = await loadAccountReadings(ids, priors, lastDayOf(request.period), t);
  const schedules = await schedulesOf(accounts, t);

  const rated: { account: Account; rated: RatedBill; basis: BillBasis }[] = [];
  const skip = (accountId: number, reason: SkipReason) => {
    result.skipped.push({ accountId, reason });
    result.skips[reason] = (result.skips[reason] ?? 0) + 1;
  };
  for (const account of accounts) {
    const prior = priors.get(account.id);
    const plan = planBill({
      period: request.period,
      billingDay: deps.book.billingDayFor(account.id, lastDayOf(request.period)),
      account: { status: account.status, closedOn: account.closedOn },
      prepaidOnly: loaded.prepaidOnly.has(account.id),
      readings: loaded.readings.get(account.id) ?? [],
      billedUpTo: prior?.periodTo ?? null,
      cutoverOn: deps.book.settings.cutoverOn,
      exceptionDates: loaded.exceptionDates.get(account.id) ?? [],
      alreadyBilled: billedNow.has(account.id),
    });
    if ('skip' in plan) {
      skip(account.id, plan.skip);
      continue;
    }
    try {
      rated.push({ account, basis: plan.basis, rated: rateBill(billInput(account, plan.basis, prior, deps.book, schedules.get(account.readingBookCode ?? '') ?? 'monthly')) });
    } catch (err) {
      if (!(err instanceof RatingProblem)) throw err;
      skip(account.id, 'no_price');
    }
  }
  const written = await writeBills(rated.map((r) => ({ ...r, revision: 0, replacesId: null })), request, { ledger: deps.ledger, dueDays: deps.book.settings.dueDays }, t);
  for (const [i, r] of rated.entries()) {
    result.billed += 1;
    result.totalFen += r.rated.totalFen;
    for (const line of r.rated.lines) result.totals[line.chargeKind] = (result.totals[line.chargeKind] ?? 0) + line.amountFen;
    result.bills.push({ accountId: r.account.id, billId: written[i]! });
  }
  return result;
}

/** The ledger key a bill's charge is posted under: posting a bill twice charges it once. */
export const billChargeKey = (billId: number) => `bill:${billId}`;

/** Writes rated bills, their lines and their charges on the ledger; returns the bills' ids in order. */
export async function writeBills(
  bills: readonly { account: Account; rated: RatedBill; basis: BillBasis; revision: number; replacesId: number | null }[],
  request: BatchRequest,
  { ledger, dueDays }: { ledger: LedgerService; dueDays: number },
  t: Transaction,
): Promise<number[]> {
  if (bills.length === 0) return [];
  const ids = await insertRows(
    Bill,
    bills.map(({ account, rated, basis, revision, replacesId }) => ({
      companyId: request.companyId,
      billNo: billNumber(request.period, account.accountNo, revision),
      accountId: account.id,
      period: request.period,
      revision,
      status: 'issued',
      periodFrom: basis.from,
      periodTo: basis.to,
      volume: rated.volume,
      totalFen: rated.totalFen,
      issuedOn: request.billDate,
      dueOn: addDays(request.billDate, dueDays),
      estimated: rated.estimated,
      delivery: account.billDelivery,
      deliveryStatus: 'pending',
      cycleStart: rated.cycle?.start ?? null,
      cycleVolume: rated.cycle?.volume ?? null,
      explanation: JSON.stringify(rated.explanation),
      replacesId,
      reversedAt: null,
      reversalReason: null,
      runId: request.runId,
      createdBy: request.createdBy,
    })),
    t,
  );
  await insertRows(
    BillLineRow,
    bills.flatMap(({ rated }, i) => rated.lines.map((line, seq) => ({ companyId: request.companyId, billId: ids[i]!, seq, ...line }))),
    t,
  );
  const drafts = bills.flatMap(({ account, rated }, i): LedgerDraft[] => {
    const entries = chargeEntries(account.id, rated);
    return entries.length === 0 ? [] : [{ companyId: request.companyId, kind: 'charge', key: billChargeKey(ids[i]!), accountId: account.id, occurredOn: request.billDate, memo: `bill ${billNumber(request.period, account.accountNo, bills[i]!.revision)}`, sourceType: 'bill', sourceId: ids[i]!, createdBy: request.createdBy, entries }];
  });
  await ledger.postMany(drafts, t);
  return ids;
}

/** A bill's charge on the ledger: the account owes the total; each charge kind's revenue (or discount) book is credited by its lines. */
function chargeEntries(accountId: number, rated: RatedBill): LedgerDraft['entries'] {
  const books = new Map<string, { book: string; accountingCode: string; amountFen: number }>();
  for (const line of rated.lines) {
    const book = `${line.role === 'discount' ? 'discount' : 'revenue'}:${line.chargeKind}`;
    const key = `${book}|${line.accountingCode}`;
    const entry = books.get(key) ?? { book, accountingCode: line.accountingCode, amountFen: 0 };
    entry.amountFen -= line.amountFen;
    books.set(key, entry);
  }
  const credits = [...books.values()].filter((e) => e.amountFen !== 0);
  return rated.totalFen === 0 ? credits : [{ book: RECEIVABLE, accountId, amountFen: rated.totalFen }, ...credits];
}
