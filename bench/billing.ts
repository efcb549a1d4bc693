/**
 * A billing run at scale: `npm run bench:billing -- --accounts 1000000`.
 *
 * Creates a fresh MariaDB database with `--accounts` residential households (one conventional
 * meter each), a year of monthly readings per meter and last month's bill (so the run bills one
 * month on top of a tier cycle's use, as every month but January does), a Hangzhou-style ladder
 * and a monthly service fee. Then it starts a billing run for the month as a clerk would and lets
 * this process's BullMQ worker bill it, partition by partition, printing progress. Last, the
 * floor: the time MariaDB takes to bulk-insert the same number of bill, line, ledger-transaction,
 * ledger-entry and balance rows, in transactions of the same size, with no logic at all.
 * Prints the figures and, last, one JSON line. The database is dropped unless `--keep`.
 * Not a test: nothing here fails on a figure.
 */
import { parseArgs } from 'node:util';
import { QueryTypes, type Transaction } from 'sequelize';
import type { BillingRunView } from '@gasdesk/schema';
import { loadConfig } from '../backend/src/config/config.ts';
import { createContainer } from '../backend/src/container.ts';
import { migrateUp } from '../backend/src/db/migrator.ts';
import { jobHandlers } from '../backend/src/jobs/job-definitions.ts';
import { Tariff } from '../backend/src/modules/tariffs/tariff.model.ts';
import { PriceVersion } from '../backend/src/modules/tariffs/price-version.model.ts';
import { createLogger } from '../backend/src/shared/logger.ts';
import { runAsSystem } from '../backend/src/shared/request-context.ts';
import { createDatabase, REDIS_URL } from '../test/support/mariadb.ts';
import { HANGZHOU_LADDER } from '../test/support/prices.ts';
import { loadHouseholds } from './support/households.ts';

const { values: args } = parseArgs({
  options: {
    accounts: { type: 'string', default: '100000' },
    partition: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '2' },
    keep: { type: 'boolean', default: false },
  },
});
const ACCOUNTS = Number(args.accounts);
if (!Number.isInteger(ACCOUNTS) || ACCOUNTS < 100) throw new Error('--accounts must be a whole number of at least 100');

