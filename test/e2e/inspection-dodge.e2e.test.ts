/**
 * The stopped-mine leads of the demo province in a real browser (issue 24):
 * - the planted 停产迎检 lead (《2024年矿山安全生产工作要点》第41条 "企业不得停产迎检"): the leads list filtered by
 *   the rule shows it by its Chinese name, and its page draws the evidence by day, lists the dropped
 *   windows of power and headcount and links the inspection;
 * - the 明停暗开 mine's declared 排水 (第18条 整改方案 定时、定量、定人、定措施): the county sees the declaration
 *   on the 停产矿山 page, and the lead begins after the declared days and names them as explained.
 */
import { describe, expect, it } from 'vitest';
import { browserAvailable } from './browser.ts';
import { useWebSession, SHOTS } from './web-session.ts';

describe.runIf(browserAvailable())('web app in Chromium: 停产迎检 and declared work', () => {
  const web = useWebSession();

  it('the province finds the planted 停产迎检 lead and reads its windows and inspection', async () => {
    const reg = await web.newPage();
    await web.login(reg, 'sx.admin');
    await reg.goto(`${web.server.baseUrl}/leads?rule=${encodeURIComponent('停产迎检')}`);
    const row = reg.locator('tbody tr').filter({ hasText: '停产迎检' }).first();
    await row.waitFor();
    await reg.screenshot({ path: `${SHOTS}/i24-dodge-list.png`, fullPage: true });
    expect(await reg.locator('tbody tr.ant-table-row').count()).toBe(1);
    await row.locator('td a').first().click();
    await reg.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
    await reg.getByTestId('lead-evidence-chart').locator('canvas').first().waitFor();
    // The inspection the mine stopped for, named by its day and unit, linked to its record.
    const inspection = reg.getByTestId('lead-inspections').locator('a');
    await expect.poll(() => inspection.count()).toBe(1);
    expect(await inspection.first().textContent()).toMatch(/^\d{4}-\d{2}-\d{2} .+检查$/);
    // The two dropped windows, each against its baseline and threshold.
    const breaches = reg.locator('.ant-table tbody tr.ant-table-row');
    await expect.poll(() => breaches.count()).toBe(2);
    expect(await breaches.nth(0).textContent()).toContain('用电量');
    expect(await breaches.nth(1).textContent()).toContain('井下人数');
    expect(await reg.getByText(/疑似停产迎检/).count()).toBeGreaterThan(0);
    await reg.waitForTimeout(500); // let the chart draw before the screenshot
    await reg.screenshot({ path: `${SHOTS}/i24-dodge-detail.png`, fullPage: true });
    expect(web.cspViolations).toEqual([]);
    await reg.context().close();
  });

  it('a declared 排水 window explains the stopped mine’s nights: the 明停暗开 lead starts after it and names it (第18条)', async () => {
    const reg = await web.newPage();
    await web.login(reg, 'yp.admin');
    await reg.goto(`${web.server.baseUrl}/stopped`);
    const declared = reg.locator('tbody tr.ant-table-row').filter({ hasText: '排水' }).first();
    await declared.waitFor();
    const mineName = (await declared.locator('td').first().innerText()).trim();
    const days = (await declared.innerText()).match(/(\d{4}-\d{2}-\d{2}) ~ (\d{4}-\d{2}-\d{2})/);
    expect(days).not.toBeNull();
    const [, startsOn, endsOn] = days ?? [];
    expect(await declared.innerText()).toContain('已申报');
    await reg.screenshot({ path: `${SHOTS}/i24-declared-work.png`, fullPage: true });

    await reg.goto(`${web.server.baseUrl}/leads?rule=${encodeURIComponent('明停暗开')}`);
    const row = reg.locator('tbody tr.ant-table-row').filter({ hasText: mineName }).first();
    await row.waitFor();
    await row.locator('td a').first().click();
    await reg.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
    // The declared days are explained and named; the lead's window begins on a later day.
    await reg.getByText(`已申报作业说明的部分不计: 排水 ${startsOn}至${endsOn}`).waitFor();
    const window = await reg.getByTestId('lead-window').innerText();
    expect(window.slice(0, 10) > (endsOn ?? '')).toBe(true);
    await reg.getByTestId('lead-evidence-chart').locator('canvas').first().waitFor();
    await reg.waitForTimeout(500); // let the chart draw before the screenshot
    await reg.screenshot({ path: `${SHOTS}/i24-declared-lead.png`, fullPage: true });
    expect(web.cspViolations).toEqual([]);
    await reg.context().close();
  });
});
