import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'chai';
import { chromium, type Browser, type Page } from 'playwright-core';
import { testEnv } from '../support/harness.ts';
import { createDatabase } from '../support/mariadb.ts';
import { ROOT, startProcess, type Started } from '../support/processes.ts';

const SHOTS = resolve(ROOT, 'test-results');
const PASSWORD = 'e2e-demo-password';
const VIEWPORT = { width: 1440, height: 900 };

/** Debian's chromium, headless, with nothing that reaches for the network. */
function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

async function signIn(page: Page, url: string, username: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('shell').waitFor();
}

/** Saves whatever wrap-up the desk shows (calls of the demo trickle that are not the one under test). */
async function wrapUpOthers(page: Page, keep: string | null = null): Promise<void> {
  const form = page.getByTestId('wrap-up');
  while ((await form.count()) > 0) {
    const callId = await form.getAttribute('data-call-id');
    if (callId === keep) return;
    await page.getByTestId('wrap-up-disposition').selectOption('info');
    await page.getByTestId('wrap-up-save').click();
    await page.locator(`[data-testid="wrap-up"][data-call-id="${callId}"]`).waitFor({ state: 'detached' });
  }
}

/**
 * The call center in the desk, on the demo: the all-in-one process plays the PBX with its simulator,
 * and demo customers call every second or so (backend/src/modules/call-center/cti-link.ts). The
 * simulated queue rings every agent extension in turn, `agent` (7001) among them, and the simulated
 * phone picks up after a few rings. 80 % of the callers are demo customers, so a screen-pop with one
 * matching customer comes soon; the test takes the first one that rings 7001.
 */
