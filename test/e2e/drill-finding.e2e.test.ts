/**
 * 应急演练 in a real browser (issue 25 §3; 西藏第4条, 原平第5条: 每半年至少一次紧急撤离和逃生避险应急演练): 原平's
 * regulator opens a demo mine whose drill is overdue, records a drill on its register, and the finding
 * disappears from the register and from the list of overdue mines.
 */
import { describe, expect, it } from 'vitest';
import { todayIn } from '../../src/shared/dates.ts';
import { browserAvailable } from './browser.ts';
import { SHOTS, useWebSession } from './web-session.ts';

describe.runIf(browserAvailable())('web app in Chromium: 应急演练', () => {
  const web = useWebSession();

  it('a drill recorded on the register closes the overdue-drill finding', async () => {
    const page = await web.newPage();
    await web.login(page, 'yp.admin');
    const overdue = () =>
      page.evaluate(async () => {
        const list = (await (await fetch('/api/emergency/findings?region=140981')).json()) as {
          mineId: string;
          mineName: string;
          rule: string;
        }[];
        return list.filter((f) => f.rule === '应急演练');
      });
    const before = await overdue();
    const target = before[0];
    if (!target) {
      throw new Error('no demo mine with an overdue drill');
    }
    await page.goto(`${web.server.baseUrl}/emergency?tab=register&mineId=${target.mineId}`);
    const findings = page.getByTestId('register-findings');
    await findings.waitFor();
    expect(await findings.textContent()).toContain('应急演练');
    // Chinese labels only, no message key left untranslated.
    expect(await page.getByText(/emergency\./).count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/i25-drill-before.png`, fullPage: true });

    await page.getByTestId('record-drill').click();
    const dialog = page.locator('.ant-modal:visible');
    await dialog.locator('.ant-picker input').click();
    await dialog.locator('.ant-picker input').fill(todayIn(() => new Date()));
    await dialog.locator('.ant-picker input').press('Enter');
    await dialog.getByTestId('emergency-participants').fill('73');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('drill-table').getByText('73', { exact: true }).waitFor();
    await expect
      .poll(
        async () =>
          (await findings.count()) === 0 || !(await findings.textContent())?.includes('应急演练'),
      )
      .toBe(true);
    await page.screenshot({ path: `${SHOTS}/i25-drill-after.png`, fullPage: true });

    expect((await overdue()).some((f) => f.mineId === target.mineId)).toBe(false);
    await page.goto(`${web.server.baseUrl}/emergency`);
    const list = page.getByTestId('emergency-findings');
    await list.locator('tbody tr.ant-table-row').first().waitFor();
    const rows = await list
      .locator('tbody tr.ant-table-row')
      .filter({ hasText: target.mineName })
      .allTextContents();
    expect(rows.some((r) => r.includes('应急演练'))).toBe(false);
    expect(web.cspViolations).toEqual([]);
    await page.context().close();
  });
});
