/**
 * The accident's workflow in a real browser (issue 24; 西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第21条, 《2024年矿山安全生产工作要点》
 * 第35条): the demo's fatal accident at a mine under 停产整顿 shows that it holds the mine's 复工复产; the province
 * accepts its 整改 through the step's form, and the timeline shows the step while the warning goes.
 */
import { describe, expect, it } from 'vitest';
import { todayIn } from '../../src/shared/dates.ts';
import { browserAvailable } from './browser.ts';
import { useWebSession, SHOTS } from './web-session.ts';

describe.runIf(browserAvailable())('web app in Chromium: the accident workflow', () => {
  const web = useWebSession();

  it('the province accepts a fatal accident’s 整改 and sees it on the timeline', async () => {
    const page = await web.newPage();
    await web.login(page, 'sx.admin');
    await page.goto(`${web.server.baseUrl}/accidents`);
    await page.locator('[data-testid=accident-table]').waitFor();
    // The demo's fatal accident, opened by its link (/accidents?open=<id>, as a 举报 that became it links).
    const list = (await page.evaluate(async () => {
      const res = await fetch('/api/accidents');
      return res.json();
    })) as { id: string; deaths: number }[];
    const fatal = list.find((a) => a.deaths > 0);
    expect(fatal).toBeDefined();
    await page.goto(`${web.server.baseUrl}/accidents?open=${fatal?.id ?? ''}`);
    const flow = page.getByTestId('accident-workflow');
    await flow.waitFor();
    await flow.getByText('整改验收合格前矿山不得复工复产').waitFor();
    await page.screenshot({ path: `${SHOTS}/i24-accident-workflow.png`, fullPage: true });
    expect(await flow.textContent()).toContain('调查中');
    expect(await flow.locator('button').allTextContents()).toContain('整改验收');
    await flow.getByRole('button', { name: '整改验收' }).click();
    const dialog = page.locator('.ant-modal').last();
    await dialog.locator('.ant-picker input').click();
    await dialog.locator('.ant-picker input').fill(todayIn(() => new Date()));
    await dialog.locator('.ant-picker input').press('Enter');
    await dialog.getByLabel('说明').fill('县局组织整改验收, 合格');
    await page.screenshot({ path: `${SHOTS}/i24-accident-rectification.png`, fullPage: true });
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await flow.locator('.ant-timeline').getByText('整改验收合格: 县局组织整改验收, 合格').waitFor();
    await expect.poll(async () => flow.getByText('整改验收合格前矿山不得复工复产').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/i24-accident-timeline.png`, fullPage: true });
    expect(web.cspViolations).toEqual([]);
    await page.context().close();
  });
});
