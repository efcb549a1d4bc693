import {
  AccountConsumption,
  ConsumptionQuery,
  IdParams,
  MeterReadingHistory,
  MeterReadingView,
  ReaderStats,
  ReaderStatsQuery,
  HhuExportQuery,
  HhuFile,
  HhuImportQuery,
  HhuImportReport,
  ReadingBookCreate,
  ReadingBookList,
  ReadingBookListQuery,
  ReadingBookPatch,
  ReadingBookView,
  ReadingCycleClosed,
  ReadingCycleCreate,
  ReadingCycleList,
  ReadingCycleView,
  ReadingEntries,
  ReadingEntriesResult,
  ReadingExceptionList,
  ReadingExceptionQuery,
  ReadingResolve,
  ReadingRoute,
  ReadingRouteView,
  RemoteReadingBatch,
  RemoteReadingReport,
  SelfReading,
  SelfReadingReceipt,
} from '@gasdesk/schema';
import express, { Router } from 'express';
import { z } from 'zod';
import { defineRoute } from '../../http/route.ts';
import { currentActor } from '../../shared/request-context.ts';
import type { HandheldService } from './handheld.service.ts';
import type { ReadingBookService } from './reading-book.service.ts';
import type { ReadingCycleService } from './reading-cycle.service.ts';
import type { ReadingExceptionService } from './reading-exception.service.ts';
import type { ReadingReportService } from './reading-report.service.ts';
import type { RemoteReadingService } from './remote-reading.service.ts';
import type { SelfReadingService } from './self-reading.service.ts';

export interface ReadingServices {
  books: ReadingBookService;
  handheld: HandheldService;
  cycles: ReadingCycleService;
  exceptions: ReadingExceptionService;
  remote: RemoteReadingService;
  selfReads: SelfReadingService;
  reports: ReadingReportService;
}

const HHU_PATH = '/reading-cycles/:id/hhu-file';
const CSV_MEDIA_TYPES = ['text/csv', 'application/csv', 'application/vnd.ms-excel', 'application/octet-stream'];
const HhuBytes = z.instanceof(Uint8Array, { message: 'send the handheld file itself as the body, with Content-Type: text/csv' });

/** The handheld file arrives raw (its encoding is told from its bytes), and only for a signed-in caller. */
export function handheldBodyParser(): Router {
  const raw = express.raw({ type: CSV_MEDIA_TYPES, limit: '5mb' });
  return Router().post(HHU_PATH, (req, res, next) => (currentActor()?.kind === 'user' ? raw(req, res, next) : next()));
}

