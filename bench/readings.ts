/**
 * Remote readings at scale: `npm run bench:readings -- --readings 1000000`.
 *
 * Creates a fresh MariaDB database, loads households with installed meters (one per ten
 * readings), gives each meter a state with a usual use of about 1 m³ a day, starts the API in
 * this process and pushes the readings through `POST /api/readings/remote` in batches of 5,000 as
 * a head-end would (one reading per meter per day, day after day; about one in two hundred far
 * above the usual). Every reading is validated and stored; spikes go to the exception queue.
 * Prints progress, the figures and, last, one JSON line. The database is dropped unless `--keep`.
 * Not a test: nothing here fails on a figure.
 */
import { parseArgs } from 'node:util';
import { QueryTypes } from 'sequelize';
import type { RemoteReadingReport } from '@gasdesk/schema';
import { loadConfig } from '../backend/src/config/config.ts';
import { createContainer } from '../backend/src/container.ts';
import { migrateUp } from '../backend/src/db/migrator.ts';
import { hashPassword } from '../backend/src/modules/auth/password.ts';
import { User } from '../backend/src/modules/users/user.model.ts';
import { startWebServer } from '../backend/src/server.ts';
import { createLogger } from '../backend/src/shared/logger.ts';
import { runAsSystem } from '../backend/src/shared/request-context.ts';
import { createDatabase } from '../test/support/mariadb.ts';
import { loadHouseholds } from './support/households.ts';

const { values: args } = parseArgs({
  options: {
    readings: { type: 'string', default: '100000' },
    'per-meter': { type: 'string', default: '10' },
    batch: { type: 'string', default: '5000' },
    concurrency: { type: 'string', default: '2' },
    keep: { type: 'boolean', default: false },
  },
});
const READINGS = Number(args.readings);
const PER_METER = Number(args['per-meter']);
const BATCH = Number(args.batch);
const CONCURRENCY = Number(args.concurrency);
if (!Number.isInteger(READINGS) || READINGS < 1000) throw new Error('--readings must be a whole number of at least 1000');
if (!Number.isInteger(BATCH) || BATCH < 1 || BATCH > 5000) throw new Error('--batch must be 1 to 5000 (the API takes at most 5,000 at once)');

const say = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1);
const PASSWORD = 'bench-password-1';
/** Every meter was last read on this day; the head-end reads it daily from the next. */
const LAST_READ_ON = '2026-01-01';

