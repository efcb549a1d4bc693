import { UniqueConstraintError, type CreationAttributes, type Sequelize, type Transaction } from 'sequelize';
import type { MeterCalibration, MeterStatus, StockLevels, StockMovementKind, StockReceipt, WarehouseCreate, WarehouseView } from '@gasdesk/schema';
import { AppError } from '../../shared/app-error.ts';
import { currentUserId, requireUser } from '../../shared/request-context.ts';
import { Meter, MeterStatusEvent } from './meter.model.ts';
import { StockMovement } from './stock-movement.model.ts';
import { Warehouse } from './warehouse.model.ts';

/** One change of a meter's place and status, written as a movement, a status event and the meter's new state. */
export interface MeterMove {
  kind: StockMovementKind;
  to: { status: MeterStatus; warehouseId: number | null; accountId: number | null };
  on: string;
  note: string;
  /** The account the movement concerns (issued to, returned from). */
  accountId?: number | null;
}

/**
 * The two rows one change of a meter's place writes: the movement and the status event. `move`
 * writes them one meter at a time; a bulk import writes the same rows in batches.
 */
export function moveRecords(
  meter: Pick<Meter, 'id' | 'companyId' | 'accountId'>,
  from: { status: MeterStatus | null; warehouseId: number | null },
  m: MeterMove,
  userId: number | null,
): { movement: CreationAttributes<StockMovement>; event: CreationAttributes<MeterStatusEvent> } {
  const accountId = m.accountId ?? m.to.accountId ?? meter.accountId;
  return {
    movement: { companyId: meter.companyId, meterId: meter.id, kind: m.kind, fromWarehouseId: from.warehouseId, toWarehouseId: m.to.warehouseId, accountId, movedOn: m.on, note: m.note, userId },
    event: { companyId: meter.companyId, meterId: meter.id, fromStatus: from.status, toStatus: m.to.status, onDate: m.on, accountId, note: m.note, userId },
  };
}

/**
 * Meter stock: warehouses, receipts, calibration and scrapping. Every change of where a meter is
 * goes through `move`, so the movements are the full record and the meter's columns its latest state.
 */
export class StockService {
  constructor(private readonly sequelize: Sequelize) {}

  async move(meter: Meter, m: MeterMove, transaction: Transaction): Promise<void> {
    await this.record(meter, { status: meter.status, warehouseId: meter.warehouseId }, m, transaction);
    meter.set({ status: m.to.status, warehouseId: m.to.warehouseId, accountId: m.to.accountId });
    await meter.save({ transaction });
  }

  /** Writes the movement and the status event of a change from `from` to `m.to`. */
  private async record(meter: Meter, from: { status: MeterStatus | null; warehouseId: number | null }, m: MeterMove, transaction: Transaction): Promise<void> {
    const { movement, event } = moveRecords(meter, from, m, currentUserId());
    await StockMovement.create(movement, { transaction });
    await MeterStatusEvent.create(event, { transaction });
  }

  async listWarehouses(): Promise<WarehouseView[]> {
    const rows = await Warehouse.findAll({ order: [['code', 'ASC']] });
    return rows.map((w) => ({ id: w.id, companyId: w.companyId, code: w.code, name: w.name, address: w.address }));
  }

  async createWarehouse(input: WarehouseCreate): Promise<WarehouseView> {
    const actor = requireUser();
    try {
      const w = await Warehouse.create({ companyId: actor.companyId, ...input });
      return { id: w.id, companyId: w.companyId, code: w.code, name: w.name, address: w.address };
    } catch (err) {
      if (err instanceof UniqueConstraintError) throw new AppError('conflict', `warehouse code ${input.code} is taken`, { issues: [{ field: 'code', message: 'already taken' }] });
      throw err;
    }
  }

  async warehouse(id: number, field = 'warehouseId', transaction?: Transaction): Promise<Warehouse> {
    const w = await Warehouse.findByPk(id, { transaction });
    if (!w) throw new AppError('not_found', 'warehouse not found', { issues: [{ field, message: 'no such warehouse' }] });
    return w;
  }

  /** Receives new meters into a warehouse: all of them or, on any problem, none. */
  async receive(input: StockReceipt, receivedOn: string): Promise<Meter[]> {
    const actor = requireUser();
    const seen = new Map<string, number>();
    input.meters.forEach((m, i) => {
      if (seen.has(m.serial)) throw AppError.invalid(`meters.${i}.serial`, `serial ${m.serial} appears twice in this receipt`);
      seen.set(m.serial, i);
    });
    return this.sequelize.transaction(async (t) => {
      const warehouse = await this.warehouse(input.warehouseId, 'warehouseId', t);
      const existing = await Meter.findAll({ where: { serial: [...seen.keys()] }, attributes: ['serial'], transaction: t });
      if (existing.length > 0) {
        const issues = existing.map((m) => ({ field: `meters.${seen.get(m.serial)}.serial`, message: `meter ${m.serial} is already registered` }));
        throw new AppError('conflict', issues.map((i) => i.message).join('; '), { issues });
      }
      const meters: Meter[] = [];
      for (const item of input.meters) {
        const meter = await Meter.create(
          {
            companyId: actor.companyId,
            serial: item.serial,
            kind: item.kind,
            maker: item.maker,
            model: item.model,
            registerDigits: item.registerDigits,
            maxFlow: item.maxFlow,
            hasCorrector: item.hasCorrector,
            status: 'in_stock',
            accountId: null,
            warehouseId: warehouse.id,
            installedOn: null,
            manufacturedOn: item.manufacturedOn,
            nextVerificationDue: item.nextVerificationDue,
            icCardNo: item.icCard?.cardNo ?? null,
            icCardMaker: item.icCard?.maker ?? null,
          },
          { transaction: t },
        );
        // A new meter has no previous state: the receipt is its first movement and status event.
        await this.record(meter, { status: null, warehouseId: null }, { kind: 'received', to: { status: 'in_stock', warehouseId: warehouse.id, accountId: null }, on: receivedOn, note: input.note }, t);
        meters.push(meter);
      }
      return meters;
    });
  }

