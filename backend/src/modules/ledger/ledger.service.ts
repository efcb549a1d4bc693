import { Op, QueryTypes, UniqueConstraintError, type Sequelize, type Transaction } from 'sequelize';
import { RECEIVABLE, type AccountLedger, type AccountLedgerQuery, type Fen, type FieldIssue } from '@gasdesk/schema';
import { insertRows } from '../../db/bulk-insert.ts';
import { AppError } from '../../shared/app-error.ts';
import type { Clock } from '../../shared/clock.ts';
import { companyScope } from '../../shared/request-context.ts';
import { Account } from '../customers/account.model.ts';
import { AccountBalance } from './account-balance.model.ts';
import { fenFrom } from '../../db/columns.ts';
import { LedgerEntry } from './ledger-entry.model.ts';
import { presentStatementLine, type StatementRow } from './ledger.presenter.ts';
import { checkDraft, isReversalOf, ledgerFindings, reversalOf, type LedgerDraft, type LedgerEntryDraft, type LedgerFinding } from './ledger-rules.ts';
import { LedgerTransaction } from './ledger-transaction.model.ts';

/** What became of one draft: its transaction's id, and whether this call wrote it or found it under its key. */
export interface Posted {
  id: number;
  key: string;
  created: boolean;
}

/** Undo transaction `transactionId`; `key` makes it idempotent like any posting. */
export interface ReversalRequest {
  transactionId: number;
  key: string;
  /** Business date of the reversal, YYYY-MM-DD. */
  occurredOn: string;
  memo: string;
  createdBy?: number | null;
}

/** A transaction to be reversed, with its entries. */
interface Original {
  transaction: Pick<LedgerTransaction, 'id' | 'companyId' | 'kind' | 'accountId' | 'sourceType' | 'sourceId'>;
  entries: LedgerEntryDraft[];
}

const keyOf = (companyId: number, key: string) => `${companyId}\u0000${key}`;

function invalid(issues: FieldIssue[]): AppError {
  const first = issues[0]!;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return new AppError('validation_failed', `${first.field}: ${first.message}${more}`, { issues });
}

/**
 * The double-entry ledger (README.md): posts transactions whose entries sum to zero, in bulk and
 * idempotently by key, keeps each account's balance beside its entries in the same database
 * transaction, reverses a transaction at most once, and checks the invariants.
 */
