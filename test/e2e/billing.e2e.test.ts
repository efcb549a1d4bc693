import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { addDays, businessDate, type AccountDetail, type AccountView, type BillAccountResult, type ContractList, type SearchResult, type TariffList, type TariffView } from '@gasdesk/schema';
import { PASSWORD, demoDesk, signIn } from '../support/browser.ts';
import { Api } from '../support/http.ts';
import { HANGZHOU_LADDER } from '../support/prices.ts';

const VIEWPORT = { width: 1440, height: 900 };
/** Screenshots for people to look at, kept out of the repository. */
const SHOTS = '/tmp/gasdesk-e2e-billing';

/** The month before `period` (`YYYY-MM`). */
function previousPeriod(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * Billing in the desk, on the demo data (backend/src/seed/demo): a year of monthly readings for
 * every account, no prices yet. A billing clerk sets up the residential gas price through the API
 * and bills one account for last month; the rest happens in chromium.
 */
describe('billing desk end to end in chromium', function () {
  const desk = demoDesk('e2e_billing');
  let clerk: Api;
  let tariff: TariffView;
  /** The account billed through the API, its customer and its bill. */
  let billed: { accountId: number; accountNo: string; customerId: number; bookCode: string | null; billId: number; billNo: string };
  const lastMonth = previousPeriod(businessDate(new Date(), 'Asia/Shanghai').slice(0, 7));

  before(async function () {
    this.timeout(60_000);
    mkdirSync(SHOTS, { recursive: true });
    clerk = await new Api(desk.url).login('billing_clerk', PASSWORD);

    // The residential gas price list, or a version on it when the demo brings one.
    const existing = (await clerk.get<TariffList>('/api/tariffs?category=residential_general&chargeKind=gas')).body.items[0];
    const version = { effectiveFrom: '2020-01-01', pricing: HANGZHOU_LADDER, note: '杭发改价格〔2019〕1号' };
    if (existing) {
      const added = await clerk.post<TariffView>(`/api/tariffs/${existing.id}/versions`, { ...version, effectiveFrom: `${lastMonth}-01` });
      expect(added.status, JSON.stringify(added.body)).to.be.oneOf([200, 201]);
      tariff = added.body;
    } else {
      const created = await clerk.post<TariffView>('/api/tariffs', { code: 'RES-GAS', name: '居民生活用气', category: 'residential_general', chargeKind: 'gas', accountingCode: '6001.01', versions: [version] });
      expect(created.status, JSON.stringify(created.body)).to.equal(201);
      tariff = created.body;
    }

    // The first demo household (in account-number order) with last month's bill — billed here, or
    // already by the demo's own runs — that has gas in tier 1.
    for (let n = 1; n <= 80 && !billed; n++) {
      const accountNo = `QJ${String(n).padStart(8, '0')}`;
      const hit = (await clerk.get<SearchResult>(`/api/search?q=${accountNo}`)).body.items.find((h) => h.accountNo === accountNo);
      if (!hit?.accountId || hit.accountStatus !== 'active') continue;
      const account = (await clerk.get<AccountDetail>(`/api/accounts/${hit.accountId}`)).body;
      if (account.category !== 'residential_general' || account.openedOn >= `${lastMonth.slice(0, 4)}-01-01`) continue;
      const result = await clerk.post<BillAccountResult>(`/api/accounts/${hit.accountId}/bills`, { period: lastMonth });
      if (result.body.outcome === 'skipped' || !result.body.bill!.lines.some((l) => l.role === 'charge' && l.tier === 1 && l.volume !== '0.000')) continue;
      billed = { accountId: hit.accountId, accountNo, customerId: hit.customerId, bookCode: account.readingBookCode, billId: result.body.bill!.id, billNo: result.body.bill!.billNo };
    }
    expect(billed, 'no demo account could be billed for last month').to.not.equal(undefined);
  });

  /** The whole page, not only what the viewport shows: the desk scrolls inside its content pane. */
  async function shoot(page: Page, name: string): Promise<void> {
    const height = await page.evaluate("Math.max(document.querySelector('main')?.scrollHeight ?? 0, window.innerHeight) + 60");
    await page.setViewportSize({ width: VIEWPORT.width, height: Math.min(Number(height), 4000) });
    await page.waitForTimeout(600);
    await page.screenshot({ path: resolve(SHOTS, name) });
    await page.setViewportSize(VIEWPORT);
  }

  async function openDesk(): Promise<Page> {
    const page = await desk.browser.newPage({ viewport: VIEWPORT });
    await signIn(page, desk.url, 'billing_clerk');
    return page;
  }

  it('should show the price list with its ladder, and preview a draft price on the billed account', async () => {
    const page = await openDesk();
    await page.getByTestId('nav-tariffs').click();
    await page.locator(`[data-testid="tariff-item"][data-code="${tariff.code}"]`).click();
    const detail = page.getByTestId('tariff-detail');
    await detail.waitFor();
    const steps = detail.getByTestId('ladder-step');
    await steps.first().waitFor();
    expect(await steps.count()).to.be.greaterThanOrEqual(3);
    expect(await steps.first().textContent()).to.contain('0 – 276 m³');
    expect(await steps.last().textContent()).to.match(/480 m³ 以上\s*4\.65/);
    // The demo's bills were priced by its versions: those say so and offer no withdrawal.
    const billedVersion = detail.locator('[data-testid="version-item"][data-billed="true"]').first();
    expect(await billedVersion.getByTestId('version-billed').textContent()).to.equal('已用于出账');
    expect(await billedVersion.getByTestId('version-delete').count()).to.equal(0);

    // A new version starts from the prices in force; raise the first tier and preview it.
    await detail.getByTestId('version-new').click();
    const form = page.getByTestId('new-version-form');
    await form.waitFor();
    expect(await form.getByTestId('ladder-edit-step').count()).to.equal(3);
    await form.getByTestId('version-effective').fill(`${lastMonth}-01`);
    await form.getByTestId('ladder-price').first().fill('3.50');
    await form.getByTestId('preview-account-no').fill(billed.accountNo);
    await form.getByTestId('preview-find').click();
    await form.getByTestId('preview-hit').first().waitFor();
    await form.getByTestId('preview-run').click();
    const result = form.getByTestId('preview-result');
    await result.waitFor();
    expect(Number(await result.getAttribute('data-difference-fen'))).to.be.greaterThan(0);
    expect(await form.getByTestId('preview-current-lines').getByTestId('bill-line').count()).to.be.greaterThan(0);
    expect(await form.getByTestId('preview-draft-explanation').textContent()).to.contain('3.50 元');
    await shoot(page, 'tariffs-ladder-preview-zh.png');
    await page.close();
  });

  it('should open the bill from the customer 360, read its lines and explanation in Chinese, and rebill it with a reason', async () => {
    const page = await openDesk();
    await page.goto(`${desk.url}/#/customer/${billed.customerId}?account=${billed.accountId}`);
    const bills = page.getByTestId('account-bills');
    await bills.waitFor();
    const row = bills.locator(`[data-testid="account-bill-row"][data-bill-id="${billed.billId}"]`);
    await row.waitFor();
    expect(await row.textContent()).to.contain('已出账');
    // The bill is charged to the ledger: the account owes money now.
    await bills.locator('[data-testid="account-balance"] .badge').waitFor();
    expect(await bills.getByTestId('account-balance').textContent()).to.contain('欠费');
    await shoot(page, 'customer-360-bills-zh.png');
    await row.getByTestId('account-bill-open').click();

    await page.getByTestId('page-bill').waitFor();
    await page.getByTestId('bill-head').waitFor();
    expect(await page.getByTestId('bill-account-no').textContent()).to.equal(billed.accountNo);
    expect(await page.getByTestId('bill-total').textContent()).to.match(/^[\d,]+\.\d{2} 元$/);
    const lines = page.getByTestId('bill-line');
    expect(await lines.count()).to.be.greaterThan(0);
    expect(await lines.first().textContent()).to.contain('第1档');
    const explanation = (await page.getByTestId('bill-explanation').textContent()) ?? '';
    expect(explanation).to.match(/本期用气 [\d.]+ m³/);
    expect(explanation).to.match(/第1档 [\d.]+ m³ × [\d.]+ 元 = [\d,.]+ 元/);
    // Gas and the service fee each have their paragraph; the total stands under its own heading after them.
    expect(explanation).to.match(/服务费[\s\S]*小结[\s\S]*本期应缴合计/);
    await shoot(page, 'bill-view-zh.png');

    await page.getByTestId('bill-rebill').click();
    const dialog = page.getByTestId('rebill-dialog');
    await dialog.waitFor();
    // Without a reason the dialog says so beside the field.
    await dialog.getByTestId('rebill-submit').click();
    await dialog.getByTestId('field-error-rebill-reason').waitFor();
    await dialog.getByTestId('rebill-reason').fill('客户来电核对读数，按更正后的读数重开');
    await dialog.getByTestId('rebill-submit').click();
    await dialog.waitFor({ state: 'detached' });

    // The new bill shows, pointing back at the one it replaces, which is reversed.
    await page.getByTestId('bill-replaces').waitFor();
    expect(await page.locator('[data-testid="bill-head"]').getAttribute('data-bill-no')).to.equal(`${billed.billNo}-R1`);
    expect(await page.getByTestId('bill-status').getAttribute('data-status')).to.equal('issued');
    await page.getByTestId('bill-replaces').click();
    await page.getByTestId('bill-reversed-note').waitFor();
    expect(await page.getByTestId('bill-reversed-note').textContent()).to.contain('客户来电核对读数');
    expect(await page.getByTestId('bill-status').getAttribute('data-status')).to.equal('reversed');
    await page.close();
  });

  it('should start a billing run on the runs page, follow its progress bar to 100 % and show the report', async function () {
    this.timeout(240_000);
    const page = await openDesk();
    await page.getByTestId('nav-billing-runs').click();
    await page.getByTestId('run-start-form').waitFor();
    await page.getByTestId('run-period').fill(lastMonth);
    if (billed.bookCode) await page.getByTestId('run-book').fill(billed.bookCode);
    // Until the new run is chosen the page shows the newest of the demo's, already done: follow the new one only.
    await page.locator('[data-testid="run-row"]').first().waitFor();
    const newestBefore = Number(await page.locator('[data-testid="run-row"]').first().getAttribute('data-run-id'));
    await page.getByTestId('run-start').click();
    await page.waitForURL(/[?&]run=\d+/);
    const runId = Number(/[?&]run=(\d+)/.exec(page.url())![1]);
    expect(runId).to.be.greaterThan(newestBefore);
    const progress = page.locator(`[data-testid="run-selected"][data-run-id="${runId}"]`).getByTestId('run-progress');
    await progress.waitFor();
    const seen = new Set<string>();
    for (let i = 0; i < 900; i++) {
      const percent = await progress.getAttribute('data-percent');
      if (percent) seen.add(percent);
      if ((await progress.getAttribute('data-status')) === 'done') break;
      await page.waitForTimeout(200);
    }
    expect(await progress.getAttribute('data-status')).to.equal('done');
    expect(await page.getByTestId('run-percent').textContent()).to.equal('100 %');
    if (billed.bookCode) expect(await page.getByTestId('run-scope').textContent()).to.equal(`抄表本 ${billed.bookCode}`);
    const report = page.getByTestId('run-report');
    await report.waitFor();
    // The demo's own runs billed last month already: this run finds every account of the book billed.
    expect(Number(await report.getAttribute('data-billed'))).to.equal(0);
    // The account billed above had its month already.
    const already = page.locator('[data-testid="run-skip-reason"][data-reason="already_billed"]');
    await already.click();
    await page.getByTestId('run-skip-list').waitFor();
    expect(await page.getByTestId('run-skip-account').allTextContents()).to.include(billed.accountNo);
    expect(await already.textContent()).to.contain('本月已出账');

    // A run over the books on one reading schedule: every book read in even months, whatever its code.
    await page.getByTestId('run-book').fill('');
    await page.getByTestId('run-schedule').selectOption('even_months');
    await page.getByTestId('run-start').click();
    await page.waitForURL((address) => Number(/[?&]run=(\d+)/.exec(address.toString())?.[1]) > runId);
    const scheduleRun = page.locator(`[data-testid="run-selected"][data-run-id="${runId + 1}"]`);
    await scheduleRun.locator('[data-testid="run-progress"][data-status="done"]').waitFor({ timeout: 60_000 });
    expect(await scheduleRun.getByTestId('run-scope').textContent()).to.equal('双月抄表本');
    expect(await page.locator(`[data-testid="run-row"][data-run-id="${runId + 1}"]`).textContent()).to.contain('双月抄表本');
    await shoot(page, 'billing-run-schedule-zh.png');

    // The demo's own run of that month billed it: its report charts the totals by charge kind.
    const demoRun = page.locator(`[data-testid="run-row"][data-status="done"]`).filter({ hasText: lastMonth }).last();
    await demoRun.getByTestId('run-open').click();
    await page.locator('[data-testid="run-total-bar"][data-kind="gas"]').waitFor();
    console.log(`      progress seen: ${[...seen].join(', ')}`);
    await shoot(page, 'billing-run-report-zh.png');
    await page.close();
  });

  it('should flag a commercial account on the customer 360 and sign it a contract with a minimum volume, a billing day and a negotiated price', async () => {
    // An active shop of the demo without a contract (the demo gives two shops one).
    const shops = (await clerk.get<{ items: AccountView[] }>('/api/accounts?category=commercial&status=active&limit=100')).body.items;
    let shop: AccountView | undefined;
    for (const a of shops) {
      if (a.flags.length > 0) continue;
      if ((await clerk.get<ContractList>(`/api/accounts/${a.id}/contracts`)).body.items.length === 0) {
        shop = a;
        break;
      }
    }
    expect(shop, 'no demo shop without a contract').to.not.equal(undefined);
    const account = shop!;
    const today = businessDate(new Date(), 'Asia/Shanghai');
    const startsOn = `${today.slice(0, 7)}-01`;
    const endsOn = addDays(`${Number(today.slice(0, 4)) + 1}-${today.slice(5, 7)}-01`, -1);

    const page = await openDesk();
    await page.goto(`${desk.url}/#/customer/${account.customerId}?account=${account.id}`);
    const panel = page.locator(`[data-testid="account-panel"][data-account-no="${account.accountNo}"]`);
    await panel.waitFor();

    // 户标记: none yet; tick one and it shows as a badge, and the account carries it.
    const flags = panel.getByTestId('account-flags');
    await flags.waitFor();
    expect(await flags.textContent()).to.contain('无户标记').and.contain('优惠');
    await flags.getByTestId('account-flags-edit').click();
    await flags.getByTestId('account-flag-check-low_income').check();
    await flags.getByTestId('account-flags-save').click();
    const badge = flags.locator('[data-testid="account-flag"][data-flag="low_income"]');
    await badge.waitFor();
    expect(await badge.textContent()).to.equal('低保户');
    expect((await clerk.get<AccountDetail>(`/api/accounts/${account.id}`)).body.flags).to.deep.equal(['low_income']);

    // 合同: none yet. A billing day past the 28th is refused by the server, beside its field.
    const contracts = panel.getByTestId('account-contracts');
    await contracts.getByTestId('contracts-none').waitFor();
    await contracts.getByTestId('contract-create').click();
    const dialog = page.getByTestId('contract-dialog');
    await dialog.waitFor();
    const contractNo = `HT-E2E-${account.accountNo}`;
    await dialog.getByTestId('contract-no').fill(contractNo);
    await dialog.getByTestId('contract-starts').fill(startsOn);
    await dialog.getByTestId('contract-ends').fill(endsOn);
    await dialog.getByTestId('contract-minimum').fill('300');
    await dialog.getByTestId('contract-billing-day').fill('30');
    await dialog.getByTestId('contract-price').fill('3.85');
    await dialog.getByTestId('contract-submit').click();
    const dayError = dialog.getByTestId('field-error-contract-billing-day');
    await dayError.waitFor();
    expect(await dayError.textContent()).to.contain('1 至 28');
    await dialog.getByTestId('contract-billing-day').fill('15');
    await dialog.getByTestId('contract-submit').click();
    await dialog.waitFor({ state: 'detached' });

    const item = contracts.locator(`[data-testid="contract-item"][data-contract-no="${contractNo}"]`);
    await item.waitFor();
    expect(await item.getAttribute('data-state')).to.equal('current');
    expect(await item.getByTestId('contract-period').textContent()).to.equal(`${startsOn} 至 ${endsOn}`);
    expect(await item.getByTestId('contract-minimum-text').textContent()).to.contain('300 m³/月');
    expect(await item.getByTestId('contract-billing-day-text').textContent()).to.contain('每月 15 日');
    expect(await item.getByTestId('contract-version').first().textContent()).to.contain(startsOn).and.contain('3.85 元/m³');

    // A negotiated price from next month, starting from the one in force.
    await item.getByTestId('contract-add-version').click();
    await dialog.waitFor();
    expect(await dialog.getByTestId('version-unit-price').inputValue()).to.equal('3.85');
    await dialog.getByTestId('version-unit-price').fill('3.60');
    await dialog.getByTestId('version-note').fill('补充协议一');
    await dialog.getByTestId('contract-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await item.locator('[data-testid="contract-version"][data-state="future"]').waitFor();
    expect(await item.getByTestId('contract-version').count()).to.equal(2);

    const saved = (await clerk.get<ContractList>(`/api/accounts/${account.id}/contracts`)).body.items;
    expect(saved.map((c) => [c.contractNo, Number(c.minimumMonthlyVolume), c.billingDay, c.versions.length])).to.deep.equal([[contractNo, 300, 15, 2]]);
    await contracts.scrollIntoViewIfNeeded();
    await shoot(page, 'customer-360-flags-contract-zh.png');
    await page.close();
  });
});