describe('call center desk end to end in chromium', function () {
  let server: Started;
  let url: string;
  let browser: Browser;
  let dropDatabase: () => Promise<void>;

  before(async function () {
    this.timeout(240_000);
    mkdirSync(SHOTS, { recursive: true });
    const db = await createDatabase('e2e_calls');
    dropDatabase = db.drop;
    server = await startProcess(
      'backend/src/all-in-one.ts',
      testEnv({ DATABASE_URL: db.url, DEMO_PASSWORD: PASSWORD, LOG_LEVEL: 'warn', DEMO_CALL_SECONDS: '1' }),
      /GasDesk is running at (\S+)/,
      200_000,
    );
    url = /GasDesk is running at (\S+)/.exec(server.output())![1]!;
    browser = await launchBrowser();
  });

  after(async function () {
    this.timeout(30_000);
    await browser?.close();
    await server?.stop();
    await dropDatabase?.();
  });

  it('should pop a known caller to the agent on any page, let the agent hang up and wrap up with a disposition, and show the call on the customer 360', async function () {
    this.timeout(300_000);
    const page = await browser.newPage({ viewport: VIEWPORT });
    await signIn(page, url, 'agent');

    await page.getByTestId('nav-calls').click();
    await page.getByTestId('agent-ready').click();
    // Screen-pops reach the agent on any page: wait on the search page.
    await page.getByTestId('nav-search').click();
    await page.getByTestId('page-search').waitFor();

    // Take the first call that rings 7001 from a caller with exactly one match.
    const card = page.getByTestId('call-card');
    let callId: string | null = null;
    for (let tries = 0; tries < 60 && !callId; tries++) {
      await wrapUpOthers(page);
      await card.waitFor({ timeout: 120_000 });
      const ringing = (await card.getAttribute('data-status')) === 'ringing';
      const single = (await page.getByTestId('call-match').count()) === 1 && (await page.getByTestId('call-match-several').count()) === 0;
      if (ringing && single) {
        callId = await card.getAttribute('data-call-id');
        break;
      }
      // Not the call wanted: let it go by, hanging it up once answered so the next one comes sooner.
      const hangup = page.getByTestId('call-hangup');
      await Promise.race([card.waitFor({ state: 'detached', timeout: 200_000 }), hangup.waitFor({ timeout: 200_000 })]);
      if ((await hangup.count()) > 0) await hangup.click().catch(() => undefined);
      await card.waitFor({ state: 'detached', timeout: 60_000 });
    }
    expect(callId, 'a known caller rang the agent').to.be.a('string');

    const match = page.getByTestId('call-match');
    const customerNo = (await match.getAttribute('data-customer-no'))!;
    expect(customerNo).to.match(/^C\d+$/);
    // The caller's number stays masked on the pop.
    expect(await page.getByTestId('call-caller').textContent()).to.contain('****');
    await page.screenshot({ path: resolve(SHOTS, 'calls-screen-pop-zh.png') });

    // The simulated phone answers after a few rings; the timer runs and the agent hangs up.
    await page.getByTestId('call-hangup').waitFor({ timeout: 60_000 });
    await page.getByTestId('call-timer').waitFor();
    await page.screenshot({ path: resolve(SHOTS, 'calls-on-call-zh.png') });
    await page.getByTestId('call-hangup').click();

    const form = page.getByTestId('wrap-up');
    await form.waitFor({ timeout: 60_000 });
    await wrapUpOthers(page, callId);
    expect(await form.getAttribute('data-call-id')).to.equal(callId);
    // The disposition is required.
    await page.getByTestId('wrap-up-save').click();
    await form.locator('[data-testid^="field-error-"]').waitFor();
    await page.getByTestId('wrap-up-disposition').selectOption('billing_query');
    await page.getByTestId('wrap-up-note').fill('端到端测试：客户咨询本月账单');
    await page.screenshot({ path: resolve(SHOTS, 'calls-wrap-up-zh.png') });
    await page.getByTestId('wrap-up-save').click();
    await page.locator(`[data-testid="wrap-up"][data-call-id="${callId}"]`).waitFor({ state: 'detached' });

    // The call is in the customer's call history on the 360, with its disposition and note.
    await page.getByTestId('header-search').fill(customerNo);
    await page.keyboard.press('Enter');
    await page.getByTestId('page-customer').waitFor();
    expect(await page.getByTestId('customer-no').textContent()).to.equal(customerNo);
    const row = page.locator(`[data-testid="call-row"][data-call-id="${callId}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-disposition')).to.equal('billing_query');
    expect(await row.getByTestId('call-note').textContent()).to.contain('端到端测试');
    expect(await row.getByTestId('call-disposition').textContent()).to.contain('账单查询');
    await page.screenshot({ path: resolve(SHOTS, 'calls-customer-360-zh.png'), fullPage: true });

    await page.getByTestId('lang-switch').click();
    expect(await row.getByTestId('call-disposition').textContent()).to.contain('Billing query');
    await page.screenshot({ path: resolve(SHOTS, 'calls-customer-360-en.png'), fullPage: true });
    await page.close();
  });

  it('should show the supervisor the wallboard with the gas-odour lane first and its own target, each figure with its definition', async function () {
    this.timeout(120_000);
    const page = await browser.newPage({ viewport: VIEWPORT });
    await signIn(page, url, 'supervisor');
    await page.getByTestId('nav-wallboard').click();
    const tiles = page.getByTestId('wallboard-queue');
    await tiles.first().waitFor({ timeout: 60_000 });
    expect(await tiles.first().getAttribute('data-queue')).to.equal('gas-emergency');
    expect(await tiles.first().getByTestId('wallboard-target').textContent()).to.match(/15/);
    const metric = tiles.first().locator('[data-testid="wallboard-metric"][data-metric="serviceLevel"]');
    expect(await metric.getAttribute('title')).to.contain('15');
    await page.getByTestId('wallboard-agent').first().waitFor();
    expect(await page.locator('[data-testid="wallboard-agent"][data-extension="7001"]').count()).to.equal(1);
    await page.screenshot({ path: resolve(SHOTS, 'calls-wallboard-zh.png'), fullPage: true });
    await page.getByTestId('lang-switch').click();
    expect(await tiles.first().textContent()).to.contain('Service level target');
    await page.screenshot({ path: resolve(SHOTS, 'calls-wallboard-en.png'), fullPage: true });
    await page.close();
  });
});
