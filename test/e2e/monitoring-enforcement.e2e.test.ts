/**
 * The web app in a real browser against the real product (`minewatch serve` with its demo province),
 * part 2: an alarm from a gateway reading through 叫应 to closing, the planted 明停暗开 lead, an
 * inspection on a tablet with its signed document, the enforcement statistics, the 攻坚清单 and its
 * targets and reports, a citizen's 举报 handled to feedback, and a contractor's 项目部.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { indicatorKeys } from '../../src/shared/targets.settings.ts';
import { browserAvailable } from './browser.ts';
import { useWebSession, SHOTS } from './web-session.ts';

const run = browserAvailable();

/**
 * Picks the first option of a searchable select holding `text`, again until the select shows it: a click
 * while the dropdown still opens or its search results still load can miss.
 */
async function pickOption(page: Page, testId: string, text: string) {
  const select = page.getByTestId(testId);
  const field = page
    .locator('.ant-form-item')
    .filter({ has: page.getByTestId(testId) })
    .last();
  const shown = async () => (await field.innerText()).includes(text);
  await expect
    .poll(
      async () => {
        if (!(await shown())) {
          await select.click();
          await page.keyboard.press('ControlOrMeta+A');
          await page.keyboard.type(text);
          await page
            .locator('.ant-select-dropdown:visible .ant-select-item-option')
            .filter({ hasText: text })
            .first()
            .click({ timeout: 5_000 })
            .catch(() => undefined);
        }
        return shown();
      },
      { timeout: 30_000 },
    )
    .toBe(true);
}

