import { businessDate } from '@gasdesk/schema';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Op } from 'sequelize';
import type { DemoSeedStep } from '../demo-seed.ts';
import { runAs } from '../../shared/request-context.ts';
import { Company } from '../../modules/companies/company.model.ts';
import { Account } from '../../modules/customers/account.model.ts';
import { Premise } from '../../modules/customers/premise.model.ts';
import { Meter } from '../../modules/meters/meter.model.ts';
import { MeterReading } from '../../modules/readings/meter-reading.model.ts';
import { ReadingBook } from '../../modules/readings/reading-book.model.ts';
import { ReadingCycle, ReadingTask } from '../../modules/readings/reading-cycle.model.ts';
import { readInPeriod } from '../../modules/readings/reading-cycle.service.ts';
import { MeterReadState } from '../../modules/readings/meter-read-state.model.ts';
import { advanceReadState, averageDailyUse } from '../../modules/readings/read-state.ts';
import { saveStates } from '../../modules/readings/reading-intake.ts';
import { actorOf } from '../../modules/users/user-actor.ts';
import { DEMO_COMPANY_CODES } from './companies-and-users.seed.ts';
import { User } from '../../modules/users/user.model.ts';
import { demoPastReadings, periodsUpTo, previousPeriod, type DemoBook, type DemoReadMeter } from './demo-readings.ts';

const BATCH = 1000;

/**
 * Meter reading for both demo companies: a reading book per route code the registry gave its
 * accounts (the meter reader of the company reads them all), routes in address order, a year of
 * closed monthly cycles with their readings (a few estimated), this month's cycles open, and on
 * the first book some readings already entered — a few of them waiting in the exception queue.
 */
