import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { addDays, businessDate, type PhoneMatches, type Pricing } from '@gasdesk/schema';
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
import { lastDayOf } from '../../backend/src/modules/billing/bill-plan.ts';
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
  const select = <T extends object>(sql: string, replacements: Record<string, unknown>) => runAsSystem('test', () => c.sequelize.query<T>(sql, { replacements, type: QueryTypes.SELECT }));
  const today = async (code: string) => businessDate(c.clock.now(), (await runAsSystem('test', () => Company.findOne({ where: { code } })))!.timeZone);
  /** The months the demo read: the twelve before this one. */
  const readMonths = async (code: string) => periodsUpTo(previousPeriod((await today(code)).slice(0, 7)), 12);
  /** The months it billed: after the go-live at the end of the second month read. */
  const billedMonths = async (code: string) => (await readMonths(code)).slice(2);
  const HOUSEHOLDS = ['residential_general', 'wall_boiler_heating', 'rural_heating'];
  const milli = (m3: string | null) => Math.round(Number(m3 ?? 0) * 1000);
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

  it('should price gas for every user category: a Hangzhou ladder dearer from 1 July of the demo year, Beijing ladders by category, a monthly fee for households', async () => {
    const shown = (p: Pricing) => (p.model === 'tiered' ? p.tiers.map((t) => `${t.upTo ?? '∞'}@${t.unitPrice}`).join(' ') : p.model === 'flat' ? p.unitPrice : `${p.amountFen} fen/${p.per}`);
    const prices = async (code: string) => {
      const { items } = await as(code, () => c.tariffs.tariffs.list({}));
      return Object.fromEntries(items.map((t) => [`${t.chargeKind} ${t.category} ${t.accountingCode}`, t.versions.map((v) => shown(v.pricing))]));
    };
    const hangzhou = ['276@3.10 480@3.72 ∞@4.65', '276@3.30 480@3.92 ∞@4.85'];
    const beijing = (first: string, second: string) => [`${first}@2.61 ${second}@2.83 ∞@4.23`];
    const fee = ['200 fen/month'];
    expect(await prices('QJGAS')).to.deep.equal({
      'gas residential_general 6001.01': hangzhou,
      'gas wall_boiler_heating 6001.01': hangzhou,
      'gas rural_heating 6001.01': hangzhou,
      'gas public_welfare 6001.03': ['3.41', '3.63'],
      'gas commercial 6001.03': ['4.20', '4.35'],
      'gas industrial 6001.03': ['3.90'],
      'service residential_general 6001.02': fee,
      'service wall_boiler_heating 6001.02': fee,
      'service rural_heating 6001.02': fee,
    });
    expect(await prices('HBGAS')).to.deep.equal({
      'gas residential_general 6001.01': beijing('350', '500'),
      'gas wall_boiler_heating 6001.01': beijing('1500', '2500'),
      'gas rural_heating 6001.01': beijing('2500', '3000'),
      'gas public_welfare 6001.03': ['2.87'],
      'gas commercial 6001.03': ['3.95'],
      'gas industrial 6001.03': ['3.70'],
      'service residential_general 6001.02': fee,
      'service wall_boiler_heating 6001.02': fee,
      'service rural_heating 6001.02': fee,
    });
    const months = await billedMonths('QJGAS');
    const [residential] = (await as('QJGAS', () => c.tariffs.tariffs.list({ category: 'residential_general', chargeKind: 'gas' }))).items;
    expect(residential!.versions.map((v) => v.effectiveFrom)[1]).to.equal(`${months.find((p) => p.endsWith('-07'))}-01`);
    // The first price holds from before the oldest install: an old account's first bill runs from it.
    expect(residential!.versions[0]!.effectiveFrom < `${months[0]}-01`).to.equal(true);
    expect(residential!.versions[0]!.pricing).to.deep.include({ cycle: { anchor: 'calendar' }, householdIncrement: { baseSize: 4, perPerson: '60' }, partialCycle: 'months' });
  });

  it('should bill every read account once a month from the go-live, from the reading before it, dated after the month’s readings, with totals equal to their lines and every charge on a ledger that checks', async () => {
    expect(report.lines.find((l) => l.startsWith('Demo billing'))).to.match(/^Demo billing — 钱江燃气: Hangzhou-style prices, \d+ bills over \d{4}-\d{2}…\d{4}-\d{2} \(¥\d+\.\d{2}\), \d+ low-income households, 2 contracts with a minimum — 湖滨燃气: Beijing-style prices, \d+ bills .*\.$/);
    for (const code of ['QJGAS', 'HBGAS']) {
      const months = await billedMonths(code);
      const now = await today(code);
      const categories = new Map((await as(code, () => Account.findAll({ attributes: ['id', 'category'] }))).map((a) => [a.id, a.category]));
      const bills = await as(code, () => Bill.findAll({ attributes: ['accountId', 'period', 'periodFrom', 'periodTo', 'issuedOn', 'status', 'cycleStart'] }));
      const perAccount = new Map<number, number>();
      for (const b of bills) perAccount.set(b.accountId, (perAccount.get(b.accountId) ?? 0) + 1);
      const counts = [...perAccount.values()];
      expect([...new Set(bills.map((b) => b.period))].sort(), code).to.deep.equal(months);
      expect(new Set(bills.map((b) => `${b.accountId} ${b.period}`)).size, code).to.equal(bills.length);
      expect(bills.every((b) => b.status === 'issued'), code).to.equal(true);
      // Monthly books give a bill every month, books read every other month one in two; accounts opened or closed in the year fewer.
      expect(Math.max(...counts), code).to.equal(10);
      expect(counts.filter((n) => n === 10).length, code).to.be.greaterThan(counts.length * 0.6);
      // The system they left billed everything up to the go-live: a first bill starts at the reading
      // before it, in the months read, but for the few meters nobody read then (no access, faults).
      const firstRead = `${(await readMonths(code))[0]}-01`;
      expect(bills.filter((b) => b.periodFrom < firstRead).length, code).to.be.lessThan(bills.length * 0.005);
      // Dated a few days after the month's last reading, so after the reading each bill ends on, and never in the future.
      expect(bills.filter((b) => !(b.issuedOn > b.periodTo && b.issuedOn <= addDays(lastDayOf(b.period), 3) && b.issuedOn <= now)).map((b) => [b.accountId, b.periodTo, b.issuedOn]), code).to.deep.equal([]);
      // A household's bill carries the calendar tier cycle it ends in; a flat price has none.
      expect(bills.filter((b) => b.cycleStart !== (HOUSEHOLDS.includes(categories.get(b.accountId)!) ? `${b.periodTo.slice(0, 4)}-01-01` : null)).map((b) => [b.accountId, categories.get(b.accountId), b.periodTo, b.cycleStart]), code).to.deep.equal([]);

      const companyId = clerks.get(code)!.companyId;
      const [sums] = await select<{ off: number; billed: number; owed: number }>(
        `SELECT (SELECT COUNT(*) FROM bills b WHERE b.company_id = :companyId AND b.total_fen <> (SELECT COALESCE(SUM(l.amount_fen), 0) FROM bill_lines l WHERE l.bill_id = b.id)) AS off,
                (SELECT SUM(total_fen) FROM bills WHERE company_id = :companyId) AS billed,
                (SELECT SUM(balance_fen) FROM account_balances WHERE company_id = :companyId) AS owed`,
        { companyId },
      );
      expect(Number(sums!.off), code).to.equal(0);
      // Nothing is paid yet: what the accounts owe is what they were billed.
      expect(Number(sums!.owed), code).to.equal(Number(sums!.billed)).and.to.be.greaterThan(0);
      expect(await runAsSystem('test', () => c.ledger.check(companyId)), code).to.deep.equal([]);
    }
  });

  it('should take households of the first company into tier 2 at their bound, and cut its July bills at the 1 July notice', async () => {
    const july = (await billedMonths('QJGAS')).find((p) => p.endsWith('-07'))!;
    // Bills of one slice going from tier 1 into tier 2, of households of at most four persons that held the whole cycle: tier 1 ends at 276 m³ of the cycle.
    const crossings = await select<{ volume: string; cycleVolume: string; tier1: string }>(
      `SELECT b.volume, b.cycle_volume AS cycleVolume, t1.volume AS tier1 FROM bills b
         JOIN accounts a ON a.id = b.account_id
         JOIN bill_lines t1 ON t1.bill_id = b.id AND t1.charge_kind = 'gas' AND t1.tier = 1 AND t1.volume > 0
         JOIN bill_lines t2 ON t2.bill_id = b.id AND t2.charge_kind = 'gas' AND t2.tier = 2 AND t2.volume > 0 AND t2.slice_from = t1.slice_from
        WHERE b.company_id = :companyId AND a.category = 'residential_general' AND a.household_size <= 4 AND a.opened_on <= b.cycle_start
          AND NOT EXISTS (SELECT 1 FROM bill_lines o WHERE o.bill_id = b.id AND o.charge_kind = 'gas' AND o.slice_from <> t1.slice_from)`,
      { companyId: clerks.get('QJGAS')!.companyId },
    );
    expect(crossings.length).to.be.greaterThan(0);
    expect(crossings.filter((x) => milli(x.cycleVolume) - milli(x.volume) + milli(x.tier1) !== 276_000)).to.deep.equal([]);

    const [residential] = (await as('QJGAS', () => c.tariffs.tariffs.list({ category: 'residential_general', chargeKind: 'gas' }))).items;
    const [before, after] = residential!.versions.map((v) => v.id);
    const julyBills = await as('QJGAS', () => Bill.findAll({ where: { period: july }, include: [{ model: BillLineRow, as: 'lines' }] }));
    const straddling = julyBills.filter((b) => b.lines!.some((l) => l.priceVersionId === before) && b.lines!.some((l) => l.priceVersionId === after));
    expect(straddling.length).to.be.greaterThan(100);
    for (const bill of straddling) {
      const gas = [...bill.lines!].sort((a, b) => a.seq - b.seq).filter((l) => l.chargeKind === 'gas' && l.role === 'charge');
      // With the company's default boundary day, 1 July itself is still billed at the old price.
      const cut = [gas.filter((l) => l.priceVersionId === before).at(-1)!.sliceTo, gas.find((l) => l.priceVersionId === after)!.sliceFrom];
      expect(cut, bill.billNo).to.deep.equal([`${july}-01`, `${july}-01`]);
      expect(gas.reduce((sum, l) => sum + milli(l.volume), 0), bill.billNo).to.equal(milli(bill.volume));
    }
  });

  it('should flag a few percent of households as low-income and take their relief off the gas of their bills alone', async () => {
    for (const code of ['QJGAS', 'HBGAS']) {
      const households = await as(code, () => Account.findAll({ where: { category: HOUSEHOLDS, status: 'active' }, attributes: ['id', 'flags'] }));
      const flagged = households.filter((a) => a.flags.includes('low_income')).map((a) => a.id);
      expect(flagged.length / households.length, code).to.be.within(0.02, 0.06);
      const bills = await as(code, () => Bill.findAll({ where: { accountId: flagged }, include: [{ model: BillLineRow, as: 'lines' }] }));
      const discounts = await as(code, () => BillLineRow.findAll({ where: { role: 'discount' }, attributes: ['billId'] }));
      const ofFlagged = new Set(bills.map((b) => b.id));
      expect(discounts.filter((l) => !ofFlagged.has(l.billId)).length, code).to.equal(0);
      let relieved = 0;
      for (const bill of bills) {
        const lines = [...bill.lines!].sort((a, b) => a.seq - b.seq);
        const gas = lines.filter((l) => l.chargeKind === 'gas' && l.role !== 'discount');
        const gasFen = gas.reduce((sum, l) => sum + l.amountFen, 0);
        const off = lines.filter((l) => l.role === 'discount');
        expect(off.length, bill.billNo).to.equal(gasFen > 0 ? 1 : 0);
        if (gasFen <= 0) continue;
        relieved += 1;
        expect(off[0]!.chargeKind, bill.billNo).to.equal('gas');
        if (code === 'QJGAS') expect(Math.abs(off[0]!.amountFen + gasFen / 10), bill.billNo).to.be.at.most(0.5);
        // 10 m³ free, valued at the bill's first gas prices: 26.10 元 where they are all in tier 1.
        else if (milli(gas[0]!.volume) >= 10_000 && Number(gas[0]!.unitPrice) === 2.61) expect(off[0]!.amountFen, bill.billNo).to.equal(-2610);
      }
      expect(relieved, code).to.be.greaterThan(20);
    }
  });

  it('should hold the first company’s two contract shops to their monthly minimum', async () => {
    const contracts = await as('QJGAS', () => Contract.findAll());
    expect(contracts.map((k) => Number(k.minimumMonthlyVolume))).to.deep.equal([250, 250]);
    const minimums = await as('QJGAS', () => BillLineRow.findAll({ where: { role: 'minimum' }, attributes: ['billId'] }));
    const billed = await as('QJGAS', () => Bill.findAll({ where: { id: minimums.map((m) => m.billId) }, attributes: ['accountId'] }));
    expect(minimums.length).to.be.greaterThan(0);
    expect([...new Set(billed.map((b) => b.accountId))]).to.satisfy((ids: number[]) => ids.every((id) => contracts.some((k) => k.accountId === id)));
    expect(await as('HBGAS', () => Contract.count())).to.equal(0);
  });
});