describe.runIf(run)(
  'web app in Chromium: monitoring, enforcement, plans and accountability',
  () => {
    const web = useWebSession();

    it('a gas reading from a gateway reaches the board; the duty officer acknowledges, answers, responds and closes; the chart and the threshold editor work', async () => {
      // The duty officer's mine and its gas sensor at the 采煤工作面 (C1: 报警 1.0 %, 断电 1.5 %).
      const duty = await web.newPage();
      await web.login(duty, 'mine.duty');
      const me = (await duty.evaluate(async () => (await fetch('/api/auth/me')).json())) as {
        scope: { mineIds: string[] };
      };
      const mineId = me.scope.mineIds[0];
      const sensors = (await duty.evaluate(
        async (m) => (await fetch(`/api/monitoring/sensors?mineId=${m}`)).json(),
        mineId,
      )) as { id: string; code: string }[];
      const gas = sensors.find((x) => x.code === 'CH4-101');
      expect(gas, 'the demo gives the duty officer’s mine a gas sensor').toBeDefined();
      // The enterprise issues a gateway token for the mine; the gateway sends four readings.
      const ent = await web.newPage();
      await web.login(ent, 'ent.admin');
      const report = (await ent.evaluate(async (mineId) => {
        const json = { 'content-type': 'application/json' };
        const issued = (await (
          await fetch('/api/tokens', {
            method: 'POST',
            headers: json,
            body: JSON.stringify({ name: '浏览器测试网关', kind: 'gateway', mineIds: [mineId] }),
          })
        ).json()) as { token: string };
        const now = Date.now();
        const body = [0.3, 0.4, 1.2, 1.7]
          .map((value, i) =>
            JSON.stringify({
              sensor: 'CH4-101',
              ts: new Date(now - (4 - i) * 10_000).toISOString(),
              value,
            }),
          )
          .join('\n');
        const res = await fetch('/api/ingest/readings', {
          method: 'POST',
          credentials: 'omit',
          headers: {
            authorization: `Bearer ${issued.token}`,
            'content-type': 'application/x-ndjson',
          },
          body,
        });
        return res.json();
      }, mineId)) as { stored: number; alarmsOpened: number; rejected: unknown[] };
      // Two alarms: 超限 (1.2 ≥ 报警 1.0, then 1.7 ≥ 断电 1.5), and 数据异常 — the jump from 0.3–0.4 to
      // 1.2 is a 突变 to the demo points' spike test (the 超限 is still raised: safety first).
      expect(report).toMatchObject({ stored: 4, alarmsOpened: 2, rejected: [] });

      // The county sees it on the dashboard card.
      const reg = await web.newPage();
      await web.login(reg, 'yp.admin');
      const card = reg.getByTestId('alarm-card');
      await card.getByText('未解除告警').waitFor();
      await expect(card.innerText()).resolves.toMatch(/待叫应\s*\n?\s*[1-9]/);
      await reg.screenshot({ path: `${SHOTS}/20-dashboard-alarms.png`, fullPage: true });
      await reg.context().close();

      // The board: the red, unacknowledged alarm among the red ones on top (the mine's own coal
      // upload may have raised another), with the time since the call.
      await duty.goto(`${web.server.baseUrl}/monitoring`);
      const rows = duty.locator('[data-testid=alarm-board] tbody tr.ant-table-row');
      const first = rows.filter({ hasText: 'CH4-101' }).filter({ hasText: '超限' }).first();
      await first.waitFor();
      await expect(first.locator('[data-state]').getAttribute('data-state')).resolves.toBe(
        '待叫应',
      );
      await expect(first.locator('[data-level]').first().getAttribute('data-level')).resolves.toBe(
        '红色',
      );
      // Worst first: no row above it is of a lower level than red.
      await expect(
        rows.first().locator('[data-level]').first().getAttribute('data-level'),
      ).resolves.toBe('红色');
      await duty.getByTestId('unanswered-count').waitFor();
      await expect(first.getByTestId('since-call').innerText()).resolves.toMatch(/\d+秒/);
      await duty.screenshot({ path: `${SHOTS}/21-alarm-board.png`, fullPage: true });

      // The facility board shows the underground area in the sensor's colour.
      await duty.goto(`${web.server.baseUrl}/monitoring/facilities`);
      const area = duty.getByTestId('facility-AREA-1');
      await area.waitFor();
      await expect(area.getAttribute('data-level')).resolves.toBe('红色');
      await area.click();
      await duty.getByTestId('sensor-table').getByText('CH4-101').waitFor();
      await duty.screenshot({ path: `${SHOTS}/22-facilities.png`, fullPage: true });

      // Acknowledge from the board, then the rest of the loop on the alarm's page. Once acknowledged
      // the row sinks below any alarm still unanswered (the mine's other points, silent since the
      // seed, raise 断线 after 3 × 10 s), so it is found by its sensor and kind.
      await duty.goto(`${web.server.baseUrl}/monitoring`);
      const row = duty
        .locator('[data-testid=alarm-board] tbody tr.ant-table-row')
        .filter({ hasText: 'CH4-101' })
        .filter({ hasText: '超限' });
      await row.getByRole('button', { name: '叫应确认' }).click();
      await row.locator('[data-state=已叫应]').waitFor();
      await row.locator('td a').first().click();
      await duty.waitForURL(/\/alarms\/[0-9a-f-]{36}$/);
      const timeline = duty.getByTestId('alarm-timeline');
      await timeline.locator('[data-event=called]').first().waitFor({ timeout: 20_000 });
      await timeline.locator('[data-event=acknowledged]').waitFor();
      await duty.getByTestId('alarm-respond').click();
      await duty.locator('.ant-modal:visible').getByLabel('核查处置情况').fill('已断电, 加强通风');
      await duty.locator('.ant-modal:visible').getByRole('button', { name: '保存' }).click();
      await timeline.locator('[data-event=responded]').waitFor();
      await duty.getByTestId('alarm-response').click();
      const response = duty.locator('.ant-modal:visible');
      await response.getByLabel('撤出人数').fill('23');
      await response.getByLabel('响应说明').fill('101 工作面人员全部撤至井底车场');
      await response.getByRole('button', { name: '保存' }).click();
      await timeline.locator('[data-event=response_recorded]').waitFor();
      await duty.getByTestId('alarm-close').click();
      await duty.locator('.ant-modal:visible').getByLabel('处置说明').fill('瓦斯浓度已降至 0.3 %');
      await duty.locator('.ant-modal:visible').getByRole('button', { name: '保存' }).click();
      await timeline.locator('[data-event=closed]').waitFor();
      await duty.locator('[data-state=已解除]').first().waitFor();
      await duty.locator('.ant-modal:visible').waitFor({ state: 'detached' });
      await duty.screenshot({ path: `${SHOTS}/23-alarm-detail.png`, fullPage: true });
      await duty.context().close();

      // The sensor page: the chart holds the readings; the editor refuses an out-of-order ladder and
      // saves a good edit, which the next read shows.
      await ent.goto(`${web.server.baseUrl}/monitoring/sensors/${gas?.id}`);
      const chart = ent.getByTestId('sensor-chart');
      await chart.waitFor();
      expect(Number(await chart.getAttribute('data-points'))).toBeGreaterThanOrEqual(4);
      await chart.locator('canvas').first().waitFor();
      const yellow = ent.getByTestId('spec-spec-thresholds-黄色');
      await yellow.fill('2');
      await ent.getByTestId('spec-reason').fill('浏览器测试: 错误的阈值');
      await ent.getByTestId('spec-save').click();
      await ent.getByText('红色阈值须不低于黄色阈值').waitFor();
      // C1's 复电 value must stay on the safe side of the alarm value, so it moves down with it.
      await yellow.fill('0.9');
      await ent.getByTestId('spec-spec-clear-黄色').fill('0.9');
      await ent.getByTestId('spec-reason').fill('按矿总工程师批复下调报警值');
      await ent.getByTestId('spec-save').click();
      await ent.getByText('版本 2').waitFor();
      const saved = (await ent.evaluate(
        async (id) => (await fetch(`/api/monitoring/sensors/${id}`)).json(),
        gas?.id,
      )) as {
        version: number;
        spec: { thresholds: Record<string, number>; clear: Record<string, number> };
      };
      expect(saved.version).toBe(2);
      expect(saved.spec.thresholds).toEqual({ 黄色: 0.9, 红色: 1.5 });
      expect(saved.spec.clear).toEqual({ 黄色: 0.9, 红色: 1.0 });
      await ent.getByText('修改阈值').waitFor();
      await ent.screenshot({ path: `${SHOTS}/24-sensor-chart.png`, fullPage: true });
      await ent.context().close();
    });

    it('a county regulator finds the planted 明停暗开 lead, reads its evidence chart, assigns it, and compares the mine’s factors', async () => {
      const reg = await web.newPage();
      await web.login(reg, 'yp.admin');
      await reg.getByTestId('lead-card').waitFor();
      await reg.getByRole('link', { name: '线索比对' }).click();
      await reg.waitForURL(/\/leads$/);
      const row = reg.locator('tbody tr').filter({ hasText: '明停暗开' }).first();
      await row.waitFor();
      await reg.screenshot({ path: `${SHOTS}/25-lead-list.png`, fullPage: true });
      await row.locator('td a').first().click();
      await reg.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
      await reg.getByTestId('lead-evidence-chart').locator('canvas').first().waitFor();
      await reg.getByText('用电量').first().waitFor();
      await reg.getByTestId('lead-assign').click();
      const dialog = reg.locator('.ant-modal:visible');
      await dialog.locator('.ant-select').first().click();
      await reg
        .locator('.ant-select-item-option')
        .filter({ hasText: '原平市执法人员' })
        .first()
        .click();
      await dialog.getByLabel('说明').fill('请于三日内带执法记录仪现场核查');
      await dialog.getByRole('button', { name: '保存' }).click();
      await reg.getByTestId('lead-status').getByText('已指派').waitFor();
      await reg.locator('.ant-modal:visible').waitFor({ state: 'detached' });
      await reg.waitForTimeout(500); // let the chart draw before the screenshot
      await reg.screenshot({ path: `${SHOTS}/26-lead-detail.png`, fullPage: true });
      await reg.getByRole('link', { name: '多因素对比' }).click();
      await reg.waitForURL(/\/mines\/[0-9a-f-]{36}\/comparison$/);
      await reg.getByTestId('comparison-chart').locator('canvas').first().waitFor();
      await reg.waitForTimeout(500);
      await reg.screenshot({ path: `${SHOTS}/27-mine-comparison.png`, fullPage: true });
      // An enterprise user has no leads: no menu entry, and the API refuses.
      const ent = await web.newPage();
      await web.login(ent, 'ent.admin');
      expect(await ent.getByRole('link', { name: '线索比对' }).count()).toBe(0);
      expect(await ent.evaluate(async () => (await fetch('/api/leads')).status)).toBe(403);
      await ent.context().close();
      await reg.context().close();
    });

    it('an inspector performs an inspection on a tablet, records a major hazard that enters the ledger, signs the 现场检查记录 and downloads its PDF', async () => {
      const context = await web.browser.newContext({
        viewport: { width: 1024, height: 1366 }, // a tablet held upright
        locale: 'zh-CN',
        acceptDownloads: true,
      });
      const ins = await context.newPage();
      await web.login(ins, 'yp.inspector');
      await ins.getByRole('link', { name: '执法检查' }).click();
      await ins.waitForURL(/\/inspections$/);
      await ins.locator('tbody tr.ant-table-row').first().waitFor();
      await ins.screenshot({ path: `${SHOTS}/28-inspections.png`, fullPage: true });

      await ins.getByTestId('new-inspection').click();
      await ins.waitForURL(/\/inspections\/new$/);
      /** Opens a select, picks the first option (with the text), and waits for the list to close. */
      const pick = async (
        trigger: ReturnType<Page['getByTestId']>,
        text?: string,
        multi = false,
      ) => {
        await trigger.click();
        const option = ins.locator('.ant-select-dropdown:visible .ant-select-item-option');
        await (text ? option.filter({ hasText: text }) : option).first().click();
        if (multi) {
          await ins.keyboard.press('Escape'); // a multiple select stays open after a pick
        }
        await ins.locator('.ant-select-dropdown:visible').first().waitFor({ state: 'hidden' });
      };
      await pick(ins.getByTestId('inspection-mine'), '煤');
      await pick(ins.getByTestId('inspection-team'), '原平市执法人员乙', true);
      await pick(ins.getByTestId('inspection-criteria'), undefined, true);
      await ins.getByTestId('inspection-custom').locator('input').fill('安全出口是否畅通');
      await ins.keyboard.press('Enter');
      await ins.getByTestId('inspection-camera').fill('DSJ-E2E-01');
      await ins.screenshot({ path: `${SHOTS}/29-inspection-form.png`, fullPage: true });
      await ins.getByTestId('inspection-submit').click();
      await ins.waitForURL(/\/inspections\/[0-9a-f-]{36}$/);
      const inspectionUrl = ins.url();

      // The checklist: the criterion is not met.
      await ins.getByText('不符合').first().click();
      await ins.getByTestId('inspection-summary').fill('现场检查发现超能力组织生产');
      await ins.getByTestId('save-checklist').click();
      await ins.getByText('已保存').first().waitFor();

      // A major hazard: it enters the hazards ledger with the inspection as its source.
      await ins.getByTestId('add-finding').click();
      const dialog = ins.locator('.ant-modal:visible');
      await pick(dialog.getByTestId('finding-kind'), '重大事故隐患');
      await pick(dialog.getByTestId('finding-criterion'));
      await dialog.getByTestId('finding-description').fill('E2E 执法检查发现的重大事故隐患');
      await dialog.getByTestId('finding-location').fill('1101 工作面');
      await dialog.getByRole('button', { name: '保存' }).click();
      await ins.locator('.ant-modal:visible').waitFor({ state: 'detached' });
      const hazardLink = ins.getByTestId('findings').locator('a[href^="/hazards/"]').first();
      await hazardLink.waitFor();
      await ins.screenshot({ path: `${SHOTS}/30-inspection-record.png`, fullPage: true });
      await hazardLink.click();
      await ins.waitForURL(/\/hazards\/[0-9a-f-]{36}$/);
      await ins.getByText('E2E 执法检查发现的重大事故隐患').first().waitFor();
      await ins.getByText('监管执法检查').first().waitFor();

      // The 现场检查记录: fill the missing field, sign, download the PDF.
      await ins.goto(inspectionUrl);
      await ins.getByTestId('new-document').click();
      await ins.waitForURL(/\/documents\/[0-9a-f-]{36}$/);
      await ins.getByTestId('reminders').getByText('被检查单位现场负责人 未填写').waitFor();
      await ins.getByTestId('field-partyPresent').fill('王安全副矿长');
      await ins.getByTestId('save-revision').click();
      await ins.getByText('修订 2').first().waitFor();
      await ins.getByTestId('revision-diff').getByText('王安全副矿长').waitFor();
      await ins.getByTestId('sign-document').click();
      await ins.getByText('已有执法人员签名').waitFor();
      const number = await ins.getByTestId('document-number').innerText();
      expect(number).toMatch(/^原平市应急管理局（检记）〔\d{4}〕\d+号$/);
      await ins.screenshot({ path: `${SHOTS}/31-document-signed.png`, fullPage: true });
      const [download] = await Promise.all([
        ins.waitForEvent('download'),
        ins.getByTestId('document-pdf').click(),
      ]);
      const pdfPath = `${SHOTS}/32-site-record.pdf`;
      await download.saveAs(pdfPath);
      const pdf = readFileSync(pdfPath);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      // The text is real Chinese text in an embedded font: poppler extracts it back.
      const text = execFileSync('pdftotext', ['-layout', pdfPath, '-']).toString();
      expect(text).toContain('现场检查记录');
      expect(text).toContain('王安全副矿长');
      expect(text).toContain('E2E 执法检查发现的重大事故隐患');
      expect(text).toContain('原平市执法人员');
      web.firstPagePng(pdfPath, `${SHOTS}/33-site-record-page1`);
      expect(statSync(`${SHOTS}/33-site-record-page1.png`).size).toBeGreaterThan(10_000);
      await context.close();
    });

    it('the city sees the county that inspects without penalising flagged, with charts and the ranking', async () => {
      const page = await web.newPage();
      await web.login(page, 'xz.viewer');
      const card = page.getByTestId('enforcement-card');
      await card.waitFor();
      await page.goto(`${web.server.baseUrl}/inspections?tab=stats`);
      const stats = page.getByTestId('enforcement-stats');
      await stats.locator('canvas').first().waitFor();
      const daixian = stats.locator('tbody tr').filter({ hasText: '代县' }).first();
      await daixian.getByText('只检查不处罚').waitFor();
      expect(
        await stats.locator('tbody tr').filter({ hasText: '原平市' }).first().innerText(),
      ).not.toContain('零处罚');
      await page.waitForTimeout(500);
      await page.screenshot({ path: `${SHOTS}/34-enforcement-stats.png`, fullPage: true });
      await page.goto(`${web.server.baseUrl}/inspections?tab=plan`);
      await page.getByTestId('plan-calendar').waitFor();
      await page.screenshot({ path: `${SHOTS}/35-plan-calendar.png`, fullPage: true });
      // An enterprise user has no enforcement pages or records, only the documents issued to its mines.
      const ent = await web.newPage();
      await web.login(ent, 'ent.admin');
      expect(await ent.getByRole('link', { name: '执法检查' }).count()).toBe(0);
      expect(await ent.evaluate(async () => (await fetch('/api/inspections')).status)).toBe(403);
      // The menu's entry (the home page's card of documents received names them too).
      await ent.getByRole('link', { name: '执法文书', exact: true }).click();
      await ent
        .getByTestId('received-documents')
        .locator('tbody tr.ant-table-row')
        .first()
        .waitFor();
      await ent.waitForTimeout(500); // let the page settle before the screenshot
      await ent.screenshot({ path: `${SHOTS}/36-received-documents.png`, fullPage: true });
      await ent.context().close();
      await page.context().close();
    });

    it('a county unit sees the province plan’s tasks it carries, overdue ones marked (攻坚清单)', async () => {
      const page = await web.newPage();
      await web.login(page, 'dx.admin');
      await page.getByRole('link', { name: '攻坚清单' }).click();
      await page.waitForURL(/\/plans$/);
      const tasks = page.getByTestId('task-table').locator('tbody tr.ant-table-row');
      await tasks.first().waitFor();
      const text = await page.getByTestId('task-table').innerText();
      // 代县 leads the monitoring task and supports the standardization task; 乡宁's task is not shown.
      expect(text).toContain('监测预警系统全覆盖');
      expect(text).toContain('安全生产标准化建设');
      expect(text).not.toContain('压减井下作业人员');
      const overdue = page
        .getByTestId('task-table')
        .locator('.ant-tag')
        .filter({ hasText: '2025-12-31' });
      expect(await overdue.count()).toBe(1);
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${SHOTS}/37-plan-tasks.png`, fullPage: true });
      // The targets board: each indicator computed for 代县 today, with how it was counted.
      await page.getByRole('tab', { name: '目标' }).click();
      const board = page.getByTestId('target-board');
      await board.getByText('生产非煤矿山标准化二级及以上占比').waitFor();
      expect(await board.locator('tbody tr.ant-table-row').count()).toBe(indicatorKeys.length);
      await page.waitForTimeout(500); // let the tab switch settle before the screenshot
      await page.screenshot({ path: `${SHOTS}/38-targets.png`, fullPage: true });
      await page.context().close();
    });

    it('the province opens the progress board, drills into a target and downloads the monthly report (issue 8)', async () => {
      const page = await web.newPage();
      await web.login(page, 'sx.admin');
      // The home dashboard's plans card: targets met and missed, tasks and the overdue ones.
      const card = page.getByTestId('plan-card');
      await card.getByText('逾期任务').waitFor();
      await page.goto(`${web.server.baseUrl}/plans?tab=targets`);
      const board = page.getByTestId('target-board');
      await board.getByText('生产非煤矿山标准化二级及以上占比').waitFor();
      await page.getByTestId('drill-standardization2Plus').click();
      const drawer = page.locator('.ant-drawer');
      await drawer.getByRole('img', { name: '近 12 个月趋势' }).waitFor();
      // The mines below 二级 that hold the share back, each with its level.
      const held = drawer.getByTestId('holding-back').locator('tbody tr.ant-table-row');
      await held.first().waitFor();
      expect(await held.first().innerText()).toMatch(/标准化(三级|未达标)/);
      await page.waitForTimeout(500);
      await page.screenshot({ path: `${SHOTS}/39-target-drilldown.png`, fullPage: true });
      await drawer.locator('.ant-drawer-close').click();
      // The regional risk grading ranks the province's cities by coefficient, with the formula.
      await page.getByRole('tab', { name: '区域风险' }).click();
      const risk = page.getByTestId('regional-risk');
      await risk.getByText('K = 平均风险分 × (1 + 高风险矿山占比)').waitFor();
      await risk.locator('tbody tr.ant-table-row').first().waitFor();
      expect(await risk.locator('tbody tr.ant-table-row').count()).toBe(4);
      await page.waitForTimeout(500);
      await page.screenshot({ path: `${SHOTS}/40-regional-risk.png`, fullPage: true });
      // The monthly report made now, archived, and downloaded as PDF.
      await page.getByRole('tab', { name: '定期报告' }).click();
      const reports = page.getByTestId('plan-reports');
      await reports.getByRole('button', { name: '生成本期报告' }).click();
      const pdfButton = reports.getByTestId('report-pdf-月总结').first();
      await pdfButton.waitFor();
      await page.screenshot({ path: `${SHOTS}/41-plan-reports.png`, fullPage: true });
      const [download] = await Promise.all([page.waitForEvent('download'), pdfButton.click()]);
      const pdfPath = `${SHOTS}/42-monthly-report.pdf`;
      await download.saveAs(pdfPath);
      expect(readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
      const text = execFileSync('pdftotext', ['-layout', pdfPath, '-']).toString();
      expect(text).toContain('山西省矿山安全治本攻坚月总结');
      expect(text).toContain('一、攻坚目标完成情况');
      expect(text).toContain('五、区域风险分级与排名');
      web.firstPagePng(pdfPath, `${SHOTS}/43-monthly-report-page1`);
      expect(readFileSync(`${SHOTS}/43-monthly-report-page1.png`).subarray(1, 4).toString()).toBe(
        'PNG',
      );
      await page.context().close();
    });

    it('a citizen files an anonymous 举报 on a phone, follows it with the code while 原平 handles it, and sees the feedback (issue 9)', async () => {
      const phone = await web.browser.newContext({
        viewport: { width: 390, height: 844 },
        locale: 'zh-CN',
        isMobile: true,
        hasTouch: true,
      });
      const citizen = await phone.newPage();
      await citizen.goto(`${web.server.baseUrl}/report`);
      await pickOption(citizen, 'report-county', '原平');
      await citizen.getByTestId('report-location').fill('王家庄村北山坡');
      await citizen
        .getByTestId('report-content')
        .fill('浏览器测试: 夜间有车辆从已关闭的矿洞往外拉矿石, 有爆破声');
      await citizen.screenshot({ path: `${SHOTS}/44-public-report-form.png`, fullPage: true });
      await citizen.getByTestId('report-submit').click();
      const code = (await citizen.getByTestId('tracking-code').innerText()).trim();
      const secret = (await citizen.getByTestId('tracking-secret').innerText()).trim();
      expect(code).toMatch(/^JB[0-9A-Z]{10}$/);
      await citizen.screenshot({ path: `${SHOTS}/45-public-report-receipt.png`, fullPage: true });

      // 原平市's unit handles it: 受理 → 核实 → 办理 → 反馈. The reporter stays anonymous.
      const unit = await web.newPage();
      await web.login(unit, 'yp.admin');
      // The menu's last entries can sit under the sider's collapse bar on a 720 px screen: open the
      // board by its address, as the menu link does.
      await unit.goto(`${web.server.baseUrl}/public-reports`);
      await unit.waitForURL(/\/public-reports/);
      await unit.getByTestId('case-table').getByText(code).click();
      const drawer = unit.locator('.ant-drawer');
      await drawer.getByTestId('case-reporter').getByText('匿名').waitFor();
      const step = async (testId: string, field: string, text: string) => {
        await drawer.getByTestId(testId).click();
        const dialog = unit.getByRole('dialog').filter({ has: unit.getByTestId(field) });
        await dialog.getByTestId(field).fill(text);
        await dialog.getByRole('button', { name: '保存' }).click();
        await dialog.waitFor({ state: 'hidden' });
      };
      await step('case-accept', 'case-note', '交执法一队核实');
      await step('case-verify', 'case-note', '现场发现新鲜车辙和炮眼');
      // 办理: the report becomes a lead for a 原平 mine, made in the same step.
      await drawer.getByTestId('case-handle').click();
      const handling = unit.getByRole('dialog').filter({ has: unit.getByTestId('case-outcome') });
      await handling.getByText('转为线索').click();
      await pickOption(unit, 'case-mine', '原平');
      await handling.getByTestId('case-note').fill('已责令停止并查封矿洞');
      await handling.getByRole('button', { name: '保存' }).click();
      await handling.waitFor({ state: 'hidden' });
      await drawer.getByTestId('case-link').waitFor();
      await step(
        'case-answer',
        'case-feedback',
        '经核实举报属实, 已查封矿洞并立案查处, 感谢您的监督',
      );
      await drawer.getByTestId('case-timeline').getByText('已查封矿洞并立案查处').waitFor();
      await unit.screenshot({ path: `${SHOTS}/46-case-handled.png`, fullPage: true });

      await citizen.goto(`${web.server.baseUrl}/track`);
      await citizen.getByTestId('track-code').fill(code);
      await citizen.getByTestId('track-secret').fill(secret);
      await citizen.getByTestId('track-submit').click();
      await citizen.getByTestId('track-feedback').getByText('已查封矿洞并立案查处').waitFor();
      const result = await citizen.getByTestId('track-result').innerText();
      expect(result).toContain('已反馈');
      // The unit's internal notes never reach the reporter.
      expect(result).not.toContain('现场发现新鲜车辙和炮眼');
      await citizen.screenshot({ path: `${SHOTS}/47-public-report-tracked.png`, fullPage: true });
      // The lead it became, under the rule 举报, with the report in its timeline.
      await drawer.getByTestId('case-link').click();
      await unit.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
      await unit.getByText(code).first().waitFor();
      await unit.screenshot({ path: `${SHOTS}/48-public-report-lead.png`, fullPage: true });
      await unit.context().close();
      await phone.close();
    });

    it('the mine page shows a contractor’s 项目部 and the 合规 tab its breaches of 西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第18条; the county’s unit registers a missing staff member (issue 9 §4)', async () => {
      const page = await web.newPage();
      await web.login(page, 'yp.admin');
      const staff = await page.request.get(
        `${web.server.baseUrl}/api/contractor-staff?region=140981&limit=200`,
      );
      const planted = (
        (await staff.json()) as { items: { name: string; mineId: string }[] }
      ).items.find((x) => x.name === '阎宏伟');
      expect(planted).toBeDefined();
      await page.goto(`${web.server.baseUrl}/mines/${planted?.mineId ?? ''}`);
      await page.getByRole('tab', { name: '承包单位' }).click();
      const firm = page.getByRole('row').filter({ hasText: '晋北宏远井巷工程有限公司' });
      await firm.getByRole('button', { name: /展开|Expand/ }).click();
      const members = page.getByTestId('contractor-staff').first();
      await members.getByText('阎宏伟').waitFor();
      await members.getByText('资质挂靠').waitFor();
      // Register the missing 特种作业人员 on the second firm through the dialog.
      const second = page.getByRole('row').filter({ hasText: '汾河顺达井巷工程有限公司' });
      await second.getByRole('button', { name: '登记项目部人员' }).click();
      const dialog = page.getByRole('dialog').filter({ hasText: '登记项目部人员' });
      await dialog.getByLabel('姓名').fill('浏览器测试爆破工');
      // A click on an option while the dropdown still opens can miss: pick again until the field holds it.
      const post = dialog.locator('.ant-form-item').filter({ hasText: '岗位' });
      const picked = async () => (await post.innerText()).includes('特种作业人员');
      await expect
        .poll(
          async () => {
            if (!(await picked())) {
              await dialog.getByLabel('岗位').click();
              await page
                .locator('.ant-select-dropdown:visible .ant-select-item-option')
                .filter({ hasText: '特种作业人员' })
                .click({ timeout: 5_000 })
                .catch(() => undefined);
            }
            return picked();
          },
          { timeout: 30_000 },
        )
        .toBe(true);
      await dialog.getByLabel('身份证号').fill('140981199001056014');
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.screenshot({ path: `${SHOTS}/49-contractor-staff.png`, fullPage: true });
      await page.getByRole('tab', { name: '合规' }).click();
      const findings = page.getByTestId('compliance-findings');
      await findings.getByText('承包项目部人员用工').first().waitFor();
      await findings.getByText('承包项目部人员任职条件').first().waitFor();
      // The second firm's 项目部 is now complete: no 三员 missing there any more.
      expect(await findings.getByText('汾河顺达井巷工程有限公司: 项目部未派出').count()).toBe(0);
      await page.screenshot({ path: `${SHOTS}/50-compliance-staff.png`, fullPage: true });
      await page.context().close();
    });
  },
);
