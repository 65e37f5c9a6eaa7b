/**
 * 隐蔽致灾因素普查 in a real browser (issue 25 §1; 《2024年矿山安全生产工作要点》第10条 and 原平第14条: 灾害等级按致灾
 * 因素"就高不就低", 经审查后公示): an enterprise files a survey of its mine with a 简单 and a 复杂 factor, the
 * county's regulator reviews and passes it, and the grade 复杂 — the higher of the two — shows on the mine
 * and on the public grade list a visitor reads without signing in.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { todayIn } from '../../src/shared/dates.ts';
import { browserAvailable } from './browser.ts';
import { SHOTS, useWebSession } from './web-session.ts';

/** Picks the option titled `title` in the select whose input id ends with `field`. */
async function choose(page: Page, field: string, title: string) {
  await page.locator(`.ant-modal:visible [id$="${field}"]`).click();
  await page
    .locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${title}"]`)
    .click();
}

describe.runIf(browserAvailable())('web app in Chromium: 隐蔽致灾因素普查', () => {
  const web = useWebSession();

  it('the enterprise files, the county passes it, and the higher factor’s grade is shown and published', async () => {
    const ent = await web.newPage();
    await web.login(ent, 'ent.admin');
    // One of the enterprise's own underground mines.
    const mine = await ent.evaluate(async () => {
      const list = (await (await fetch('/api/mines?limit=100')).json()) as {
        items: { id: string; name: string; kind: string; status: string }[];
      };
      return list.items.find((m) => ['煤矿井工', '金属非金属地下矿山'].includes(m.kind)) ?? null;
    });
    if (!mine) {
      throw new Error('ent.admin has no underground mine');
    }
    await ent.goto(`${web.server.baseUrl}/surveys`);
    await ent.getByTestId('file-survey').click();
    const dialog = ent.locator('.ant-modal:visible');
    await dialog.locator('[id$="mineId"]').click();
    await ent.keyboard.type(mine.name);
    await ent
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: mine.name })
      .first()
      .click();
    const today = todayIn(() => new Date());
    await dialog.locator('[id$="surveyedOn"]').click();
    await dialog.locator('[id$="surveyedOn"]').fill(today);
    await dialog.locator('[id$="surveyedOn"]').press('Enter');
    await dialog.locator('[id$="areaKm2"]').fill('4.2');
    await dialog.locator('[id$="surveyor"]').fill('晋北地质勘查技术服务有限公司');
    await dialog.locator('[id$="scopeDescription"]').fill('井田范围及周边 500 m');
    // Two factors: 水害 简单 and 采空区 复杂 — the survey's grade is the higher one (就高不就低).
    await choose(ent, 'factors_0_kind', '水害');
    await choose(ent, 'factors_0_level', '简单');
    await dialog.locator('[id$="factors_0_location"]').fill('奥灰含水层');
    await dialog.getByRole('button', { name: '添加致灾因素' }).click();
    await choose(ent, 'factors_1_kind', '采空区');
    await choose(ent, 'factors_1_level', '复杂');
    await dialog.locator('[id$="factors_1_location"]').fill('北翼老空区');
    await choose(ent, 'zones_0_zoneClass', '可采区');
    await dialog.locator('[id$="zones_0_name"]').fill('一采区');
    await ent.screenshot({ path: `${SHOTS}/i25-survey-file.png`, fullPage: true });
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // The county's regulator passes it.
    const reg = await web.newPage();
    await web.login(reg, 'yp.inspector');
    await reg.goto(`${web.server.baseUrl}/surveys`);
    const row = reg
      .getByTestId('survey-table')
      .locator('tbody tr.ant-table-row')
      .filter({ hasText: mine.name })
      .filter({ hasText: '待审查' });
    await row.first().click();
    await reg.getByTestId('review-survey').click();
    const review = reg.locator('.ant-modal:visible');
    await review.locator('[id$="reviewedOn"]').click();
    await review.locator('[id$="reviewedOn"]').fill(today);
    await review.locator('[id$="reviewedOn"]').press('Enter');
    await review.getByRole('button', { name: '保存' }).click();
    await review.waitFor({ state: 'hidden' });
    await reg.getByText('审查通过').first().waitFor();

    // The grade on the mine.
    await reg.goto(`${web.server.baseUrl}/mines/${mine.id}`);
    const grade = reg.getByTestId('fact-disasterGrade');
    await grade.waitFor();
    expect((await grade.textContent())?.trim()).toBe('复杂');
    await reg.screenshot({ path: `${SHOTS}/i25-survey-mine.png`, fullPage: true });

    // The public list, without a session.
    const visitor = await web.newPage();
    await visitor.goto(`${web.server.baseUrl}/disaster-grades`);
    await visitor.getByTestId('grades-region').click();
    await visitor.keyboard.type('原平');
    await visitor
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '原平市' })
      .first()
      .click();
    const published = visitor
      .getByTestId('public-grades')
      .locator('tbody tr.ant-table-row')
      .filter({ hasText: mine.name });
    await published.first().waitFor();
    expect((await published.first().locator('.ant-tag').textContent())?.trim()).toBe('复杂');
    await visitor.screenshot({ path: `${SHOTS}/i25-survey-public.png`, fullPage: true });
    expect(web.cspViolations).toEqual([]);
    await ent.context().close();
    await reg.context().close();
    await visitor.context().close();
  });
});
