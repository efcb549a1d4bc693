import { expect } from 'chai';
import type { AccountDetail, AccountLedger, BillAccountResult, BillingRunSkips, BillingRunView, BillView, CustomerView, ErrorBody, RebillResult, RemoteReadingReport, TariffPreview, TariffView } from '@gasdesk/schema';
import { runAsSystem } from '../../backend/src/shared/request-context.ts';
import { app } from '../support/harness.ts';
import { Api, freshIp } from '../support/http.ts';
import { TEST_PASSWORD, makeCompany, makeUser, unique } from '../support/factories.ts';
import { registryDesk } from '../support/registry-desk.ts';
import { HANGZHOU_LADDER, HANGZHOU_RAISED } from '../support/prices.ts';
import { jobHandlers } from '../../backend/src/jobs/job-definitions.ts';
import { connectSocket } from '../support/socket.ts';

/** A remote read at 10:00 Shanghai time on `day`. */
const read = (meterSerial: string, day: string, value: string) => ({ meterSerial, value, readAt: `${day}T02:00:00Z` });

async function openAccount(api: Api, meterId: number, room: string, bookCode: string, householdSize = 3) {
  const customer = await api.post<CustomerView>('/api/customers', { type: 'residential', name: `住户${room}`, phones: [{ number: '138 5555 0000' }] });
  const opened = await api.post<AccountDetail>(`/api/customers/${customer.body.id}/accounts`, {
    premise: { district: '西湖区', community: '翠苑二区', building: '5幢', unit: '1单元', room },
    category: 'residential_general',
    householdSize,
    openedOn: '2026-01-05',
    readingBookCode: bookCode,
    meter: { meterId, installReading: '12.5' },
  });
  expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
  return opened.body;
}

async function untilDone(api: Api, runId: number): Promise<BillingRunView> {
  for (let i = 0; i < 200; i += 1) {
    const run = (await api.get<BillingRunView>(`/api/billing-runs/${runId}`)).body;
    if (run.status === 'done' || run.status === 'failed') return run;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`run ${runId} did not finish`);
}

