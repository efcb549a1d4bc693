import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import type { Container } from './container.ts';
import { createApp } from './http/app.ts';
import { createSocketGateway, type Gateway } from './realtime/socket-gateway.ts';
import { watchBillingRuns } from './modules/billing/billing-run-watcher.ts';

export interface RunningServer {
  url: string;
  port: number;
  gateway: Gateway;
  close(): Promise<void>;
}

/** Serves the API, the desk and Socket.IO on one HTTP server. */
export async function startWebServer(c: Container): Promise<RunningServer> {
  const redisProbe = c.config.REDIS_URL ? new Redis(c.config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 }) : null;
  const app = createApp(c, redisProbe ? { redis: () => redisProbe.ping() } : {});
  const http = createServer(app);
  const gateway = createSocketGateway(http, { auth: c.auth, users: c.users, events: c.events, logger: c.logger, redisUrl: c.config.REDIS_URL, redisPrefix: c.config.REDIS_PREFIX });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(c.config.PORT, c.config.HOST, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const stopWatching = watchBillingRuns(c.billingRuns, c.events, c.logger);
  return {
    url: `http://localhost:${port}`,
    port,
    gateway,
    async close() {
      stopWatching();
      await gateway.close();
      http.closeAllConnections();
      redisProbe?.disconnect();
    },
  };
}

/** Stops the process cleanly on SIGINT/SIGTERM, in the order given. */
export function onShutdown(logger: Container['logger'], ...steps: (() => Promise<void>)[]): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    for (const step of steps) await step().catch((err: unknown) => logger.error({ err }, 'shutdown step failed'));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