const say = (line: string) => process.stdout.write(`${line}\n`);
const since = (from: number) => (performance.now() - from) / 1000;
const PERIOD = '2026-11';
const db = await createDatabase('bench_billing');
const config = loadConfig({
  DATABASE_URL: db.url,
  REDIS_URL,
  REDIS_PREFIX: `gasdesk-bench-${process.pid}`,
  LOG_LEVEL: 'silent',
  HOST: '127.0.0.1',
  PORT: '0',
  BILLING_PARTITION_SIZE: args.partition,
  JOB_CONCURRENCY: args.concurrency,
});
const c = createContainer(config, createLogger('silent'));
try {
  await migrateUp(c.sequelize);
  say(`billing benchmark: ${ACCOUNTS.toLocaleString('en')} accounts on ${db.name}, partitions of ${config.BILLING_PARTITION_SIZE}, ${config.JOB_CONCURRENCY} jobs at a time`);
  const { company } = await loadHouseholds(c, ACCOUNTS, ['customers', 'premises', 'accounts', 'meters', 'meterReadings'], say);

  let started = performance.now();
  // Every household opened on 1 January 2025 and was read on the first of each month since December 2025.
  await c.sequelize.query(`UPDATE accounts SET opened_on = '2025-01-01', category = 'residential_general', status = 'active' WHERE company_id = ?`, { replacements: [company.id] });
  await c.sequelize.query(`UPDATE meters SET kind = 'conventional' WHERE company_id = ?`, { replacements: [company.id] });
  await c.sequelize.query(`UPDATE meter_readings SET read_on = '2025-01-01' WHERE company_id = ?`, { replacements: [company.id] });
  await c.sequelize.query(
    `INSERT INTO meter_readings (company_id, meter_id, account_id, value, read_on, reason, source, kind, status, rollover, created_at)
     SELECT r.company_id, r.meter_id, r.account_id, r.value + s.seq * (15 + r.meter_id % 25), DATE_ADD('2025-11-01', INTERVAL s.seq MONTH), 'regular', 'manual', 'actual', 'accepted', 0, NOW()
     FROM meter_readings r CROSS JOIN seq_1_to_12 s WHERE r.company_id = ? AND r.reason = 'install'`,
    { replacements: [company.id] },
  );
  // Last month's bill: it ends on 1 October's reading, with the cycle's use since 1 January.
  await c.sequelize.query(
    `INSERT INTO bills (company_id, bill_no, account_id, period, revision, status, period_from, period_to, volume, total_fen, issued_on, due_on, estimated, delivery, delivery_status, cycle_start, cycle_volume, explanation, created_at, updated_at)
     SELECT a.company_id, CONCAT('202610-', a.account_no), a.id, '2026-10', 0, 'issued', '2026-09-01', '2026-10-01', 15 + m.id % 25, (15 + m.id % 25) * 310, '2026-10-05', '2026-10-20', 0, a.bill_delivery, 'sent', '2026-01-01', 9 * (15 + m.id % 25), '[]', NOW(), NOW()
     FROM accounts a JOIN meters m ON m.account_id = a.id WHERE a.company_id = ?`,
    { replacements: [company.id] },
  );
  for (const table of ['accounts', 'meters', 'meter_readings', 'bills']) await c.sequelize.query(`ANALYZE TABLE ${table}`);
  const [readings] = await c.sequelize.query<{ n: number }>('SELECT COUNT(*) AS n FROM meter_readings WHERE company_id = ?', { replacements: [company.id], type: QueryTypes.SELECT });
  say(`a year of readings (${Number(readings!.n).toLocaleString('en')}) and last month's bills in ${since(started).toFixed(1)} s`);

  await runAsSystem(
    'bench',
    async () => {
      const gas = await Tariff.create({ companyId: company.id, code: 'RES-GAS', name: '居民生活用气', category: 'residential_general', chargeKind: 'gas', accountingCode: '6001.01', active: true });
      const fee = await Tariff.create({ companyId: company.id, code: 'RES-SVC', name: '燃气服务费', category: 'residential_general', chargeKind: 'service', accountingCode: '6001.02', active: true });
      await PriceVersion.create({ companyId: company.id, tariffId: gas.id, contractId: null, effectiveFrom: '2020-01-01', pricing: HANGZHOU_LADDER, note: '', createdBy: null });
      await PriceVersion.create({ companyId: company.id, tariffId: fee.id, contractId: null, effectiveFrom: '2020-01-01', pricing: { model: 'fixed', amountFen: 200, per: 'month' }, note: '', createdBy: null });
    },
    company.id,
  );

  await c.jobs.work(jobHandlers(c), { concurrency: config.JOB_CONCURRENCY });
  const act = <T>(fn: () => Promise<T>) => runAsSystem('bench', fn, company.id);
  started = performance.now();
  let run: BillingRunView = await act(() => c.billingRuns.start({ period: PERIOD, billDate: '2026-11-05' }, company.id));
  let shown = performance.now();
  while (run.status === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 500));
    run = await act(() => c.billingRuns.get(run.id));
    if (performance.now() - shown > 5000) {
      shown = performance.now();
      say(`  ${(run.billed + run.skipped).toLocaleString('en')}/${run.accounts.toLocaleString('en')} accounts  ${since(started).toFixed(0)} s  (${run.billsPerSecond ?? 0} bills/s)`);
    }
  }
  const seconds = since(started);
  if (run.status !== 'done') throw new Error(`the run ended ${run.status}`);
  const count = async (sql: string) => Number((await c.sequelize.query<{ n: number }>(sql, { replacements: [run.id], type: QueryTypes.SELECT }))[0]!.n);
  const rows = {
    bills: await count('SELECT COUNT(*) AS n FROM bills WHERE run_id = ?'),
    lines: await count('SELECT COUNT(*) AS n FROM bill_lines l JOIN bills b ON b.id = l.bill_id WHERE b.run_id = ?'),
    transactions: await count("SELECT COUNT(*) AS n FROM ledger_transactions t JOIN bills b ON t.source_type = 'bill' AND t.source_id = b.id WHERE b.run_id = ?"),
    entries: await count("SELECT COUNT(*) AS n FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id JOIN bills b ON t.source_type = 'bill' AND t.source_id = b.id WHERE b.run_id = ?"),
  };
  say(`run: ${run.billed.toLocaleString('en')} billed, ${run.skipped.toLocaleString('en')} skipped ${JSON.stringify(run.skips)} in ${seconds.toFixed(1)} s (${Math.round(run.billed / seconds).toLocaleString('en')} bills/s); ¥${(run.totalFen / 100).toFixed(2)}; rows: ${JSON.stringify(rows)}`);

  // The floor: the same rows, in transactions of one partition each, with nothing to work out.
  for (const table of ['bills', 'bill_lines', 'ledger_transactions', 'ledger_entries', 'account_balances']) await c.sequelize.query(`CREATE TABLE floor_${table} LIKE ${table}`);
  const partitions = Math.ceil(rows.bills / config.BILLING_PARTITION_SIZE);
  const perBill = (n: number) => n / Math.max(1, rows.bills);
  const floorStarted = performance.now();
  let next = 0;
  const writer = async () => {
    for (let p = next++; p < partitions; p = next++) {
      const first = p * config.BILLING_PARTITION_SIZE;
      const size = Math.min(config.BILLING_PARTITION_SIZE, rows.bills - first);
      await c.sequelize.transaction((t) => floorPartition(t, company.id, first, size, Math.round(perBill(rows.lines) * size), Math.round(perBill(rows.entries) * size)));
    }
  };
  await Promise.all(Array.from({ length: config.JOB_CONCURRENCY }, writer));
  const floorSeconds = since(floorStarted);
  const ratio = seconds / floorSeconds;
  say(`floor: the same ${rows.bills.toLocaleString('en')} bills, ${rows.lines.toLocaleString('en')} lines, ${rows.transactions.toLocaleString('en')} transactions, ${rows.entries.toLocaleString('en')} entries inserted in ${floorSeconds.toFixed(1)} s; the run took ${ratio.toFixed(2)}× the floor`);
  say(JSON.stringify({ accounts: ACCOUNTS, bills: run.billed, seconds: Math.round(seconds * 10) / 10, bills_per_s: Math.round(run.billed / seconds), floor_seconds: Math.round(floorSeconds * 10) / 10, ratio: Math.round(ratio * 100) / 100 }));
} finally {
  await c.close();
  if (args.keep) say(`database kept: ${db.name}`);
  else await db.drop();
}

