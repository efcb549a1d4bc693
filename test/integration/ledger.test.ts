import { expect } from 'chai';
import { QueryTypes, type Transaction } from 'sequelize';
import { RECEIVABLE, type AccountDetail, type AccountLedger, type CustomerView, type ErrorBody } from '@gasdesk/schema';
import { app, testEnv } from '../support/harness.ts';
import { Api, freshIp } from '../support/http.ts';
import { TEST_PASSWORD, makeCompany, makeUser } from '../support/factories.ts';
import { runProcess } from '../support/processes.ts';
import { runAs, runAsSystem } from '../../backend/src/shared/request-context.ts';
import { AppError } from '../../backend/src/shared/app-error.ts';
import { actorOf } from '../../backend/src/modules/users/user-actor.ts';
import type { User } from '../../backend/src/modules/users/user.model.ts';
import type { Company } from '../../backend/src/modules/companies/company.model.ts';
import { LedgerEntry } from '../../backend/src/modules/ledger/ledger-entry.model.ts';
import { LedgerTransaction } from '../../backend/src/modules/ledger/ledger-transaction.model.ts';
import { describeFinding, type LedgerDraft, type LedgerFinding } from '../../backend/src/modules/ledger/ledger-rules.ts';

const MEMO = '2026-02 燃气费';

async function openAccount(api: Api, room: string): Promise<AccountDetail> {
  const customer = await api.post<CustomerView>('/api/customers', { type: 'residential', name: `住户${room}`, phones: [{ number: '138 5555 0000' }] });
  const opened = await api.post<AccountDetail>(`/api/customers/${customer.body.id}/accounts`, {
    premise: { district: '西湖区', community: '翠苑二区', building: '5幢', unit: '1单元', room },
    category: 'residential_general',
    openedOn: '2026-01-05',
  });
  expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
  return opened.body;
}

