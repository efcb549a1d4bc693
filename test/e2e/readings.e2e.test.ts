import { resolve } from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { MeterReadingHistory } from '@gasdesk/schema';
import { demoDesk, SHOTS, signIn } from '../support/browser.ts';

const VIEWPORT = { width: 1440, height: 900 };

/**
 * Meter reading in the desk, on the demo data (backend/src/seed/demo): every book has this month's
 * cycle open, and the first book's readings include a few in the exception queue.
 */
describe('meter reading desk end to end in chromium', function () {
  const desk = demoDesk('e2e_readings');

  /**
   * A value the checks accept: the previous reading plus what the meter used in its last period,
   * read from the API with the page's own session.
   */
  async function plausibleValue(page: Page, row: ReturnType<Page['locator']>): Promise<string> {
    const meterId = await row.getAttribute('data-meter-id');
    const previous = Number(await row.getByTestId('task-previous').getAttribute('data-value'));
    const token = await page.evaluate<string | null>("localStorage.getItem('gasdesk.token')");
    const res = await page.request.get(`${desk.url}/api/meters/${meterId}/readings`, { headers: { Authorization: `Bearer ${token}` } });
    const history = (await res.json()) as MeterReadingHistory;
    const last = history.readings.filter((r) => r.status === 'accepted' && r.consumption !== null).at(-1);
    return (previous + Number(last?.consumption ?? '10')).toFixed(3);
  }

  it('should let a meter reader type two readings with Enter between them, save them with Ctrl+S and see them accepted', async () => {
    const page = await desk.browser.newPage({ viewport: VIEWPORT });
    await signIn(page, desk.url, 'meter_reader');
    await page.getByTestId('nav-readings').click();
    const books = page.getByTestId('book-row');
    await books.first().waitFor();

    // The first book whose open cycle still has meters to read (the seed reads some books' meters already).
    let pending = 0;
    for (let i = 0; i < 5 && pending === 0; i++) {
      await books.nth(i).getByTestId('book-enter').click();
      const summary = page.getByTestId('cycle-summary');
      await summary.waitFor();
      pending = Number(await summary.getAttribute('data-pending'));
      if (pending === 0) {
        await page.goBack();
        await books.first().waitFor();
      }
    }
    expect(pending).to.be.greaterThan(1);
    expect(await page.getByTestId('cycle-status').textContent()).to.equal('抄表中');

    const rows = page.locator('[data-testid="task-row"][data-status="pending"]');
    const first = rows.nth(0);
    const second = rows.nth(1);
    const ids = [await first.getAttribute('data-task-id'), await second.getAttribute('data-task-id')];
    const values = [await plausibleValue(page, first), await plausibleValue(page, second)];

    await first.getByTestId('task-value').click();
    await page.keyboard.type(values[0]!);
    await page.keyboard.press('Enter');
    // Enter moved the cursor to the next meter's value.
    expect(await second.locator('[data-testid="task-value"]:focus').count()).to.equal(1);
    await page.keyboard.type(values[1]!);
    expect(await page.getByTestId('cycle-unsaved').textContent()).to.contain('2');
    await page.keyboard.press('Control+s');

    for (const id of ids) {
      const row = page.locator(`[data-testid="task-row"][data-task-id="${id}"]`);
      // The outcome shows at once; the status once the cycle is read again after the save.
      await row.and(page.locator('[data-outcome]')).waitFor();
      expect(await row.getAttribute('data-outcome')).to.equal('accepted');
      await row.and(page.locator('[data-status="read"]')).waitFor();
      expect(await row.getByTestId('task-outcome').textContent()).to.match(/已通过 · 用量 \d+\.\d{3} m³/);
    }
    expect(await page.getByTestId('cycle-unsaved').count()).to.equal(0);
    await page.screenshot({ path: resolve(SHOTS, 'readings-entry-saved-zh.png') });
    await page.close();
  });

  it('should let a billing clerk correct a queued reading, after which it leaves the queue', async () => {
    const page = await desk.browser.newPage({ viewport: VIEWPORT });
    await signIn(page, desk.url, 'billing_clerk');
    await page.getByTestId('nav-readings').click();
    await page.getByTestId('readings-tab-exceptions').click();
    const queued = page.getByTestId('exception-row');
    await queued.first().waitFor();
    const before = await queued.count();
    const row = queued.first();
    const readingId = await row.getAttribute('data-reading-id');
    const previous = Number((await row.locator('td.num').first().textContent())?.match(/^[\d.]+/)?.[0]);

    await row.getByTestId('exception-resolve').click();
    const dialog = page.getByTestId('resolve-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('resolve-correct').check();
    await dialog.locator('#value').fill((previous + 30).toFixed(3));
    // A correction without a reason is refused beside the note.
    await dialog.getByTestId('resolve-submit').click();
    await dialog.getByTestId('field-error-note').waitFor();
    await dialog.locator('#note').fill('抄表员看错一位数，按照片更正');
    await page.screenshot({ path: resolve(SHOTS, 'readings-correct-zh.png') });
    await dialog.getByTestId('resolve-submit').click();
    await dialog.waitFor({ state: 'detached' });

    await page.locator(`[data-testid="exception-row"][data-reading-id="${readingId}"]`).waitFor({ state: 'detached' });
    expect(await queued.count()).to.equal(before - 1);
    await page.close();
  });
});
