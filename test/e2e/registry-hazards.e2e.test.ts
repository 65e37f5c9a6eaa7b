/**
 * The web app in a real browser against the real product (`minewatch serve` with its demo province),
 * part 1: sign-in and jurisdiction (a county regulator and an enterprise user each see only what they
 * may), the mine list and its filters, a mine edited and its change history, an import with a bad row,
 * the language switch, the keyboard and a tablet, and one hazard from report to 销号.
 */
import { describe, expect, it } from 'vitest';
import { browserAvailable } from './browser.ts';
import { useWebSession, SHOTS } from './web-session.ts';

const run = browserAvailable();

describe.runIf(run)('web app in Chromium: registry and hazards', () => {
  const web = useWebSession();

  it('a visitor without a session is sent to the login page', async () => {
    const page = await web.newPage();
    await page.goto(`${web.server.baseUrl}/mines`);
    await page.waitForURL(/\/login\?next=%2Fmines/);
    await page.getByRole('button', { name: '登录' }).waitFor();
    await expect(page.getByLabel('用户名').isVisible()).resolves.toBe(true);
    await page.screenshot({ path: `${SHOTS}/01-login.png` });
    await page.context().close();
  });

  it('the app comes compressed and in parts: the login page loads neither feature pages nor charts; a page brings its chunk', async () => {
    const page = await web.newPage();
    const scripts: { name: string; encoding: string | undefined; cache: string | undefined }[] = [];
    page.on('response', (res) => {
      const url = new URL(res.url());
      if (url.pathname.startsWith('/assets/') && url.pathname.endsWith('.js')) {
        void res.allHeaders().then((h) =>
          scripts.push({
            name: url.pathname.slice('/assets/'.length),
            encoding: h['content-encoding'],
            cache: h['cache-control'],
          }),
        );
      }
    });
    const html = await page.goto(`${web.server.baseUrl}/login`);
    expect(html?.headers()['cache-control']).toBe('no-cache');
    await page.getByLabel('用户名').waitFor();
    const initial = [...scripts];
    // The entry (the script index.html names) and every sizeable chunk come compressed.
    const entry = /src="\/assets\/([^"]+\.js)"/.exec((await html?.text()) ?? '')?.[1];
    expect(initial.find((s) => s.name === entry)?.encoding).toMatch(/^(br|gzip)$/);
    for (const s of initial) {
      expect(s.cache, s.name).toBe('public, max-age=31536000, immutable');
    }
    expect(initial.map((s) => s.name).join(' ')).not.toMatch(/echarts|MineListPage|PlansPage/);
    await web.login(page, 'yp.admin');
    await page.getByTestId('hazard-card').locator('canvas').first().waitFor();
    expect(scripts.some((s) => s.name.startsWith('echarts-'))).toBe(true);
    await page.locator('a[href="/mines"]').first().click();
    await web.rows(page).first().waitFor();
    expect(scripts.some((s) => s.name.startsWith('MineListPage-'))).toBe(true);
    await page.context().close();
  });

  it('a county regulator sees only the county: dashboard, region selector, mine list', async () => {
    const page = await web.newPage();
    await web.login(page, 'yp.admin');
    const api = await web.apiAs(page, '/api/mines?limit=500');
    await page.getByTestId('total-mines').waitFor();
    await expect(page.getByTestId('total-mines').innerText()).resolves.toContain(String(api.total));
    const hazards = (await page.evaluate(async () =>
      (await fetch('/api/hazards/summary')).json(),
    )) as { total: number; overdue: number };
    expect(hazards.total).toBeGreaterThan(0);
    const card = page.getByTestId('hazard-card');
    await card.getByText('隐患总数').waitFor();
    await expect(card.innerText()).resolves.toContain(String(hazards.total));
    await page.waitForTimeout(500); // let the charts draw before the screenshot
    await page.screenshot({ path: `${SHOTS}/02-dashboard-county.png`, fullPage: true });

    // The region selector offers 原平市 and its ancestors only.
    await page.getByTestId('region-selector').click();
    const tree = page.locator('.ant-select-tree');
    await tree.waitFor();
    const options = await tree.innerText();
    expect(options).toContain('原平市');
    expect(options).not.toContain('乡宁县');
    expect(options).not.toContain('大同市');
    await page.keyboard.press('Escape');

    // The mine list, timed from navigation to the first rows on screen.
    const started = Date.now();
    await page.goto(`${web.server.baseUrl}/mines`);
    await web.rows(page).first().waitFor();
    const loadMs = Date.now() - started;
    console.log(`mine list page load (yp.admin, ${api.total} mines, demo data): ${loadMs} ms`);
    const counties = await page
      .locator('[data-testid=mine-table] tbody tr.ant-table-row td:nth-child(3)')
      .allInnerTexts();
    expect(counties.length).toBe(Math.min(50, api.total));
    expect(new Set(counties)).toEqual(new Set(['原平市']));
    await expect(page.getByTestId('list-total').innerText()).resolves.toContain(String(api.total));
    await page.screenshot({ path: `${SHOTS}/03-mine-list-county.png`, fullPage: true });
    await page.context().close();
  });

  it('the app runs under the Content-Security-Policy the server sends: the dashboard draws its charts and their tooltips', async () => {
    const page = await web.newPage();
    await web.login(page, 'yp.admin');
    const res = await page.goto(`${web.server.baseUrl}/`);
    expect(res?.headers()['content-security-policy']).toMatch(/script-src 'self';/);
    await page.getByTestId('hazard-card').locator('canvas').first().waitFor();
    // ECharts' tooltip is HTML with style attributes: hovering the charts brings it up under the policy.
    for (const canvas of await page.locator('canvas').all()) {
      const box = await canvas.boundingBox();
      for (const [fx, fy] of box
        ? [
            [0.5, 0.5],
            [0.3, 0.4],
            [0.7, 0.6],
          ]
        : []) {
        await page.mouse.move(
          (box?.x ?? 0) + (box?.width ?? 0) * (fx ?? 0),
          (box?.y ?? 0) + (box?.height ?? 0) * (fy ?? 0),
        );
      }
    }
    await page.locator('canvas').first().waitFor();
    // Any refusal fails the test (web-session.ts collects them from every page).
    expect(web.cspViolations).toEqual([]);
    await page.context().close();
  });

  it('filters the mine list by kind', async () => {
    const page = await web.newPage();
    await web.login(page, 'sx.admin');
    const expected = await web.apiAs(
      page,
      `/api/mines?kind=${encodeURIComponent('尾矿库')}&limit=1`,
    );
    await page.goto(`${web.server.baseUrl}/mines`);
    await web.rows(page).first().waitFor();
    await page.getByTestId('filter-kind').click();
    await page.locator('.ant-select-item-option', { hasText: '尾矿库' }).click();
    await page.keyboard.press('Escape');
    await page.waitForURL(/kind=/);
    await expect
      .poll(() => page.getByTestId('list-total').innerText())
      .toContain(String(expected.total));
    const kinds = await page
      .locator('[data-testid=mine-table] tbody tr.ant-table-row td:nth-child(4)')
      .allInnerTexts();
    expect(new Set(kinds)).toEqual(new Set(['尾矿库']));
    await page.screenshot({ path: `${SHOTS}/04-mine-list-filtered.png`, fullPage: true });
    await page.context().close();
  });

  it('opens a mine, edits it, and finds the edit in its change history', async () => {
    const page = await web.newPage();
    await web.login(page, 'yp.admin');
    await page.goto(`${web.server.baseUrl}/mines?kind=${encodeURIComponent('煤矿井工')}`);
    await web.rows(page).first().waitFor();
    const name = await web.rows(page).first().locator('td').first().innerText();
    await web.rows(page).first().locator('td a').first().click();
    await page.getByRole('heading', { name }).waitFor();
    await page.screenshot({ path: `${SHOTS}/05-mine-detail.png`, fullPage: true });
    await page.getByRole('button', { name: '编辑' }).click();
    // The 灾害防治等级 is set by surveys now; the edit is of the mine's depth.
    const depth = page.getByLabel('开采深度 (m)');
    await depth.waitFor();
    await depth.fill('987');
    await page.getByTestId('mine-save').click();
    await page.getByRole('heading', { name }).waitFor();
    await expect(page.getByTestId('fact-depthM').innerText()).resolves.toContain('987');
    await page.getByRole('tab', { name: '修改记录' }).click();
    const history = page.getByTestId('audit-history');
    await history.getByText('987').first().waitFor();
    // Who changed it, by display name (never the username: issue 23 §5).
    await expect(history.innerText()).resolves.toContain('原平市监管管理员');
    await expect(history.innerText()).resolves.not.toContain('yp.admin');
    await expect(history.innerText()).resolves.toContain('修改');
    await page.screenshot({ path: `${SHOTS}/06-mine-audit-history.png`, fullPage: true });
    await page.context().close();
  });

  it('an import with a bad row shows the row-by-row report before anything is written', async () => {
    const page = await web.newPage();
    await web.login(page, 'yp.admin');
    const before = await web.apiAs(page, '/api/mines?limit=1');
    await page.goto(`${web.server.baseUrl}/mines`);
    await web.rows(page).first().waitFor();
    await page.getByRole('button', { name: '导入' }).click();
    const csv = [
      '矿山名称,统一社会信用代码,企业名称,县级行政区划代码,矿山类型,规模,状态,状态起始日期,边坡高度(m)',
      '浏览器导入甲矿,91140981MA0E2E0017,浏览器测试企业,140981,金属非金属露天矿山,小型,建设,2026-01-01,45',
      '浏览器导入乙矿,91140981MA0E2E0017,浏览器测试企业,140981,金属非金属露天矿山,巨型,建设,2026-13-01,45',
    ].join('\n');
    await page
      .locator('.ant-modal input[type=file]')
      .setInputFiles({ name: 'mines.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('import-validate').click();
    const report = page.getByTestId('import-report');
    await report.waitFor();
    const text = await report.innerText();
    expect(text).toContain('统一社会信用代码');
    expect(text).toMatch(/规模|状态起始日期/);
    await page.screenshot({ path: `${SHOTS}/07-import-report.png`, fullPage: true });
    const after = await web.apiAs(page, '/api/mines?limit=1');
    expect(after.total).toBe(before.total);
    await page.context().close();
  });

  it('switches to English, remembers it for the user, and switches back', async () => {
    const page = await web.newPage();
    await web.login(page, 'xz.viewer');
    await page.getByTestId('language-switch').click();
    await page.locator('.ant-select-item-option', { hasText: 'English' }).click();
    await page.getByRole('menuitem', { name: /(^|\s)Mines$/ }).waitFor();
    await page.goto(`${web.server.baseUrl}/mines`);
    await page.getByRole('heading', { name: 'Mines' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/08-english.png`, fullPage: true });
    // A new browser context (no local storage) still opens in English: the choice is the user's.
    const other = await web.newPage();
    await web.login(other, 'xz.viewer');
    await other.getByRole('menuitem', { name: /(^|\s)Mines$/ }).waitFor();
    await other.getByTestId('language-switch').click();
    await other.locator('.ant-select-item-option', { hasText: '简体中文' }).click();
    await other.getByRole('menuitem', { name: /(^|\s)矿山$/ }).waitFor();
    await page.context().close();
    await other.context().close();
  });

  it('the hazard ledger lists the county’s hazards and opens one with its timeline', async () => {
    const page = await web.newPage();
    await web.login(page, 'yp.admin');
    await page.goto(`${web.server.baseUrl}/hazards`);
    const hazardRows = page.locator('[data-testid=hazard-table] tbody tr.ant-table-row');
    await hazardRows.first().waitFor();
    const counties = await page
      .locator('[data-testid=hazard-table] tbody tr.ant-table-row td:nth-child(3)')
      .allInnerTexts();
    expect(new Set(counties)).toEqual(new Set(['原平市']));
    await page.screenshot({ path: `${SHOTS}/12-hazard-list.png`, fullPage: true });
    await hazardRows.first().locator('td a').first().click();
    await page.getByTestId('hazard-timeline').waitFor();
    await expect(page.getByTestId('hazard-timeline').innerText()).resolves.toContain('上报');
    await page.screenshot({ path: `${SHOTS}/13-hazard-detail.png`, fullPage: true });
    await page.context().close();
  });

  it('is usable from the keyboard and readable on a tablet', async () => {
    const page = await web.newPage();
    await web.login(page, 'xz.viewer');
    await page.getByTestId('total-mines').waitFor();
    // The first Tab lands on the skip link, which moves focus to the main content.
    await page.keyboard.press('Tab');
    await expect(page.locator(':focus').innerText()).resolves.toBe('跳到主要内容');
    await page.keyboard.press('Enter');
    await expect(page.locator(':focus').getAttribute('id')).resolves.toBe('main');
    await expect(page.title()).resolves.toBe('首页概况 · minewatch');
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.goto(`${web.server.baseUrl}/mines`);
    await web.rows(page).first().waitFor();
    await expect(page.title()).resolves.toBe('矿山列表 · minewatch');
    await page.screenshot({ path: `${SHOTS}/11-tablet-mine-list.png` });
    await page.context().close();
  });

  it('an enterprise user sees its own mines only and gets a 404 page for another’s', async () => {
    const admin = await web.newPage();
    await web.login(admin, 'sx.admin');
    const all = await web.apiAs(admin, '/api/mines?limit=500');
    await admin.context().close();
    const page = await web.newPage();
    await web.login(page, 'ent.admin');
    const own = await web.apiAs(page, '/api/mines?limit=500');
    expect(own.total).toBeGreaterThan(0);
    expect(own.total).toBeLessThan(all.total);
    await page.goto(`${web.server.baseUrl}/mines`);
    await web.rows(page).first().waitFor();
    const enterprises = await page
      .locator('[data-testid=mine-table] tbody tr.ant-table-row td:nth-child(2)')
      .allInnerTexts();
    expect(enterprises.length).toBe(own.total);
    expect(new Set(enterprises).size).toBe(1);
    await expect(page.getByTestId('region-selector').count()).resolves.toBe(0);
    await page.screenshot({ path: `${SHOTS}/09-enterprise-mines.png`, fullPage: true });
    const foreign = all.items.find((m) => !own.items.some((o) => o.id === m.id));
    await page.goto(`${web.server.baseUrl}/mines/${foreign?.id}`);
    await page.getByText('页面或记录不存在').waitFor();
    await page.screenshot({ path: `${SHOTS}/10-not-found.png` });
    await page.context().close();
  });

  it('walks one hazard from report to 销号: the enterprise reports, plans and rectifies, the county regulator accepts', async () => {
    const ent = await web.newPage();
    await web.login(ent, 'ent.admin');
    const own = await web.apiAs(ent, '/api/mines?limit=500');
    const mine = own.items.find((m) => m.countyName === '原平市');
    expect(mine, 'the demo enterprise has a mine in 原平市').toBeDefined();
    await ent.goto(`${web.server.baseUrl}/mines/${mine?.id}`);
    await ent.getByTestId('mine-report-hazard').click();
    await ent.waitForURL(/\/hazards\/new\?mineId=/);
    // The criterion picker offers only items for the mine's kind, once the mine is known.
    await ent.getByTestId('hazard-criterion').click();
    await ent.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await ent.getByLabel('隐患描述').fill('浏览器测试: 主通风机未按规定进行性能检测');
    await ent.getByLabel('部位').fill('+320 水平主通风机房');
    await ent.getByLabel('发现人').fill('企业安全科');
    await ent.screenshot({ path: `${SHOTS}/14-hazard-report-form.png`, fullPage: true });
    await ent.getByTestId('hazard-report-submit').click();
    await ent.waitForURL(/\/hazards\/[0-9a-f-]{36}$/);
    const hazardUrl = ent.url();
    await ent.getByTestId('hazard-timeline').waitFor();
    // Evidence: a PNG photo, listed with its digest.
    await ent.getByTestId('evidence-input').setInputFiles({
      name: '现场照片.png',
      mimeType: 'image/png',
      buffer: Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
        'base64',
      ),
    });
    await ent.getByTestId('evidence-list').getByText('现场照片.png').waitFor();
    // 五落实 → 治理中.
    await ent.getByTestId('hazard-plan').click();
    const dialog = ent.locator('.ant-modal:visible');
    await dialog.getByLabel('责任人').fill('王矿长');
    await dialog.getByLabel('治理措施').fill('委托检测机构检测并更换叶片');
    await dialog.getByLabel('治理资金 (元)').fill('85000');
    const deadline = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await dialog.getByLabel('治理时限').fill(deadline);
    await dialog.getByLabel('治理时限').press('Enter');
    await dialog
      .getByLabel('安全措施和应急预案')
      .fill('检测期间启用备用风机, 井下人员撤至安全地点');
    await ent.screenshot({ path: `${SHOTS}/15-hazard-plan.png` });
    await dialog.getByRole('button', { name: '保存' }).click();
    await ent.getByTestId('hazard-submit').waitFor();
    // Rectification → 待验收; the enterprise cannot accept it itself.
    await ent.getByTestId('hazard-submit').click();
    await ent.locator('.ant-modal:visible').getByLabel('整改情况').fill('已检测合格, 报告见证据');
    await ent.locator('.ant-modal:visible').getByRole('button', { name: '保存' }).click();
    await ent.getByTestId('hazard-timeline').getByText('待验收').waitFor();
    await expect(ent.getByTestId('hazard-accept').count()).resolves.toBe(0);
    await ent.context().close();
    // The county regulator accepts → 已销号.
    const reg = await web.newPage();
    await web.login(reg, 'yp.admin');
    await reg.goto(hazardUrl);
    await reg.getByTestId('hazard-accept').click();
    await reg.locator('.ant-modal:visible').getByLabel('意见').fill('现场复核合格, 同意销号');
    await reg.locator('.ant-modal:visible').getByRole('button', { name: '保存' }).click();
    await reg.getByTestId('hazard-timeline').getByText('已销号').waitFor();
    await reg.locator('.ant-modal-wrap').waitFor({ state: 'hidden' });
    const timeline = await reg.getByTestId('hazard-timeline').innerText();
    for (const step of ['上报', '上传证据', '五落实', '提交整改', '验收销号']) {
      expect(timeline).toContain(step);
    }
    await expect(reg.getByTestId('hazard-plan').count()).resolves.toBe(0);
    await reg.screenshot({ path: `${SHOTS}/16-hazard-closed.png`, fullPage: true });
    // The mine's page lists its hazards, the closed one included.
    await reg.goto(`${web.server.baseUrl}/mines/${mine?.id}`);
    await reg.getByRole('tab', { name: '重大事故隐患' }).click();
    const mineHazards = reg.locator('[data-testid=hazard-table] tbody tr.ant-table-row');
    await mineHazards.first().waitFor();
    expect(await mineHazards.allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringContaining('已销号')]),
    );
    // The analysis page and the monthly self-inspection overview render for the county.
    await reg.goto(`${web.server.baseUrl}/hazards/analysis`);
    await reg.getByTestId('analysis-totals').waitFor();
    await reg.screenshot({ path: `${SHOTS}/17-hazard-analysis.png`, fullPage: true });
    await reg.goto(`${web.server.baseUrl}/self-inspection`);
    await reg.getByTestId('reports-missing').waitFor();
    await reg.screenshot({ path: `${SHOTS}/18-self-inspection.png`, fullPage: true });
    await reg.getByRole('tab', { name: '上级公司季度排查' }).click();
    await reg.getByTestId('reports-missing').last().waitFor();
    await reg.screenshot({ path: `${SHOTS}/19-parent-inspections.png`, fullPage: true });
    await reg.context().close();
  });
});
