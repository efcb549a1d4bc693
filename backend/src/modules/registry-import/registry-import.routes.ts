import { readFileSync } from 'node:fs';
import express, { Router } from 'express';
import { z } from 'zod';
import { ImportQuery, ImportReport, ImportSample } from '@gasdesk/schema';
import { defineRoute } from '../../http/route.ts';
import { currentActor } from '../../shared/request-context.ts';
import type { RegistryImportService } from './registry-import.service.ts';

const IMPORTS_PATH = '/registry/imports';
const SAMPLE_FILE = 'sample-import.csv';
/** Browsers on Windows label a `.csv` file as an Excel document; both mean the same bytes. */
const CSV_MEDIA_TYPES = ['text/csv', 'application/csv', 'application/vnd.ms-excel'];
/** About 80,000 rows of a typical export. */
const MAX_FILE = '20mb';

const CsvFile = z.instanceof(Uint8Array, { message: 'send the CSV file itself as the body, with Content-Type: text/csv' });

/**
 * The import's body is the file itself, read raw so that its encoding can be told from its bytes.
 * Mounted for this one path, and only for a signed-in caller: an anonymous request never makes the
 * server buffer 20 MB (the route then refuses it for want of a sign-in).
 */
export function registryImportBodyParser(): Router {
  const raw = express.raw({ type: CSV_MEDIA_TYPES, limit: MAX_FILE });
  return Router().post(IMPORTS_PATH, (req, res, next) => (currentActor()?.kind === 'user' ? raw(req, res, next) : next()));
}

export function registryImportRoutes(imports: RegistryImportService, today: () => Promise<string>) {
  const sample = readFileSync(new URL(SAMPLE_FILE, import.meta.url), 'utf8');
  return [
    defineRoute({
      method: 'post',
      path: IMPORTS_PATH,
      summary: 'Import customers, premises, accounts and meters from a legacy CSV export (UTF-8 or GBK); 422 with the report when refused',
      tag: 'registry',
      access: { permission: 'registry:import' },
      query: ImportQuery,
      body: CsvFile,
      bodyMediaType: 'text/csv',
      response: ImportReport,
      statusOf: (report) => (report.outcome === 'refused' ? 422 : 200),
      handler: async ({ query, body }) => imports.importFile(body, query, await today()),
    }),
    defineRoute({
      method: 'get',
      path: `${IMPORTS_PATH}/sample`,
      summary: 'A sample import file showing every kind of row, for download',
      tag: 'registry',
      access: { permission: 'registry:import' },
      response: ImportSample,
      handler: () => ({ fileName: SAMPLE_FILE, csv: sample }),
    }),
  ];
}
