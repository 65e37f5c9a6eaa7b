/**
 * Enterprises report to the plan in a real browser (issue 25 §7; 《原平市矿山企业安全生产治本攻坚三年行动实施方案》
 * 四(六)): 原平's regulator sees, per due date, who filed on time, late or not at all (the demo leaves one
 * missing); the enterprise files a report it still owes, with a PDF, and sees it on its board.
 */
import { describe, expect, it } from 'vitest';
import { browserAvailable } from './browser.ts';
import { SHOTS, useWebSession } from './web-session.ts';

describe.runIf(browserAvailable())('web app in Chromium: 治本攻坚报送', () => {
  const web = useWebSession();

  it('the regulator sees the missing report; an enterprise files one it owes, with a file', async () => {
    const reg = await web.newPage();
    await web.login(reg, 'yp.admin');
    await reg.goto(`${web.server.baseUrl}/enterprise-reports`);
    await reg.locator('[data-testid^="due-"]').first().waitFor();
    const missing = reg.locator('.ant-card-extra .ant-tag', { hasText: /^未报送 [1-9]\d*$/ });
    expect(await missing.count()).toBeGreaterThan(0);
    expect(await reg.getByText(/四\(六\)/).count()).toBeGreaterThan(0);
    await reg.screenshot({ path: `${SHOTS}/i25-enterprise-reports-board.png`, fullPage: true });
    const ent = await web.newPage();
    await web.login(ent, 'ent.admin');
    await ent.getByRole('link', { name: '治本攻坚报送' }).click();
    await ent.getByRole('heading', { name: '治本攻坚推进情况报送' }).waitFor();
    const owed = ent.getByTestId('report-file').first();
    await owed.waitFor();
    // The card of the due date it files for (found before filing moves the button elsewhere).
    const dueId = await ent
      .locator('[data-testid^="due-"]')
      .filter({ has: owed })
      .first()
      .getAttribute('data-testid');
    const card = ent.getByTestId(dueId ?? '');
    await owed.click();
    const dialog = ent.locator('.ant-modal:visible');
    await dialog
      .getByTestId('report-text')
      .fill('本年度完成重大事故隐患排查整治 12 项, 监测预警系统全部接入。');
    await dialog.locator('input[type=file]').setInputFiles({
      name: '年度工作总结.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% e2e report\n%%EOF\n'),
    });
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await card.getByRole('link', { name: '年度工作总结.pdf' }).waitFor();
    expect(await card.locator('tbody .ant-tag').first().textContent()).toMatch(
      /^(按时报送|逾期报送)$/,
    );
    expect(await ent.getByText(/enterpriseReports\./).count()).toBe(0);
    await ent.screenshot({ path: `${SHOTS}/i25-enterprise-report.png`, fullPage: true });

    expect(web.cspViolations).toEqual([]);
    await ent.context().close();
    await reg.context().close();
  });
});
