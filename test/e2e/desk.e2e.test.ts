import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'chai';
import { chromium, type Browser, type Page } from 'playwright-core';
import { testEnv } from '../support/harness.ts';
import { createDatabase } from '../support/mariadb.ts';
import { ROOT, startProcess, type Started } from '../support/processes.ts';

const SHOTS = resolve(ROOT, 'test-results');
const PASSWORD = 'e2e-demo-password';

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

describe('desk end to end in chromium', function () {
  let server: Started;
  let url: string;
  let browser: Browser;
  let dropDatabase: () => Promise<void>;

  before(async function () {
    this.timeout(120_000);
    mkdirSync(SHOTS, { recursive: true });
    const db = await createDatabase('e2e');
    dropDatabase = db.drop;
    server = await startProcess('backend/src/all-in-one.ts', testEnv({ DATABASE_URL: db.url, DEMO_PASSWORD: PASSWORD, LOG_LEVEL: 'warn', DEMO_CALLS: 'false' }), /GasDesk is running at (\S+)/);
    url = /GasDesk is running at (\S+)/.exec(server.output())![1]!;
    browser = await launchBrowser();
  });

  after(async function () {
    this.timeout(30_000);
    await browser?.close();
    await server?.stop();
    await dropDatabase?.();
  });

  it('should sign an admin in to the shell in Chinese, switch to English, and show the pages their role allows', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
    await signIn(page, url, 'admin');
    expect(await page.locator('html').getAttribute('lang')).to.equal('zh-CN');
    expect(await page.getByTestId('user-name').textContent()).to.contain('周建国');
    expect(await page.getByTestId('nav').textContent()).to.contain('用户管理');
    await page.getByTestId('conn-status').and(page.locator('[data-status="online"]')).waitFor();
    await page.screenshot({ path: resolve(SHOTS, 'desk-shell-zh.png') });

    await page.getByTestId('lang-switch').click();
    expect(await page.locator('html').getAttribute('lang')).to.equal('en');
    expect(await page.getByTestId('nav').textContent()).to.contain('Users');

    await page.getByTestId('nav-users').click();
    await page.getByTestId('user-row').nth(7).waitFor();
    expect(await page.getByTestId('user-row').count()).to.equal(8);
    await page.getByTestId('nav-audit').click();
    await page.getByTestId('audit-verify').click();
    await page.getByTestId('audit-verify-result').waitFor();
    expect(await page.getByTestId('audit-verify-result').getAttribute('data-ok')).to.equal('true');
    await page.screenshot({ path: resolve(SHOTS, 'desk-audit-en.png') });
    await page.close();
  });

  it('should show an agent no administration and send them back to sign-in when an admin disables them', async () => {
    const agentPage = await browser.newPage();
    await signIn(agentPage, url, 'agent2');
    const nav = await agentPage.getByTestId('nav').textContent();
    expect(nav).not.to.contain('用户管理');
    expect(await agentPage.getByTestId('nav-users').count()).to.equal(0);

    const adminPage = await browser.newPage();
    await signIn(adminPage, url, 'admin2');
    await adminPage.getByTestId('nav-users').click();
    await adminPage.getByTestId('users-search').fill('agent2');
    const row = adminPage.getByTestId('user-row').filter({ hasText: 'agent2' });
    await row.waitFor();
    await row.getByTestId('user-edit').click();
    await adminPage.getByTestId('edit-disabled').check();
    await adminPage.getByTestId('user-edit-submit').click();

    await agentPage.getByTestId('login-notice').waitFor({ timeout: 10_000 });
    expect(await agentPage.getByTestId('shell').count()).to.equal(0);
    await agentPage.screenshot({ path: resolve(SHOTS, 'desk-revoked.png') });
    await agentPage.close();
    await adminPage.close();
  });
});
