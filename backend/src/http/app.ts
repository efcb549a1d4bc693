import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import express, { type Express } from 'express';
import type { ReadyResponse } from '@gasdesk/schema';
import type { Container } from '../container.ts';
import { AppError } from '../shared/app-error.ts';
import { authRoutes } from '../modules/auth/auth.routes.ts';
import { userRoutes } from '../modules/users/users.routes.ts';
import { companyRoutes } from '../modules/companies/companies.routes.ts';
import { auditRoutes } from '../modules/audit/audit.routes.ts';
import { customerRoutes } from '../modules/customers/customers.routes.ts';
import { accountRoutes } from '../modules/customers/accounts.routes.ts';
import { meterRoutes } from '../modules/meters/meters.routes.ts';
import { searchRoutes } from '../modules/search/search.routes.ts';
import { registryImportBodyParser, registryImportRoutes } from '../modules/registry-import/registry-import.routes.ts';
import { callCenterRoutes } from '../modules/call-center/call-center.routes.ts';
import { practiceCallRoutes } from '../modules/call-center/practice-call.routes.ts';
import { handheldBodyParser, readingRoutes } from '../modules/readings/readings.routes.ts';
import { ledgerRoutes } from '../modules/ledger/ledger.routes.ts';
import { tariffRoutes } from '../modules/tariffs/tariffs.routes.ts';
import { billingRoutes } from '../modules/billing/billing.routes.ts';
import { buildApiRouter } from './api-router.ts';
import { authenticate } from './authenticate.ts';
import { buildOpenApi } from './openapi.ts';
import { renderDocsPage } from './docs-page.ts';
import { errorHandler } from './error-handler.ts';
import { requestLog } from './request-log.ts';
import type { RouteSpec } from './route.ts';

export const API_VERSION = '0.1.0';

/** Every API route of the product; a module adds its list here. */
export function allRoutes(c: Container): RouteSpec[] {
  return [
    ...authRoutes(c.auth, c.users),
    ...companyRoutes(c.companies),
    ...userRoutes(c.users),
    ...auditRoutes(c.audit),
    // Before the customer routes: `/customers/by-phone/:number` must not be read as a customer id.
    ...searchRoutes(c.search, c.customer360),
    ...customerRoutes(c.customers, c.accounts),
    ...accountRoutes(c.accounts, c.premises, c.meters),
    ...meterRoutes(c.meters, c.stock, () => c.companies.today()),
    ...registryImportRoutes(c.registryImport, () => c.companies.today()),
    ...callCenterRoutes(c.callCenter),
    ...practiceCallRoutes(c.practiceCalls),
    ...readingRoutes(c.readings),
    ...ledgerRoutes(c.ledger),
    ...tariffRoutes(c.tariffs),
    ...billingRoutes(c.bills, c.billingRuns),
  ];
}

async function timed(check: () => Promise<unknown>): Promise<{ ok: boolean; ms: number; error?: string }> {
  const started = performance.now();
  try {
    await check();
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (err) {
    return { ok: false, ms: Math.round(performance.now() - started), error: err instanceof Error ? err.message : String(err) };
  }
}

export function createApp(c: Container, readiness: Record<string, () => Promise<unknown>> = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', c.config.TRUST_PROXY);
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const checks: ReadyResponse['checks'] = { database: await timed(() => c.sequelize.query('SELECT 1')) };
    for (const [name, check] of Object.entries(readiness)) checks[name] = await timed(check);
    const ready = Object.values(checks).every((r) => r.ok);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', checks } satisfies ReadyResponse);
  });

  const routes = allRoutes(c);
  const openapi = buildOpenApi(routes, API_VERSION);
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  app.get('/api/docs', (_req, res) => {
    res.type('html').send(renderDocsPage(openapi as Parameters<typeof renderDocsPage>[0]));
  });

  app.use('/api', requestLog(c.logger), express.json({ limit: '1mb' }), authenticate(c.auth), registryImportBodyParser(), handheldBodyParser(), buildApiRouter(routes));
  app.use('/api', (req, _res, next) => next(new AppError('not_found', `no API route ${req.method} ${req.path}`)));

  const desk = resolve(c.config.DESK_DIST);
  if (existsSync(resolve(desk, 'index.html'))) {
    app.use(express.static(desk, { index: false, maxAge: '1h' }));
    // The desk routes in the browser: any other GET is the app shell.
    app.get(/^\/(?!api\/|socket\.io\/).*/, (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(resolve(desk, 'index.html'));
    });
  } else {
    c.logger.warn({ desk }, 'desk not built; run npm run build:desk');
  }
  app.use(errorHandler(c.logger));
  return app;
}
