import { z } from 'zod';
import { Id, Timestamp, pageOf, PageQuery } from '../common.ts';
import { MeterKind, MeterStatus, RegistryReadingReason, StockMovementKind } from './enums.ts';
import { BusinessDate, PositiveDecimal, RegisterValue } from './fields.ts';

export const IcCardBinding = z.object({
  cardNo: z.string().trim().min(4).max(32),
  /** The card vendor (meter maker's card system), e.g. `goldcard`, `viewshine`. */
  maker: z.string().trim().min(1).max(32),
});

/** A new meter received into stock. */
export const MeterReceiptItem = z
  .object({
    serial: z.string().trim().min(3).max(32),
    kind: MeterKind,
    maker: z.string().trim().min(1).max(32),
    model: z.string().trim().min(1).max(32),
    /** Integer digits of the register; it rolls over at 10^digits m³. */
    registerDigits: z.number().int().min(4).max(9).default(5),
    maxFlow: PositiveDecimal.describe('maximum flow, m³/h'),
    hasCorrector: z.boolean().default(false),
    manufacturedOn: BusinessDate.nullable().default(null),
    nextVerificationDue: BusinessDate.nullable().default(null),
    icCard: IcCardBinding.nullable().default(null),
  })
  .superRefine((m, ctx) => {
    if (m.kind === 'ic_card' && !m.icCard) ctx.addIssue({ code: 'custom', path: ['icCard'], message: 'an IC-card meter needs its card' });
    if (m.kind !== 'ic_card' && m.icCard) ctx.addIssue({ code: 'custom', path: ['icCard'], message: 'only IC-card meters carry a card' });
  });
export type MeterReceiptItem = z.infer<typeof MeterReceiptItem>;

export const StockReceipt = z.object({
  warehouseId: Id,
  meters: z.array(MeterReceiptItem).min(1).max(500),
  note: z.string().trim().max(200).default(''),
});
export type StockReceipt = z.infer<typeof StockReceipt>;

export const ReadingView = z.object({
  value: z.string(),
  readOn: BusinessDate,
  reason: z.string(),
});
export type ReadingView = z.infer<typeof ReadingView>;

export const MeterView = z.object({
  id: Id,
  companyId: Id,
  serial: z.string(),
  kind: MeterKind,
  maker: z.string(),
  model: z.string(),
  registerDigits: z.number().int(),
  /** Where the register wraps: 10^digits m³. */
  rolloverValue: z.string(),
  maxFlow: z.string(),
  hasCorrector: z.boolean(),
  status: MeterStatus,
  accountId: Id.nullable(),
  accountNo: z.string().nullable(),
  warehouseId: Id.nullable(),
  warehouseName: z.string().nullable(),
  installedOn: BusinessDate.nullable(),
  nextVerificationDue: BusinessDate.nullable(),
  icCard: IcCardBinding.nullable(),
  lastReading: ReadingView.nullable(),
});
export type MeterView = z.infer<typeof MeterView>;

export const MeterList = pageOf(MeterView);
export type MeterList = z.infer<typeof MeterList>;

export const MeterListQuery = PageQuery.extend({
  serial: z.string().trim().max(32).optional(),
  status: MeterStatus.optional(),
  model: z.string().trim().max(32).optional(),
  warehouseId: Id.optional(),
  /** Meters whose verification falls due on or before this date. */
  verificationDueBy: BusinessDate.optional(),
});
export type MeterListQuery = z.infer<typeof MeterListQuery>;

/** A register value read at a moment of the meter's life (install, removal, transfer, close). */
export const ReadingInput = z.object({
  value: RegisterValue,
  readOn: BusinessDate,
});
export type ReadingInput = z.infer<typeof ReadingInput>;

export const MeterInstall = z.object({
  meterId: Id,
  reading: ReadingInput,
});
export type MeterInstall = z.infer<typeof MeterInstall>;

export const MeterRemoval = z.object({
  reading: ReadingInput,
  /** The warehouse the meter goes back to. */
  warehouseId: Id,
  reason: z.string().trim().min(1).max(200),
});
export type MeterRemoval = z.infer<typeof MeterRemoval>;

/** 换表: the old meter's removal reading and the new meter's install reading, on one day. */
export const MeterReplacement = z.object({
  oldMeterId: Id,
  removalReading: RegisterValue,
  newMeterId: Id,
  installReading: RegisterValue,
  readOn: BusinessDate,
  warehouseId: Id,
  reason: z.string().trim().min(1).max(200),
});
export type MeterReplacement = z.infer<typeof MeterReplacement>;

export const MeterCalibration = z.object({
  action: z.enum(['send', 'return']),
  /** On return, the warehouse that takes the meter back; on send, the one it leaves. */
  warehouseId: Id,
  nextVerificationDue: BusinessDate.nullable().default(null),
  note: z.string().trim().max(200).default(''),
});
export type MeterCalibration = z.infer<typeof MeterCalibration>;

export const MeterScrap = z.object({ note: z.string().trim().min(1).max(200) });

export const StockMovementView = z.object({
  id: Id,
  kind: StockMovementKind,
  meterId: Id,
  serial: z.string(),
  fromWarehouseId: Id.nullable(),
  toWarehouseId: Id.nullable(),
  accountId: Id.nullable(),
  movedOn: BusinessDate,
  note: z.string(),
  userId: Id.nullable(),
  createdAt: Timestamp,
});
export type StockMovementView = z.infer<typeof StockMovementView>;

export const MeterHistory = z.object({
  meter: MeterView,
  statusHistory: z.array(z.object({ from: MeterStatus.nullable(), to: MeterStatus, on: BusinessDate, accountId: Id.nullable(), note: z.string() })),
  movements: z.array(StockMovementView),
  readings: z.array(ReadingView.extend({ accountId: Id.nullable(), reason: RegistryReadingReason.or(z.string()) })),
});
export type MeterHistory = z.infer<typeof MeterHistory>;

export const WarehouseView = z.object({ id: Id, companyId: Id, code: z.string(), name: z.string(), address: z.string() });
export type WarehouseView = z.infer<typeof WarehouseView>;
export const WarehouseCreate = z.object({ code: z.string().trim().min(1).max(32), name: z.string().trim().min(1).max(64), address: z.string().trim().max(128).default('') });
export type WarehouseCreate = z.infer<typeof WarehouseCreate>;
export const WarehouseList = z.object({ items: z.array(WarehouseView) });

export const StockLevelQuery = z.object({ warehouseId: Id.optional(), model: z.string().trim().max(32).optional() });
export const StockLevels = z.object({
  items: z.array(
    z.object({
      warehouseId: Id,
      warehouseName: z.string(),
      kind: MeterKind,
      maker: z.string(),
      model: z.string(),
      /** New or calibrated meters ready to install. */
      available: z.number().int(),
      /** Meters taken from premises, waiting for calibration before reuse. */
      removed: z.number().int(),
    }),
  ),
});
export type StockLevels = z.infer<typeof StockLevels>;
