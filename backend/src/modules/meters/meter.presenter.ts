import { Op, type Transaction } from 'sequelize';
import type { MeterView, ReadingView, StockMovementView } from '@gasdesk/schema';
import { MeterReading } from '../readings/meter-reading.model.ts';
import type { Meter } from './meter.model.ts';
import type { StockMovement } from './stock-movement.model.ts';

/** The latest reading of each meter, in one query. */
export async function lastReadings(meterIds: number[], transaction?: Transaction): Promise<Map<number, ReadingView>> {
  const latest = new Map<number, ReadingView>();
  if (meterIds.length === 0) return latest;
  const rows = await MeterReading.findAll({
    where: { meterId: { [Op.in]: meterIds } },
    order: [['readOn', 'DESC'], ['id', 'DESC']],
    transaction,
  });
  for (const r of rows) {
    if (!latest.has(r.meterId)) latest.set(r.meterId, { value: r.value, readOn: r.readOn, reason: r.reason });
  }
  return latest;
}

/** Meters must be loaded with `account` and `warehouse` included. */
export function presentMeter(m: Meter, last: ReadingView | undefined): MeterView {
  return {
    id: m.id,
    companyId: m.companyId,
    serial: m.serial,
    kind: m.kind,
    maker: m.maker,
    model: m.model,
    registerDigits: m.registerDigits,
    rolloverValue: `1${'0'.repeat(m.registerDigits)}`,
    maxFlow: m.maxFlow,
    hasCorrector: m.hasCorrector,
    status: m.status,
    accountId: m.accountId,
    accountNo: m.account?.accountNo ?? null,
    warehouseId: m.warehouseId,
    warehouseName: m.warehouse?.name ?? null,
    installedOn: m.installedOn,
    nextVerificationDue: m.nextVerificationDue,
    icCard: m.icCardNo ? { cardNo: m.icCardNo, maker: m.icCardMaker ?? '' } : null,
    lastReading: last ?? null,
  };
}

export async function presentMeters(meters: Meter[], transaction?: Transaction): Promise<MeterView[]> {
  const last = await lastReadings(meters.map((m) => m.id), transaction);
  return meters.map((m) => presentMeter(m, last.get(m.id)));
}

export function presentMovement(mv: StockMovement, serial: string): StockMovementView {
  return {
    id: mv.id,
    kind: mv.kind,
    meterId: mv.meterId,
    serial,
    fromWarehouseId: mv.fromWarehouseId,
    toWarehouseId: mv.toWarehouseId,
    accountId: mv.accountId,
    movedOn: mv.movedOn,
    note: mv.note,
    userId: mv.userId,
    createdAt: mv.createdAt.toISOString(),
  };
}
