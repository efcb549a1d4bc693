import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { testEnv } from './harness.ts';
import { createDatabase } from './mariadb.ts';
import { ROOT, startProcess, type Started } from './processes.ts';

/** Screenshots of the end-to-end tests, for people to look at. */
export const SHOTS = resolve(ROOT, 'test-results');
/** The demo users' password in the end-to-end servers. */
export const PASSWORD = 'e2e-demo-password';

/** Debian's chromium, headless, with nothing that reaches for the network. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function signIn(page: Page, url: string, username: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('shell').waitFor();
}

export interface DemoServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * The whole product as `npm start` runs it, with its demo data, on a fresh MariaDB database and
 * with the simulated PBX quiet (random demo calls would race the screens under test).
 */
export async function startDemoServer(label: string, timeoutMs = 200_000): Promise<DemoServer> {
  mkdirSync(SHOTS, { recursive: true });
  const db = await createDatabase(label);
  let server: Started;
  try {
    server = await startProcess(
      'backend/src/all-in-one.ts',
      // Its own Redis prefix too: jobs of a demo server started earlier share its ids (`billing-run-1-0-start`) but not its database.
      testEnv({ DATABASE_URL: db.url, REDIS_PREFIX: db.name, DEMO_PASSWORD: PASSWORD, LOG_LEVEL: 'warn', DEMO_CALLS: 'false' }),
      /GasDesk is running at (\S+)/,
      timeoutMs,
    );
  } catch (err) {
    await db.drop();
    throw err;
  }
  return {
    url: /GasDesk is running at (\S+)/.exec(server.output())![1]!,
    async stop() {
      await server.stop();
      await db.drop();
    },
  };
}

/** A suite's demo server and browser, there from its first test to its last. */
export interface DemoDesk {
  readonly url: string;
  readonly browser: Browser;
}

/**
 * Starts the demo server and a browser before the suite's tests and stops them after, so a suite
 * says what it tests and not how the product comes up. Call it in the `describe` body.
 */
export function demoDesk(label: string): DemoDesk {
  let server: DemoServer | undefined;
  let browser: Browser | undefined;
  before(async function () {
    // The demo seed writes thousands of customers, a year of readings and of bills.
    this.timeout(240_000);
    server = await startDemoServer(label);
    browser = await launchBrowser();
  });
  after(async function () {
    this.timeout(30_000);
    await browser?.close();
    await server?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the demo desk is used before its suite started it');
    return value;
  };
  return {
    get url() {
      return started(server).url;
    },
    get browser() {
      return started(browser);
    },
  };
}
