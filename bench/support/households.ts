import { businessDate } from '@gasdesk/schema';
import type { Model, ModelStatic, Sequelize } from 'sequelize';
import type { Container } from '../../backend/src/container.ts';
import { runAsSystem } from '../../backend/src/shared/request-context.ts';
import { accountNoOf } from '../../backend/src/modules/customers/account.service.ts';
import { customerNoOf } from '../../backend/src/modules/customers/customer.service.ts';
import type { Company } from '../../backend/src/modules/companies/company.model.ts';
import { Warehouse } from '../../backend/src/modules/meters/warehouse.model.ts';
import { DEMO_TABLES, demoRegistryRows, type DemoRows } from '../../backend/src/seed/demo/demo-registry.ts';

/** Households per chunk: about a megabyte of SQL per table and chunk. */
const CHUNK = 5000;
const WRITERS = 2;

const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1);

/** One INSERT of many rows, in the model's column names; timestamps are filled as bulkCreate would. */
export function insertOf(sequelize: Sequelize, model: ModelStatic<Model>, rows: object[], now: string): string {
  const attributes = model.getAttributes();
  const keys = Object.keys(rows[0]!);
  const stamps = ['createdAt', 'updatedAt'].filter((k) => k in attributes && !keys.includes(k));
  const columns = [...keys, ...stamps].map((k) => `\`${attributes[k]!.field ?? k}\``);
  const tail = stamps.map(() => `,'${now}'`).join('');
  const literal = (v: string | number | boolean | null) => (v === null ? 'NULL' : sequelize.escape(typeof v === 'boolean' ? Number(v) : v));
  const values = rows.map((row) => `(${keys.map((k) => literal((row as Record<string, string | number | boolean | null>)[k]!)).join(',')}${tail})`);
  return `INSERT INTO \`${model.getTableName() as string}\` (${columns.join(',')}) VALUES ${values.join(',')}`;
}

/**
 * A bench company with `customers` demo households (customer, phones, premise, account, installed
 * meter), written through multi-row INSERTs of the demo generator's rows, two chunks at once on
 * two connections while the next is generated. Only the tables named are written.
 */
export async function loadHouseholds(c: Container, customers: number, tables: readonly (keyof DemoRows)[], say: (line: string) => void): Promise<{ company: Company; seconds: number }> {
  const company = await runAsSystem('bench', () =>
    c.companies.create({ code: 'BENCH', name: '基准测试燃气有限公司', shortName: '基准燃气', timeZone: 'Asia/Shanghai', accountNoPrefix: 'BJ', areaCode: '571', halls: [] }),
  );
  const warehouses = await runAsSystem('bench', () => Warehouse.bulkCreate([1, 2].map((n) => ({ companyId: company.id, code: `W${n}`, name: `表库${n}`, address: '' }))));
  const chunks = demoRegistryRows({
    companyId: company.id,
    peopleSeed: 2026_99,
    phoneDefaults: { defaultCountryCode: '86', defaultAreaCode: company.areaCode },
    customerNo: customerNoOf,
    accountNo: (n) => accountNoOf(company, n),
    customers,
    stockMeters: 0,
    warehouseIds: [warehouses[0]!.id, warehouses[1]!.id],
    today: businessDate(new Date(), company.timeZone),
    firstIds: { customer: 1, premise: 1, account: 1, meter: 1 },
    variety: false,
    chunkSize: CHUNK,
  });
  const now = new Date().toISOString().slice(0, 19).replace('T', ' ');
  const models = new Map(DEMO_TABLES);
  const started = performance.now();
  let done = 0;
  const writing: Promise<void>[] = [];
  for (const rows of chunks) {
    const statements = tables.filter((key) => rows[key].length > 0).map((key) => insertOf(c.sequelize, models.get(key)!, rows[key], now));
    if (writing.length === WRITERS) await writing.shift();
    done += rows.customers.length;
    const upTo = done;
    const report = rows.customers.length > 0 && (upTo % 50_000 === 0 || upTo === customers);
    writing.push(
      (async () => {
        for (const sql of statements) await c.sequelize.query(sql);
        if (report) say(`  households ${upTo.toLocaleString('en')}/${customers.toLocaleString('en')}  ${seconds(started)} s  (${Math.round(upTo / ((performance.now() - started) / 1000)).toLocaleString('en')}/s)`);
      })(),
    );
  }
  await Promise.all(writing);
  return { company, seconds: Number(seconds(started)) };
}
