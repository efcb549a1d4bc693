/**
 * Search at scale: `npm run bench:search -- --customers 1000000`.
 *
 * Creates a fresh MariaDB database, migrates it, loads one company with N demo households
 * (customer, phones, premise, account, installed meter) through multi-row INSERTs, builds the search
 * terms in bulk, then times phone, account, serial and name-fragment searches through the search
 * service with random existing values. Prints progress, then its figures, and as its last line one
 * JSON object. The database is dropped at the end unless `--keep` is given. Not a test: nothing here
 * fails on a figure.
 */
import { parseArgs } from 'node:util';
import type { Model, ModelStatic, Sequelize } from 'sequelize';
import { QueryTypes } from 'sequelize';
import { formatPhoneForDisplay } from '@gasdesk/schema';
import { loadConfig } from '../backend/src/config/config.ts';
import { createContainer, type Container } from '../backend/src/container.ts';
import { migrateUp } from '../backend/src/db/migrator.ts';
import { businessDate } from '../backend/src/shared/business-date.ts';
import { createLogger } from '../backend/src/shared/logger.ts';
import { runAs, runAsSystem, type UserActor } from '../backend/src/shared/request-context.ts';
import { accountNoOf } from '../backend/src/modules/customers/account.service.ts';
import { customerNoOf } from '../backend/src/modules/customers/customer.service.ts';
import { Warehouse } from '../backend/src/modules/meters/warehouse.model.ts';
import { reindex } from '../backend/src/modules/search/search-index.ts';
import { DEMO_TABLES, demoRegistryRows, type DemoRows } from '../backend/src/seed/demo/demo-registry.ts';
import { createDatabase } from '../test/support/mariadb.ts';

const { values: args } = parseArgs({
  options: {
    customers: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '300' },
    // Leaves the database in place (its name is printed) to look at query plans afterwards.
    keep: { type: 'boolean', default: false },
  },
});
const CUSTOMERS = Number(args.customers);
const QUERIES = Number(args.queries);
if (!Number.isInteger(CUSTOMERS) || CUSTOMERS < 1000) throw new Error('--customers must be a whole number of at least 1000');

/** Households per chunk: about a megabyte of SQL per table and chunk. */
const CHUNK = 5000;
const WRITERS = 2;
/** The registry tables a search reads; the history tables (movements, status events, readings) are left empty here. */
const LOADED: readonly (keyof DemoRows)[] = ['customers', 'customerPhones', 'premises', 'accounts', 'meters'];

const started = performance.now();
const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1);
const say = (line: string) => process.stdout.write(`${line}\n`);

/** One INSERT of many rows, in the model's column names; timestamps are filled as bulkCreate would. */
function insertOf(sequelize: Sequelize, model: ModelStatic<Model>, rows: object[], now: string): string {
  const attributes = model.getAttributes();
  const keys = Object.keys(rows[0]!);
  const stamps = ['createdAt', 'updatedAt'].filter((k) => k in attributes && !keys.includes(k));
  const columns = [...keys, ...stamps].map((k) => `\`${attributes[k]!.field ?? k}\``);
  const tail = stamps.map(() => `,'${now}'`).join('');
  const literal = (v: string | number | boolean | null) => (v === null ? 'NULL' : sequelize.escape(typeof v === 'boolean' ? Number(v) : v));
  const values = rows.map((row) => `(${keys.map((k) => literal((row as Record<string, string | number | boolean | null>)[k]!)).join(',')}${tail})`);
  return `INSERT INTO \`${model.getTableName() as string}\` (${columns.join(',')}) VALUES ${values.join(',')}`;
}

async function load(c: Container): Promise<{ companyId: number; seedSeconds: number; termSeconds: number }> {
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
    customers: CUSTOMERS,
    stockMeters: 0,
    warehouseIds: [warehouses[0]!.id, warehouses[1]!.id],
    today: businessDate(new Date(), company.timeZone),
    firstIds: { customer: 1, premise: 1, account: 1, meter: 1 },
    variety: false,
    chunkSize: CHUNK,
  });
  const now = new Date().toISOString().slice(0, 19).replace('T', ' ');
  const models = new Map(DEMO_TABLES);
  const loadStarted = performance.now();
  let done = 0;
  // Chunks are independent (a row points only at rows of its own chunk), so two are written at
  // once on two connections while the next one is generated.
  const writing: Promise<void>[] = [];
  for (const rows of chunks) {
    const statements = LOADED.filter((key) => rows[key].length > 0).map((key) => insertOf(c.sequelize, models.get(key)!, rows[key], now));
    if (writing.length === WRITERS) await writing.shift();
    done += rows.customers.length;
    const upTo = done;
    const report = rows.customers.length > 0 && (upTo % 50_000 === 0 || upTo === CUSTOMERS);
    writing.push((async () => {
      for (const sql of statements) await c.sequelize.query(sql);
      if (report) say(`  households ${upTo.toLocaleString('en')}/${CUSTOMERS.toLocaleString('en')}  ${seconds(loadStarted)} s  (${Math.round(upTo / ((performance.now() - loadStarted) / 1000)).toLocaleString('en')}/s)`);
    })());
  }
  await Promise.all(writing);
  const seedSeconds = Number(seconds(loadStarted));
  const termsStarted = performance.now();
  let reported = 0;
  const terms = await runAsSystem('bench reindex', () =>
    reindex(c.sequelize, {
      companyId: company.id,
      onProgress: (r) => {
        const step = Math.floor((r.customers + r.premises) / 250_000) + Math.floor(r.terms / 2_500_000);
        if (step === reported) return;
        reported = step;
        say(`  search terms: ${(r.customers + r.premises).toLocaleString('en')} names and addresses read, ${r.terms.toLocaleString('en')} terms written  ${seconds(termsStarted)} s`);
      },
    }),
  );
  const termSeconds = Number(seconds(termsStarted));
  say(`  search terms: ${terms.terms.toLocaleString('en')} rows in ${termSeconds} s`);
  for (const table of ['customers', 'customer_phones', 'premises', 'accounts', 'meters', 'search_terms']) await c.sequelize.query(`ANALYZE TABLE ${table}`);
  return { companyId: company.id, seedSeconds, termSeconds };
}

