import { z } from 'zod';
import { Id, PageQuery, Timestamp, pageOf } from '../common.ts';
import { BusinessDate, RegisterValue } from '../registry/fields.ts';

/** A month written `YYYY-MM`: a reading cycle's period. */
export const Period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month written YYYY-MM');
export type Period = z.infer<typeof Period>;

/** 实抄 / 估抄: read off the register, or estimated because nobody could read it. */
export const ReadingKind = z.enum(['actual', 'estimated']);
export type ReadingKind = z.infer<typeof ReadingKind>;

/** Only `accepted` readings count; `exception` waits for a person; the other two are kept for the record. */
export const ReadingStatus = z.enum(['accepted', 'exception', 'rejected', 'superseded']);
export type ReadingStatus = z.infer<typeof ReadingStatus>;

/** How a reading came in. `registry` readings are the registry's install/removal/transfer/close values. */
export const ReadingSource = z.enum(['manual', 'hhu', 'remote', 'self', 'estimate', 'registry']);
export type ReadingSource = z.infer<typeof ReadingSource>;

/** What a person decided about a reading in the exception queue. */
export const ReadingResolution = z.enum(['accepted', 'corrected', 'reread', 'estimated']);
export type ReadingResolution = z.infer<typeof ReadingResolution>;

/** Why a reading is not accepted as it is (see backend readings/core/reading-checks.ts for each rule). */
export const READING_PROBLEM_CODES = ['date_before_last', 'same_day_different_value', 'lower_than_last', 'above_max_flow', 'high_use', 'low_use', 'zero_use_occupied'] as const;
export const ReadingProblemCode = z.enum(READING_PROBLEM_CODES);
export type ReadingProblemCode = z.infer<typeof ReadingProblemCode>;

/** One reason a reading failed validation: a closed code the desk translates, a message, and the figures behind it. */
export const ReadingProblemView = z.object({
  code: ReadingProblemCode,
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type ReadingProblemView = z.infer<typeof ReadingProblemView>;

/** 故障代码: why a reader brought back no value. */
export const ReadingFaultCode = z.enum(['no_access', 'meter_damaged', 'dial_unreadable']);
export type ReadingFaultCode = z.infer<typeof ReadingFaultCode>;

export const MeterReadingView = z.object({
  id: Id,
  meterId: Id,
  meterSerial: z.string(),
  accountId: Id.nullable(),
  accountNo: z.string().nullable(),
  value: z.string(),
  readOn: BusinessDate,
  readAt: Timestamp.nullable(),
  reason: z.string(),
  source: ReadingSource,
  kind: ReadingKind,
  status: ReadingStatus,
  consumption: z.string().nullable(),
  standardValue: z.string().nullable(),
  rollover: z.boolean(),
  problems: z.array(ReadingProblemView),
  note: z.string().nullable(),
  resolution: ReadingResolution.nullable(),
  resolvedAt: Timestamp.nullable(),
  createdAt: Timestamp,
});
export type MeterReadingView = z.infer<typeof MeterReadingView>;

/** The outcome of one submitted reading. `duplicate` changed nothing (the same reading was already there). */
export const ReadingOutcome = z.enum(['accepted', 'exception', 'duplicate', 'fault', 'refused']);
export type ReadingOutcome = z.infer<typeof ReadingOutcome>;

// ------------------------------------------------------------------ manual entry in a cycle

/** One line typed on the entry screen: a value, or a fault code saying why there is none. */
export const ReadingEntry = z
  .object({
    taskId: Id,
    value: RegisterValue.nullable().default(null),
    readOn: BusinessDate,
    faultCode: ReadingFaultCode.nullable().default(null),
    note: z.string().trim().max(200).default(''),
  })
  .refine((e) => (e.value === null) !== (e.faultCode === null), { message: 'give either a value or a fault code', path: ['value'] });
export type ReadingEntry = z.infer<typeof ReadingEntry>;

export const ReadingEntries = z.object({ entries: z.array(ReadingEntry).min(1).max(500) });
export type ReadingEntries = z.infer<typeof ReadingEntries>;

export const ReadingEntryResult = z.object({
  taskId: Id,
  outcome: ReadingOutcome,
  readingId: Id.nullable(),
  consumption: z.string().nullable(),
  problems: z.array(ReadingProblemView),
});
export type ReadingEntryResult = z.infer<typeof ReadingEntryResult>;
export const ReadingEntriesResult = z.object({ results: z.array(ReadingEntryResult) });
export type ReadingEntriesResult = z.infer<typeof ReadingEntriesResult>;

// ------------------------------------------------------------------ remote reads

/** `POST /api/readings/remote`: readings pushed by a meter head-end (NB-IoT / AMR), idempotent per meter and moment. */
export const RemoteReading = z.object({
  meterSerial: z.string().trim().min(3).max(32),
  value: RegisterValue,
  /** When the meter took the reading (ISO 8601 with offset or Z). */
  readAt: z.iso.datetime({ offset: true }),
  /** A volume corrector's standard-volume total (20 °C, 101.325 kPa), when the meter has one. */
  standardTotal: RegisterValue.optional(),
});
export type RemoteReading = z.infer<typeof RemoteReading>;

export const RemoteReadingBatch = z.object({ readings: z.array(RemoteReading).min(1).max(5000) });
export type RemoteReadingBatch = z.infer<typeof RemoteReadingBatch>;

export const RemoteReadingReport = z.object({
  received: z.number().int(),
  accepted: z.number().int(),
  exceptions: z.number().int(),
  duplicates: z.number().int(),
  /** Rows not stored: unknown serial, a meter not installed, a value that does not parse. */
  refused: z.array(z.object({ index: z.number().int(), meterSerial: z.string(), reason: z.string() })),
});
export type RemoteReadingReport = z.infer<typeof RemoteReadingReport>;

// ------------------------------------------------------------------ self-reads

/** `POST /api/self-service/readings`: a customer's own reading (web self-service; SMS later), checked against the account's phone. */
export const SelfReading = z.object({
  /** The gas company's code, as printed on the bill (one GasDesk serves several companies). */
  companyCode: z.string().trim().min(2).max(16),
  accountNo: z.string().trim().min(3).max(32),
  /** The last four digits of a phone on the account: enough to stop typos and strangers, no login needed. */
  phoneLast4: z.string().regex(/^\d{4}$/, 'four digits'),
  value: RegisterValue,
});
export type SelfReading = z.infer<typeof SelfReading>;

export const SelfReadingReceipt = z.object({
  outcome: ReadingOutcome,
  /** What the customer is told, in plain words (the exact figures stay with the company). */
  message: z.string(),
});
export type SelfReadingReceipt = z.infer<typeof SelfReadingReceipt>;

// ------------------------------------------------------------------ exception queue

export const ReadingExceptionQuery = PageQuery.extend({
  cycleId: Id.optional(),
  bookId: Id.optional(),
  code: z.string().max(40).optional(),
});
export type ReadingExceptionQuery = z.infer<typeof ReadingExceptionQuery>;

export const ReadingExceptionView = MeterReadingView.extend({
  previous: z.object({ value: z.string(), readOn: BusinessDate, kind: ReadingKind }).nullable(),
  bookCode: z.string().nullable(),
  address: z.string().nullable(),
});
export type ReadingExceptionView = z.infer<typeof ReadingExceptionView>;

export const ReadingExceptionList = pageOf(ReadingExceptionView);
export type ReadingExceptionList = z.infer<typeof ReadingExceptionList>;

/**
 * `POST /api/readings/:id/resolve`: accept the reading as it is, correct its value, order a
 * re-read (the reading is rejected and its task opens again), or estimate instead.
 */
export const ReadingResolve = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept'), note: z.string().trim().min(1).max(200) }),
  z.object({ action: z.literal('correct'), value: RegisterValue, note: z.string().trim().min(1).max(200) }),
  z.object({ action: z.literal('reread'), note: z.string().trim().max(200).default('') }),
  z.object({ action: z.literal('estimate'), note: z.string().trim().max(200).default('') }),
]);
export type ReadingResolve = z.infer<typeof ReadingResolve>;