export const readingsDemo: DemoSeedStep = {
  name: '0004-readings',
  async run(c, report) {
    const lines: string[] = [];
    let handheld: string | null = null;
    for (const company of await Company.findAll({ where: { code: [...DEMO_COMPANY_CODES] }, order: [['id', 'ASC']] })) {
      const reader = await User.findOne({ where: { companyId: company.id, role: 'meter_reader' }, order: [['id', 'ASC']] });
      if (!reader) continue;
      const today = businessDate(c.clock.now(), company.timeZone);
      const current = today.slice(0, 7);
      const counts = await c.sequelize.transaction(async (t) => {
        const accounts = await Account.findAll({ where: { companyId: company.id, readingBookCode: { [Op.ne]: null } }, include: [{ model: Premise, as: 'premise' }], transaction: t });
        const codes = [...new Set(accounts.map((a) => a.readingBookCode!))].sort();
        const books = new Map<string, DemoBook & { id: number }>();
        for (const [n, code] of codes.entries()) {
          // A few books are read every other month, as some companies do for low-use estates.
          const schedule = n % 10 === 4 ? 'odd_months' : n % 10 === 9 ? 'even_months' : 'monthly';
          const readDay = 3 + ((n * 5) % 20);
          const book = await ReadingBook.create({ companyId: company.id, code, name: `${code} 抄表本`, readerId: reader.id, schedule, readDay, active: true }, { transaction: t });
          books.set(code, { id: book.id, code, schedule, readDay });
        }
        // Routes follow the address, as a reader walks them.
        const byBook = new Map<string, Account[]>();
        for (const a of accounts) (byBook.get(a.readingBookCode!) ?? byBook.set(a.readingBookCode!, []).get(a.readingBookCode!)!).push(a);
        for (const list of byBook.values()) {
          list.sort((x, y) => x.premise!.fullAddress.localeCompare(y.premise!.fullAddress, 'zh-CN'));
          list.forEach((a, i) => (a.readingSequence = i + 1));
          // One statement per book: the seed is system code, and thousands of single updates are slow on SQLite.
          await c.sequelize.query(`UPDATE accounts SET reading_sequence = CASE id ${list.map((a) => `WHEN ${a.id} THEN ${a.readingSequence}`).join(' ')} END WHERE id IN (${list.map((a) => a.id).join(',')})`, { transaction: t });
        }
        const accountOf = new Map(accounts.map((a) => [a.id, a]));
        const meters = await Meter.findAll({ where: { companyId: company.id, status: 'installed', kind: ['conventional', 'remote'] }, transaction: t });
        // Each meter's latest registry reading (its install, or a transfer since): the year's readings go on from it.
        const starts = new Map(
          (await MeterReading.findAll({ where: { companyId: company.id, meterId: meters.map((m) => m.id) }, order: [['readOn', 'ASC'], ['id', 'ASC']], transaction: t })).map((r) => [r.meterId, r]),
        );
        const readMeters: DemoReadMeter[] = meters.flatMap((m) => {
          const account = accountOf.get(m.accountId!);
          const start = starts.get(m.id);
          if (!account || account.status !== 'active' || !start) return [];
          return [{ meterId: m.id, accountId: account.id, bookCode: account.readingBookCode!, category: account.category, householdSize: account.householdSize, registerDigits: m.registerDigits, installedOn: start.readOn, installValue: start.value }];
        });
        const past = demoPastReadings(readMeters, books, periodsUpTo(previousPeriod(current), 12), company.id);

        const meterBook = new Map(readMeters.map((m) => [m.meterId, m.bookCode]));
        const cycleIds = new Map<string, number>();
        for (const [code, book] of books) {
          for (const period of new Set(past.filter((r) => meterBook.get(r.meterId) === code).map((r) => r.period))) {
            const plannedOn = `${period}-${String(book.readDay).padStart(2, '0')}`;
            const cycle = await ReadingCycle.create({ companyId: company.id, bookId: book.id, period, status: 'closed', readerId: reader.id, plannedOn, closedAt: new Date(`${plannedOn}T10:00:00+08:00`) }, { transaction: t });
            cycleIds.set(`${code}/${period}`, cycle.id);
          }
        }
        const sequenceOf = new Map(accounts.map((a) => [a.id, a.readingSequence]));
        const firstReadingId = ((await MeterReading.max<number, MeterReading>('id', { transaction: t })) ?? 0) + 1;
        let nextReadingId = firstReadingId;
        let nextTaskId = ((await ReadingTask.max<number, ReadingTask>('id', { transaction: t })) ?? 0) + 1;
        for (let at = 0; at < past.length; at += BATCH) {
          const slice = past.slice(at, at + BATCH);
          const readings = slice.map((r, i) => ({
            id: nextReadingId++,
            companyId: company.id,
            meterId: r.meterId,
            accountId: r.accountId,
            value: r.value,
            readOn: r.readOn,
            reason: 'periodic',
            source: r.kind === 'estimated' ? ('estimate' as const) : ('hhu' as const),
            kind: r.kind,
            status: 'accepted' as const,
            taskId: nextTaskId + i,
            consumption: r.consumption,
            rollover: r.rollover,
            userId: r.kind === 'estimated' ? null : reader.id,
          }));
          await MeterReading.bulkCreate(readings, { transaction: t });
          await ReadingTask.bulkCreate(
            slice.map((r, i) => ({
              id: nextTaskId + i,
              companyId: company.id,
              cycleId: cycleIds.get(`${meterBook.get(r.meterId)}/${r.period}`)!,
              accountId: r.accountId,
              meterId: r.meterId,
              sequence: sequenceOf.get(r.accountId) ?? 0,
              status: r.kind === 'estimated' ? ('estimated' as const) : ('read' as const),
              readingId: readings[i]!.id,
              faultCode: r.kind === 'estimated' ? ('no_access' as const) : null,
              note: null,
            })),
            { transaction: t },
          );
          nextTaskId += slice.length;
        }
        // Each meter's state, folded here from the rows just written as rebuildStates would from the table.
        const states = new Map(readMeters.map((m) => {
          const start = starts.get(m.meterId)!;
          return [m.meterId, advanceReadState(null, { id: start.id, value: start.value, readOn: start.readOn, readAt: null, kind: 'actual', consumption: null, startsMeter: true })];
        }));
        past.forEach((r, i) => states.set(r.meterId, advanceReadState(states.get(r.meterId)!, { id: firstReadingId + i, value: r.value, readOn: r.readOn, readAt: null, kind: r.kind, consumption: r.consumption })));
        const rows = [...states].map(([meterId, state]) => ({ meterId, companyId: company.id, state }));
        for (let at = 0; at < rows.length; at += BATCH) await saveStates(rows.slice(at, at + BATCH), t);

        // This month's cycles open, as the reading office starts them: one task per meter in route order.
        const due = [...books.values()].filter((b) => readInPeriod(b.schedule, current));
        const cycles = await ReadingCycle.bulkCreate(
          due.map((b) => ({ companyId: company.id, bookId: b.id, period: current, status: 'open' as const, readerId: reader.id, plannedOn: `${current}-${String(b.readDay).padStart(2, '0')}`, closedAt: null })),
          { transaction: t },
        );
        const meterOf = new Map(readMeters.map((m) => [m.accountId, m.meterId]));
        const tasks = cycles.flatMap((cycle, i) =>
          (byBook.get(due[i]!.code) ?? []).flatMap((a) => {
            const meterId = meterOf.get(a.id);
            return meterId ? [{ companyId: company.id, cycleId: cycle.id, accountId: a.id, meterId, sequence: a.readingSequence, status: 'pending' as const, readingId: null, faultCode: null, note: null }] : [];
          }),
        );
        for (let at = 0; at < tasks.length; at += BATCH) await ReadingTask.bulkCreate(tasks.slice(at, at + BATCH), { transaction: t });
        return { books: books.size, readings: past.length, opened: cycles.length, firstOpen: cycles[0]?.id ?? null, secondOpen: cycles[1]?.id ?? null };
      });

      // The first open book's first stops already read, through the entry screen's own path.
      if (counts.firstOpen !== null) await runAs(actorOf(reader), () => enterSomeReadings(c, counts.firstOpen!, today));
      if (counts.secondOpen !== null && company.code === DEMO_COMPANY_CODES[0]) {
        const file = await runAs(actorOf(reader), () => handheldResultFile(c, counts.secondOpen!, today));
        handheld = `Demo handheld result file, ready to import on the ${current} cycle of book ${file.book}: ${file.path}`;
      }
      lines.push(`${company.shortName}: ${counts.books} reading books, ${counts.readings} readings over a year, ${counts.opened} cycles open for ${current}`);
    }
    report.lines.push(`Demo meter reading — ${lines.join(' — ')}.`);
    if (handheld) report.lines.push(handheld);
  },
};

