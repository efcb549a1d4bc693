import { resolve } from 'node:path';
import { expect } from 'chai';
import { demoDesk, SHOTS, signIn } from '../support/browser.ts';

describe('desk end to end in chromium', function () {
  const desk = demoDesk('e2e');

  it('should sign an admin in to the shell in Chinese, switch to English, and show the pages their role allows', async () => {
    const page = await desk.browser.newPage({ viewport: { width: 1366, height: 800 } });
    await signIn(page, desk.url, 'admin');
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

  it('should tell an admin beside each field what is wrong with a new user, a taken username included, then create it', async () => {
    const page = await desk.browser.newPage({ viewport: { width: 1366, height: 800 } });
    await signIn(page, desk.url, 'admin');
    await page.getByTestId('nav-users').click();
    await page.getByTestId('users-create').click();
    const dialog = page.getByTestId('user-create-dialog');
    await dialog.waitFor();
    await dialog.locator('#new-username').fill('Wang Li');
    await dialog.locator('#new-displayName').fill('王丽');
    await dialog.locator('#new-password').fill('short');
    await dialog.getByTestId('user-create-submit').click();
    await dialog.getByTestId('field-error-new-username').waitFor();
    expect(await dialog.getByTestId('field-error-new-username').textContent()).to.equal('用户名须为 2–64 位小写字母、数字、点、横线或下划线');
    expect(await dialog.getByTestId('field-error-new-password').textContent()).to.equal('密码至少 10 个字符');

    // The demo's own agent has this username already.
    await dialog.locator('#new-username').fill('agent');
    await dialog.locator('#new-password').fill('a-long-enough-secret');
    await dialog.getByTestId('user-create-submit').click();
    await dialog.getByTestId('field-error-new-username').and(page.getByText('该用户名已被使用')).waitFor();
    expect(await dialog.getByTestId('field-error-new-password').count()).to.equal(0);

    await dialog.locator('#new-username').fill('wangli');
    await dialog.getByTestId('user-create-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('[data-testid="user-row"][data-username="wangli"]').waitFor();
    await page.close();
  });

  it('should show an agent no administration and send them back to sign-in when an admin disables them', async () => {
    const agentPage = await desk.browser.newPage();
    await signIn(agentPage, desk.url, 'agent2');
    const nav = await agentPage.getByTestId('nav').textContent();
    expect(nav).not.to.contain('用户管理');
    expect(await agentPage.getByTestId('nav-users').count()).to.equal(0);

    const adminPage = await desk.browser.newPage();
    await signIn(adminPage, desk.url, 'admin2');
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