// ------------------------------------------------------------------ history, consumption, statistics

export const MeterReadingHistory = z.object({
  meterId: Id,
  serial: z.string(),
  registerDigits: z.number().int(),
  readings: z.array(MeterReadingView),
});
export type MeterReadingHistory = z.infer<typeof MeterReadingHistory>;

export const ConsumptionQuery = z.object({
  from: BusinessDate,
  to: BusinessDate,
  /** For a meter without a corrector: the period's average absolute pressure (kPa) and gas temperature (°C), to give the standard volume too. */
  pressureKpa: z.coerce.number().positive().max(10_000).optional(),
  temperatureC: z.coerce.number().min(-50).max(80).optional(),
}).refine((q) => (q.pressureKpa === undefined) === (q.temperatureC === undefined), { message: 'give both pressureKpa and temperatureC, or neither', path: ['pressureKpa'] });
export type ConsumptionQuery = z.infer<typeof ConsumptionQuery>;

/** An account's consumption over a period with where it comes from — what billing rates. */
export const AccountConsumption = z.object({
  accountId: Id,
  from: BusinessDate,
  to: BusinessDate,
  covered: z.boolean(),
  volume: z.string().nullable(),
  /** At 20 °C and 101.325 kPa: from the corrector's totals, or computed from the conditions given. */
  standardVolume: z.string().nullable(),
  standardSource: z.enum(['corrector', 'computed', 'none']),
  provenance: z.array(z.enum(['actual', 'estimated', 'corrected', 'meter_change'])),
  segments: z.array(
    z.object({
      meterId: Id,
      from: z.object({ value: z.string(), readOn: BusinessDate, kind: ReadingKind }),
      to: z.object({ value: z.string(), readOn: BusinessDate, kind: ReadingKind }),
      volume: z.string(),
      rollover: z.boolean(),
    }),
  ),
  explanation: z.string(),
});
export type AccountConsumption = z.infer<typeof AccountConsumption>;

export const ReaderStatsQuery = z.object({ period: Period });
export type ReaderStatsQuery = z.infer<typeof ReaderStatsQuery>;

export const ReaderStats = z.object({
  period: z.string(),
  readers: z.array(
    z.object({
      readerId: Id.nullable(),
      readerName: z.string().nullable(),
      books: z.number().int(),
      tasks: z.number().int(),
      read: z.number().int(),
      exceptions: z.number().int(),
      faults: z.number().int(),
      estimated: z.number().int(),
      pending: z.number().int(),
      /** exceptions ÷ readings taken, 0–1. */
      exceptionRate: z.number(),
    }),
  ),
});
export type ReaderStats = z.infer<typeof ReaderStats>;
