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
import type { Sequelize } from 'sequelize';
import { QueryTypes } from 'sequelize';
import { formatPhoneForDisplay } from '@gasdesk/schema';
import { loadConfig } from '../backend/src/config/config.ts';
import { createContainer, type Container } from '../backend/src/container.ts';
import { migrateUp } from '../backend/src/db/migrator.ts';
import { createLogger } from '../backend/src/shared/logger.ts';
import { runAs, runAsSystem, type UserActor } from '../backend/src/shared/request-context.ts';
import { reindex } from '../backend/src/modules/search/search-index.ts';
import type { DemoRows } from '../backend/src/seed/demo/demo-registry.ts';
import { createDatabase } from '../test/support/mariadb.ts';
import { loadHouseholds } from './support/households.ts';

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

/** The registry tables a search reads; the history tables (movements, status events, readings) are left empty here. */
const LOADED: readonly (keyof DemoRows)[] = ['customers', 'customerPhones', 'premises', 'accounts', 'meters'];

const started = performance.now();
const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1);
const say = (line: string) => process.stdout.write(`${line}\n`);

async function load(c: Container): Promise<{ companyId: number; seedSeconds: number; termSeconds: number }> {
  const { company, seconds: seedSeconds } = await loadHouseholds(c, CUSTOMERS, LOADED, say);
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