export class LedgerService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly clock: Clock,
  ) {}

  /** Posts one draft inside the caller's transaction; see `postMany`. */
  async post(draft: LedgerDraft, t: Transaction): Promise<Posted> {
    return (await this.postMany([draft], t))[0]!;
  }

  /**
   * Posts drafts inside the caller's transaction `t`, answering one result per draft in order. A
   * draft whose key its company has used already posts nothing and answers that transaction; the
   * same key twice in one call, a draft that does not balance, an account of another company or a
   * wrong reversal refuses the whole call, before anything is written. A batch costs a fixed
   * number of statements whatever its size (accounts, keys, transactions, entries, balances).
   */
  async postMany(drafts: readonly LedgerDraft[], t: Transaction): Promise<Posted[]> {
    return this.write(drafts, new Map(), t);
  }

  /** Reverses one transaction; see `reverseMany`. */
  async reverse(transactionId: number, request: Omit<ReversalRequest, 'transactionId'>, t: Transaction): Promise<Posted> {
    return (await this.reverseMany([{ transactionId, ...request }], t))[0]!;
  }

  /**
   * Posts, for each request, a `reversal` with the original's entries negated and linked to it.
   * Idempotent by key; a reversal cannot be reversed (post an adjustment), nor can a transaction
   * already reversed under another key.
   */
  async reverseMany(requests: readonly ReversalRequest[], t: Transaction): Promise<Posted[]> {
    if (requests.length === 0) return [];
    const originals = await this.originals([...new Set(requests.map((r) => r.transactionId))], t);
    const drafts = requests.map((r): LedgerDraft => {
      const original = originals.get(r.transactionId);
      if (!original) throw AppError.notFound('ledger transaction');
      const o = original.transaction;
      return {
        companyId: o.companyId,
        kind: 'reversal',
        key: r.key,
        accountId: o.accountId,
        occurredOn: r.occurredOn,
        memo: r.memo,
        sourceType: o.sourceType,
        sourceId: o.sourceId,
        createdBy: r.createdBy ?? null,
        reversesId: o.id,
        entries: reversalOf(original.entries),
      };
    });
    return this.write(drafts, originals, t);
  }

  /** What the account owes now (negative: in credit); 0 before its first posting. */
  async balanceOf(accountId: number): Promise<Fen> {
    const account = await Account.findByPk(accountId, { attributes: ['id'] });
    if (!account) throw AppError.notFound('account');
    const balance = await AccountBalance.findByPk(accountId, { attributes: ['balanceFen'] });
    return balance?.balanceFen ?? fenFrom(0);
  }

  /** The account's balance and one page of its receivable lines, newest first, each with the balance after it. */
  async statement(accountId: number, query: AccountLedgerQuery): Promise<AccountLedger> {
    const account = await Account.findByPk(accountId, { attributes: ['id', 'companyId'] });
    if (!account) throw AppError.notFound('account');
    // Raw SQL for the grouping and the running sum; the tenancy hooks do not see it, so it is held
    // to the account found above through the caller's scope.
    const replacements = { accountId, companyId: account.companyId, book: RECEIVABLE, limit: query.limit, offset: query.offset };
    const where = 'e.account_id = :accountId AND e.company_id = :companyId AND e.book = :book';
    const [counted] = await this.sequelize.query<{ n: number | string }>(`SELECT COUNT(DISTINCT e.transaction_id) AS n FROM ledger_entries e WHERE ${where}`, { replacements, type: QueryTypes.SELECT });
    const rows = await this.sequelize.query<StatementRow>(
      `SELECT s.* FROM (
         SELECT t.id AS transactionId, t.kind AS kind, t.occurred_on AS occurredOn, t.memo AS memo, t.source_type AS sourceType, t.source_id AS sourceId,
                t.reverses_id AS reversesId, r.id AS reversedById, SUM(e.amount_fen) AS amountFen,
                SUM(SUM(e.amount_fen)) OVER (ORDER BY t.occurred_on, t.id) AS runningBalanceFen
           FROM ledger_entries e
           JOIN ledger_transactions t ON t.id = e.transaction_id
           LEFT JOIN ledger_transactions r ON r.reverses_id = t.id
          WHERE ${where}
          GROUP BY t.id, t.kind, t.occurred_on, t.memo, t.source_type, t.source_id, t.reverses_id, r.id
       ) s
       ORDER BY s.occurredOn DESC, s.transactionId DESC
       LIMIT :limit OFFSET :offset`,
      { replacements, type: QueryTypes.SELECT },
    );
    const balance = await AccountBalance.findByPk(accountId, { attributes: ['balanceFen'] });
    return {
      accountId,
      balanceFen: balance?.balanceFen ?? fenFrom(0),
      entries: rows.map(presentStatementLine),
      total: Number(counted?.n ?? 0),
      limit: query.limit,
      offset: query.offset,
    };
  }

  /**
   * The ledger's invariants broken, in one company or (for the system) all: transactions whose
   * entries do not sum to zero, and balances that differ from their receivable entries, including
   * accounts with entries and no balance row.
   */
  async check(companyId?: number): Promise<LedgerFinding[]> {
    const scope = companyScope();
    if (scope !== 'all' && companyId !== undefined && companyId !== scope) throw AppError.notFound('company');
    const only = companyId ?? (scope === 'all' ? null : scope);
    const ofCompany = (alias: string) => (only === null ? '' : ` AND ${alias}.company_id = :companyId`);
    const replacements = { companyId: only, book: RECEIVABLE };
    // The sums are compared in SQL too, so that millions of sound rows stay in the database;
    // ledgerFindings is where the rules are stated.
    const sums = await this.sequelize.query<{ companyId: number; transactionId: number; sumFen: unknown }>(
      `SELECT t.company_id AS companyId, t.id AS transactionId, SUM(e.amount_fen) AS sumFen
         FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
        WHERE 1 = 1${ofCompany('t')}
        GROUP BY t.company_id, t.id
       HAVING SUM(e.amount_fen) <> 0`,
      { replacements, type: QueryTypes.SELECT },
    );
    const receivable = `SELECT account_id, company_id, SUM(amount_fen) AS total FROM ledger_entries e WHERE e.book = :book${ofCompany('e')} GROUP BY account_id, company_id`;
    const balances = await this.sequelize.query<{ companyId: number; accountId: number; balanceFen: unknown; entriesFen: unknown }>(
      `SELECT b.company_id AS companyId, b.account_id AS accountId, b.balance_fen AS balanceFen, COALESCE(s.total, 0) AS entriesFen
         FROM account_balances b LEFT JOIN (${receivable}) s ON s.account_id = b.account_id
        WHERE b.balance_fen <> COALESCE(s.total, 0)${ofCompany('b')}
       UNION ALL
       SELECT s.company_id, s.account_id, NULL, s.total
         FROM (${receivable}) s LEFT JOIN account_balances b ON b.account_id = s.account_id
        WHERE b.account_id IS NULL`,
      { replacements, type: QueryTypes.SELECT },
    );
    return ledgerFindings(
      sums.map((s) => ({ companyId: Number(s.companyId), transactionId: Number(s.transactionId), sumFen: fenFrom(s.sumFen) })),
      balances.map((b) => ({ companyId: Number(b.companyId), accountId: Number(b.accountId), balanceFen: b.balanceFen === null ? null : fenFrom(b.balanceFen), entriesFen: fenFrom(b.entriesFen) })),
    );
  }

  /** The posting path shared by new transactions and reversals (which hand in the originals they loaded). */
  private async write(drafts: readonly LedgerDraft[], originals: Map<number, Original>, t: Transaction): Promise<Posted[]> {
    if (drafts.length === 0) return [];
    refuseInvalid(drafts);
    const scope = companyScope();
    if (scope !== 'all' && drafts.some((d) => d.companyId !== scope)) throw AppError.notFound('company');
    await this.refuseForeignAccounts(drafts, t);

    const existing = await this.existing(drafts, t);
    const results: Posted[] = new Array<Posted>(drafts.length);
    const fresh: { index: number; draft: LedgerDraft }[] = [];
    drafts.forEach((draft, index) => {
      const found = existing.get(keyOf(draft.companyId, draft.key));
      if (!found) {
        fresh.push({ index, draft });
        return;
      }
      // The same key for another kind, account or reversal is a caller's mistake, not a repeat.
      if (found.kind !== draft.kind || found.accountId !== (draft.accountId ?? null) || found.reversesId !== (draft.reversesId ?? null)) {
        throw new AppError('conflict', `key ${draft.key} was used for another posting (transaction ${found.id})`);
      }
      results[index] = { id: found.id, key: draft.key, created: false };
    });
    await this.refuseWrongReversals(fresh, originals, t);
    if (fresh.length === 0) return results;

    const now = this.clock.now();
    let ids: number[];
    try {
      ids = await insertRows(
        LedgerTransaction,
        fresh.map(({ draft: d }) => ({
          companyId: d.companyId,
          kind: d.kind,
          idempotencyKey: d.key,
          accountId: d.accountId ?? null,
          occurredOn: d.occurredOn,
          reversesId: d.reversesId ?? null,
          sourceType: d.sourceType ?? null,
          sourceId: d.sourceId ?? null,
          memo: d.memo,
          createdBy: d.createdBy ?? null,
          createdAt: now,
        })),
        t,
      );
    } catch (err) {
      // Another caller wrote one of these keys, or reversed one of these transactions, since we looked.
      if (err instanceof UniqueConstraintError) throw new AppError('conflict', 'another posting took one of these keys or reversals at the same time', { retryable: true, cause: err });
      throw err;
    }
    fresh.forEach(({ index, draft }, k) => (results[index] = { id: ids[k]!, key: draft.key, created: true }));
    await insertRows(
      LedgerEntry,
      fresh.flatMap(({ draft: d }, k) =>
        d.entries.map((e) => ({ companyId: d.companyId, transactionId: ids[k]!, book: e.book, accountId: e.accountId ?? null, accountingCode: e.accountingCode ?? null, amountFen: e.amountFen })),
      ),
      t,
    );
    await this.addToBalances(fresh.map((f) => f.draft), now, t);
    return results;
  }

  /** Every account a draft names must be its company's. */
  private async refuseForeignAccounts(drafts: readonly LedgerDraft[], t: Transaction): Promise<void> {
    const named = new Set<number>();
    for (const d of drafts) {
      if (d.accountId) named.add(d.accountId);
      for (const e of d.entries) if (e.accountId) named.add(e.accountId);
    }
    if (named.size === 0) return;
    const found = await Account.findAll({ where: { id: [...named] }, attributes: ['id', 'companyId'], transaction: t, raw: true });
    const companyOf = new Map(found.map((a) => [a.id, a.companyId]));
    const issues: FieldIssue[] = [];
    const owned = (accountId: number | null | undefined, companyId: number, field: string) => {
      if (accountId && companyOf.get(accountId) !== companyId) issues.push({ field, message: `no account ${accountId} in company ${companyId}` });
    };
    drafts.forEach((d, i) => {
      owned(d.accountId, d.companyId, `drafts.${i}.accountId`);
      d.entries.forEach((e, j) => owned(e.accountId, d.companyId, `drafts.${i}.entries.${j}.accountId`));
    });
    if (issues.length > 0) throw invalid(issues);
  }

  /** The transactions already posted under the drafts' keys, by company and key. */
  private async existing(drafts: readonly LedgerDraft[], t: Transaction) {
    const keysByCompany = new Map<number, string[]>();
    for (const d of drafts) {
      const keys = keysByCompany.get(d.companyId);
      if (keys) keys.push(d.key);
      else keysByCompany.set(d.companyId, [d.key]);
    }
    const rows = await LedgerTransaction.findAll({
      where: { [Op.or]: [...keysByCompany].map(([companyId, keys]) => ({ companyId, idempotencyKey: keys })) },
      attributes: ['id', 'companyId', 'idempotencyKey', 'kind', 'accountId', 'reversesId'],
      transaction: t,
      raw: true,
    });
    return new Map(rows.map((r) => [keyOf(r.companyId, r.idempotencyKey), r]));
  }

  /**
   * A reversal must undo, entry by entry, a transaction of its company that is not itself a
   * reversal and has not been reversed (in the ledger or earlier in this batch).
   */
  private async refuseWrongReversals(fresh: readonly { index: number; draft: LedgerDraft }[], originals: Map<number, Original>, t: Transaction): Promise<void> {
    const reversals = fresh.filter((f) => f.draft.reversesId);
    if (reversals.length === 0) return;
    const targets = [...new Set(reversals.map((f) => f.draft.reversesId!))];
    const unloaded = targets.filter((id) => !originals.has(id));
    if (unloaded.length > 0) for (const [id, original] of await this.originals(unloaded, t)) originals.set(id, original);
    const already = await LedgerTransaction.findAll({ where: { reversesId: targets }, attributes: ['id', 'reversesId'], transaction: t, raw: true });
    const reversedBy = new Map(already.map((r) => [r.reversesId!, r.id]));
    const claimed = new Set<number>();
    for (const { index, draft } of reversals) {
      const id = draft.reversesId!;
      const original = originals.get(id);
      if (!original || original.transaction.companyId !== draft.companyId) throw AppError.notFound('ledger transaction');
      if (original.transaction.kind === 'reversal') throw new AppError('conflict', `transaction ${id} is itself a reversal; correct it with an adjustment`);
      const by = reversedBy.get(id);
      if (by !== undefined) throw new AppError('conflict', `transaction ${id} is already reversed by transaction ${by}`);
      if (claimed.has(id)) throw new AppError('conflict', `transaction ${id} is reversed twice in one batch`);
      claimed.add(id);
      if (draft.accountId !== original.transaction.accountId || !isReversalOf(original.entries, draft.entries)) {
        throw AppError.invalid(`drafts.${index}.entries`, `must undo transaction ${id} entry by entry, for its account`);
      }
    }
  }

  /** Transactions with their entries, locked so that two reversals of one transaction queue up. */
  private async originals(ids: readonly number[], t: Transaction): Promise<Map<number, Original>> {
    const transactions = await LedgerTransaction.findAll({
      where: { id: [...ids] },
      attributes: ['id', 'companyId', 'kind', 'accountId', 'sourceType', 'sourceId'],
      transaction: t,
      lock: t.LOCK.UPDATE,
      raw: true,
    });
    const entries = await LedgerEntry.findAll({
      where: { transactionId: transactions.map((x) => x.id) },
      attributes: ['transactionId', 'book', 'accountId', 'accountingCode', 'amountFen'],
      order: [['id', 'ASC']],
      transaction: t,
      raw: true,
    });
    const found = new Map<number, Original>(transactions.map((transaction) => [transaction.id, { transaction, entries: [] }]));
    for (const e of entries) found.get(e.transactionId)!.entries.push({ book: e.book, accountId: e.accountId, accountingCode: e.accountingCode, amountFen: fenFrom(e.amountFen) });
    return found;
  }

  /**
   * Adds the drafts' receivable amounts to their accounts' balances in one statement, creating the
   * rows that do not exist yet (with a zero change too, so that every account with entries has one).
   */
  private async addToBalances(drafts: readonly LedgerDraft[], now: Date, t: Transaction): Promise<void> {
    const deltas = new Map<number, { companyId: number; fen: number }>();
    for (const d of drafts) {
      for (const e of d.entries) {
        if (e.book !== RECEIVABLE) continue;
        const delta = deltas.get(e.accountId!) ?? { companyId: d.companyId, fen: 0 };
        delta.fen += e.amountFen;
        deltas.set(e.accountId!, delta);
      }
    }
    if (deltas.size === 0) return;
    // In account order, so that two batches touching the same accounts lock them in the same order.
    const rows = [...deltas].sort(([a], [b]) => a - b);
    const values = rows.map(() => '(?, ?, ?, ?)').join(', ');
    // Raw SQL, because the change is added to the stored balance rather than replacing it; the
    // tenancy hooks do not see it, and write() has held every draft and account to the caller's companies.
    const sql =
      this.sequelize.getDialect() === 'sqlite'
        ? `INSERT INTO account_balances (account_id, company_id, balance_fen, updated_at) VALUES ${values}
           ON CONFLICT(account_id) DO UPDATE SET balance_fen = balance_fen + excluded.balance_fen, updated_at = excluded.updated_at`
        : `INSERT INTO account_balances (account_id, company_id, balance_fen, updated_at) VALUES ${values}
           ON DUPLICATE KEY UPDATE balance_fen = balance_fen + VALUES(balance_fen), updated_at = VALUES(updated_at)`;
    await this.sequelize.query(sql, { replacements: rows.flatMap(([accountId, d]) => [accountId, d.companyId, d.fen, now]), transaction: t });
  }
}

/** Refuses the call when any draft is malformed or repeats a key of the call, naming each field. */
function refuseInvalid(drafts: readonly LedgerDraft[]): void {
  const issues: FieldIssue[] = [];
  const firstWith = new Map<string, number>();
  drafts.forEach((d, i) => {
    for (const issue of checkDraft(d)) issues.push({ field: `drafts.${i}.${issue.field}`, message: issue.message });
    const key = keyOf(d.companyId, d.key);
    const first = firstWith.get(key);
    if (first === undefined) firstWith.set(key, i);
    else issues.push({ field: `drafts.${i}.key`, message: `the same key as drafts.${first}` });
  });
  if (issues.length > 0) throw invalid(issues);
}
