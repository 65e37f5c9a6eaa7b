/**
 * 安全准入与分类处置 in a real browser (issue 25 §5): 原平's regulator sees the demo's 三个一批 lists with the
 * overdue entries (要点第4条 明确时限要求) in Chinese, records a step on one, and opens the application under
 * construction — its one extension shown, a second refused by the API (拉萨 二(三)2); another county's
 * regulator sees none of 原平's entries.
 */
import { describe, expect, it } from 'vitest';
import { browserAvailable } from './browser.ts';
import { useWebSession, SHOTS } from './web-session.ts';

describe.runIf(browserAvailable())('web app in Chromium: 安全准入与分类处置', () => {
  const web = useWebSession();

  it('a regulator works the lists and the workflow; another county sees nothing of them', async () => {
    const reg = await web.newPage();
    await web.login(reg, 'yp.admin');
    await reg.goto(`${web.server.baseUrl}/admission?tab=overdue`);
    const overdue = reg.getByTestId('disposal-overdue').locator('tbody tr.ant-table-row');
    await overdue.first().waitFor();
    expect(await overdue.count()).toBe(2);
    expect(await overdue.first().textContent()).toMatch(/逾期 \d+ 天/);
    expect(await reg.getByText(/admission\./).count()).toBe(0);
    await overdue.first().click();
    await reg.getByTestId('disposal-detail').waitFor();
    await reg.getByTestId('disposal-step').click();
    const dialog = reg.locator('.ant-modal:visible');
    await dialog.getByLabel('进展日期').fill(new Date().toISOString().slice(0, 10));
    await dialog.getByLabel('进展日期').press('Enter');
    await dialog.getByLabel('进展情况').fill('市政府已下达关闭决定');
    await dialog.getByRole('button', { name: '保存' }).click();
    await reg.locator('.ant-modal').waitFor({ state: 'hidden' });
    await reg
      .locator('.ant-timeline')
      .getByText(/市政府已下达关闭决定/)
      .waitFor();
    await reg.screenshot({ path: `${SHOTS}/i25-admission-disposal.png`, fullPage: true });
    await reg.keyboard.press('Escape');

    await reg.goto(`${web.server.baseUrl}/admission?tab=permits`);
    const building = reg
      .getByTestId('permit-table')
      .locator('tbody tr.ant-table-row')
      .filter({ hasText: '建设中' });
    await building.first().click();
    await reg.getByTestId('permit-detail').waitFor();
    expect(await reg.getByTestId('permit-detail').textContent()).toContain('已延期');
    const second = await reg.evaluate(async () => {
      const list = (await (await fetch('/api/admission/permits?state=建设中')).json()) as {
        id: string;
      }[];
      const res = await fetch(`/api/admission/permits/${list[0]?.id}/extension`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ approvedOn: '2026-01-01', newDueOn: '2099-01-01', reason: '再延' }),
      });
      return res.status;
    });
    expect([400, 409]).toContain(second);
    await reg.screenshot({ path: `${SHOTS}/i25-admission-permit.png`, fullPage: true });

    const other = await web.newPage();
    await web.login(other, 'xn.admin');
    const seen = await other.evaluate(async () => {
      const list = (await (await fetch('/api/admission/disposals')).json()) as {
        countyName: string;
      }[];
      return list.map((d) => d.countyName);
    });
    expect(seen.filter((c) => c.includes('原平'))).toEqual([]);
    expect(web.cspViolations).toEqual([]);
    await reg.context().close();
    await other.context().close();
  });
});