describe('billing: bills with a breakdown, the ledger, runs and rebills', () => {
  let api: Api;
  let headEnd: Api;
  let gasTariff: TariffView;
  let accounts: AccountDetail[];
  let serials: string[];
  let febBill: BillView;
  let marchBill: BillView;
  let companyId: number;
  const bookCode = unique('B').toUpperCase();

  before(async () => {
    await app().c.jobs.work(jobHandlers(app().c), { concurrency: 2 });
    const desk = await registryDesk(['A', 'B', 'C'].map((s) => ({ serial: unique(`NB-${s}`), kind: 'remote' as const })));
    api = desk.api;
    companyId = desk.company.id;
    serials = desk.meters.map((m) => m.serial);
    headEnd = await new Api(app().url).login((await makeUser(desk.company.id, 'admin')).username, TEST_PASSWORD, freshIp());
    await api.post('/api/reading-books', { code: bookCode, name: '翠苑二区', schedule: 'monthly', readDay: 1 });
    accounts = [];
    for (const [i, meter] of desk.meters.entries()) accounts.push(await openAccount(api, meter.id, `${301 + i}室`, bookCode, i === 1 ? 6 : 3));
    const created = await api.post<TariffView>('/api/tariffs', { code: 'RES-GAS', name: '居民生活用气', category: 'residential_general', chargeKind: 'gas', accountingCode: '6001.01', versions: [{ effectiveFrom: '2020-01-01', pricing: HANGZHOU_LADDER, note: '杭发改价格〔2019〕1号' }] });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    gasTariff = created.body;
    const service = await api.post('/api/tariffs', { code: 'RES-SVC', name: '燃气服务费', category: 'residential_general', chargeKind: 'service', accountingCode: '6001.02', versions: [{ effectiveFrom: '2020-01-01', pricing: { model: 'fixed', amountFen: 200, per: 'month' } }] });
    expect(service.status, JSON.stringify(service.body)).to.equal(201);
    const discount = await api.post('/api/discount-rules', { code: 'LOWINC', name: '低保户气费九折', chargeKind: 'gas', categories: ['residential_general'], flags: ['low_income'], form: { type: 'percent', percent: '10' }, accountingCode: '6001.09' });
    expect(discount.status, JSON.stringify(discount.body)).to.equal(201);
    expect((await api.put(`/api/accounts/${accounts[1]!.id}/flags`, { flags: ['low_income'] })).status).to.equal(200);
    const reads = await headEnd.post<RemoteReadingReport>('/api/readings/remote', {
      readings: [read(serials[0]!, '2026-02-01', '42.5'), read(serials[0]!, '2026-03-01', '82.5'), read(serials[1]!, '2026-02-01', '32.5'), read(serials[1]!, '2026-03-01', '52.5')],
    });
    expect(reads.body, JSON.stringify(reads.body)).to.deep.include({ accepted: 4, exceptions: 0 });
  });

  it('should bill an account with a line per tier and fee, explain it, charge the ledger, and give the same bill when billed twice', async () => {
    const billed = await api.post<BillAccountResult>(`/api/accounts/${accounts[0]!.id}/bills`, { period: '2026-02', billDate: '2026-02-03' });
    expect(billed.status, JSON.stringify(billed.body)).to.equal(201);
    febBill = billed.body.bill!;
    expect(febBill).to.deep.include({ billNo: `202602-${accounts[0]!.accountNo}`, period: '2026-02', periodFrom: '2026-01-05', periodTo: '2026-02-01', volume: '30.000', totalFen: 9500, status: 'issued', estimated: false, issuedOn: '2026-02-03', dueOn: '2026-02-18', cycleStart: '2026-01-01', cycleVolume: '30.000' });
    expect(febBill.lines.map((l) => [l.chargeKind, l.role, l.tier, l.volume, l.unitPrice, l.unroundedFen, l.amountFen, l.accountingCode])).to.deep.equal([
      ['gas', 'charge', 1, '30.000', '3.1000', '9300.00000', 9300, '6001.01'],
      ['service', 'charge', null, null, null, '200.00000', 200, '6001.02'],
    ]);
    expect(febBill.explanation.map((s) => s.code)).to.deep.equal(['consumption', 'cycle', 'tier', 'fixed', 'total']);
    const again = await api.post<BillAccountResult>(`/api/accounts/${accounts[0]!.id}/bills`, { period: '2026-02' });
    expect([again.status, again.body.outcome, again.body.bill?.id]).to.deep.equal([200, 'existing', febBill.id]);
    const ledger = (await api.get<AccountLedger>(`/api/accounts/${accounts[0]!.id}/ledger`)).body;
    expect(ledger.balanceFen).to.equal(9500);
  });

  it('should bill the book in a run, skip what cannot be billed with the reason, and report totals by charge kind', async () => {
    const started = await api.post<BillingRunView>('/api/billing-runs', { period: '2026-03', bookCode, billDate: '2026-03-03' });
    expect(started.status, JSON.stringify(started.body)).to.equal(202);
    const run = await untilDone(api, started.body.id);
    // A: 40 m³ since its February bill; B: 40 m³ since it opened, 10 % off its gas; C: nothing read.
    expect(run).to.deep.include({ status: 'done', accounts: 3, billed: 2, skipped: 1, totalFen: 12400 + 200 + 12400 + 400 - 1240, skips: { no_reading: 1 } });
    expect(run.totals).to.deep.equal({ gas: 12400 + 12400 - 1240, service: 600 });
    const skipped = (await api.get<BillingRunSkips>(`/api/billing-runs/${run.id}/skipped`)).body;
    expect(skipped.items).to.deep.equal([{ accountId: accounts[2]!.id, accountNo: accounts[2]!.accountNo, reason: 'no_reading' }]);
    const bills = (await api.get<{ items: { id: number; period: string }[] }>(`/api/accounts/${accounts[0]!.id}/bills`)).body.items;
    expect(bills.map((b) => b.period)).to.deep.equal(['2026-03', '2026-02']);
    marchBill = (await api.get<BillView>(`/api/bills/${bills[0]!.id}`)).body;
    expect(marchBill).to.deep.include({ periodFrom: '2026-02-01', periodTo: '2026-03-01', volume: '40.000', totalFen: 12600, runId: run.id, cycleVolume: '70.000' });
    const b = (await api.get<{ items: { id: number }[] }>(`/api/accounts/${accounts[1]!.id}/bills`)).body.items[0]!;
    const bBill = (await api.get<BillView>(`/api/bills/${b.id}`)).body;
    expect(bBill.lines.map((l) => [l.role, l.chargeKind, l.amountFen])).to.deep.equal([['charge', 'gas', 12400], ['charge', 'service', 400], ['discount', 'gas', -1240]]);
    // Billing it again bills nothing. The run is over before the api's watcher looks (once a
    // second): it is still announced, ended, to the company's desks and to no other company's.
    const other = await makeCompany();
    const desks = await Promise.all([api, await new Api(app().url).login((await makeUser(other.id, 'billing_clerk')).username, TEST_PASSWORD, freshIp())].map((a) => connectSocket(app().url, a.token!)));
    const pushed = desks.map(({ socket }) => {
      const seen: BillingRunView[] = [];
      socket.on('billing:run-progress', (r) => void seen.push(r));
      return seen;
    });
    try {
      const again = await untilDone(api, (await api.post<BillingRunView>('/api/billing-runs', { period: '2026-03', bookCode })).body.id);
      expect(again).to.deep.include({ billed: 0, skips: { already_billed: 2, no_reading: 1 } });
      for (let i = 0; i < 50 && !pushed[0]!.some((r) => r.id === again.id && r.status === 'done'); i += 1) await new Promise((r) => setTimeout(r, 100));
      expect(pushed[0]!.filter((r) => r.id === again.id).at(-1)).to.deep.equal(again);
      expect(pushed[1]!.map((r) => r.id)).to.not.include(again.id);
    } finally {
      for (const { socket } of desks) socket.disconnect();
    }
  });

  it('should show which price versions priced bills, keep those and withdraw one that priced none', async () => {
    const next = await api.post<TariffView>(`/api/tariffs/${gasTariff.id}/versions`, { effectiveFrom: '2027-01-01', pricing: HANGZHOU_RAISED, note: '录错' });
    expect(next.status, JSON.stringify(next.body)).to.equal(201);
    expect(next.body.versions.map((v) => [v.effectiveFrom, v.billed])).to.deep.equal([['2020-01-01', true], ['2027-01-01', false]]);
    const [used, unused] = next.body.versions;
    const refused = await api.request<ErrorBody>('DELETE', `/api/tariffs/${gasTariff.id}/versions/${used!.id}`);
    expect([refused.status, refused.body.error.message]).to.deep.equal([409, 'the version of 2020-01-01 has priced bills; add a new version instead']);
    const withdrawn = await api.request<TariffView>('DELETE', `/api/tariffs/${gasTariff.id}/versions/${unused!.id}`);
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).to.equal(200);
    expect(withdrawn.body.versions.map((v) => [v.effectiveFrom, v.billed])).to.deep.equal([['2020-01-01', true]]);
  });

  it('should preview a draft price on the account’s last bill', async () => {
    const preview = await api.post<TariffPreview>(`/api/tariffs/${gasTariff.id}/preview`, { accountId: accounts[0]!.id, version: { effectiveFrom: '2026-02-15', pricing: HANGZHOU_RAISED } });
    expect(preview.status, JSON.stringify(preview.body)).to.equal(200);
    // (02-01, 02-15] and (02-15, 03-01]: 20 m³ each, the boundary day at the old price.
    expect([preview.body.bill.id, preview.body.preview.totalFen, preview.body.differenceFen]).to.deep.equal([marchBill.id, 6200 + 6600 + 200, 400]);
  });

  it('should rebill after a late price notice: the original reversed and linked, the ledger holding only the correction', async () => {
    const added = await api.post(`/api/tariffs/${gasTariff.id}/versions`, { effectiveFrom: '2026-02-15', pricing: HANGZHOU_RAISED, note: '杭发改价格〔2026〕3号' });
    expect(added.status, JSON.stringify(added.body)).to.be.oneOf([200, 201]);
    const early = await api.post<ErrorBody>(`/api/bills/${febBill.id}/rebill`, { reason: '价格调整' });
    expect(early.status).to.equal(409);
    const rebilled = await api.post<RebillResult>(`/api/bills/${marchBill.id}/rebill`, { reason: '价格调整通知晚到' });
    expect(rebilled.status, JSON.stringify(rebilled.body)).to.equal(200);
    const { reversed, bill } = rebilled.body;
    expect(reversed).to.deep.include({ id: marchBill.id, status: 'reversed', replacedById: bill.id, reversalReason: '价格调整通知晚到', totalFen: 12600 });
    expect(bill).to.deep.include({ billNo: `${marchBill.billNo}-R1`, revision: 1, replacesId: marchBill.id, status: 'issued', totalFen: 13000 });
    expect(bill.lines.map((l) => [l.sliceFrom, l.sliceTo, l.unitPrice, l.amountFen])).to.deep.equal([
      ['2026-02-01', '2026-02-15', '3.1000', 6200],
      ['2026-02-15', '2026-03-01', '3.3000', 6600],
      ['2026-02-01', '2026-03-01', null, 200],
    ]);
    const ledger = (await api.get<AccountLedger>(`/api/accounts/${accounts[0]!.id}/ledger`)).body;
    expect(ledger.balanceFen).to.equal(9500 + 13000);
    expect((await api.post(`/api/bills/${marchBill.id}/rebill`, { reason: 'again' })).status).to.equal(409);
    expect(await runAsSystem('test', () => app().c.ledger.check(companyId))).to.deep.equal([]);
  });

  it('should not bill a period while one of its readings waits in the exception queue', async () => {
    const high = await headEnd.post<RemoteReadingReport>('/api/readings/remote', { readings: [read(serials[1]!, '2026-04-01', '9999')] });
    expect(high.body).to.deep.include({ exceptions: 1 });
    const skipped = await api.post<BillAccountResult>(`/api/accounts/${accounts[1]!.id}/bills`, { period: '2026-04' });
    expect([skipped.status, skipped.body.outcome, skipped.body.reason, skipped.body.bill]).to.deep.equal([422, 'skipped', 'exception_open', null]);
  });

  it('should keep bills to their company and billing to those allowed', async () => {
    const other = await makeCompany();
    const stranger = await new Api(app().url).login((await makeUser(other.id, 'billing_clerk')).username, TEST_PASSWORD, freshIp());
    expect((await stranger.get(`/api/bills/${febBill.id}`)).status).to.equal(404);
    expect((await stranger.post(`/api/accounts/${accounts[0]!.id}/bills`, { period: '2026-02' })).status).to.equal(404);
    const agent = await new Api(app().url).login((await makeUser(companyId, 'agent')).username, TEST_PASSWORD, freshIp());
    expect((await agent.get(`/api/bills/${febBill.id}`)).status).to.equal(200);
    expect((await agent.post(`/api/accounts/${accounts[0]!.id}/bills`, { period: '2026-02' })).status).to.equal(403);
    const bad = await api.post<ErrorBody>(`/api/accounts/${accounts[0]!.id}/bills`, { period: '2026-13' });
    expect([bad.status, bad.body.error.issues?.[0]?.field]).to.deep.equal([422, 'period']);
  });

  it('should run the books of one reading schedule only: odd-month books in one run, monthly ones in another', async () => {
    const oddBook = unique('O').toUpperCase();
    expect((await api.post('/api/reading-books', { code: oddBook, name: '翠苑三区', schedule: 'odd_months', readDay: 5 })).status).to.equal(201);
    const moved = await headEnd.patch<AccountDetail>(`/api/accounts/${accounts[2]!.id}`, { readingBookCode: oddBook });
    expect(moved.status, JSON.stringify(moved.body)).to.equal(200);
    const runOf = async (body: object) => {
      const started = await api.post<BillingRunView>('/api/billing-runs', { period: '2026-05', billDate: '2026-05-20', ...body });
      expect(started.status, JSON.stringify(started.body)).to.equal(202);
      return untilDone(api, started.body.id);
    };
    const odd = await runOf({ schedule: 'odd_months' });
    expect(odd).to.deep.include({ schedule: 'odd_months', bookCode: null, status: 'done', accounts: 1, skips: { no_reading: 1 } });
    expect((await api.get<BillingRunSkips>(`/api/billing-runs/${odd.id}/skipped`)).body.items.map((i) => i.accountId)).to.deep.equal([accounts[2]!.id]);
    // The company's monthly books: this suite's, with A and B, and not C, now in the odd-month book.
    const monthly = await runOf({ schedule: 'monthly' });
    expect(monthly).to.deep.include({ schedule: 'monthly', bookCode: null, accounts: 2 });
    // A book that does not follow the cycle asked for: nothing to bill, and the run says so at once.
    expect(await runOf({ schedule: 'even_months', bookCode: oddBook })).to.deep.include({ status: 'done', accounts: 0, partitions: 0 });
    const bad = await api.post<ErrorBody>('/api/billing-runs', { period: '2026-05', schedule: 'weekly' });
    expect([bad.status, bad.body.error.issues?.[0]?.field]).to.deep.equal([422, 'schedule']);
  });
});
