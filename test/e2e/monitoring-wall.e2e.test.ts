/**
 * The web app in a real browser against the real product (`minewatch serve` with its demo province),
 * issue 23 §4: the alarm board's facility colour wall (worst first), a red alarm arriving while the
 * board is open (a tone from the Web Audio API, counted by a stand-in AudioContext, and the row and the
 * facility's tile flashing; nothing on the first load; the mute choice kept after a reload), the alarm's
 * page with the point's chart around it, and a silent point shown as 断线, never 正常.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable } from './browser.ts';
import { sendReadings, useWebSession, SHOTS } from './web-session.ts';

const run = browserAvailable();

/**
 * Stands in for the browser's AudioContext: counts the oscillators started (two per tone) and the
 * contexts made, and starts suspended as a real one does before a user gesture.
 */
const fakeAudio = `(() => {
  window.__tones = 0;
  window.__contexts = 0;
  class FakeAudioContext {
    constructor() { this.state = 'suspended'; this.currentTime = 0; this.destination = {}; window.__contexts++; }
    resume() { this.state = 'running'; return Promise.resolve(); }
    createOscillator() {
      return { type: 'sine', frequency: { value: 0 }, connect() {}, start() { window.__tones++; }, stop() {} };
    }
    createGain() {
      return { gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} }, connect() {} };
    }
  }
  window.AudioContext = FakeAudioContext;
})()`;

const tones = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { __tones: number }).__tones);

/** Waits for the board's first answer (its rows, or its empty placeholder). */
const boardLoaded = (page: Page) =>
  page
    .locator(
      '[data-testid=alarm-board] tbody tr.ant-table-row, [data-testid=alarm-board] tbody tr.ant-table-placeholder',
    )
    .first()
    .waitFor();

/** The rank of a tile's colour, worst first: 红 橙 黄 蓝, then 断线, then 正常. */
const rank = (level: string | null) =>
  ({ 红色: 5, 橙色: 4, 黄色: 3, 蓝色: 2, 断线: 1, 正常: 0 })[level ?? ''] ?? -1;

