/**
 * The coal upload screens in a real browser against the real product (`minewatch serve` with its demo
 * province), issue 22 §6: a mine's gateway posts MT/T 1201 files built from the field lists (REFERENCE
 * §B6) — point definitions and readings, personnel, areas with 核定人数, who is down, and one truncated
 * file — and the county's regulator sees the mine on the 数据接入 page with each feed by name and the
 * refused file with its reason, its 井下人数 in the overview, the mine's 井下人员 tab (the over-staffed
 * area, the leader and the special worker marked) and the point's page with the mine's own thresholds
 * and its 报警 status.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildCoalFixture } from '../../src/server/modules/coal-upload/coal-file.factory.ts';
import { ch4Point } from '../../src/server/modules/coal-upload/coal-upload.fixtures.ts';
import type { CoalFileType } from '../../src/server/modules/coal-upload/coal.layouts.ts';
import { browserAvailable } from './browser.ts';
import { useWebSession, SHOTS } from './web-session.ts';

const run = browserAvailable();

/** `yyyy-MM-dd HH:mm:ss` in Beijing time, `secondsAgo` before now. */
function beijing(secondsAgo: number): string {
  return new Date(Date.now() - secondsAgo * 1000 + 8 * 3_600_000)
    .toISOString()
    .slice(0, 19)
    .replace('T', ' ');
}

/** The files of one mine: its definitions two minutes ago and every real-time feed a minute ago. */
function files(code: string) {
  const def = beijing(120);
  const now = beijing(60);
  const card = (n: number) => `${code}${String(n).padStart(5, '0')}`;
  const area = (n: number) => `${code}${String(n).padStart(4, '0')}`;
  const station = `${area(1)}000001`;
  const down = (n: number, name: string, leader: string, special: string) => ({
    人员卡编码: card(n),
    姓名: name,
    出入井标志: '1',
    入井时刻: def,
    出井时刻: '',
    区域编码: area(1),
    进入区域时刻: def,
    基站编码: station,
    进入基站时刻: def,
    是否矿领导: leader,
    是否特种人员: special,
  });
  const f = (type: CoalFileType, time: string, records: Record<string, string>[] | number) =>
    buildCoalFixture(type, { mineCode: code, time, records });
  const truncated = f('CDSS', beijing(90), 1);
  return [
    f('CDDY', def, [
      ch4Point('CH4E01', {
        上限报警门限: '0.8',
        上限解报门限: '0.8',
        安装位置: '1201采煤工作面回风巷',
      }),
    ]),
    f('RYXX', def, [
      { 人员卡编码: card(1), 姓名: '郭矿长', 职务: '矿长', 是否矿领导: '1', 是否特种人员: '0' },
      { 人员卡编码: card(2), 姓名: '韩电工', 工种: '电工', 是否矿领导: '0', 是否特种人员: '1' },
      { 人员卡编码: card(3), 姓名: '孟采煤', 工种: '采煤工', 是否矿领导: '0', 是否特种人员: '0' },
    ]),
    f('RYQY', def, [
      { 区域类型: '采掘工作面', 区域编码: area(1), 核定人数: '2', 区域名称: '1201采煤工作面' },
    ]),
    f('RYJZ', def, [{ 基站编码: station, 基站名称: '1201工作面基站' }]),
    f('CDSS', now, [{ 测点编码: 'CH4E01', 测点值: '1.2', 测点状态: '1' }]),
    f('TJSJ', now, [{ 测点编码: 'CH4E01', 开始时间: beijing(360) }]),
    f('FZSS', now, 1),
    f('JZSS', now, [{ 基站编码: station }]),
    f('RYSS', now, [
      down(1, '郭矿长', '1', '0'),
      down(2, '韩电工', '0', '1'),
      down(3, '孟采煤', '0', '0'),
    ]),
    { name: truncated.name, data: truncated.data.subarray(0, truncated.data.length - 2) },
  ];
}

