import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { businessDate, type PhoneMatches, type Pricing } from '@gasdesk/schema';
import { seedDemo, type SeedReport } from '../../backend/src/seed/demo-seed.ts';
import { runAs, runAsSystem, type UserActor } from '../../backend/src/shared/request-context.ts';
import type { Container } from '../../backend/src/container.ts';
import { Company } from '../../backend/src/modules/companies/company.model.ts';
import { Account } from '../../backend/src/modules/customers/account.model.ts';
import { Meter } from '../../backend/src/modules/meters/meter.model.ts';
import { MeterReading } from '../../backend/src/modules/readings/meter-reading.model.ts';
import { ReadingBook } from '../../backend/src/modules/readings/reading-book.model.ts';
import { ReadingCycle } from '../../backend/src/modules/readings/reading-cycle.model.ts';
import { Bill, BillLineRow } from '../../backend/src/modules/billing/bill.model.ts';
import { Contract } from '../../backend/src/modules/tariffs/contract.model.ts';
import { periodsUpTo, previousPeriod } from '../../backend/src/seed/demo/demo-readings.ts';
import { app } from '../support/harness.ts';

// Seeds the run's shared database: models are bound to one connection per process, and every
// other test works inside companies of its own, so the demo companies are in nobody's way.
describe('demo seed: the registry of both demo companies', () => {
  let c: Container;
  let report: SeedReport;
  const clerks = new Map<string, UserActor>();

  before(async function () {
    this.timeout(120_000);
    c = app().c;
    report = await seedDemo(c);
    for (const company of await runAsSystem('test', () => Company.findAll({ where: { code: ['QJGAS', 'HBGAS'] } }))) {
      clerks.set(company.code, { kind: 'user', userId: 0, username: 'check', companyId: company.id, role: 'billing_clerk', permissions: new Set(), sessionId: 0, ip: null });
    }
  });

  const as = <T>(code: string, fn: () => Promise<T>) => runAs(clerks.get(code)!, fn);
  const pop = async (code: string, number: string) => {
    const found: PhoneMatches = await as(code, () => c.search.byPhone(number));
    return found.matches.map((m) => [m.customerNo, m.accountStatus, m.matchedVia]);
  };

  it('should report what it created and the numbers to call when it has run', () => {
    expect(report.lines.find((l) => l.startsWith('Demo registry'))).to.match(/^Demo registry — 钱江燃气: 3000 customers, \d+ accounts, \d+ meters \(120 in stock\); call 138 0000 0001 \(two accounts\), .* — 湖滨燃气: 2000 customers, .*139 0000 0001 \(one account\)\.$/);
  });

  it('should give every user category, meter kind and meter state, and stock locations equal to the movements, in both companies', async () => {
    for (const code of ['QJGAS', 'HBGAS']) {
      const accounts = await as(code, () => Account.findAll({ attributes: ['category', 'status'], group: ['category', 'status'], raw: true }));
      const meters = await as(code, () => Meter.findAll({ attributes: ['kind', 'status'], group: ['kind', 'status'], raw: true }));
      expect({
        categories: [...new Set(accounts.map((a) => a.category))].sort(),
        accountStatuses: [...new Set(accounts.map((a) => a.status))].sort(),
        kinds: [...new Set(meters.map((m) => m.kind))].sort(),
        meterStatuses: [...new Set(meters.map((m) => m.status))].sort(),
        misplaced: await as(code, () => c.stock.verifyLocations()),
      }).to.deep.equal({
        categories: ['commercial', 'industrial', 'public_welfare', 'residential_general', 'rural_heating', 'wall_boiler_heating'],
        accountStatuses: ['active', 'closed'],
        kinds: ['conventional', 'ic_card', 'remote'],
        meterStatuses: ['in_stock', 'installed', 'removed'],
        misplaced: [],
      });
    }
  });

  it('should answer the well-known numbers as the seed file documents them', async () => {
    expect({
      twoAccounts: await pop('QJGAS', '138 0000 0001'),
      oneAccount: await pop('QJGAS', '13800000002'),
      twoFlats: await pop('QJGAS', '+86 138 0000 0003'),
      landline: await pop('QJGAS', '88000001'),
      noAccount: await pop('QJGAS', '138 0000 0005'),
      otherCompany: await pop('HBGAS', '139 0000 0001'),
      notThere: await pop('HBGAS', '138 0000 0001'),
    }).to.deep.equal({
      twoAccounts: [['C00000001', 'active', 'customer'], ['C00000002', 'active', 'contact']],
      oneAccount: [['C00000003', 'active', 'customer']],
      twoFlats: [['C00000004', 'active', 'customer'], ['C00000004', 'active', 'customer']],
      landline: [['C00000005', 'active', 'premise']],
      noAccount: [['C00000006', null, 'customer']],
      otherCompany: [['C00000001', 'active', 'customer']],
      notThere: [],
    });
  });

  it('should continue customer and account numbers after the seeded ones and find names through the built terms', async () => {
    const accounts = await as('QJGAS', () => Account.count());
    const customer = await as('QJGAS', () =>
      c.customers.register({ type: 'residential', name: '种子之后', phones: [], idType: null, idNumber: null, email: null, preferredLanguage: 'zh-CN', preferredChannel: 'sms', note: null }),
    );
    const account = await as('QJGAS', () =>
      c.accounts.open(customer.id, {
        premise: { district: '西湖区', community: '种子新村', building: '1幢', unit: '1单元', room: '101室', addressExtra: '', serviceArea: '', phone: null },
        category: 'residential_general',
        householdSize: 3,
        readingBookCode: null,
        billDelivery: 'sms',
        openedOn: '2026-01-05',
        meter: null,
      }),
    );
    const found = await as('QJGAS', () => c.search.search({ q: '种子', limit: 5 }));
    expect({ customerNo: customer.customerNo, accountNo: account.accountNo, found: found.items.map((h) => [h.customerNo, h.matchedField]) }).to.deep.equal({
      customerNo: 'C00003001',
      accountNo: `QJ${String(accounts + 1).padStart(8, '0')}`,
      found: [['C00003001', 'name'], ['C00003001', 'address']],
    });
  });

  it('should give both companies reading books, a year of readings with a few estimated, open cycles this month and readings in the exception queue', async () => {
    const line = report.lines.find((l) => l.startsWith('Demo meter reading'));
    expect(line).to.match(/^Demo meter reading — 钱江燃气: \d+ reading books, \d+ readings over a year, \d+ cycles open for \d{4}-\d{2} — 湖滨燃气: .*\.$/);
    for (const code of ['QJGAS', 'HBGAS']) {
      const books = await as(code, () => ReadingBook.count());
      const kinds = await as(code, () => MeterReading.count({ where: { reason: 'periodic' }, group: ['kind', 'status'] }));
      const byKind = Object.fromEntries((kinds as unknown as { kind: string; status: string; count: number }[]).map((k) => [`${k.kind}/${k.status}`, Number(k.count)]));
      expect(books, code).to.be.greaterThan(10);
      expect(byKind['actual/accepted'], code).to.be.greaterThan(books * 30);
      expect(byKind['estimated/accepted'], code).to.be.within(1, byKind['actual/accepted']! / 20);
      expect(await as(code, () => ReadingCycle.count({ where: { status: 'open' } })), code).to.be.greaterThan(0);
    }
    expect(await as('QJGAS', () => MeterReading.count({ where: { status: 'exception' } }))).to.be.within(3, 5);
    const file = report.lines.find((l) => l.startsWith('Demo handheld result file'))!;
    const [, period, code, path] = /^Demo handheld result file, ready to import on the (\d{4}-\d{2}) cycle of book (\S+): (data\/demo\/\S+-result\.csv)$/.exec(file) ?? [];
    const bytes = readFileSync(path!);
    expect(bytes.toString('utf8')).to.match(/^\uFEFF#GasDesk HHU,1\r\n/);
    const book = await as('QJGAS', () => ReadingBook.findOne({ where: { code: code! } }));
    const cycle = await as('QJGAS', () => ReadingCycle.findOne({ where: { bookId: book!.id, period: period! } }));
    const imported = await as('QJGAS', () => c.readings.handheld.importFile(cycle!.id, new Uint8Array(bytes), 'demo.csv'));
    expect(imported.accepted + imported.exceptions).to.equal(imported.rows);
    expect(imported.accepted).to.be.greaterThan(imported.rows / 2);
  });
});
