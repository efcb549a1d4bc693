import { addDays, businessDate } from '@gasdesk/schema';
import { Op } from 'sequelize';
import type { Container } from '../../container.ts';
import type { DemoSeedStep } from '../demo-seed.ts';
import { runAs } from '../../shared/request-context.ts';
import { Company } from '../../modules/companies/company.model.ts';
import { Account } from '../../modules/customers/account.model.ts';
import { MeterReading } from '../../modules/readings/meter-reading.model.ts';
import { ReadingBook } from '../../modules/readings/reading-book.model.ts';
import { actorOf } from '../../modules/users/user-actor.ts';
import { User } from '../../modules/users/user.model.ts';
import { lastDayOf } from '../../modules/billing/bill-plan.ts';
import { DEMO_COMPANY_CODES } from './companies-and-users.seed.ts';
import { demoLowIncomeRule, demoPriceDates, demoTariffs, isDemoLowIncome, RESIDENTIAL_CATEGORIES, type DemoPriceDates, type DemoPriceStyle } from './demo-prices.ts';
import { periodsUpTo, previousPeriod } from './demo-readings.ts';

/** m³ a month the demo's commercial contracts pay for at least: more than their shops burn in summer. */
const CONTRACT_MINIMUM = '250';

/**
 * Prices and a year of bills for both demo companies. The first company prices like Hangzhou (one
 * household ladder, a notice on 1 July of the demo year), the second like Beijing (a ladder per
 * household category); both charge a monthly service fee, relieve low-income households and, in
 * the first, two shops have contracts with a minimum monthly volume. Then each of the months the
 * reading step read is billed as the billing clerk would: the companies went live at the end of
 * the second of those months, when every book had been read once (`cutoverOn`: what came before
 * was billed by the system they left),
 * then one run per company and month, in order, dated after the month's readings, its partitions
 * billed here rather than by the job queue, so the seed ends with the bills written.
 */
export const billingDemo: DemoSeedStep = {
  name: '0005-billing',
  async run(c, report) {
    const lines: string[] = [];
    for (const company of await Company.findAll({ where: { code: [...DEMO_COMPANY_CODES] }, order: [['id', 'ASC']] })) {
      const clerk = await User.findOne({ where: { companyId: company.id, role: 'billing_clerk' }, order: [['id', 'ASC']] });
      const earliest = await MeterReading.min<string, MeterReading>('readOn', { where: { companyId: company.id } });
      if (!clerk || !earliest) continue;
      const today = businessDate(c.clock.now(), company.timeZone);
      // The months the reading step read, from the same clock: the twelve before this one.
      const periods = periodsUpTo(previousPeriod(today.slice(0, 7)), 12);
      const dates = demoPriceDates(periods, earliest);
      const style: DemoPriceStyle = company.code === DEMO_COMPANY_CODES[0] ? 'hangzhou' : 'beijing';
      const done = await runAs(actorOf(clerk), async () => {
        for (const tariff of demoTariffs(style, dates)) await c.tariffs.tariffs.create(tariff);
        await c.tariffs.discounts.create(demoLowIncomeRule(style));
        const lowIncome = await flagLowIncome(c);
        const contracts = style === 'hangzhou' ? await contractsWithMinimum(c, periods, dates) : 0;
        await c.tariffs.settings.put({ ...(await c.tariffs.settings.get()), cutoverOn: lastDayOf(periods[1]!) });
        let bills = 0;
        let totalFen = 0;
        for (const period of periods.slice(2)) {
          const run = await c.billingRuns.start({ period, billDate: await billDateOf(company.id, period, today) }, company.id);
          for (let seq = 0; seq < run.partitions; seq += 1) await c.billingRuns.billPartition(run.id, seq);
          const finished = await c.billingRuns.get(run.id);
          bills += finished.billed;
          totalFen += finished.totalFen;
        }
        return { lowIncome, contracts, bills, totalFen };
      });
      lines.push(
        `${company.shortName}: ${style === 'hangzhou' ? 'Hangzhou' : 'Beijing'}-style prices, ${done.bills} bills over ${periods[2]}…${periods.at(-1)} (¥${(done.totalFen / 100).toFixed(2)}), ${done.lowIncome} low-income households${done.contracts ? `, ${done.contracts} contracts with a minimum` : ''}`,
      );
    }
    if (lines.length > 0) report.lines.push(`Demo billing — ${lines.join(' — ')}.`);
  },
};

/**
 * A month's bill date: three days after the last reading of the month a bill can end on (a book's
 * read day, or a closing or a meter change on any day), so no bill is dated before its end
 * reading; never after today. A new account's install reading starts its first period and ends
 * none, so it does not count.
 */
async function billDateOf(companyId: number, period: string, today: string): Promise<string> {
  const lastRead = await MeterReading.max<string, MeterReading>('readOn', { where: { companyId, status: 'accepted', reason: { [Op.ne]: 'install' }, readOn: { [Op.between]: [`${period}-01`, lastDayOf(period)] } } });
  const billDate = addDays(lastRead ?? lastDayOf(period), 3);
  return billDate < today ? billDate : today;
}

/** Flags about one household in 25 as 低保户, through the desk's own path (each change audited). */
async function flagLowIncome(c: Container): Promise<number> {
  const households = await Account.findAll({ where: { category: [...RESIDENTIAL_CATEGORIES], status: 'active' }, attributes: ['id'], order: [['id', 'ASC']] });
  const chosen = households.filter((a) => isDemoLowIncome(a.id));
  for (const account of chosen) await c.tariffs.settings.setFlags(account.id, { flags: ['low_income'] });
  return chosen.length;
}

/**
 * Contracts for the first two shops read every month, from the second billed month for a year:
 * a minimum monthly volume each, and a negotiated price for the first.
 */
async function contractsWithMinimum(c: Container, periods: readonly string[], dates: DemoPriceDates): Promise<number> {
  const monthly = (await ReadingBook.findAll({ where: { schedule: 'monthly' }, attributes: ['code'] })).map((b) => b.code);
  const shops = await Account.findAll({ where: { category: 'commercial', status: 'active', readingBookCode: monthly }, attributes: ['id'], order: [['id', 'ASC']] });
  const read = new Set(
    (await MeterReading.findAll({ where: { accountId: shops.map((s) => s.id), reason: 'periodic', status: 'accepted', readOn: { [Op.gte]: `${periods[0]}-01` } }, attributes: ['accountId'], group: ['accountId'] })).map((r) => r.accountId),
  );
  const chosen = shops.filter((s) => read.has(s.id)).slice(0, 2);
  const startsOn = `${periods[1]}-01`;
  const endsOn = addDays(`${Number(startsOn.slice(0, 4)) + 1}${startsOn.slice(4)}`, -1);
  for (const [i, shop] of chosen.entries()) {
    await c.tariffs.contracts.create({
      contractNo: `HT${dates.midYear.slice(0, 4)}-${String(i + 1).padStart(3, '0')}`,
      accountId: shop.id,
      startsOn,
      endsOn,
      versions: i === 0 ? [{ effectiveFrom: startsOn, pricing: { model: 'flat', unitPrice: '4.00' }, note: '供用气合同约定价' }] : [],
      minimumMonthlyVolume: CONTRACT_MINIMUM,
      billingDay: null,
    });
  }
  return chosen.length;
}