/** The AppError a call is refused with; fails the test when the call succeeds. */
async function refusal(call: Promise<unknown>): Promise<AppError> {
  try {
    await call;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected the call to be refused');
}

const refused = (err: AppError) => ({ code: err.code, message: err.message, issues: err.options.issues });

describe('ledger: postings, balances, statements, reversals and the checker', () => {
  let companyA: Company;
  let companyB: Company;
  let clerkA: User;
  let clerkB: User;
  let apiA: Api;
  let apiB: Api;
  let accounts: AccountDetail[];
  let chargeId: number;
  let reversalId: number;

  const ledger = () => app().c.ledger;
  const inTransaction = <T>(fn: (t: Transaction) => Promise<T>) => app().c.sequelize.transaction(fn);
  const asA = <T>(fn: () => Promise<T>) => runAs(actorOf(clerkA), fn);
  const asB = <T>(fn: () => Promise<T>) => runAs(actorOf(clerkB), fn);
  const charge = (accountId: number, key: string, fen: number, occurredOn = '2026-03-01'): LedgerDraft => ({
    companyId: companyA.id,
    kind: 'charge',
    key,
    accountId,
    occurredOn,
    memo: MEMO,
    sourceType: 'bill',
    sourceId: 41,
    createdBy: clerkA.id,
    entries: [
      { book: RECEIVABLE, accountId, amountFen: fen },
      { book: 'revenue:gas', accountingCode: '6001.01', amountFen: 300 - fen },
      { book: 'revenue:service', accountingCode: '6001.02', amountFen: -300 },
    ],
  });
  const entriesOf = (transactionId: number) =>
    runAsSystem('test', async () =>
      (await LedgerEntry.findAll({ where: { transactionId }, order: [['id', 'ASC']] })).map((e) => ({ book: e.book, accountId: e.accountId, accountingCode: e.accountingCode, amountFen: e.amountFen })),
    );
  const keysStored = (keys: string[]) => runAsSystem('test', () => LedgerTransaction.count({ where: { companyId: companyA.id, idempotencyKey: keys } }));

  before(async () => {
    companyA = await makeCompany();
    companyB = await makeCompany();
    clerkA = await makeUser(companyA.id, 'billing_clerk');
    clerkB = await makeUser(companyB.id, 'billing_clerk');
    apiA = await new Api(app().url).login(clerkA.username, TEST_PASSWORD, freshIp());
    apiB = await new Api(app().url).login(clerkB.username, TEST_PASSWORD, freshIp());
    accounts = [];
    for (const room of ['101室', '102室', '103室', '104室']) accounts.push(await openAccount(apiA, room));
  });

  it('should post a charge, move the balance by its receivable entry and show it on the statement', async () => {
    const a1 = accounts[0]!.id;
    const posted = await asA(() => inTransaction((t) => ledger().post(charge(a1, 'bill:41', 12_345), t)));
    chargeId = posted.id;
    expect(posted).to.deep.equal({ id: chargeId, key: 'bill:41', created: true });
    expect(await entriesOf(chargeId)).to.deep.equal([
      { book: 'receivable', accountId: a1, accountingCode: null, amountFen: 12_345 },
      { book: 'revenue:gas', accountId: null, accountingCode: '6001.01', amountFen: -12_045 },
      { book: 'revenue:service', accountId: null, accountingCode: '6001.02', amountFen: -300 },
    ]);
    expect(await asA(() => ledger().balanceOf(a1))).to.equal(12_345);
    const statement = await apiA.get<AccountLedger>(`/api/accounts/${a1}/ledger`);
    expect(statement.status, JSON.stringify(statement.body)).to.equal(200);
    expect(statement.body).to.deep.equal({
      accountId: a1,
      balanceFen: 12_345,
      entries: [{ transactionId: chargeId, kind: 'charge', occurredOn: '2026-03-01', memo: MEMO, sourceType: 'bill', sourceId: 41, amountFen: 12_345, runningBalanceFen: 12_345, reversesId: null, reversedById: null }],
      total: 1,
      limit: 50,
      offset: 0,
    });
  });

  it('should post once when the same key comes twice, and refuse a key repeated in one call or reused for another account', async () => {
    const a1 = accounts[0]!.id;
    const again = await asA(() => inTransaction((t) => ledger().postMany([charge(a1, 'bill:41', 12_345)], t)));
    expect(again).to.deep.equal([{ id: chargeId, key: 'bill:41', created: false }]);
    expect(await asA(() => ledger().balanceOf(a1))).to.equal(12_345);
    expect(await keysStored(['bill:41'])).to.equal(1);

    const twice = await refusal(asA(() => inTransaction((t) => ledger().postMany([charge(a1, 'bill:43', 100), charge(a1, 'bill:43', 100)], t))));
    expect(refused(twice)).to.deep.equal({ code: 'validation_failed', message: 'drafts.1.key: the same key as drafts.0', issues: [{ field: 'drafts.1.key', message: 'the same key as drafts.0' }] });
    const elsewhere = await refusal(asA(() => inTransaction((t) => ledger().post(charge(accounts[1]!.id, 'bill:41', 12_345), t))));
    expect(refused(elsewhere)).to.deep.equal({ code: 'conflict', message: `key bill:41 was used for another posting (transaction ${chargeId})`, issues: undefined });
    expect(await keysStored(['bill:43'])).to.equal(0);
  });

  it('should refuse a batch holding an unbalanced draft and write nothing of it', async () => {
    const a2 = accounts[1]!.id;
    const unbalanced = charge(a2, 'bill:51', 500);
    unbalanced.entries[2]!.amountFen = -299;
    const err = await refusal(asA(() => inTransaction((t) => ledger().postMany([charge(a2, 'bill:50', 800), unbalanced], t))));
    expect(refused(err)).to.deep.equal({
      code: 'validation_failed',
      message: 'drafts.1.entries: the entries sum to 1 fen; they must sum to zero',
      issues: [{ field: 'drafts.1.entries', message: 'the entries sum to 1 fen; they must sum to zero' }],
    });
    expect(await keysStored(['bill:50', 'bill:51'])).to.equal(0);
    expect(await asA(() => ledger().balanceOf(a2))).to.equal(0);
    expect((await apiA.get<AccountLedger>(`/api/accounts/${a2}/ledger`)).body).to.deep.equal({ accountId: a2, balanceFen: 0, entries: [], total: 0, limit: 50, offset: 0 });
  });

  it('should reverse a charge so that the balance nets to zero and the two transactions point at each other, once per key', async () => {
    const a1 = accounts[0]!.id;
    const reversal = await asA(() => inTransaction((t) => ledger().reverse(chargeId, { key: 'bill:41:void', occurredOn: '2026-03-05', memo: '账单作废重开', createdBy: clerkA.id }, t)));
    reversalId = reversal.id;
    expect(reversal).to.deep.equal({ id: reversalId, key: 'bill:41:void', created: true });
    expect(await entriesOf(reversalId)).to.deep.equal([
      { book: 'receivable', accountId: a1, accountingCode: null, amountFen: -12_345 },
      { book: 'revenue:gas', accountId: null, accountingCode: '6001.01', amountFen: 12_045 },
      { book: 'revenue:service', accountId: null, accountingCode: '6001.02', amountFen: 300 },
    ]);
    expect(await asA(() => ledger().balanceOf(a1))).to.equal(0);
    expect((await apiA.get<AccountLedger>(`/api/accounts/${a1}/ledger`)).body).to.deep.equal({
      accountId: a1,
      balanceFen: 0,
      entries: [
        { transactionId: reversalId, kind: 'reversal', occurredOn: '2026-03-05', memo: '账单作废重开', sourceType: 'bill', sourceId: 41, amountFen: -12_345, runningBalanceFen: 0, reversesId: chargeId, reversedById: null },
        { transactionId: chargeId, kind: 'charge', occurredOn: '2026-03-01', memo: MEMO, sourceType: 'bill', sourceId: 41, amountFen: 12_345, runningBalanceFen: 12_345, reversesId: null, reversedById: reversalId },
      ],
      total: 2,
      limit: 50,
      offset: 0,
    });
    const again = await asA(() => inTransaction((t) => ledger().reverse(chargeId, { key: 'bill:41:void', occurredOn: '2026-03-05', memo: '账单作废重开' }, t)));
    expect(again).to.deep.equal({ id: reversalId, key: 'bill:41:void', created: false });
    expect(await asA(() => ledger().balanceOf(a1))).to.equal(0);
  });

  it('should refuse to reverse a transaction already reversed, a reversal, or with entries that do not undo it', async () => {
    const twice = await refusal(asA(() => inTransaction((t) => ledger().reverse(chargeId, { key: 'bill:41:void-again', occurredOn: '2026-03-06', memo: '' }, t))));
    expect(refused(twice)).to.deep.equal({ code: 'conflict', message: `transaction ${chargeId} is already reversed by transaction ${reversalId}`, issues: undefined });
    const ofReversal = await refusal(asA(() => inTransaction((t) => ledger().reverse(reversalId, { key: 'bill:41:unvoid', occurredOn: '2026-03-06', memo: '' }, t))));
    expect(refused(ofReversal)).to.deep.equal({ code: 'conflict', message: `transaction ${reversalId} is itself a reversal; correct it with an adjustment`, issues: undefined });

    const a3 = accounts[2]!.id;
    const original = await asA(() => inTransaction((t) => ledger().post(charge(a3, 'bill:60', 1_000), t)));
    const halfUndone: LedgerDraft = {
      ...charge(a3, 'bill:60:void', -500),
      kind: 'reversal',
      reversesId: original.id,
    };
    const wrong = await refusal(asA(() => inTransaction((t) => ledger().post(halfUndone, t))));
    expect(refused(wrong)).to.deep.equal({
      code: 'validation_failed',
      message: `drafts.0.entries: must undo transaction ${original.id} entry by entry, for its account`,
      issues: [{ field: 'drafts.0.entries', message: `must undo transaction ${original.id} entry by entry, for its account` }],
    });
    expect(await keysStored(['bill:41:void-again', 'bill:41:unvoid', 'bill:60:void'])).to.equal(0);
    expect(await asA(() => ledger().balanceOf(a3))).to.equal(1_000);
  });

  it('should page a statement newest first with each running balance counted from all older lines', async () => {
    const a2 = accounts[1]!.id;
    const payment: LedgerDraft = {
      companyId: companyA.id,
      kind: 'payment',
      key: 'pay:7',
      accountId: a2,
      occurredOn: '2026-03-10',
      memo: '营业厅现金缴费',
      entries: [
        { book: 'cash', accountingCode: '1001', amountFen: 6_000 },
        { book: RECEIVABLE, accountId: a2, amountFen: -6_000 },
      ],
    };
    const [april, march, paid] = await asA(() => inTransaction((t) => ledger().postMany([charge(a2, 'bill:72', 2_500, '2026-04-01'), charge(a2, 'bill:71', 10_000), payment], t)));
    const page = await apiA.get<AccountLedger>(`/api/accounts/${a2}/ledger?limit=2&offset=1`);
    expect(page.status, JSON.stringify(page.body)).to.equal(200);
    expect(page.body).to.deep.equal({
      accountId: a2,
      balanceFen: 6_500,
      entries: [
        { transactionId: paid!.id, kind: 'payment', occurredOn: '2026-03-10', memo: '营业厅现金缴费', sourceType: null, sourceId: null, amountFen: -6_000, runningBalanceFen: 4_000, reversesId: null, reversedById: null },
        { transactionId: march!.id, kind: 'charge', occurredOn: '2026-03-01', memo: MEMO, sourceType: 'bill', sourceId: 41, amountFen: 10_000, runningBalanceFen: 10_000, reversesId: null, reversedById: null },
      ],
      total: 3,
      limit: 2,
      offset: 1,
    });
    const first = await apiA.get<AccountLedger>(`/api/accounts/${a2}/ledger?limit=1`);
    expect(first.body.entries.map((e) => [e.transactionId, e.runningBalanceFen])).to.deep.equal([[april!.id, 6_500]]);
    const tooMany = await apiA.get<ErrorBody>(`/api/accounts/${a2}/ledger?limit=500`);
    expect([tooMany.status, tooMany.body.error.issues?.[0]?.field]).to.deep.equal([400, 'limit']);
  });

  it('should post a batch of 600 bills with a fixed handful of statements, and find them all again with fewer', async () => {
    const [a1, a2, a3] = accounts.map((a) => a.id);
    const targets = [a1!, a2!, a3!];
    const drafts = Array.from({ length: 600 }, (_, i) => charge(targets[i % 3]!, `run:2026-03:${i}`, 1_000 + i));
    const before = await asA(() => Promise.all(targets.map((id) => ledger().balanceOf(id))));
    /**
     * What `work` sent to the database inside its own transaction, each statement as its verb and table
     * (`INSERT ledger_entries`). Only that transaction's statements count: the api's watchers keep querying meanwhile.
     */
    const statements = async <T>(work: (t: Transaction) => Promise<T>) => {
      const sql: string[] = [];
      const db = app().c.sequelize;
      let mine: Transaction | undefined;
      // The query's text is set by the time afterQuery runs, though Sequelize's types do not declare it.
      db.addHook('afterQuery', 'ledger-test', (options, query) => {
        if (mine && (options as { transaction?: Transaction }).transaction === mine) sql.push((query as unknown as { sql: string }).sql);
      });
      try {
        const result = await asA(() => inTransaction((t) => ((mine = t), work(t))));
        const statementsOf = sql.filter((s) => !/^(START TRANSACTION|COMMIT);?$/.test(s.trim()));
        return { result, sql: statementsOf.map((s) => /^(\w+)[\s\S]*?\b(?:FROM|INTO) `?(\w+)`?/.exec(s.trim())?.slice(1).join(' ') ?? s) };
      } finally {
        db.removeHook('afterQuery', 'ledger-test');
      }
    };
    const first = await statements((t) => ledger().postMany(drafts, t));
    expect(first.sql).to.deep.equal(['SELECT accounts', 'SELECT ledger_transactions', 'INSERT ledger_transactions', 'INSERT ledger_entries', 'INSERT account_balances']);
    expect(first.result.every((r) => r.created)).to.equal(true);
    expect(new Set(first.result.map((r) => r.id)).size).to.equal(600);
    const after = await asA(() => Promise.all(targets.map((id) => ledger().balanceOf(id))));
    const added = targets.map((_, k) => drafts.filter((_, i) => i % 3 === k).reduce((sum, d) => sum + d.entries[0]!.amountFen, 0));
    expect(after).to.deep.equal(before.map((b, k) => b + added[k]!));

    const again = await statements((t) => ledger().postMany(drafts, t));
    expect(again.sql).to.deep.equal(['SELECT accounts', 'SELECT ledger_transactions']);
    expect(again.result).to.deep.equal(first.result.map((r) => ({ ...r, created: false })));
    expect(await asA(() => Promise.all(targets.map((id) => ledger().balanceOf(id))))).to.deep.equal(after);
  });

  it('should keep company A’s ledger from a caller of company B, and from roles without ledger:read', async () => {
    const a1 = accounts[0]!.id;
    const intoA = await refusal(asB(() => inTransaction((t) => ledger().post(charge(a1, 'b:1', 100), t))));
    expect(refused(intoA)).to.deep.equal({ code: 'not_found', message: 'company not found', issues: undefined });
    const aAccountInB = await refusal(asB(() => inTransaction((t) => ledger().post({ ...charge(a1, 'b:2', 100), companyId: companyB.id }, t))));
    expect(refused(aAccountInB).issues).to.deep.equal([
      { field: 'drafts.0.accountId', message: `no account ${a1} in company ${companyB.id}` },
      { field: 'drafts.0.entries.0.accountId', message: `no account ${a1} in company ${companyB.id}` },
    ]);
    expect((await refusal(asB(() => inTransaction((t) => ledger().reverse(chargeId, { key: 'b:3', occurredOn: '2026-03-06', memo: '' }, t))))).code).to.equal('not_found');
    expect((await refusal(asB(() => ledger().balanceOf(a1)))).code).to.equal('not_found');
    expect((await refusal(asB(() => ledger().check(companyA.id)))).code).to.equal('not_found');
    expect((await apiB.get(`/api/accounts/${a1}/ledger`)).status).to.equal(404);
    expect(await runAsSystem('test', () => LedgerTransaction.count({ where: { idempotencyKey: ['b:1', 'b:2', 'b:3'] } }))).to.equal(0);

    const cashier = await new Api(app().url).login((await makeUser(companyA.id, 'cashier')).username, TEST_PASSWORD, freshIp());
    expect((await cashier.get(`/api/accounts/${a1}/ledger`)).status).to.equal(200);
    const reader = await new Api(app().url).login((await makeUser(companyA.id, 'meter_reader')).username, TEST_PASSWORD, freshIp());
    expect((await reader.get(`/api/accounts/${a1}/ledger`)).status).to.equal(403);
  });

  it('should find nothing on a sound ledger, then an unbalanced transaction, a tampered balance and a missing balance row written behind its back', async () => {
    expect(await asA(() => ledger().check())).to.deep.equal([]);
    expect(await asB(() => ledger().check())).to.deep.equal([]);
    const db = app().c.sequelize;
    const [a1, , , a4] = accounts.map((a) => a.id);
    const [tampered] = await db.query(
      `INSERT INTO ledger_transactions (company_id, kind, idempotency_key, account_id, occurred_on, memo, created_at) VALUES (${companyA.id}, 'adjustment', 'typed-by-hand', ${a4}, '2026-05-01', '', NOW())`,
    );
    const badId = tampered as unknown as number;
    await db.query(`INSERT INTO ledger_entries (company_id, transaction_id, book, account_id, amount_fen) VALUES (${companyA.id}, ${badId}, 'receivable', ${a4}, 500)`);
    await db.query(`UPDATE account_balances SET balance_fen = balance_fen + 1 WHERE account_id = ${a1}`);
    try {
      const a1Entries = await db.query<{ total: string }>(`SELECT SUM(amount_fen) AS total FROM ledger_entries WHERE book = 'receivable' AND account_id = ${a1}`, { type: QueryTypes.SELECT });
      const a1Fen = Number(a1Entries[0]!.total);
      const expected: LedgerFinding[] = [
        { kind: 'unbalanced_transaction', companyId: companyA.id, transactionId: badId, sumFen: 500 },
        { kind: 'balance_mismatch', companyId: companyA.id, accountId: a1!, balanceFen: a1Fen + 1, entriesFen: a1Fen },
        { kind: 'balance_mismatch', companyId: companyA.id, accountId: a4!, balanceFen: null, entriesFen: 500 },
      ];
      expect(await asA(() => ledger().check())).to.deep.equal(expected);
      expect((await runAsSystem('test', () => ledger().check())).filter((f) => f.companyId === companyA.id)).to.deep.equal(expected);
      expect(await asB(() => ledger().check())).to.deep.equal([]);

      const run = await runProcess('backend/src/check-ledger.ts', testEnv({ DATABASE_URL: app().c.config.DATABASE_URL }));
      expect(run.code, run.output).to.equal(1);
      const lines = run.output.trim().split('\n');
      expect(lines).to.include.members(expected.map((f) => describeFinding(f)));
      expect(lines.at(-1)).to.match(/^ledger check: \d+ finding\(s\) — \d+ unbalanced transaction\(s\), \d+ balance mismatch\(es\)$/);
    } finally {
      await db.query(`DELETE FROM ledger_entries WHERE transaction_id = ${badId}`);
      await db.query(`DELETE FROM ledger_transactions WHERE id = ${badId}`);
      await db.query(`UPDATE account_balances SET balance_fen = balance_fen - 1 WHERE account_id = ${a1}`);
    }
    expect(await asA(() => ledger().check())).to.deep.equal([]);
  });
});
