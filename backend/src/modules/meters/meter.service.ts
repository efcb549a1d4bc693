import { Op, type Sequelize, type Transaction, type WhereOptions } from 'sequelize';
import type { MeterCalibrationDone, MeterCalibrationVisit, MeterHistory, MeterInstall, MeterList, MeterListQuery, MeterRemoval, MeterReplacement, MeterView, ReadingInput } from '@gasdesk/schema';
import { AppError } from '../../shared/app-error.ts';
import { currentUserId } from '../../shared/request-context.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { Account } from '../customers/account.model.ts';
import { MeterReading } from '../readings/meter-reading.model.ts';
import { estimateAbsence, recordLifeReading } from '../readings/reading-state.store.ts';
import { registryReadingProblems } from '../readings/registry-reading.ts';
import { Meter, MeterStatusEvent } from './meter.model.ts';
import { StockMovement } from './stock-movement.model.ts';
import { Warehouse } from './warehouse.model.ts';
import type { StockService } from './stock.service.ts';
import { presentMeter, presentMeters, presentMovement } from './meter.presenter.ts';

const withPlace = [
  { model: Account, as: 'account' },
  { model: Warehouse, as: 'warehouse' },
];

/** Meters at premises: install, remove, replace, and what a meter has been through. */
export class MeterService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly stock: StockService,
    private readonly audit: AuditService,
  ) {}

  async list(query: MeterListQuery): Promise<MeterList> {
    const where: WhereOptions<Meter> = {};
    if (query.serial) Object.assign(where, { serial: query.serial });
    if (query.status) Object.assign(where, { status: query.status });
    if (query.model) Object.assign(where, { model: query.model });
    if (query.warehouseId) Object.assign(where, { warehouseId: query.warehouseId });
    if (query.verificationDueBy) Object.assign(where, { nextVerificationDue: { [Op.lte]: query.verificationDueBy } });
    const { rows, count } = await Meter.findAndCountAll({ where, include: withPlace, order: [['serial', 'ASC']], limit: query.limit, offset: query.offset });
    return { items: await presentMeters(rows), total: count, limit: query.limit, offset: query.offset };
  }

  async get(id: number): Promise<MeterView> {
    const meter = await Meter.findByPk(id, { include: withPlace });
    if (!meter) throw AppError.notFound('meter');
    return (await presentMeters([meter]))[0]!;
  }

  async getMany(ids: number[]): Promise<MeterView[]> {
    const rows = await Meter.findAll({ where: { id: ids }, include: withPlace, order: [['id', 'ASC']] });
    return presentMeters(rows);
  }

  async history(id: number): Promise<MeterHistory> {
    const meter = await Meter.findByPk(id, { include: withPlace });
    if (!meter) throw AppError.notFound('meter');
    const [events, movements, readings] = await Promise.all([
      MeterStatusEvent.findAll({ where: { meterId: id }, order: [['id', 'ASC']] }),
      StockMovement.findAll({ where: { meterId: id }, order: [['id', 'ASC']] }),
      MeterReading.findAll({ where: { meterId: id }, order: [['readOn', 'ASC'], ['id', 'ASC']] }),
    ]);
    const last = readings[readings.length - 1];
    return {
      meter: presentMeter(meter, last && { value: last.value, readOn: last.readOn, reason: last.reason }),
      statusHistory: events.map((e) => ({ from: e.fromStatus, to: e.toStatus, on: e.onDate, accountId: e.accountId, note: e.note })),
      movements: movements.map((mv) => presentMovement(mv, meter.serial)),
      readings: readings.map((r) => ({ value: r.value, readOn: r.readOn, reason: r.reason, accountId: r.accountId })),
    };
  }

  /** Installs a meter from stock at an active account (an account has at most one meter installed). */
  async install(accountId: number, input: MeterInstall): Promise<MeterView> {
    const meter = await this.sequelize.transaction(async (t) => {
      const account = await this.activeAccount(accountId, t);
      const installed = await this.installInTransaction(account, input.meterId, input.reading, 'meterId', t);
      await this.audit.record({ action: 'meter.installed', companyId: account.companyId, targetType: 'meter', targetId: installed.id, details: { accountNo: account.accountNo, serial: installed.serial, reading: input.reading } }, t);
      return installed;
    });
    return this.get(meter.id);
  }

  /** Takes a meter off its premise back into a warehouse, with its removal reading. */
  async remove(meterId: number, input: MeterRemoval): Promise<MeterView> {
    await this.sequelize.transaction(async (t) => {
      const meter = await this.stock.meterForUpdate(meterId, t);
      if (meter.status !== 'installed' || meter.accountId === null) throw new AppError('conflict', `meter ${meter.serial} is not installed (status ${meter.status})`);
      const account = await Account.findByPk(meter.accountId, { transaction: t });
      await this.removeInTransaction(meter, input.reading, input.warehouseId, input.reason, 'removal', 'reading', t);
      await this.audit.record({ action: 'meter.removed', companyId: meter.companyId, targetType: 'meter', targetId: meter.id, details: { accountNo: account?.accountNo, serial: meter.serial, reading: input.reading, reason: input.reason } }, t);
    });
    return this.get(meterId);
  }

  /** 换表: removal reading of the old meter and install reading of the new one, on the same day, together. */
  async replace(accountId: number, input: MeterReplacement): Promise<MeterView> {
    await this.sequelize.transaction(async (t) => {
      const account = await this.activeAccount(accountId, t);
      const old = await this.stock.meterForUpdate(input.oldMeterId, t);
      if (old.accountId !== account.id || old.status !== 'installed') {
        throw new AppError('validation_failed', `meter ${old.serial} is not the meter installed at account ${account.accountNo}`, { issues: [{ field: 'oldMeterId', message: 'not installed at this account' }] });
      }
      await this.removeInTransaction(old, { value: input.removalReading, readOn: input.readOn }, input.warehouseId, input.reason, 'removal', 'removalReading', t);
      const fresh = await this.installInTransaction(account, input.newMeterId, { value: input.installReading, readOn: input.readOn }, 'newMeterId', t);
      await this.audit.record(
        {
          action: 'meter.replaced',
          companyId: account.companyId,
          targetType: 'account',
          targetId: account.id,
          details: { accountNo: account.accountNo, old: { serial: old.serial, removalReading: input.removalReading }, new: { serial: fresh.serial, installReading: input.installReading }, readOn: input.readOn, reason: input.reason },
        },
        t,
      );
    });
    return this.get(input.newMeterId);
  }

  /**
   * A meter's periodic verification (周期检定) by one of the three methods (see MeterCalibrationVisit):
   * replacement or switching take the meter off with its reading, put the other one in with its
   * reading and send the inspected meter to calibration; estimation records the reading when the
   * meter was taken, an estimated reading for the days it was away, and the register again when it
   * is back, so that the use in between is billed, flagged as estimated.
   */
  async calibrationVisit(accountId: number, input: MeterCalibrationVisit): Promise<MeterCalibrationDone> {
    return this.sequelize.transaction(async (t) => {
      const account = await this.activeAccount(accountId, t);
      const installed = await Meter.findOne({ where: { accountId: account.id, status: 'installed' }, transaction: t, lock: t.LOCK.UPDATE });
      if (!installed) throw new AppError('conflict', `account ${account.accountNo} has no meter installed`);
      const meter = await this.stock.meterForUpdate(installed.id, t);
      const audit = { action: 'meter.calibrated' as const, companyId: account.companyId, targetType: 'meter', targetId: meter.id };
      if (input.method !== 'estimation') {
        await this.removeInTransaction(meter, { value: input.removalReading, readOn: input.readOn }, input.warehouseId, input.note || `periodic verification (${input.method})`, 'removal', 'removalReading', t);
        const fresh = await this.installInTransaction(account, input.newMeterId, { value: input.installReading, readOn: input.readOn }, 'newMeterId', t);
        await this.stock.move(meter, { kind: 'sent_to_calibration', to: { status: 'in_calibration', warehouseId: null, accountId: null }, on: input.readOn, note: input.note || 'periodic verification' }, t);
        await this.audit.record({ ...audit, details: { accountNo: account.accountNo, method: input.method, serial: meter.serial, removalReading: input.removalReading, newSerial: fresh.serial, installReading: input.installReading } }, t);
        return { method: input.method, meterId: fresh.id, estimated: null };
      }
      if (input.returnedOn < input.takenOn) throw AppError.invalid('returnedOn', 'before the day the meter was taken');
      await this.checkReading(meter.id, { value: input.takenReading, readOn: input.takenOn }, 'takenReading', t);
      await this.recordReading(meter, account.id, { value: input.takenReading, readOn: input.takenOn }, 'calibration', t);
      const estimated = await estimateAbsence({ companyId: account.companyId, meterId: meter.id, accountId: account.id, registerDigits: meter.registerDigits, takenOn: input.takenOn, takenValue: input.takenReading, returnedOn: input.returnedOn }, t);
      // Back on the premise: the register goes on from where it stopped.
      await this.recordReading(meter, account.id, { value: input.takenReading, readOn: input.returnedOn }, 'install', t);
      await this.audit.record({ ...audit, details: { accountNo: account.accountNo, method: 'estimation', serial: meter.serial, takenReading: input.takenReading, takenOn: input.takenOn, returnedOn: input.returnedOn, estimated: estimated.volume } }, t);
      return { method: 'estimation', meterId: meter.id, estimated };
    });
  }

  async installInTransaction(account: Account, meterId: number, reading: ReadingInput, field: string, t: Transaction): Promise<Meter> {
    const meter = await Meter.findByPk(meterId, { transaction: t, lock: t.LOCK.UPDATE });
    if (!meter) throw new AppError('not_found', 'meter not found', { issues: [{ field, message: 'no such meter' }] });
    if (meter.status !== 'in_stock') {
      throw new AppError('conflict', `meter ${meter.serial} is ${meter.status}, not in stock: it cannot be installed`, { issues: [{ field, message: `meter is ${meter.status}` }] });
    }
    const current = await Meter.count({ where: { accountId: account.id, status: 'installed' }, transaction: t });
    if (current > 0) throw new AppError('conflict', `account ${account.accountNo} already has a meter installed; replace it instead`);
    await this.stock.move(meter, { kind: 'issued', to: { status: 'installed', warehouseId: null, accountId: account.id }, on: reading.readOn, note: `installed at ${account.accountNo}` }, t);
    await meter.update({ installedOn: reading.readOn }, { transaction: t });
    await this.recordReading(meter, account.id, reading, 'install', t);
    return meter;
  }

  async removeInTransaction(meter: Meter, reading: ReadingInput, warehouseId: number, note: string, reason: 'removal' | 'close', field: string, t: Transaction): Promise<void> {
    const warehouse = await this.stock.warehouse(warehouseId, 'warehouseId', t);
    const accountId = meter.accountId;
    await this.checkReading(meter.id, reading, field, t);
    await this.recordReading(meter, accountId, reading, reason, t);
    await this.stock.move(meter, { kind: 'returned', to: { status: 'removed', warehouseId: warehouse.id, accountId: null }, on: reading.readOn, note, accountId }, t);
  }

  /** Records a register value of the meter's life after checking it against the previous one. */
  async recordReading(meter: Meter, accountId: number | null, reading: ReadingInput, reason: string, t: Transaction): Promise<void> {
    await recordLifeReading({ companyId: meter.companyId, meterId: meter.id, accountId, value: reading.value, readOn: reading.readOn, reason, userId: currentUserId() }, t);
  }

  async checkReading(meterId: number, reading: ReadingInput, field: string, t: Transaction): Promise<void> {
    const previous = await MeterReading.findOne({ where: { meterId, status: 'accepted' }, order: [['readOn', 'DESC'], ['id', 'DESC']], transaction: t });
    const problems = registryReadingProblems(previous && { value: previous.value, readOn: previous.readOn }, reading, field);
    if (problems.length > 0) throw new AppError('validation_failed', problems.map((p) => `${p.field}: ${p.message}`).join('; '), { issues: problems });
  }

  async activeAccount(accountId: number, t: Transaction): Promise<Account> {
    const account = await Account.findByPk(accountId, { transaction: t, lock: t.LOCK.UPDATE });
    if (!account) throw AppError.notFound('account');
    if (account.status !== 'active') throw new AppError('conflict', `account ${account.accountNo} is ${account.status}`);
    return account;
  }
}
