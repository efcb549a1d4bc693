import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { expect } from 'chai';
import type { AccountDetail, CustomerView, RemoteReadingReport } from '@gasdesk/schema';
import { Bill } from '../../backend/src/modules/billing/bill.model.ts';
import { BillingRun } from '../../backend/src/modules/billing/billing-run.model.ts';
import { runAsSystem } from '../../backend/src/shared/request-context.ts';
import { app, testEnv } from '../support/harness.ts';
import { Api, freshIp } from '../support/http.ts';
import { TEST_PASSWORD, makeUser, unique } from '../support/factories.ts';
import { ROOT } from '../support/processes.ts';
import { registryDesk } from '../support/registry-desk.ts';
import { testConfig } from '../support/test-config.ts';

const ACCOUNTS = 24;

/** `npm run billing:run` as its own process, with jobs in that process (no Redis): killing it kills its jobs. */
function billingRunCli(args: string[]) {
  const env = { ...testConfig.childBaseEnv, ...testEnv({ DATABASE_URL: app().c.config.DATABASE_URL, REDIS_URL: '', BILLING_PARTITION_SIZE: '1', JOB_CONCURRENCY: '1' }) };
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, 'backend/src/billing-run.ts'), ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, exited, output: () => output };
}

describe('billing runs: a worker killed mid-run, then resumed', () => {
  let companyId: number;
  let companyCode: string;
  let accountIds: number[];
  const bookCode = unique('K').toUpperCase();

  before(async () => {
    const desk = await registryDesk(Array.from({ length: ACCOUNTS }, (_, i) => ({ serial: unique(`NB-K${i}`), kind: 'remote' as const })));
    companyId = desk.company.id;
    companyCode = desk.company.code;
    const api = desk.api;
    await api.post('/api/reading-books', { code: bookCode, name: '断点续跑', schedule: 'monthly', readDay: 1 });
    accountIds = [];
    for (const [i, meter] of desk.meters.entries()) {
      const customer = await api.post<CustomerView>('/api/customers', { type: 'residential', name: `住户${i}`, phones: [{ number: '139 5555 0000' }] });
      const opened = await api.post<AccountDetail>(`/api/customers/${customer.body.id}/accounts`, {
        premise: { district: '拱墅区', community: '和睦新村', building: '1幢', unit: '1单元', room: `${100 + i}室` },
        category: 'residential_general',
        openedOn: '2026-01-05',
        readingBookCode: bookCode,
        meter: { meterId: meter.id, installReading: '10' },
      });
      accountIds.push(opened.body.id);
    }
    await api.post('/api/tariffs', { code: 'RES-GAS', name: '居民生活用气', category: 'residential_general', chargeKind: 'gas', accountingCode: '6001.01', versions: [{ effectiveFrom: '2020-01-01', pricing: { model: 'flat', unitPrice: '3.10' } }] });
    const headEnd = await new Api(app().url).login((await makeUser(companyId, 'admin')).username, TEST_PASSWORD, freshIp());
    const reads = await headEnd.post<RemoteReadingReport>('/api/readings/remote', { readings: desk.meters.map((m, i) => ({ meterSerial: m.serial, value: String(30 + i), readAt: '2026-02-01T02:00:00Z' })) });
    expect(reads.body).to.deep.include({ accepted: ACCOUNTS });
  });

  it('should leave no duplicate and no gap when the run is resumed after its process was killed', async () => {
    const first = billingRunCli(['--company', companyCode, '--period', '2026-02', '--book', bookCode]);
    // Kill it (SIGKILL: no clean-up) as soon as some partitions are done and others are not.
    let atKill: BillingRun | null = null;
    for (let i = 0; i < 3000 && first.child.exitCode === null; i += 1) {
      const run = await runAsSystem('test', () => BillingRun.findOne({ where: { companyId, period: '2026-02' } }));
      if (run && run.partitionsDone >= 2) {
        first.child.kill('SIGKILL');
        atKill = run;
        break;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    await first.exited;
    expect(atKill, `the run was not caught half done:\n${first.output()}`).to.not.equal(null);
    const stopped = (await runAsSystem('test', () => BillingRun.findByPk(atKill!.id)))!;
    expect(stopped.status).to.equal('running');
    expect(stopped.partitionsDone, 'the run had finished before it could be killed').to.be.lessThan(ACCOUNTS);
    const billedBefore = await runAsSystem('test', () => Bill.count({ where: { accountId: accountIds, period: '2026-02' } }));
    expect(billedBefore).to.equal(stopped.partitionsDone);

    const second = billingRunCli(['--company', companyCode, '--resume', String(stopped.id)]);
    expect(await second.exited, second.output()).to.equal(0);
    expect(second.output()).to.match(/done: 24 billed, 0 skipped/);
    const bills = await runAsSystem('test', () => Bill.findAll({ where: { accountId: accountIds, period: '2026-02' }, attributes: ['accountId', 'totalFen'] }));
    expect(bills.map((b) => b.accountId).sort((a, b) => a - b)).to.deep.equal([...accountIds].sort((a, b) => a - b));
    // 20 m³ + i for account i at 3.10 元.
    expect(bills.reduce((sum, b) => sum + b.totalFen, 0)).to.equal(Array.from({ length: ACCOUNTS }, (_, i) => (20 + i) * 310).reduce((a, b) => a + b, 0));
    expect(await runAsSystem('test', () => app().c.ledger.check(companyId))).to.deep.equal([]);
  });
});
