/**
 * Lists people can work with, in a real browser against the demo (issue 23 §7): a filtered list opened
 * from a link (`/hazards?overdue=true`) shows its filter set, a search narrows the list and goes into the
 * URL, 导出 Excel downloads the rows the list shows, a detail page leads back to its list, and the alarm
 * board reads its filters from the URL too.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../src/server/platform/tabular/read-table.ts';
import { browserAvailable } from './browser.ts';
import { PASSWORD, SHOTS, useWebSession } from './web-session.ts';

const run = browserAvailable();

describe.runIf(run)('working lists in the browser', () => {
  const web = useWebSession();

  it('filters a list from its URL and a search, exports what it shows, and comes back from a detail', async () => {
    const context = await web.browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'zh-CN',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await page.goto(`${web.server.baseUrl}/login`);
    await page.getByLabel('用户名').fill('yp.admin');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${web.server.baseUrl}/`);

    // A link from the home page: the overdue hazards.
    await page.goto(`${web.server.baseUrl}/hazards?overdue=true`);
    const table = page.getByTestId('hazard-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    expect(await page.getByRole('checkbox', { name: '只看逾期' }).isChecked()).toBe(true);

    // Search by the first row's mine: the URL keeps it and every row is that mine's.
    const mine = (
      await table.locator('tbody tr.ant-table-row').first().locator('td').nth(1).innerText()
    ).trim();
    const search = page.getByRole('searchbox', { name: /搜索矿山/ });
    await search.fill(mine);
    await search.press('Enter');
    await page.waitForURL(/[?&]q=/);
    expect(new URL(page.url()).searchParams.get('q')).toBe(mine);
    expect(new URL(page.url()).searchParams.get('overdue')).toBe('true');
    await expect
      .poll(async () => {
        const names = await table.locator('tbody tr.ant-table-row td:nth-child(2)').allInnerTexts();
        return names.length > 0 && names.every((n) => n.trim() === mine);
      })
      .toBe(true);
    const shown = await table.locator('tbody tr.ant-table-row').count();
    await page.screenshot({ path: `${SHOTS}/95-hazards-filtered.png`, fullPage: true });

    // 导出 Excel: the file holds the rows the list shows.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-xlsx').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const path = `${SHOTS}/95-hazards-filtered.xlsx`;
    await download.saveAs(path);
    const sheet = await readTable(readFileSync(path), 'xlsx', 10_000);
    expect(sheet.headers).toContain('矿山');
    expect(sheet.rows).toHaveLength(shown);
    expect(sheet.rows.every((r) => r.cells['矿山'] === mine && r.cells['逾期'] === '是')).toBe(
      true,
    );

    // A detail page leads back to its list.
    await table.locator('tbody tr.ant-table-row').first().getByRole('link').first().click();
    await page.waitForURL(/\/hazards\/[0-9a-f-]{36}$/);
    await page.getByTestId('back-link').click();
    await page.waitForURL(/\/hazards$/);

    // The alarm board reads its filters from the URL as well.
    await page.goto(
      `${web.server.baseUrl}/monitoring?open=all&level=${encodeURIComponent('红色')}`,
    );
    await page.getByTestId('alarm-board').waitFor();
    expect(await page.getByTestId('filter-level').innerText()).toContain('红色');
    await page.screenshot({ path: `${SHOTS}/96-alarms-filtered.png`, fullPage: true });
    await context.close();
  });
});
