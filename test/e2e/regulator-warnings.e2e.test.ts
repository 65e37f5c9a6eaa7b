/**
 * Regulators' warnings in a real browser against the real product (issue 24 "Warnings issued by the
 * regulator"; 《2024年矿山安全生产工作要点》第31条 及时发布汛期等预警信息, 完善应急叫应回响应机制; 第30条 停产撤人): the
 * 原平 county regulator issues a 暴雨 warning to every mine of its county; the duty officer of one mine
 * acknowledges it on the home and reports the people withdrawn; the other mines do not answer and, once
 * the policy's step time has passed, their calls escalate to the county (the next step of
 * warnings.callPolicy). The server runs its own clock, so the test shortens the first step to one minute
 * through the settings API — as an administrator would — and waits for the call loop's tick.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable } from './browser.ts';
import { useWebSession, SHOTS } from './web-session.ts';

/** A JSON request as the page's signed-in user. */
function api(page: Page, method: string, url: string, body?: unknown) {
  return page.evaluate(
    async ([m, u, b]) => {
      const res = await fetch(u, {
        method: m,
        headers: b === undefined ? {} : { 'content-type': 'application/json' },
        body: b === undefined ? undefined : JSON.stringify(b),
      });
      return { status: res.status, body: await res.json() };
    },
    [method, url, body] as const,
  );
}

describe.runIf(browserAvailable())('web app in Chromium: 监管预警 叫应', () => {
  const web = useWebSession();

  it('a county issues a 暴雨 warning; one mine acknowledges and reports, the others escalate to the county', async () => {
    // An administrator shortens the first step to one minute (the default is 30).
    const admin = await web.newPage();
    await web.login(admin, 'admin');
    const set = await api(admin, 'PUT', '/api/settings/warnings.callPolicy', {
      value: {
        steps: [
          {
            stage: '预警',
            audiences: ['mine_duty', 'principal'],
            channels: ['in_app'],
            ackWithinMinutes: 1,
            renotifyEveryMinutes: 0,
          },
          {
            stage: '响警',
            audiences: ['county'],
            channels: ['in_app'],
            ackWithinMinutes: 60,
            renotifyEveryMinutes: 0,
          },
        ],
      },
      source: '浏览器测试: 缩短确认时限',
      verified: false,
      reason: '浏览器测试缩短叫应时限',
    });
    expect(set.status).toBe(200);
    await admin.context().close();

    // The county regulator issues the warning through the form.
    const reg = await web.newPage();
    await web.login(reg, 'yp.admin');
    await reg.goto(`${web.server.baseUrl}/warnings`);
    await reg.getByTestId('warning-issue').click();
    await reg.getByTestId('warning-title').fill('暴雨橙色预警');
    await reg
      .getByTestId('warning-content')
      .fill('预计今夜有大暴雨, 立即排查井下水害隐患, 低洼处作业人员撤至安全地点。');
    await reg.screenshot({ path: `${SHOTS}/i24-warning-form.png`, fullPage: true });
    await reg.getByRole('button', { name: /保\s*存/ }).click();
    await reg.waitForURL(/\/warnings\/[0-9a-f-]{36}$/);
    const warningUrl = reg.url();
    const rows = reg.getByTestId('warning-calls').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    const mines = await rows.count();
    expect(mines).toBeGreaterThan(1);
    expect(await reg.getByTestId('warning-call-state').allInnerTexts()).toEqual(
      Array.from({ length: mines }, () => '待确认'),
    );

    // The duty officer of one mine sees it on the home, acknowledges and reports.
    const duty = await web.newPage();
    await web.login(duty, 'mine.duty');
    const card = duty.getByTestId('duty-warnings');
    await card.getByText('暴雨橙色预警').waitFor();
    // Among what needs the duty officer now (issue 23 home).
    await expect
      .poll(() => duty.getByTestId('need-warningsToAnswer').locator('[data-count]').innerText())
      .toBe('1');
    await duty.screenshot({ path: `${SHOTS}/i24-warning-duty-home.png`, fullPage: true });
    await card.getByTestId('warning-ack').click();
    await card.getByTestId('warning-respond').click();
    await duty.getByLabel('撤出人数').fill('8');
    await duty
      .getByTestId('warning-measures')
      .fill('井下低洼处8人撤至地面, 加强排水, 专人盯守水情');
    await duty.screenshot({ path: `${SHOTS}/i24-warning-respond.png`, fullPage: true });
    await duty.getByRole('button', { name: /保\s*存/ }).click();
    await card.waitFor({ state: 'detached' });
    const me = (await api(duty, 'GET', '/api/auth/me')).body as { scope: { mineIds: string[] } };
    await duty.context().close();

    // The issuing unit sees who answered, when and how many were withdrawn.
    const calls = (await api(reg, 'GET', `/api/warnings/${warningUrl.split('/').pop()}`)).body as {
      calls: { mineId: string; mineName: string }[];
    };
    const answered = calls.calls.find((c) => me.scope.mineIds.includes(c.mineId));
    expect(answered).toBeDefined();
    await reg.reload();
    const row = reg
      .getByTestId('warning-calls')
      .locator(`tr[data-mine="${answered?.mineName ?? '-'}"]`);
    await expect.poll(() => row.getByTestId('warning-call-state').innerText()).toBe('已回应');
    expect(await row.innerText()).toContain('8');

    // The others have not acknowledged: after the one-minute step the call loop escalates them to the county.
    await expect
      .poll(
        async () => {
          await reg.reload();
          await rows.first().waitFor();
          return reg.getByTestId('warning-escalated').count();
        },
        { timeout: 150_000, interval: 10_000 },
      )
      .toBe(mines - 1);
    expect(await row.getByTestId('warning-escalated').count()).toBe(0);
    await reg.screenshot({ path: `${SHOTS}/i24-warning-escalated.png`, fullPage: true });
    // The county's regulators got the escalation in their inbox.
    const inbox = (await api(reg, 'GET', '/api/notifications')).body as { title: string }[];
    expect(inbox.filter((n) => n.title.includes('未确认')).length).toBe(mines - 1);
    expect(web.cspViolations).toEqual([]);
    await reg.context().close();
  });
});