async function sample(sequelize: Sequelize, sql: string): Promise<string[]> {
  const rows = await sequelize.query<{ v: string }>(`${sql} ORDER BY RAND(42) LIMIT ${QUERIES}`, { type: QueryTypes.SELECT });
  return rows.map((r) => r.v);
}

/** A deterministic pick, so that runs compare. */
function picker(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state % n;
  };
}

/** How agents and caller ids write numbers: as displayed, bare digits, E.164. */
function writings(e164s: string[]): string[] {
  return e164s.map((e164, k) => {
    const shown = formatPhoneForDisplay(e164);
    return [shown, shown.replace(/[\s-]/g, ''), e164][k % 3]!;
  });
}

/** A fragment of each name: two characters from anywhere in it, as agents type half-remembered names. */
function fragments(names: string[]): string[] {
  const pick = picker(7);
  return names.map((name) => {
    const chars = Array.from(name);
    if (chars.length <= 2) return name;
    const at = pick(chars.length - 1);
    return chars.slice(at, at + 2).join('');
  });
}

function percentile(sorted: number[], p: number): number {
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))]! * 10) / 10;
}

async function time(label: string, queries: string[], run: (q: string) => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (const q of queries.slice(0, 10)) await run(q);
  const took: number[] = [];
  for (const q of queries) {
    const at = performance.now();
    await run(q);
    took.push(performance.now() - at);
  }
  took.sort((a, b) => a - b);
  const figures = { p50: percentile(took, 0.5), p95: percentile(took, 0.95) };
  say(`  ${label.padEnd(16)} p50 ${String(figures.p50).padStart(6)} ms   p95 ${String(figures.p95).padStart(6)} ms   max ${percentile(took, 1)} ms   (${queries.length} queries)`);
  return figures;
}

const db = await createDatabase('bench');
const c = createContainer(loadConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'silent' }), createLogger('silent'));
try {
  say(`search benchmark: ${CUSTOMERS.toLocaleString('en')} customers on ${db.name}`);
  await migrateUp(c.sequelize);
  const { companyId, seedSeconds, termSeconds } = await load(c);
  const agent: UserActor = { kind: 'user', userId: 0, username: 'bench', companyId, role: 'agent', permissions: new Set(['customers:read']), sessionId: 0, ip: null };
  const search = (q: string) => runAs(agent, () => c.search.search({ q, limit: 20 }));
  const where = `WHERE company_id = ${companyId}`;
  const phones = writings(await sample(c.sequelize, `SELECT e164 AS v FROM customer_phones ${where}`));
  say('timing searches through the search service (one at a time, limit 20):');
  const phone = await time('phone', phones, search);
  const account = await time('account number', await sample(c.sequelize, `SELECT account_no AS v FROM accounts ${where}`), search);
  const serial = await time('meter serial', await sample(c.sequelize, `SELECT serial AS v FROM meters ${where}`), search);
  const name = await time('name fragment', fragments(await sample(c.sequelize, `SELECT name AS v FROM customers ${where}`)), search);
  const pop = await time('screen-pop', phones, (n) => runAs(agent, () => c.search.byPhone(n)));
  say(`done in ${seconds(started)} s`);
  say(
    JSON.stringify({
      seed_s: seedSeconds,
      terms_s: termSeconds,
      phone_p50_ms: phone.p50,
      account_p50_ms: account.p50,
      serial_p50_ms: serial.p50,
      name_p50_ms: name.p50,
      by_phone_p95_ms: pop.p95,
      customers: CUSTOMERS,
      phone_p95_ms: phone.p95,
      account_p95_ms: account.p95,
      serial_p95_ms: serial.p95,
      name_p95_ms: name.p95,
    }),
  );
} finally {
  await c.close();
  if (args.keep) say(`kept database ${db.name}`);
  else await db.drop();
}