/** One partition's rows of every kind as multi-row INSERTs, with values shaped like a run's. */
async function floorPartition(t: Transaction, companyId: number, first: number, bills: number, lines: number, entries: number): Promise<void> {
  const q = (sql: string) => c.sequelize.query(sql, { transaction: t });
  const ids = Array.from({ length: bills }, (_, i) => first + i + 1);
  const [billId] = (await q(
    `INSERT INTO floor_bills (company_id, bill_no, account_id, period, revision, status, period_from, period_to, volume, total_fen, issued_on, due_on, estimated, delivery, delivery_status, cycle_start, cycle_volume, explanation, run_id, created_at, updated_at) VALUES ${ids
      .map((id) => `(${companyId},'202611-BJ${id}',${id},'2026-11',0,'issued','2026-10-01','2026-11-01',31.000,9810,'2026-11-05','2026-11-20',0,'sms','pending','2026-01-01',301.000,'[{"code":"consumption","params":{"volume":"31.000","from":"2026-10-01","to":"2026-11-01","days":31}},{"code":"cycle","params":{"start":"2026-01-01","prior":"270.000","bounds":"276.000 / 480.000"}},{"code":"tier","params":{"tier":1,"volume":"6.000","unitPrice":"3.10","amountFen":"1860.00"}},{"code":"total","params":{"amountFen":9810}}]',1,NOW(),NOW())`)
      .join(',')}`,
  )) as unknown as [number];
  await q(`INSERT INTO floor_bill_lines (company_id, bill_id, seq, charge_kind, role, slice_from, slice_to, tier, volume, unit_price, unrounded_fen, amount_fen, accounting_code, price_version_id, discount_rule_id) VALUES ${Array.from({ length: lines }, (_, i) => `(${companyId},${billId + (i % bills)},${i},'gas','charge','2026-10-01','2026-11-01',1,31.000,3.1000,9610.00000,9610,'6001.01',1,NULL)`).join(',')}`);
  const [txId] = (await q(`INSERT INTO floor_ledger_transactions (company_id, kind, idempotency_key, account_id, occurred_on, source_type, source_id, memo, created_at) VALUES ${ids.map((id, i) => `(${companyId},'charge','bill:${billId + i}',${id},'2026-11-05','bill',${billId + i},'bill 202611-BJ${id}',NOW())`).join(',')}`)) as unknown as [number];
  await q(`INSERT INTO floor_ledger_entries (company_id, transaction_id, book, account_id, accounting_code, amount_fen) VALUES ${Array.from({ length: entries }, (_, i) => `(${companyId},${txId + (i % bills)},'revenue:gas',${ids[i % bills]},'6001.01',-9610)`).join(',')}`);
  await q(`INSERT INTO floor_account_balances (account_id, company_id, balance_fen, updated_at) VALUES ${ids.map((id) => `(${id},${companyId},9810,NOW())`).join(',')} ON DUPLICATE KEY UPDATE balance_fen = balance_fen + VALUES(balance_fen)`);
}
