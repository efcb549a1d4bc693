import { z } from 'zod';
import { Id, PageQuery, Timestamp, pageOf } from '../common.ts';
import { BusinessDate } from '../registry/fields.ts';
import { Period, ReadingFaultCode, ReadingKind, ReadingProblemView, ReadingStatus } from './readings.ts';

/** 抄表频次: every month, or every other month on odd or on even months. */
export const ReadingSchedule = z.enum(['monthly', 'odd_months', 'even_months']);
export type ReadingSchedule = z.infer<typeof ReadingSchedule>;

export const BookCode = z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, dash or underscore');

/** 抄表本: a route of accounts read in one round by one reader. Its accounts carry its code (`readingBookCode`). */
export const ReadingBookCreate = z.object({
  code: BookCode,
  name: z.string().trim().min(1).max(64),
  readerId: Id.nullable().default(null),
  schedule: ReadingSchedule.default('monthly'),
  /** The day of the month the reader goes out (1–28, so that every month has it). */
  readDay: z.number().int().min(1).max(28).default(15),
});
export type ReadingBookCreate = z.infer<typeof ReadingBookCreate>;

export const ReadingBookPatch = z
  .object({
    name: z.string().trim().min(1).max(64),
    readerId: Id.nullable(),
    schedule: ReadingSchedule,
    readDay: z.number().int().min(1).max(28),
    active: z.boolean(),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'name at least one field to change' });
export type ReadingBookPatch = z.infer<typeof ReadingBookPatch>;

export const ReadingBookView = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  readerId: Id.nullable(),
  readerName: z.string().nullable(),
  schedule: ReadingSchedule,
  readDay: z.number().int(),
  active: z.boolean(),
  /** Active accounts on the route. */
  accounts: z.number().int(),
  latestCycle: z.object({ id: Id, period: Period, status: z.enum(['open', 'closed']) }).nullable(),
  createdAt: Timestamp,
});
export type ReadingBookView = z.infer<typeof ReadingBookView>;

export const ReadingBookList = pageOf(ReadingBookView);
export type ReadingBookList = z.infer<typeof ReadingBookList>;

export const ReadingBookListQuery = PageQuery.extend({
  q: z.string().trim().max(64).optional(),
  readerId: Id.optional(),
});
export type ReadingBookListQuery = z.infer<typeof ReadingBookListQuery>;

/** `PUT /api/reading-books/:id/route`: the book's accounts in reading order (accounts left out leave the book). */
export const ReadingRoute = z.object({ accountIds: z.array(Id).max(5000) });
export type ReadingRoute = z.infer<typeof ReadingRoute>;

export const ReadingRouteStop = z.object({
  sequence: z.number().int(),
  accountId: Id,
  accountNo: z.string(),
  address: z.string(),
  meterId: Id.nullable(),
  meterSerial: z.string().nullable(),
  meterKind: z.string().nullable(),
});
export const ReadingRouteView = z.object({ bookId: Id, stops: z.array(ReadingRouteStop) });
export type ReadingRouteView = z.infer<typeof ReadingRouteView>;

// ------------------------------------------------------------------ cycles and their expected readings

export const ReadingCycleCreate = z.object({ period: Period });
export type ReadingCycleCreate = z.infer<typeof ReadingCycleCreate>;

/** 抄表任务: one expected reading of a cycle — a meter on the route, in route order. */
export const ReadingTaskStatus = z.enum(['pending', 'read', 'exception', 'fault', 'estimated', 'visit_required']);
export type ReadingTaskStatus = z.infer<typeof ReadingTaskStatus>;

export const ReadingTaskView = z.object({
  id: Id,
  sequence: z.number().int(),
  accountId: Id,
  accountNo: z.string(),
  address: z.string(),
  meterId: Id,
  meterSerial: z.string(),
  registerDigits: z.number().int(),
  previous: z.object({ value: z.string(), readOn: BusinessDate, kind: ReadingKind }).nullable(),
  status: ReadingTaskStatus,
  reading: z
    .object({ id: Id, value: z.string(), readOn: BusinessDate, status: ReadingStatus, kind: ReadingKind, consumption: z.string().nullable(), problems: z.array(ReadingProblemView) })
    .nullable(),
  faultCode: ReadingFaultCode.nullable(),
  note: z.string().nullable(),
});
export type ReadingTaskView = z.infer<typeof ReadingTaskView>;

export const ReadingCycleSummary = z.object({
  tasks: z.number().int(),
  pending: z.number().int(),
  read: z.number().int(),
  exception: z.number().int(),
  fault: z.number().int(),
  estimated: z.number().int(),
  visitRequired: z.number().int(),
});
export type ReadingCycleSummary = z.infer<typeof ReadingCycleSummary>;

export const ReadingCycleView = z.object({
  id: Id,
  bookId: Id,
  bookCode: z.string(),
  bookName: z.string(),
  period: Period,
  status: z.enum(['open', 'closed']),
  readerId: Id.nullable(),
  readerName: z.string().nullable(),
  plannedOn: BusinessDate,
  closedAt: Timestamp.nullable(),
  summary: ReadingCycleSummary,
  tasks: z.array(ReadingTaskView),
});
export type ReadingCycleView = z.infer<typeof ReadingCycleView>;

export const ReadingCycleList = z.object({ items: z.array(ReadingCycleView.omit({ tasks: true })) });
export type ReadingCycleList = z.infer<typeof ReadingCycleList>;

/** What closing a cycle did: unread meters estimated, or marked for a visit when their estimates ran out. */
export const ReadingCycleClosed = z.object({
  cycle: ReadingCycleView.omit({ tasks: true }),
  estimated: z.number().int(),
  visitRequired: z.number().int(),
});
export type ReadingCycleClosed = z.infer<typeof ReadingCycleClosed>;

export const HhuEncoding = z.enum(['utf-8', 'gbk']);
export type HhuEncoding = z.infer<typeof HhuEncoding>;
export const HhuExportQuery = z.object({ encoding: HhuEncoding.default('utf-8') });
export type HhuExportQuery = z.infer<typeof HhuExportQuery>;

/** The validation report of an imported handheld file. */
export const HhuImportReport = z.object({
  importId: Id,
  fileName: z.string(),
  /** True when this very file was imported before: nothing changed. */
  alreadyImported: z.boolean(),
  rows: z.number().int(),
  accepted: z.number().int(),
  exceptions: z.number().int(),
  faults: z.number().int(),
  duplicates: z.number().int(),
  problems: z.array(z.object({ line: z.number().int(), taskId: Id.nullable(), meterSerial: z.string().nullable(), outcome: z.string(), messages: z.array(z.string()) })),
  importedAt: Timestamp,
});
export type HhuImportReport = z.infer<typeof HhuImportReport>;

/** `GET /api/reading-cycles/:id/hhu-file`: the cycle's expected readings as a handheld file, base64 so that GBK bytes travel whole. */
export const HhuFile = z.object({ fileName: z.string(), encoding: HhuEncoding, base64: z.string() });
export type HhuFile = z.infer<typeof HhuFile>;

/** `POST /api/reading-cycles/:id/hhu-file?fileName=…`: the body is the handheld's result file itself (`Content-Type: text/csv`). */
export const HhuImportQuery = z.object({ fileName: z.string().trim().min(1).max(200).default('handheld.csv') });
export type HhuImportQuery = z.infer<typeof HhuImportQuery>;