export function readingRoutes(s: ReadingServices) {
  const tag = 'meter reading';
  return [
    defineRoute({ method: 'get', path: '/reading-books', summary: 'Reading books (routes) by code, name or reader', tag, access: { permission: 'readings:read' }, query: ReadingBookListQuery, response: ReadingBookList, handler: ({ query }) => s.books.list(query) }),
    defineRoute({ method: 'post', path: '/reading-books', summary: 'Create a reading book with its reader and schedule', tag, access: { permission: 'readings:manage' }, body: ReadingBookCreate, response: ReadingBookView, status: 201, handler: ({ body }) => s.books.create(body) }),
    defineRoute({ method: 'get', path: '/reading-books/:id', summary: 'One reading book', tag, access: { permission: 'readings:read' }, params: IdParams, response: ReadingBookView, handler: ({ params }) => s.books.get(params.id) }),
    defineRoute({ method: 'patch', path: '/reading-books/:id', summary: 'Change a book’s name, reader, schedule or read day, or retire it', tag, access: { permission: 'readings:manage' }, params: IdParams, body: ReadingBookPatch, response: ReadingBookView, handler: ({ params, body }) => s.books.update(params.id, body) }),
    defineRoute({ method: 'get', path: '/reading-books/:id/route', summary: 'The book’s accounts in reading order, with their meters', tag, access: { permission: 'readings:read' }, params: IdParams, response: ReadingRouteView, handler: ({ params }) => s.books.route(params.id) }),
    defineRoute({ method: 'put', path: '/reading-books/:id/route', summary: 'Set the book’s accounts and their order; accounts left out leave the book', tag, access: { permission: 'readings:manage' }, params: IdParams, body: ReadingRoute, response: ReadingRouteView, handler: ({ params, body }) => s.books.setRoute(params.id, body) }),
    defineRoute({ method: 'get', path: '/reading-books/:id/cycles', summary: 'The book’s cycles, newest first, with their progress', tag, access: { permission: 'readings:read' }, params: IdParams, response: ReadingCycleList, handler: ({ params }) => s.cycles.list(params.id) }),
    defineRoute({ method: 'post', path: '/reading-books/:id/cycles', summary: 'Open the book’s cycle for a month: one expected reading per meter on the route (opening it again returns it)', tag, access: { permission: 'readings:manage' }, params: IdParams, body: ReadingCycleCreate, response: ReadingCycleView, handler: ({ params, body }) => s.cycles.open(params.id, body.period) }),
    defineRoute({ method: 'get', path: '/reading-cycles/:id', summary: 'A cycle with its expected readings in route order, each with the previous reading', tag, access: { permission: 'readings:read' }, params: IdParams, response: ReadingCycleView, handler: ({ params }) => s.cycles.get(params.id) }),
    defineRoute({ method: 'post', path: '/reading-cycles/:id/readings', summary: 'Enter readings (or fault codes) of a cycle; each is validated and accepted or queued as an exception', tag, access: { permission: 'readings:write' }, params: IdParams, body: ReadingEntries, response: ReadingEntriesResult, handler: ({ params, body }) => s.cycles.enter(params.id, body) }),
    defineRoute({ method: 'post', path: '/reading-cycles/:id/close', summary: 'Close a cycle: unread meters are estimated, or need a visit once their estimates in a row reach the limit', tag, access: { permission: 'readings:manage' }, params: IdParams, response: ReadingCycleClosed, handler: ({ params }) => s.cycles.close(params.id) }),
    defineRoute({ method: 'get', path: HHU_PATH, summary: 'The cycle as a handheld file (CSV in UTF-8 or GBK, with a checksummed header), base64', tag, access: { permission: 'readings:write' }, params: IdParams, query: HhuExportQuery, response: HhuFile, handler: ({ params, query }) => s.handheld.exportFile(params.id, query.encoding) }),
    defineRoute({
      method: 'post',
      path: HHU_PATH,
      summary: 'Import a handheld’s result file into the cycle; a file for another book or cycle, or with changed rows, is refused; the same file twice changes nothing',
      tag,
      access: { permission: 'readings:write' },
      params: IdParams,
      query: HhuImportQuery,
      body: HhuBytes,
      bodyMediaType: 'text/csv',
      response: HhuImportReport,
      handler: ({ params, query, body }) => s.handheld.importFile(params.id, body, query.fileName),
    }),
    defineRoute({ method: 'post', path: '/readings/remote', summary: 'Readings from a meter head-end, up to 5,000 at once; idempotent per meter and moment', tag, access: { permission: 'readings:remote' }, body: RemoteReadingBatch, response: RemoteReadingReport, handler: ({ body }) => s.remote.ingest(body) }),
    defineRoute({
      method: 'post',
      path: '/self-service/readings',
      summary: 'A customer’s own reading (no sign-in): company code, account number, the last four digits of a phone on the account, and the value; wrong pairs are throttled',
      tag,
      access: { public: true },
      body: SelfReading,
      response: SelfReadingReceipt,
      handler: ({ body, req }) => s.selfReads.submit(body, req.ip ?? null),
    }),
    defineRoute({ method: 'get', path: '/readings/exceptions', summary: 'The exception queue: readings that failed validation, with their reasons and the previous reading', tag, access: { permission: 'readings:read' }, query: ReadingExceptionQuery, response: ReadingExceptionList, handler: ({ query }) => s.exceptions.list(query) }),
    defineRoute({ method: 'post', path: '/readings/:id/resolve', summary: 'Resolve a queued reading: accept, correct, order a re-read or estimate', tag, access: { permission: 'readings:write' }, params: IdParams, body: ReadingResolve, response: MeterReadingView, handler: ({ params, body }) => s.exceptions.resolve(params.id, body) }),
    defineRoute({ method: 'get', path: '/meters/:id/readings', summary: 'Every reading of a meter, for its history chart', tag, access: { permission: 'readings:read' }, params: IdParams, response: MeterReadingHistory, handler: ({ params }) => s.reports.meterHistory(params.id) }),
    defineRoute({ method: 'get', path: '/accounts/:id/consumption', summary: 'An account’s consumption over a period with its provenance (actual, estimated, corrected, meter change)', tag, access: { permission: 'readings:read' }, params: IdParams, query: ConsumptionQuery, response: AccountConsumption, handler: ({ params, query }) => s.reports.consumption(params.id, query) }),
    defineRoute({ method: 'get', path: '/readings/reader-stats', summary: 'Per reader, a month’s cycles: meters, read, exceptions, faults, estimates, pending', tag, access: { permission: 'readings:read' }, query: ReaderStatsQuery, response: ReaderStats, handler: ({ query }) => s.reports.readerStats(query) }),
  ];
}