const db = await createDatabase('bench_readings');
const c = createContainer(loadConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0' }), createLogger('silent'));
try {
  await migrateUp(c.sequelize);
  const households = Math.ceil(READINGS / PER_METER);
  say(`readings benchmark: ${READINGS.toLocaleString('en')} remote readings for ${households.toLocaleString('en')} meters on ${db.name}`);
  const { company } = await loadHouseholds(c, households, ['customers', 'premises', 'accounts', 'meters', 'meterReadings'], say);
  // Each meter's state as months of reading would have left it: the install value, 1 m³ a day over six periods.
  await c.sequelize.query(
    `INSERT INTO meter_read_states (meter_id, company_id, last_reading_id, last_value, last_read_on, last_read_at, last_kind, actual_periods, actual_days, actual_volume, consecutive_estimates, updated_at)
     SELECT meter_id, company_id, MAX(id), MAX(value), ?, NULL, 'actual', 6, 180, 180, 0, NOW() FROM meter_readings WHERE company_id = ? GROUP BY meter_id, company_id`,
    { replacements: [LAST_READ_ON, company.id] },
  );
  const meters = await c.sequelize.query<{ serial: string; value: string }>(
    `SELECT m.serial, s.last_value AS value FROM meters m JOIN meter_read_states s ON s.meter_id = m.id WHERE m.company_id = ? AND m.status = 'installed' ORDER BY m.id`,
    { replacements: [company.id], type: QueryTypes.SELECT },
  );
  for (const table of ['meters', 'accounts', 'meter_readings', 'meter_read_states']) await c.sequelize.query(`ANALYZE TABLE ${table}`);
  await runAsSystem('bench', async () => User.create({ companyId: company.id, username: 'headend', displayName: '远传平台', role: 'admin', grants: [], extension: null, passwordHash: await hashPassword(PASSWORD), lastLoginAt: null }));
  const server = await startWebServer(c);
  const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'headend', password: PASSWORD }) });
  const { token } = (await login.json()) as { token: string };

  // Day-major: every meter's reading of one day at 02:00 in Shanghai, then the next day's.
  const start = Date.parse(`${LAST_READ_ON}T02:00:00+08:00`);
  const values = meters.map((m) => Math.round(Number(m.value) * 1000));
  let state = 42;
  const random = () => ((state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0) / 4_294_967_296);
  function* batches(): Generator<{ meterSerial: string; value: string; readAt: string }[]> {
    let batch: { meterSerial: string; value: string; readAt: string }[] = [];
    let made = 0;
    for (let day = 1; made < READINGS; day += 1) {
      const readAt = new Date(start + day * 86_400_000).toISOString();
      for (let i = 0; i < meters.length && made < READINGS; i += 1, made += 1) {
        const spike = random() < 0.005;
        values[i]! += Math.round((spike ? 9 : 0.5 + random()) * 1000);
        batch.push({ meterSerial: meters[i]!.serial, value: (values[i]! / 1000).toFixed(3), readAt });
        if (batch.length === BATCH) {
          yield batch;
          batch = [];
        }
      }
    }
    if (batch.length > 0) yield batch;
  }

  say(`pushing in batches of ${BATCH.toLocaleString('en')}, ${CONCURRENCY} at a time`);
  const totals = { sent: 0, accepted: 0, exceptions: 0, duplicates: 0, refused: 0 };
  const started = performance.now();
  let lastReport = started;
  const source = batches();
  const worker = async () => {
    for (let next = source.next(); !next.done; next = source.next()) {
      const reply = await fetch(`${server.url}/api/readings/remote`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ readings: next.value }) });
      if (reply.status !== 200) throw new Error(`batch refused: ${reply.status} ${await reply.text()}`);
      const report = (await reply.json()) as RemoteReadingReport;
      totals.sent += report.received;
      totals.accepted += report.accepted;
      totals.exceptions += report.exceptions;
      totals.duplicates += report.duplicates;
      totals.refused += report.refused.length;
      if (performance.now() - lastReport > 5000) {
        lastReport = performance.now();
        say(`  ${totals.sent.toLocaleString('en')}/${READINGS.toLocaleString('en')}  ${seconds(started)} s  (${Math.round(totals.sent / ((performance.now() - started) / 1000)).toLocaleString('en')}/s)`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = (performance.now() - started) / 1000;
  const [stored] = await c.sequelize.query<{ n: number }>(`SELECT COUNT(*) AS n FROM meter_readings WHERE company_id = ? AND source = 'remote'`, { replacements: [company.id], type: QueryTypes.SELECT });
  await server.close();
  say(`done: ${totals.sent.toLocaleString('en')} readings in ${elapsed.toFixed(1)} s (${Math.round(totals.sent / elapsed).toLocaleString('en')}/s); ${totals.accepted.toLocaleString('en')} accepted, ${totals.exceptions.toLocaleString('en')} to the exception queue, ${totals.duplicates} duplicates, ${totals.refused} refused; ${Number(stored!.n).toLocaleString('en')} stored`);
  say(JSON.stringify({ readings: totals.sent, seconds: Math.round(elapsed * 10) / 10, per_second: Math.round(totals.sent / elapsed), exceptions: totals.exceptions, stored: Number(stored!.n) }));
} finally {
  await c.close();
  if (args.keep) say(`database kept: ${db.name}`);
  else await db.drop();
}
