import { resolve } from 'node:path';
import { expect } from 'chai';
import type { PhoneMatches } from '@gasdesk/schema';
import { Api } from '../support/http.ts';
import { demoDesk, PASSWORD, SHOTS, signIn } from '../support/browser.ts';

/**
 * A call in the agent workspace, on the demo data and the simulated PBX: 138 0000 0002 is
 * C00000003 alone with one account (backend/src/seed/demo/registry.seed.ts); the demo agent has
 * extension 7001 and the three demo queues.
 */
describe('call center desk end to end in chromium', function () {
  const desk = demoDesk('e2e_calls');

  it('should pop the caller’s customer when the simulator rings agent 1, save the wrap-up disposition, and show the call on the customer’s history', async () => {
    const api = await new Api(desk.url).login('agent', PASSWORD);
    const known = (await api.get<PhoneMatches>('/api/customers/by-phone/13800000002')).body.matches;
    expect(known.map((m) => m.customerNo)).to.deep.equal(['C00000003']);
    const customer = known[0]!;

    const page = await desk.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, desk.url, 'agent');
    await page.getByTestId('nav-calls').click();
    await page.getByTestId('agent-ready').click();
    await page.locator('[data-testid="agent-state"][data-state="ready"]').waitFor({ timeout: 15_000 });

    await page.getByTestId('practice-number').fill('138 0000 0002');
    await page.getByTestId('practice-place').click();
    const card = page.getByTestId('call-card');
    await card.waitFor({ timeout: 10_000 });
    expect(await card.getByTestId('call-caller').textContent()).to.equal('138****0002');
    const match = card.getByTestId('call-match');
    expect(await match.getAttribute('data-customer-no')).to.equal('C00000003');
    expect(await match.getByTestId('call-match-name').textContent()).to.equal(customer.name);
    await page.screenshot({ path: resolve(SHOTS, 'call-screen-pop.png') });

    // The simulated handset picks up after three seconds; the caller stays until the agent hangs up.
    await page.locator('[data-testid="agent-state"][data-state="on_call"]').waitFor({ timeout: 15_000 });
    await card.getByTestId('call-hangup').click();
    const wrapUp = page.getByTestId('wrap-up');
    await wrapUp.waitFor({ timeout: 10_000 });
    await wrapUp.getByTestId('wrap-up-disposition').selectOption('billing_query');
    await wrapUp.getByTestId('wrap-up-note').fill('咨询本月账单');
    await wrapUp.getByTestId('wrap-up-save').click();
    await wrapUp.waitFor({ state: 'detached', timeout: 10_000 });

    await page.goto(`${desk.url}/#/customer/${customer.customerId}`);
    const row = page.getByTestId('customer-calls').getByTestId('call-row').first();
    await row.waitFor({ timeout: 10_000 });
    expect(await row.getAttribute('data-disposition')).to.equal('billing_query');
    expect(await row.getByTestId('call-note').textContent()).to.equal('咨询本月账单');
    await page.screenshot({ path: resolve(SHOTS, 'call-on-360.png') });
    await page.close();
  });
});
