/**
 * 系统管理 in a real browser against the demo (issue 23 §8): the system admin creates a user of 原平市应急管理局
 * as 执法人员, resets its password (the temporary one is shown once, and signs the user in), and changes a
 * rule setting with a reason that the setting's history then shows; an inspector has no 系统管理 menu and
 * gets the 403 page at the admin URL.
 */
import { describe, expect, it } from 'vitest';
import { browserAvailable } from './browser.ts';
import { SHOTS, useWebSession } from './web-session.ts';

const run = browserAvailable();
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe.runIf(run)('administration in the browser', () => {
  const web = useWebSession();

  it('creates a user, resets its password and changes a setting with a reason; others get 403', async () => {
    const page = await web.newPage();
    await web.login(page, 'admin');
    await page.getByRole('menuitem', { name: /系统管理/ }).click();
    await page.getByRole('menuitem', { name: '用户管理' }).click();
    await page.waitForURL(/\/admin\/users$/);
    // The demo's users fill pages (the call roster); the search narrows the list to 原平's accounts.
    await page.getByLabel('按姓名或用户名搜索').first().fill('yp.');
    await page
      .getByTestId('users-table')
      .locator('tr', { hasText: 'yp.inspector' })
      .first()
      .waitFor();

    await page.getByRole('button', { name: '新建用户' }).click();
    const form = page.getByTestId('user-form');
    await form.getByLabel('用户名').fill('yp.e2e-inspector');
    await form.getByLabel('姓名').fill('浏览器执法员');
    await form.getByLabel('初始密码').fill('start-pass-2026');
    await form.getByLabel('组织').fill('原平市');
    await page.locator('.ant-select-item-option', { hasText: '原平市应急管理局' }).click();
    await form.getByLabel('角色').click();
    await page.locator('.ant-select-item-option', { hasText: '执法人员' }).click();
    await page.getByRole('button', { name: '保存' }).click();
    const row = page.getByTestId('users-table').locator('tr', { hasText: 'yp.e2e-inspector' });
    await row.waitFor();
    expect(await row.innerText()).toContain('执法人员');

    await row.getByRole('button', { name: '重置密码' }).click();
    await page.getByRole('button', { name: '是' }).click();
    const temporary = (await page.getByTestId('temporary-password').innerText()).trim();
    expect(temporary).toMatch(/^[A-Za-z0-9]{12}$/);
    await page.screenshot({ path: `${SHOTS}/90-admin-users.png`, fullPage: true });
    expect(await page.locator('#main').innerText()).not.toMatch(UUID);
    await page.getByRole('button', { name: /确\s?定|OK/ }).click();
    const signIn = await page.evaluate(
      async (password) =>
        (
          await fetch('/api/auth/login', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username: 'yp.e2e-inspector', password }),
            credentials: 'omit',
          })
        ).status,
      temporary,
    );
    expect(signIn).toBe(200);

    await page.getByRole('menuitem', { name: '规则参数' }).click();
    await page.waitForURL(/\/admin\/settings$/);
    const setting = page.locator('tr', { hasText: '证照到期预警天数' });
    await setting.getByRole('button', { name: '编辑' }).click();
    const settingForm = page.getByTestId('setting-form');
    await settingForm.getByRole('spinbutton', { name: '取值' }).fill('60');
    await page.getByRole('button', { name: '保存' }).click();
    await settingForm.getByText('请填写修改原因').waitFor();
    await settingForm.getByLabel('修改原因').fill('按省厅通知提前两个月提醒');
    await page.getByRole('button', { name: '保存' }).click();
    await settingForm.waitFor({ state: 'detached' });
    await setting.getByRole('button', { name: '修改记录' }).click();
    const history = page.getByTestId('setting-history');
    await history.getByText('按省厅通知提前两个月提醒').waitFor();
    expect(await history.innerText()).toMatch(/90\s*→\s*60/);
    await page.screenshot({ path: `${SHOTS}/91-admin-settings.png`, fullPage: true });

    const inspector = await web.newPage();
    await web.login(inspector, 'yp.inspector');
    expect(await inspector.getByRole('menuitem', { name: /系统管理/ }).count()).toBe(0);
    await inspector.goto(`${web.server.baseUrl}/admin/users`);
    await inspector.getByText('403').waitFor();
    expect(await inspector.getByTestId('user-form').count()).toBe(0);
  }, 60_000);
});
