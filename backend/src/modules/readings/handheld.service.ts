import { businessDate } from '@gasdesk/schema';
import { UniqueConstraintError, type Sequelize } from 'sequelize';
import type { HhuEncoding, HhuFile, HhuImportReport } from '@gasdesk/schema';
import { AppError } from '../../shared/app-error.ts';
import type { Clock } from '../../shared/clock.ts';
import { currentUserId } from '../../shared/request-context.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { Company } from '../companies/company.model.ts';
import { readHhuFile, writeHhuFile } from './handheld/hhu-file.ts';
import { HhuImport } from './hhu-import.model.ts';
import type { ReadingCycleService } from './reading-cycle.service.ts';
import type { ReadingRulesSource } from './reading-rules.ts';

/** Handheld units: a cycle out as a file, the reader's results back in, each file taken once. */
export class HandheldService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly cycles: ReadingCycleService,
    private readonly rules: ReadingRulesSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async exportFile(cycleId: number, encoding: HhuEncoding): Promise<HhuFile> {
    const cycle = await this.cycles.get(cycleId);
    const company = await this.companyOf(cycleId);
    const bytes = writeHhuFile(
      {
        companyCode: company.code,
        book: { code: cycle.bookCode, name: cycle.bookName },
        period: cycle.period,
        readerName: cycle.readerName,
        exportedAt: this.clock.now(),
        tasks: cycle.tasks.map((t) => ({ sequence: t.sequence, taskId: t.id, accountNo: t.accountNo, meterSerial: t.meterSerial, address: t.address, previousValue: t.previous?.value ?? null, previousReadOn: t.previous?.readOn ?? null })),
      },
      encoding,
    );
    return { fileName: `${cycle.bookCode}-${cycle.period}${encoding === 'gbk' ? '-gbk' : ''}.csv`, encoding, base64: Buffer.from(bytes).toString('base64') };
  }

  /**
   * Takes a handheld's result file into an open cycle: the whole file is refused when it is not
   * this cycle's, otherwise each filled row is validated like a typed reading (source `hhu`, read
   * date from the handheld's time), fault codes mark their task, rows with problems are reported
   * and skipped. The same file a second time changes nothing and returns the first report.
   */
  async importFile(cycleId: number, bytes: Uint8Array, fileName: string): Promise<HhuImportReport> {
    const cycle = await this.cycles.openCycle(cycleId);
    const company = await this.companyOf(cycleId);
    const parsed = readHhuFile(bytes, { companyCode: company.code, bookCode: cycle.book!.code, period: cycle.period, timeZone: company.timeZone });
    const earlier = await HhuImport.findOne({ where: { fileSha256: parsed.sha256 } });
    if (earlier) return present(earlier, true, 0);
    if (!parsed.ok) throw new AppError('validation_failed', `line ${parsed.line}: ${parsed.reason}`, { issues: [{ field: 'file', message: `line ${parsed.line}: ${parsed.reason}` }] });
    const rules = await this.rules.forCompany(cycle.companyId);
    try {
      return await this.sequelize.transaction(async (t) => {
        const tasks = await this.cycles.tasksById(cycle.id, parsed.rows.map((r) => r.taskId).filter((id) => Number.isInteger(id) && id > 0), t);
        const problems: HhuImportReport['problems'] = [];
        const values: Parameters<ReadingCycleService['take']>[0] = [];
        let faults = 0;
        for (const row of parsed.rows) {
          const task = tasks.get(row.taskId);
          if (!task) {
            problems.push({ line: row.line, taskId: null, meterSerial: row.meterSerial, outcome: 'refused', messages: [`task ${row.taskId} is not a reading of this cycle`] });
          } else if (row.problems.length > 0) {
            problems.push({ line: row.line, taskId: task.id, meterSerial: row.meterSerial, outcome: 'refused', messages: row.problems });
          } else if (row.faultCode) {
            await task.update({ status: 'fault', faultCode: row.faultCode, note: row.note || null }, { transaction: t });
            faults += 1;
          } else if (row.value !== null) {
            const readOn = row.readAt ? businessDate(row.readAt, company.timeZone) : cycle.plannedOn;
            values.push({ task, value: row.value, readOn, readAt: row.readAt, note: row.note || null });
          }
        }
        const taken = await this.cycles.take(values, 'hhu', rules, t);
        taken.forEach((result, i) => {
          if (result.outcome === 'exception') problems.push({ line: parsed.rows.find((r) => r.taskId === values[i]!.task.id)!.line, taskId: values[i]!.task.id, meterSerial: null, outcome: 'exception', messages: result.problems.map((p) => p.message) });
        });
        problems.sort((a, b) => a.line - b.line);
        const record = await HhuImport.create(
          {
            companyId: cycle.companyId,
            cycleId: cycle.id,
            fileSha256: parsed.sha256,
            fileName,
            rows: parsed.rows.length,
            accepted: taken.filter((r) => r.outcome === 'accepted').length,
            exceptions: taken.filter((r) => r.outcome === 'exception').length,
            faults,
            problems,
            userId: currentUserId(),
          },
          { transaction: t },
        );
        await this.audit.record({ action: 'readings.imported', companyId: cycle.companyId, targetType: 'reading_cycle', targetId: cycle.id, details: { fileName, sha256: parsed.sha256, rows: record.rows, accepted: record.accepted, exceptions: record.exceptions, faults } }, t);
        return present(record, false, taken.filter((r) => r.outcome === 'duplicate').length);
      });
    } catch (err) {
      // The same file sent twice at once: the second waits for the first and then finds it.
      if (err instanceof UniqueConstraintError) return present((await HhuImport.findOne({ where: { fileSha256: parsed.sha256 } }))!, true, 0);
      throw err;
    }
  }

  private async companyOf(cycleId: number): Promise<Company> {
    const cycle = await this.cycles.load(cycleId);
    return (await Company.findByPk(cycle.companyId))!;
  }
}

function present(record: HhuImport, alreadyImported: boolean, duplicates: number): HhuImportReport {
  return {
    importId: record.id,
    fileName: record.fileName,
    alreadyImported,
    rows: record.rows,
    accepted: record.accepted,
    exceptions: record.exceptions,
    faults: record.faults,
    duplicates,
    problems: record.problems,
    importedAt: record.createdAt.toISOString(),
  };
}
