import { businessDate } from '@gasdesk/schema';
import type { Sequelize, Transaction } from 'sequelize';
import type { RemoteReadingBatch, RemoteReadingReport } from '@gasdesk/schema';
import { currentUserId, requireUser } from '../../shared/request-context.ts';
import { Account } from '../customers/account.model.ts';
import { Company } from '../companies/company.model.ts';
import { Meter } from '../meters/meter.model.ts';
import { ReadingCycle, ReadingTask } from './reading-cycle.model.ts';
import { takeReadings, type IntakeCandidate, type IntakeResult } from './reading-intake.ts';
import type { ReadingRulesSource } from './reading-rules.ts';
import type { ReadingRules } from './reading-validation.ts';

/**
 * Readings pushed by a meter head-end: many at once, each for a meter serial at a moment. The same
 * reading sent again changes nothing (one reading per meter and moment). A reading answers the
 * meter's pending task in an open cycle, so the cycle does not estimate a meter that reported.
 */
export class RemoteReadingService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly rules: ReadingRulesSource,
  ) {}

  async ingest(batch: RemoteReadingBatch): Promise<RemoteReadingReport> {
    const { companyId } = requireUser();
    const [company, rules] = await Promise.all([Company.findByPk(companyId), this.rules.forCompany(companyId)]);
    const serials = [...new Set(batch.readings.map((r) => r.meterSerial))];
    const meters = await Meter.findAll({ where: { serial: serials }, attributes: ['id', 'serial', 'status', 'accountId', 'registerDigits', 'maxFlow', 'companyId'] });
    const meterOf = new Map(meters.map((m) => [m.serial, m]));
    const refused: RemoteReadingReport['refused'] = [];
    const accepted: { index: number; meter: Meter }[] = [];
    batch.readings.forEach((r, index) => {
      const meter = meterOf.get(r.meterSerial);
      if (!meter) refused.push({ index, meterSerial: r.meterSerial, reason: 'no meter with this serial' });
      else if (meter.status !== 'installed' || meter.accountId === null) refused.push({ index, meterSerial: r.meterSerial, reason: `the meter is ${meter.status}, not installed` });
      else accepted.push({ index, meter });
    });
    const accountIds = [...new Set(accepted.map((a) => a.meter.accountId!))];
    const activeAccounts = new Set((await Account.findAll({ where: { id: accountIds, status: 'active' }, attributes: ['id'] })).map((a) => a.id));
    const userId = currentUserId();
    const timeZone = company!.timeZone;
    const candidates: IntakeCandidate[] = accepted.map(({ index, meter }) => {
      const r = batch.readings[index]!;
      const readAt = new Date(r.readAt);
      return {
        companyId,
        meterId: meter.id,
        accountId: meter.accountId,
        registerDigits: meter.registerDigits,
        maxFlow: meter.maxFlow,
        occupied: activeAccounts.has(meter.accountId!),
        value: r.value,
        readOn: businessDate(readAt, timeZone),
        readAt,
        source: 'remote',
        taskId: null,
        standardValue: r.standardTotal ?? null,
        note: null,
        userId,
      };
    });
    const results = await this.sequelize.transaction((t) => takeAnsweringTasks(candidates, rules, t));
    return {
      received: batch.readings.length,
      accepted: results.filter((r) => r.outcome === 'accepted').length,
      exceptions: results.filter((r) => r.outcome === 'exception').length,
      duplicates: results.filter((r) => r.outcome === 'duplicate').length,
      refused,
    };
  }
}

/**
 * Takes readings that come outside a cycle's entry (head-ends, customers): the first reading of a
 * meter answers its pending task in an open cycle, so that closing the cycle does not estimate a
 * meter that reported.
 */
export async function takeAnsweringTasks(candidates: IntakeCandidate[], rules: ReadingRules, t: Transaction): Promise<IntakeResult[]> {
  // Open cycles are few; their tasks are found by (cycle, meter), the unique index.
  const open = await ReadingCycle.findAll({ where: { status: 'open' }, attributes: ['id'], transaction: t });
  const pending = open.length === 0 ? [] : await ReadingTask.findAll({ where: { cycleId: open.map((c) => c.id), meterId: [...new Set(candidates.map((c) => c.meterId))], status: 'pending' }, transaction: t });
  const unanswered = new Map(pending.map((task) => [task.meterId, task]));
  const answers = candidates.map((c) => {
    const task = unanswered.get(c.meterId);
    unanswered.delete(c.meterId);
    c.taskId = task?.id ?? null;
    return task;
  });
  const taken = await takeReadings(candidates, rules, t);
  for (const [i, result] of taken.entries()) {
    const task = answers[i];
    if (!task || result.outcome === 'duplicate') continue;
    await task.update({ status: result.outcome === 'accepted' ? 'read' : 'exception', readingId: result.readingId }, { transaction: t });
  }
  return taken;
}
