/**
 * A tailings pond's 闭库 in a real browser (《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(六)3: 完成闭库治理的尾矿库,
 * 应由县级以上地方政府公告销号; 《2024年矿山安全生产工作要点》第12条): the regulator sees the demo's overdue
 * findings, opens the 闭库 of a pond that has none, and walks it 闭库设计 → 闭库施工 → 闭库验收 → 公告销号, each
 * step with its date and document; the pond is then 销号 and owes nothing more. (原平 has no pond in the
 * demo: the province's regulator does it.)
 */
import { describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../src/shared/dates.ts';
import { browserAvailable } from './browser.ts';
import { SHOTS, useWebSession } from './web-session.ts';

describe.runIf(browserAvailable())('web app in Chromium: 尾矿库闭库', () => {
  const web = useWebSession();

  it('a regulator walks a pond through 闭库 to 公告销号', async () => {
    const page = await web.newPage();
    await web.login(page, 'sx.admin');
    await page.goto(`${web.server.baseUrl}/pits-ponds`);
    // The demo leaves overdue records (排洪构筑物 never tested, a 闭库 late at 施工).
    const findings = page.getByTestId('pit-pond-findings').locator('tbody tr.ant-table-row');
    await findings.first().waitFor();
    expect(await page.getByText('闭库步骤逾期').count()).toBeGreaterThan(0);
    expect(await page.getByText(/pitsPonds\./).count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/i25-pits-ponds-findings.png`, fullPage: true });

    // A pond without a 闭库.
    const pond = await page.evaluate(async () => {
      const mines = (await (await fetch('/api/pits-ponds/mines')).json()) as {
        id: string;
        name: string;
        kind: string;
      }[];
      const closures = (await (await fetch('/api/pits-ponds/closures')).json()) as {
        mineId: string;
      }[];
      return mines.find((m) => m.kind === '尾矿库' && !closures.some((c) => c.mineId === m.id));
    });
    if (!pond) {
      throw new Error('no pond without a 闭库 in the demo');
    }
    const today = shanghaiDate(Date.now());
    const pickDate = async (dialog: ReturnType<typeof page.locator>) => {
      const input = dialog.locator('.ant-picker input');
      await input.click();
      await input.fill(today);
      await input.press('Enter');
    };

    await page.getByTestId('open-closure').click();
    let dialog = page.locator('.ant-modal:visible');
    await dialog.getByLabel('尾矿库').fill(pond.name);
    await page.locator('.ant-select-item-option').filter({ hasText: pond.name }).first().click();
    await dialog.getByLabel('闭库原因').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '停用超过3年' }).click();
    await pickDate(dialog);
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('tab', { name: '尾矿库闭库' }).click();
    await page.getByTestId('pond-closures').getByText(pond.name).click();
    const drawer = page.locator('.ant-drawer-body');
    for (const step of ['闭库设计', '闭库施工', '闭库验收', '公告销号']) {
      await drawer.getByTestId('closure-step').filter({ hasText: step }).click();
      dialog = page.locator('.ant-modal:visible');
      await pickDate(dialog);
      await dialog.getByLabel('报告或文件').fill(`${pond.name}${step}文件`);
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await drawer.getByText(`${pond.name}${step}文件`, { exact: false }).waitFor();
    }
    await drawer.getByText('已公告销号').waitFor();
    expect(await drawer.getByTestId('closure-step').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/i25-pond-closure.png`, fullPage: true });

    const closure = await page.evaluate(async (mineId) => {
      const list = (await (await fetch('/api/pits-ponds/closures')).json()) as {
        mineId: string;
        delistedOn: string | null;
        nextStep: string | null;
      }[];
      return list.find((c) => c.mineId === mineId);
    }, pond.id);
    expect(closure).toMatchObject({ delistedOn: today, nextStep: null });
    const left = await page.evaluate(async (mineId) => {
      const list = (await (await fetch('/api/pits-ponds/findings')).json()) as { mineId: string }[];
      return list.filter((f) => f.mineId === mineId).length;
    }, pond.id);
    expect(left).toBe(0);
    expect(web.cspViolations).toEqual([]);
    await page.context().close();
  });
});