describe.runIf(run)('web app in Chromium: the coal upload screens', () => {
  const web = useWebSession();
  const api = <T>(page: Page, url: string) =>
    page.evaluate(async (u) => (await fetch(u)).json(), url) as Promise<T>;

  it('a gateway’s files show on 数据接入, in 井下人数, on the mine’s 井下人员 tab and on the point’s page', async () => {
    // The enterprise issues a gateway token for its coal mine; the gateway posts the files.
    const ent = await web.newPage();
    await web.login(ent, 'ent.admin');
    const mines = await api<{ items: { id: string; name: string; coalCode: string | null }[] }>(
      ent,
      '/api/mines?limit=100',
    );
    const mine = mines.items.find((m) => m.coalCode !== null);
    expect(mine, 'the demo enterprise runs a coal mine with a 煤矿编码').toBeDefined();
    const {
      id: mineId,
      name: mineName,
      coalCode,
    } = mine as { id: string; name: string; coalCode: string };
    const { token } = (await ent.evaluate(async (id) => {
      const res = await fetch('/api/tokens', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: '监控联网网关', kind: 'gateway', mineIds: [id] }),
      });
      return res.json();
    }, mineId)) as { token: string };
    const form = new FormData();
    for (const f of files(coalCode)) {
      form.append('file', new Blob([f.data]), f.name);
    }
    const posted = await fetch(`${web.server.baseUrl}/api/ingest/coal-files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(posted.status).toBe(200);
    const report = (await posted.json()) as { files: { type: string; status: string }[] };
    expect(report.files.filter((f) => f.status === 'refused').map((f) => f.type)).toEqual(['CDSS']);
    expect(report.files.filter((f) => f.status === 'stored')).toHaveLength(9);

    // The county's regulator opens 数据接入 from the menu.
    const page = await web.newPage();
    await web.login(page, 'yp.admin');
    await page.getByRole('menuitem', { name: /(^|\s)数据接入$/ }).click();
    await page.waitForURL(/\/coal-feeds$/);
    const row = page.locator(`[data-testid=feeds-table] tr[data-row-key="${mineId}"]`);
    await row.waitFor();
    await expect(row.getByTestId('feed-state').innerText()).resolves.toBe('有拒收文件');
    await row.locator('.ant-table-row-expand-icon').click();
    const feeds = page.getByTestId('mine-feeds');
    await feeds.waitFor();
    const text = await feeds.innerText();
    expect(text).toContain('测点实时数据');
    expect(text).toContain('人员实时数据');
    await expect(feeds.getByTestId('refused-file').innerText()).resolves.toMatch(
      /测点实时数据[\s\S]*整个文件被拒收[\s\S]*文件不完整/,
    );
    expect(await page.locator('#main').innerText()).not.toMatch(
      /\.txt|CDSS|RYSS|[0-9a-f]{8}-[0-9a-f]{4}/,
    );
    await page.screenshot({ path: `${SHOTS}/80-coal-feeds.png`, fullPage: true });

    // 井下人数 of every coal mine: three down at this one, one area over its 核定人数.
    await page.getByRole('tab', { name: '井下人数' }).click();
    const overview = page.locator(
      `[data-testid=underground-overview] tr[data-row-key="${mineId}"]`,
    );
    await expect
      .poll(() => overview.locator('td').allInnerTexts())
      .toEqual([
        mineName,
        '原平市',
        '3',
        '1',
        '1',
        expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/),
      ]);

    // The mine's 井下人员 tab: the over-staffed area, the leader and the special worker marked.
    await overview.getByRole('link', { name: mineName }).click();
    await page.waitForURL(/\?tab=underground$/);
    const now = page.getByTestId('underground-now');
    await now.waitFor();
    await expect(now.getByTestId('over-quota').innerText()).resolves.toBe('3 · 超定员');
    await expect(
      now.locator('tr', { hasText: '郭矿长' }).getByText('矿领导').count(),
    ).resolves.toBe(1);
    await expect(
      now.locator('tr', { hasText: '韩电工' }).getByText('特种人员').count(),
    ).resolves.toBe(1);
    await page.getByTestId('leader-descents').locator('tr', { hasText: '郭矿长' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/81-coal-underground.png`, fullPage: true });

    // The point's page: minewatch's thresholds start from the mine's 报警 0.8; the mine reports 报警.
    const points = await api<{ pointCode: string; sensorId: string | null }[]>(
      page,
      `/api/coal/mines/${mineId}/points`,
    );
    const sensorId = points.find((p) => p.pointCode === 'CH4E01')?.sensorId;
    await page.goto(`${web.server.baseUrl}/monitoring/sensors/${sensorId}`);
    const card = page.getByTestId('coal-point');
    await card.waitFor();
    await expect(card.getByTestId('coal-applies').innerText()).resolves.toContain(
      '煤矿设定的报警值与本平台阈值相同: 0.8 %',
    );
    await expect(card.getByTestId('coal-status').innerText()).resolves.toMatch(/^报警/);
    await page.screenshot({ path: `${SHOTS}/82-coal-point.png`, fullPage: true });
  });
});