/**
 * The first twenty stops of a cycle read: most as their meters usually use, and four
 * that validation queues for a person — two far above the usual, one below the last reading, one
 * with nothing used in an occupied home.
 */
async function enterSomeReadings(c: Parameters<DemoSeedStep['run']>[0], cycleId: number, today: string): Promise<void> {
  const cycle = await c.readings.cycles.get(cycleId);
  const stops = cycle.tasks.slice(0, 20);
  const usualOf = new Map((await MeterReadState.findAll({ where: { meterId: stops.map((s) => s.meterId) } })).map((s) => [s.meterId, Number(averageDailyUse(s) ?? '0.8')]));
  const entries = stops.flatMap((task, i) => {
    if (!task.previous) return [];
    const last = Number(task.previous.value);
    const days = Math.max(1, (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${task.previous.readOn}T00:00:00Z`)) / 86_400_000);
    const usual = days * (usualOf.get(task.meterId) ?? 0.8);
    const value = i === 3 || i === 11 ? last + usual * 8 : i === 7 ? last - 12.5 : i === 15 ? last : last + usual;
    return [{ taskId: task.id, value: Math.max(0, value).toFixed(3), readOn: today, faultCode: null, note: '' }];
  });
  if (entries.length > 0) await c.readings.cycles.enter(cycleId, { entries });
}

/**
 * What a reader's handheld brings back for a whole cycle: the exported file with every meter read
 * on the morning of `today` at its usual use, written to `data/demo/` for the demo user to import
 * on the cycle's page.
 */
async function handheldResultFile(c: Parameters<DemoSeedStep['run']>[0], cycleId: number, today: string): Promise<{ book: string; path: string }> {
  const cycle = await c.readings.cycles.get(cycleId);
  const exported = await c.readings.handheld.exportFile(cycleId, 'utf-8');
  const usualOf = new Map((await MeterReadState.findAll({ where: { meterId: cycle.tasks.map((task) => task.meterId) } })).map((st) => [st.meterId, Number(averageDailyUse(st) ?? '0.8')]));
  const taskOf = new Map(cycle.tasks.map((task) => [String(task.id), task]));
  const lines = Buffer.from(exported.base64, 'base64').toString('utf8').split('\r\n');
  const filled = lines.map((line, i) => {
    const task = taskOf.get(line.split(',')[1] ?? '');
    if (line.replace(/^\uFEFF/, '').startsWith('#') || !task?.previous || !line.endsWith(',,,,')) return line;
    const days = Math.max(1, (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${task.previous.readOn}T00:00:00Z`)) / 86_400_000);
    const value = (Number(task.previous.value) + days * (usualOf.get(task.meterId) ?? 0.8)).toFixed(3);
    const minute = String(i % 60).padStart(2, '0');
    return `${line.slice(0, -4)},${value},${today} 09:${minute},,`;
  });
  const dir = resolve('data', 'demo');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, exported.fileName.replace(/\.csv$/, '-result.csv'));
  writeFileSync(path, filled.join('\r\n'));
  return { book: cycle.bookCode, path: relative(process.cwd(), path) };
}
