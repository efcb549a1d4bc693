import { Op } from 'sequelize';
import type { AccountConsumption, ConsumptionQuery, MeterReadingHistory, ReaderStats, ReaderStatsQuery, ReadingTaskStatus } from '@gasdesk/schema';
import { AppError } from '../../shared/app-error.ts';
import { Account } from '../customers/account.model.ts';
import { Meter } from '../meters/meter.model.ts';
import { User } from '../users/user.model.ts';
import { MeterReading } from './meter-reading.model.ts';
import { accountConsumption } from './account-consumption.ts';
import { presentReading } from './reading.presenter.ts';
import { ReadingCycle, ReadingTask } from './reading-cycle.model.ts';

/** What readings add up to: a meter's history, an account's consumption for billing, readers' statistics. */
export class ReadingReportService {
  async meterHistory(meterId: number): Promise<MeterReadingHistory> {
    const meter = await Meter.findByPk(meterId);
    if (!meter) throw AppError.notFound('meter');
    const readings = await MeterReading.findAll({ where: { meterId }, order: [['readOn', 'ASC'], ['readAt', 'ASC'], ['id', 'ASC']] });
    const accounts = new Map((await Account.findAll({ where: { id: [...new Set(readings.map((r) => r.accountId ?? 0))] }, attributes: ['id', 'accountNo'] })).map((a) => [a.id, a.accountNo]));
    return {
      meterId: meter.id,
      serial: meter.serial,
      registerDigits: meter.registerDigits,
      readings: readings.map((r) => presentReading(r, meter.serial, r.accountId ? (accounts.get(r.accountId) ?? null) : null)),
    };
  }

  /** The account's consumption over a period, across meter changes, from accepted readings only. */
  async consumption(accountId: number, query: ConsumptionQuery): Promise<AccountConsumption> {
    if (query.to < query.from) throw AppError.invalid('to', 'before from');
    const account = await Account.findByPk(accountId, { attributes: ['id'] });
    if (!account) throw AppError.notFound('account');
    const readings = await MeterReading.findAll({ where: { accountId, status: 'accepted' }, order: [['readOn', 'ASC'], ['readAt', 'ASC'], ['id', 'ASC']] });
    const meters = new Map((await Meter.findAll({ where: { id: [...new Set(readings.map((r) => r.meterId))] }, attributes: ['id', 'registerDigits'] })).map((m) => [m.id, m.registerDigits]));
    return accountConsumption(accountId, query, readings, meters);
  }

  /** Per reader, the month's cycles: how many meters, read, in exception, faults, estimated, still pending. */
  async readerStats(query: ReaderStatsQuery): Promise<ReaderStats> {
    const cycles = await ReadingCycle.findAll({ where: { period: query.period }, attributes: ['id', 'readerId'] });
    const readerOf = new Map(cycles.map((c) => [c.id, c.readerId]));
    const counts = (await ReadingTask.count({ where: { cycleId: { [Op.in]: cycles.map((c) => c.id) } }, group: ['cycleId', 'status'] })) as unknown as { cycleId: number; status: ReadingTaskStatus; count: number }[];
    const rows = new Map<number | null, ReaderStats['readers'][number]>();
    const row = (readerId: number | null) => {
      let r = rows.get(readerId);
      if (!r) rows.set(readerId, (r = { readerId, readerName: null, books: 0, tasks: 0, read: 0, exceptions: 0, faults: 0, estimated: 0, pending: 0, exceptionRate: 0 }));
      return r;
    };
    for (const c of cycles) row(c.readerId).books += 1;
    for (const c of counts) {
      const r = row(readerOf.get(c.cycleId) ?? null);
      const n = Number(c.count);
      r.tasks += n;
      if (c.status === 'read') r.read += n;
      else if (c.status === 'exception') r.exceptions += n;
      else if (c.status === 'fault') r.faults += n;
      else if (c.status === 'estimated' || c.status === 'visit_required') r.estimated += n;
      else r.pending += n;
    }
    const names = new Map((await User.findAll({ where: { id: [...rows.keys()].filter((id): id is number => id !== null) }, attributes: ['id', 'displayName'] })).map((u) => [u.id, u.displayName]));
    const readers = [...rows.values()].map((r) => ({
      ...r,
      readerName: r.readerId ? (names.get(r.readerId) ?? null) : null,
      exceptionRate: r.read + r.exceptions > 0 ? Math.round((r.exceptions / (r.read + r.exceptions)) * 1000) / 1000 : 0,
    }));
    readers.sort((a, b) => (a.readerName ?? '').localeCompare(b.readerName ?? '', 'zh-CN'));
    return { period: query.period, readers };
  }
}
