import { businessDate } from '@gasdesk/schema';
import type { Model, Transaction } from 'sequelize';
import type { DemoSeedStep } from '../demo-seed.ts';
import { NumberSequence } from '../../db/number-sequence.model.ts';
import { Company } from '../../modules/companies/company.model.ts';
import { Account } from '../../modules/customers/account.model.ts';
import { accountNoOf } from '../../modules/customers/account.service.ts';
import { Customer } from '../../modules/customers/customer.model.ts';
import { customerNoOf } from '../../modules/customers/customer.service.ts';
import { Premise } from '../../modules/customers/premise.model.ts';
import { Meter } from '../../modules/meters/meter.model.ts';
import { Warehouse } from '../../modules/meters/warehouse.model.ts';
import { reindex } from '../../modules/search/search-index.ts';
import { DEMO_TABLES, demoRegistryRows, type DemoFixture, type DemoRows } from './demo-registry.ts';

/**
 * The demo registry of both demo companies: warehouses, a few thousand customers with phones,
 * premises, accounts of every user category, meters of every kind with their whole stock history,
 * then the search terms.
 *
 * Numbers to call (the desk's e2e test and the demo users rely on them; keep them):
 *
 * 钱江燃气 (QJGAS)
 * - 138 0000 0001 — C00000001's own mobile, and the landlord's phone on C00000002's record: two
 *   accounts, so the screen-pop offers a choice.
 * - 138 0000 0002 — C00000003 alone: one account, the screen-pop opens it.
 * - 138 0000 0003 — C00000004, who holds two accounts (two flats).
 * - 0571-8800 0001 — the landline of C00000005's premise.
 * - 138 0000 0005 — C00000006, a potential customer with no account yet.
 *
 * 湖滨燃气 (HBGAS)
 * - 139 0000 0001 — C00000001 alone.
 */
const PLANS: readonly { code: string; customers: number; stockMeters: number; peopleSeed: number; warehouses: [string, string, string][]; fixtures: (DemoFixture & { hint?: string })[] }[] = [
  {
    code: 'QJGAS',
    customers: 3000,
    stockMeters: 120,
    peopleSeed: 2026_01,
    warehouses: [
      ['QJ-W01', '城西表库', '西湖区文三路 398 号'],
      ['QJ-W02', '下沙表库', '钱塘区学源街 118 号'],
    ],
    fixtures: [
      { index: 0, ownPhone: '138 0000 0001', hint: 'two accounts' },
      { index: 1, contactOf: 0 },
      { index: 2, ownPhone: '138 0000 0002', hint: 'one account' },
      { index: 3, ownPhone: '138 0000 0003', secondFlat: true, hint: 'one customer, two flats' },
      { index: 4, premisePhone: '0571-8800 0001', hint: 'premise landline' },
      { index: 5, ownPhone: '138 0000 0005', potential: true, hint: 'no account yet' },
    ],
  },
  {
    code: 'HBGAS',
    customers: 2000,
    stockMeters: 80,
    peopleSeed: 2026_02,
    warehouses: [
      ['HB-W01', '上城表库', '上城区解放路 156 号'],
      ['HB-W02', '拱墅表库', '拱墅区莫干山路 766 号'],
    ],
    fixtures: [{ index: 0, ownPhone: '139 0000 0001', hint: 'one account' }],
  },
];

/** Rows per INSERT: large enough to be quick, small enough for SQLite and MySQL packet limits. */
const BATCH = 1000;

async function nextId(model: typeof Customer | typeof Premise | typeof Account | typeof Meter, transaction: Transaction): Promise<number> {
  return ((await model.max<number, Model>('id', { transaction })) ?? 0) + 1;
}

export const registryDemo: DemoSeedStep = {
  name: '0002-registry',
  async run(c, report) {
    const summary: string[] = [];
    const companies = new Map((await Company.findAll({ where: { code: PLANS.map((p) => p.code) } })).map((co) => [co.code, co]));
    for (const plan of PLANS) {
      const company = companies.get(plan.code);
      if (!company) continue;
      const counts = { customers: 0, accounts: 0, meters: 0 };
      await c.sequelize.transaction(async (transaction) => {
        const warehouses = await Warehouse.bulkCreate(
          plan.warehouses.map(([code, name, address]) => ({ companyId: company.id, code, name, address })),
          { transaction },
        );
        const [customer, premise, account, meter] = [await nextId(Customer, transaction), await nextId(Premise, transaction), await nextId(Account, transaction), await nextId(Meter, transaction)];
        const chunks = demoRegistryRows({
          companyId: company.id,
          peopleSeed: plan.peopleSeed,
          phoneDefaults: { defaultCountryCode: c.config.DEFAULT_COUNTRY_CODE, defaultAreaCode: company.areaCode },
          customerNo: customerNoOf,
          accountNo: (n) => accountNoOf(company, n),
          customers: plan.customers,
          stockMeters: plan.stockMeters,
          warehouseIds: [warehouses[0]!.id, warehouses[1]!.id],
          today: businessDate(c.clock.now(), company.timeZone),
          firstIds: { customer, premise, account, meter },
          variety: true,
          fixtures: plan.fixtures,
          chunkSize: BATCH,
        });
        for (const rows of chunks) {
          for (const [key, model] of DEMO_TABLES) {
            const list = rows[key] as DemoRows[keyof DemoRows];
            for (let at = 0; at < list.length; at += BATCH) await model.bulkCreate(list.slice(at, at + BATCH), { transaction });
          }
          counts.customers += rows.customers.length;
          counts.accounts += rows.accounts.length;
          counts.meters += rows.meters.length;
        }
        // The services continue numbering after the seeded customers and accounts.
        for (const [name, used] of [['customer', counts.customers], ['account', counts.accounts]] as const) {
          await NumberSequence.upsert({ companyId: company.id, name, nextValue: used + 1 }, { transaction });
        }
      });
      const numbers = plan.fixtures.flatMap((f) => (f.hint ? [`${f.ownPhone ?? f.premisePhone} (${f.hint})`] : []));
      summary.push(`${company.shortName}: ${counts.customers} customers, ${counts.accounts} accounts, ${counts.meters} meters (${plan.stockMeters} in stock); call ${numbers.join(', ')}`);
    }
    await reindex(c.sequelize);
    report.lines.push(`Demo registry — ${summary.join(' — ')}.`);
  },
};