  /** Sends a meter in a warehouse to calibration (检定), or takes it back in stock, verified. */
  async calibrate(meterId: number, input: MeterCalibration, on: string): Promise<Meter> {
    return this.sequelize.transaction(async (t) => {
      const meter = await this.meterForUpdate(meterId, t);
      const warehouse = await this.warehouse(input.warehouseId, 'warehouseId', t);
      if (input.action === 'send') {
        if (!['in_stock', 'removed'].includes(meter.status) || meter.warehouseId !== warehouse.id) {
          throw new AppError('conflict', `meter ${meter.serial} is not in warehouse ${warehouse.code} (status ${meter.status})`);
        }
        await this.move(meter, { kind: 'sent_to_calibration', to: { status: 'in_calibration', warehouseId: null, accountId: null }, on, note: input.note }, t);
      } else {
        if (meter.status !== 'in_calibration') throw new AppError('conflict', `meter ${meter.serial} is not at calibration (status ${meter.status})`);
        await this.move(meter, { kind: 'back_from_calibration', to: { status: 'in_stock', warehouseId: warehouse.id, accountId: null }, on, note: input.note }, t);
        if (input.nextVerificationDue) await meter.update({ nextVerificationDue: input.nextVerificationDue }, { transaction: t });
      }
      return meter;
    });
  }

  async scrap(meterId: number, note: string, on: string): Promise<Meter> {
    return this.sequelize.transaction(async (t) => {
      const meter = await this.meterForUpdate(meterId, t);
      if (meter.status === 'installed' || meter.status === 'scrapped') {
        throw new AppError('conflict', `meter ${meter.serial} cannot be scrapped while ${meter.status}`);
      }
      await this.move(meter, { kind: 'scrapped', to: { status: 'scrapped', warehouseId: null, accountId: null }, on, note }, t);
      return meter;
    });
  }

  async meterForUpdate(id: number, transaction: Transaction): Promise<Meter> {
    const meter = await Meter.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
    if (!meter) throw AppError.notFound('meter');
    return meter;
  }

  /** Meters physically in each warehouse, by model and status (a removed meter awaits calibration). */
  async levels(query: { warehouseId?: number; model?: string }): Promise<StockLevels> {
    const where: Record<string, unknown> = { status: ['in_stock', 'removed'] };
    if (query.warehouseId) where.warehouseId = query.warehouseId;
    if (query.model) where.model = query.model;
    const rows = (await Meter.findAll({
      where,
      attributes: ['warehouseId', 'kind', 'maker', 'model', 'status', [this.sequelize.fn('COUNT', this.sequelize.col('id')), 'count']],
      group: ['warehouseId', 'kind', 'maker', 'model', 'status'],
      raw: true,
    })) as unknown as { warehouseId: number; kind: Meter['kind']; maker: string; model: string; status: MeterStatus; count: number | string }[];
    const warehouses = new Map((await Warehouse.findAll()).map((w) => [w.id, w.name]));
    const items = new Map<string, StockLevels['items'][number]>();
    for (const r of rows) {
      const key = `${r.warehouseId}|${r.kind}|${r.maker}|${r.model}`;
      const item = items.get(key) ?? { warehouseId: r.warehouseId, warehouseName: warehouses.get(r.warehouseId) ?? '', kind: r.kind, maker: r.maker, model: r.model, available: 0, removed: 0 };
      if (r.status === 'in_stock') item.available += Number(r.count);
      else item.removed += Number(r.count);
      items.set(key, item);
    }
    return { items: [...items.values()].sort((a, b) => a.warehouseId - b.warehouseId || a.model.localeCompare(b.model)) };
  }

  /**
   * Recomputes where every meter is from its movements alone and lists the meters whose recorded
   * place disagrees. An empty list means the stock figures are exactly the sum of the movements.
   */
  async verifyLocations(): Promise<{ meterId: number; serial: string; recorded: number | null; fromMovements: number | null }[]> {
    const movements = await StockMovement.findAll({ attributes: ['meterId', 'toWarehouseId', 'id'], order: [['id', 'ASC']], raw: true });
    const place = new Map<number, number | null>();
    for (const mv of movements) place.set(mv.meterId, mv.toWarehouseId);
    const meters = await Meter.findAll({ attributes: ['id', 'serial', 'warehouseId'], raw: true });
    return meters
      .filter((m) => (place.get(m.id) ?? null) !== m.warehouseId)
      .map((m) => ({ meterId: m.id, serial: m.serial, recorded: m.warehouseId, fromMovements: place.get(m.id) ?? null }));
  }
}
