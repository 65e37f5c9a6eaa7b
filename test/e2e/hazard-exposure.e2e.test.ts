/**
 * 曝光 of an overdue hazard in a real browser (《2024年矿山安全生产工作要点》第20条: 对重大事故隐患整改进展缓慢的及时
 * 采取函告、通报、约谈、曝光等措施): the province's regulator opens a demo hazard long past its deadline, whose
 * ladder reached 曝光, exposes it with a reason, and the public page shows the mine and the reason to a
 * visitor who never signed in; the 函告 of the same hazard opens as a numbered document.
 */
import { describe, expect, it } from 'vitest';
import { browserAvailable } from './browser.ts';
import { useWebSession, SHOTS } from './web-session.ts';

interface ActsBody {
  steps: { step: string; reachedOn: string | null; canAct: boolean }[];
}

describe.runIf(browserAvailable())('web app in Chromium: 曝光', () => {
  const web = useWebSession();

  it('a regulator exposes an overdue hazard and the public page shows it without login', async () => {
    const reg = await web.newPage();
    await web.login(reg, 'sx.admin');
    // A demo hazard whose ladder reached 曝光 (the escalation job runs when the server starts).
    const find = () =>
      reg.evaluate(async () => {
        const list = (await (await fetch('/api/hazards?overdue=true&limit=100')).json()) as {
          items: { id: string; mineName: string }[];
        };
        for (const h of list.items) {
          const acts = (await (await fetch(`/api/hazards/${h.id}/acts`)).json()) as ActsBody;
          if (acts.steps.some((s) => s.step === '曝光' && s.canAct)) {
            return h;
          }
        }
        return null;
      });
    await expect.poll(find, { timeout: 60_000, interval: 2_000 }).not.toBeNull();
    const hazard = await find();
    if (!hazard) {
      throw new Error('no hazard reached 曝光');
    }
    await reg.goto(`${web.server.baseUrl}/hazards/${hazard.id}`);
    await reg.getByTestId('hazard-acts').waitFor();
    // Every step and button in Chinese, no message key left untranslated.
    expect(await reg.getByTestId('act-曝光').textContent()).toBe('曝光');
    expect(await reg.getByText(/hazardActs\./).count()).toBe(0);
    await reg.getByTestId('act-曝光').click();
    const dialog = reg.locator('.ant-modal:visible');
    const reason = '重大事故隐患逾期未整改，经函告、通报、约谈仍未整改到位';
    await dialog.getByTestId('act-reason').fill(reason);
    await dialog.getByRole('button', { name: '保存' }).click();
    await reg.getByTestId('exposure-withdraw').waitFor();
    await reg.screenshot({ path: `${SHOTS}/i24-exposure-hazard.png`, fullPage: true });
    // The 函告 of the same hazard: made from its step, it opens as a numbered draft document.
    await reg.getByTestId('act-函告').click();
    await reg.waitForURL(/\/documents\/[0-9a-f-]{36}$/);
    await reg.getByTestId('document-pdf').waitFor();
    expect(await reg.locator('h1').first().textContent()).toContain('函告');
    expect(await reg.getByTestId('document-number').textContent()).toMatch(/（函）〔\d{4}〕\d+号$/);
    await reg.screenshot({ path: `${SHOTS}/i24-exposure-letter.png`, fullPage: true });

    // A visitor without a session reads the public page.
    const visitor = await web.newPage();
    await visitor.goto(`${web.server.baseUrl}/exposures`);
    const row = visitor
      .getByTestId('public-exposures')
      .locator('tbody tr.ant-table-row')
      .filter({ hasText: reason });
    await row.first().waitFor();
    expect(await row.first().textContent()).toContain(hazard.mineName);
    expect(await visitor.getByText(/《2024年矿山安全生产工作要点》第20条/).count()).toBe(1);
    await visitor.screenshot({ path: `${SHOTS}/i24-exposure-public.png`, fullPage: true });
    expect(web.cspViolations).toEqual([]);
    await reg.context().close();
    await visitor.context().close();
  });
});