describe.runIf(run)('web app in Chromium: the monitoring wall', () => {
  const web = useWebSession();

  it('a red alarm arriving while the board is open sounds once and flashes its row and its facility’s tile; the wall is worst first; the alarm shows its chart; a silent point is 断线', async () => {
    // The duty officer's mine and its gas points (C1 采煤工作面 and 掘进工作面: 红色 from 1.5 %).
    const duty = await web.newPage();
    await web.login(duty, 'mine.duty');
    const me = (await duty.evaluate(async () => (await fetch('/api/auth/me')).json())) as {
      scope: { mineIds: string[] };
    };
    const mineId = me.scope.mineIds[0] ?? '';
    const sensors = (await duty.evaluate(
      async (m) => (await fetch(`/api/monitoring/sensors?mineId=${m}`)).json(),
      mineId,
    )) as { id: string; code: string; offline: boolean }[];
    expect(sensors.map((s) => s.code)).toEqual(expect.arrayContaining(['CH4-101', 'CH4-201']));

    // The county's board, open before anything happens, with the stand-in audio.
    const reg = await web.newPage();
    const consoleErrors: string[] = [];
    reg.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') {
        consoleErrors.push(m.text());
      }
    });
    await reg.context().addInitScript({ content: fakeAudio });
    await web.login(reg, 'yp.admin');
    await reg.goto(`${web.server.baseUrl}/monitoring`);
    const wall = reg.getByTestId('facility-wall');
    const tiles = wall.getByTestId('wall-tile');
    await tiles.first().waitFor();
    await boardLoaded(reg);
    const levels = await tiles.evaluateAll((els) =>
      els.map((e) =>
        (e as unknown as { getAttribute(n: string): string | null }).getAttribute('data-level'),
      ),
    );
    expect(levels.length).toBeGreaterThan(1);
    const ranks = levels.map(rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(ranks).not.toContain(-1);
    // Each tile opens its mine.
    await expect(tiles.first().getAttribute('href')).resolves.toMatch(/^\/mines\/[0-9a-f-]{36}$/);
    // The first load pages nobody, whatever red alarms the region already has.
    await reg.waitForTimeout(6_000); // one refresh of the board
    expect(await tones(reg)).toBe(0);
    await expect(reg.locator('.alarm-flash').count()).resolves.toBe(0);
    // A click anywhere lets the browser make sound (autoplay policy).
    await reg.locator('.page-header h1').first().click();
    await expect(reg.getByTestId('alarm-sound').getAttribute('aria-pressed')).resolves.toBe('true');

    // The mine's gateway sends a gas reading over 断电 1.5 %: a red 超限.
    const ent = await web.newPage();
    await web.login(ent, 'ent.admin');
    const send = (code: string, values: number[]) => sendReadings(ent, mineId, code, values);
    const first = await send('CH4-101', [0.3, 0.4, 1.7]);
    expect(first).toMatchObject({ stored: 3, rejected: [] });
    expect(first.alarmsOpened).toBeGreaterThanOrEqual(1);

    // Within a refresh: the new row flashes, so does its facility's tile, and one tone (two beeps) sounded.
    const row = reg
      .locator('[data-testid=alarm-board] tbody tr.ant-table-row')
      .filter({ hasText: 'CH4-101' })
      .filter({ hasText: '超限' });
    await row.and(reg.locator('.alarm-flash')).waitFor({ timeout: 15_000 });
    await expect(row.locator('[data-level]').first().getAttribute('data-level')).resolves.toBe(
      '红色',
    );
    const flashingTiles = wall.locator('.facility-tile.alarm-flash');
    expect(await flashingTiles.count()).toBe(1); // its facility's, not the mine's others
    // The wall's figures come with its own refresh, a moment after the alarm list's.
    await expect.poll(() => flashingTiles.first().getAttribute('data-level')).toBe('红色');
    await expect.poll(() => tones(reg)).toBe(2);
    // The flashing tile is the worst, first on the wall (its facility rolled up to 红色).
    await expect.poll(() => tiles.first().getAttribute('data-level')).toBe('红色');
    await reg.screenshot({ path: `${SHOTS}/56-monitoring-wall-new-red.png`, fullPage: true });
    // Later refreshes do not sound again for the same alarm.
    await reg.waitForTimeout(6_000);
    expect(await tones(reg)).toBe(2);

    // Muted (kept in this browser across a reload): the next red alarm flashes without a sound.
    await reg.getByTestId('alarm-sound').click();
    await expect(reg.getByTestId('alarm-sound').getAttribute('aria-pressed')).resolves.toBe(
      'false',
    );
    await reg.reload();
    await boardLoaded(reg);
    await expect(reg.getByTestId('alarm-sound').getAttribute('aria-pressed')).resolves.toBe(
      'false',
    );
    await reg.locator('.page-header h1').first().click();
    await reg.waitForTimeout(6_000); // the reloaded page's first load and one refresh
    const second = await send('CH4-201', [0.3, 0.3, 1.8]);
    expect(second).toMatchObject({ stored: 3, rejected: [] });
    await reg
      .locator('[data-testid=alarm-board] tbody tr.ant-table-row.alarm-flash')
      .filter({ hasText: 'CH4-201' })
      .first()
      .waitFor({ timeout: 15_000 });
    expect(await tones(reg)).toBe(0); // a new page session; muted
    // The row flashes while the earlier alarm, seen on this page's first load, does not.
    await expect(row.and(reg.locator('.alarm-flash')).count()).resolves.toBe(0);

    // The alarm's page: the point's chart around it, its readings drawn.
    await row.locator('td a').first().click();
    await reg.waitForURL(/\/alarms\/[0-9a-f-]{36}$/);
    const chart = reg.getByTestId('alarm-chart');
    await chart.locator('canvas').first().waitFor();
    expect(Number(await chart.getAttribute('data-points'))).toBeGreaterThanOrEqual(3);
    await reg.waitForTimeout(500); // let the chart draw before the screenshot
    await reg.screenshot({ path: `${SHOTS}/57-alarm-chart.png`, fullPage: true });

    // A point of the mine silent since the seed gets its 断线 (3 × 10 s): shown as 断线, not 正常.
    let silent: { id: string; code: string } | undefined;
    await expect
      .poll(
        async () => {
          const now = (await duty.evaluate(
            async (m) => (await fetch(`/api/monitoring/sensors?mineId=${m}`)).json(),
            mineId,
          )) as { id: string; code: string; offline: boolean }[];
          silent = now.find((s) => s.offline && !s.code.startsWith('CH4-'));
          return silent !== undefined;
        },
        { timeout: 90_000, interval: 3_000 },
      )
      .toBe(true);
    await reg.goto(`${web.server.baseUrl}/monitoring/sensors/${silent?.id}`);
    const header = reg.locator('.page-header h1');
    await header.locator('[data-level=断线]').waitFor();
    await expect(header.innerText()).resolves.not.toContain('正常');
    await reg.screenshot({ path: `${SHOTS}/58-sensor-offline.png`, fullPage: true });

    // No audio refused or failed on the way.
    expect(consoleErrors.filter((m) => /audio/i.test(m))).toEqual([]);
    await reg.context().close();
    await ent.context().close();
    await duty.context().close();
  });
});
