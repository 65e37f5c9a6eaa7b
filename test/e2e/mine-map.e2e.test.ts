/**
 * The web app in a real browser against the real product (`minewatch serve` with its demo province),
 * the mine map (issue 23 §3): on the alarm board a county regulator sees its county's outline and its
 * mines as points (nothing fetched from outside the server), a click on a point opens the mine; and the
 * mine form sets a mine's coordinates from a click on its county's map.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { MineMapResponse } from '../../src/shared/mine-map.schemas.ts';
import { levelRank, type WarningLevel } from '../../src/shared/monitoring.enums.ts';
import { browserAvailable } from './browser.ts';
import { mineOf, sendReadings, SHOTS, useWebSession } from './web-session.ts';

const run = browserAvailable();

/** The warning colours as the web draws them (web/features/monitoring/LevelTag.tsx levelColors). */
const levelColors: Record<WarningLevel, string> = {
  蓝色: '#1677ff',
  黄色: '#d4b106',
  橙色: '#fa8c16',
  红色: '#cf1322',
};

/** A canvas as the test reads it in the page (the tests are compiled without the DOM's types). */
interface Pixels {
  width: number;
  height: number;
  getContext(kind: '2d'): {
    getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
  } | null;
}

/**
 * Where on the map's canvas a point of this colour is drawn (CSS pixels from the canvas's top left): a
 * pixel of exactly that colour whose neighbours two pixels right and down are too (a dot, not an
 * anti-aliased edge), or null.
 */
async function pointOfColour(page: Page, testId: string, rgb: [number, number, number]) {
  return page.locator(`[data-testid=${testId}] canvas`).evaluate((el, [r, g, b]) => {
    const canvas = el as unknown as Pixels;
    const ctx = canvas.getContext('2d');
    if (!ctx) {
      return null;
    }
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const is = (x: number, y: number) => {
      const i = (y * canvas.width + x) * 4;
      return data[i] === r && data[i + 1] === g && data[i + 2] === b;
    };
    for (let y = 0; y < canvas.height - 2; y++) {
      for (let x = 0; x < canvas.width - 2; x++) {
        if (is(x, y) && is(x + 2, y) && is(x, y + 2) && is(x + 2, y + 2)) {
          const scale = canvas.width / (el as unknown as { clientWidth: number }).clientWidth;
          return { x: (x + 1) / scale, y: (y + 1) / scale };
        }
      }
    }
    return null;
  }, rgb);
}

describe.runIf(run)('web app in Chromium: the mine map', () => {
  const web = useWebSession();

  it('the alarm board shows the county’s mines on its outline, and a click on one opens the mine', async () => {
    const page = await web.newPage();
    const outside: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(web.server.baseUrl) && !r.url().startsWith('data:')) {
        outside.push(r.url());
      }
    });
    // A red 超限 at the duty officer's mine (CH4-101: 红色 from 1.5 %), sent as its gateway would.
    const duty = await web.newPage();
    await web.login(duty, 'mine.duty');
    const ent = await web.newPage();
    await web.login(ent, 'ent.admin');
    const sent = await sendReadings(ent, await mineOf(duty), 'CH4-101', [0.3, 0.4, 1.7]);
    expect(sent).toMatchObject({ stored: 3, rejected: [] });
    await ent.context().close();
    await duty.context().close();
    await web.login(page, 'yp.admin');
    const points = (await page.evaluate(async () =>
      (await fetch('/api/monitoring/mine-map')).json(),
    )) as MineMapResponse;
    expect(points.regionCode).toBe('140981');
    expect(points.mines.length).toBeGreaterThan(3);
    for (const m of points.mines) {
      // Inside 原平's box, not at 0,0 and not elsewhere in the province.
      expect(m.countyCode).toBe('140981');
      expect(m.longitude).toBeGreaterThan(112.2);
      expect(m.longitude).toBeLessThan(113.2);
      expect(m.latitude).toBeGreaterThan(38.5);
      expect(m.latitude).toBeLessThan(39.3);
    }

    await page.goto(`${web.server.baseUrl}/monitoring`);
    const map = page.getByTestId('mine-map');
    await map.locator('[data-testid=mine-map-canvas] canvas').waitFor();
    await expect(page.getByTestId('mine-map-canvas').getAttribute('aria-label')).resolves.toBe(
      `原平市矿山分布图, 共 ${points.mines.length} 座矿山`,
    );
    const legend = await page.getByTestId('map-legend').innerText();
    expect(legend).toContain('最高未解除告警');
    expect(legend).toContain('红色');
    await page.waitForLoadState('networkidle');
    await map.scrollIntoViewIfNeeded();
    await map.screenshot({ path: `${SHOTS}/95-mine-map.png` });
    expect(outside, 'no tile server, nothing from outside').toEqual([]);

    // The same mines by enforcement risk class, then back to the alarms.
    await map.getByText('按执法风险分级').click();
    await expect.poll(() => page.getByTestId('map-legend').innerText()).toContain('执法风险分级');
    await page.waitForLoadState('networkidle');
    await map.screenshot({ path: `${SHOTS}/97-mine-map-risk.png` });
    await map.getByText('按告警', { exact: true }).click();
    await expect.poll(() => page.getByTestId('map-legend').innerText()).toContain('最高未解除告警');

    // The worst mine is drawn last, on top, in its level's colour: find that colour on the canvas.
    const worst = [...points.mines].sort(
      (a, b) => levelRank(b.worstLevel) - levelRank(a.worstLevel),
    )[0];
    expect(worst?.worstLevel, 'the red alarm sent above').toBe('红色');
    const hex = levelColors[worst?.worstLevel ?? '红色'];
    const rgb = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
    let at: { x: number; y: number } | null = null;
    await expect
      .poll(async () => (at = await pointOfColour(page, 'mine-map-canvas', rgb)))
      .not.toBeNull();
    const box = await page.locator('[data-testid=mine-map-canvas] canvas').boundingBox();
    const hit = at as { x: number; y: number } | null;
    await page.mouse.click((box?.x ?? 0) + (hit?.x ?? 0), (box?.y ?? 0) + (hit?.y ?? 0));
    await page.waitForURL(/\/mines\/[0-9a-f-]{36}$/);
    const id = /\/mines\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
    const clicked = points.mines.find((m) => m.id === id);
    expect(clicked, 'the click opened one of the county’s mines').toBeDefined();
    expect(clicked?.worstLevel).toBe(worst?.worstLevel);
    await page
      .getByText(clicked?.name ?? '—')
      .first()
      .waitFor();
  });

  it('the mine form sets the coordinates from a click on the county’s map', async () => {
    const page = await web.newPage();
    await web.login(page, 'yp.admin');
    const list = await web.apiAs(page, '/api/mines?limit=1&region=140981');
    const mineId = list.items[0]?.id ?? '';
    await page.goto(`${web.server.baseUrl}/mines/${mineId}/edit`);
    await page.getByTestId('map-pick').click();
    const canvas = page.locator('[data-testid=map-picker-canvas] canvas');
    await canvas.waitFor();
    await page.waitForLoadState('networkidle');
    const box = await canvas.boundingBox();
    // What the form held before (nothing for a mine without coordinates) until the click moves it.
    const shown = page.getByTestId('map-picked');
    const before = (await shown.count()) ? await shown.innerText() : '';
    // The county's outline fills the middle of the map: its centre lies inside 原平.
    await expect
      .poll(async () => {
        await page.mouse.click(
          (box?.x ?? 0) + (box?.width ?? 0) / 2,
          (box?.y ?? 0) + (box?.height ?? 0) / 2,
        );
        return (await shown.count()) ? shown.innerText() : '';
      })
      .not.toBe(before);
    expect(await page.getByRole('alert').count(), 'the place is inside the county').toBe(0);
    const picked = await page.getByTestId('map-picked').innerText();
    const [, lon, lat] = /东经 ([\d.]+), 北纬 ([\d.]+)/.exec(picked) ?? [];
    expect(Number(lon)).toBeGreaterThan(112.2);
    expect(Number(lon)).toBeLessThan(113.2);
    expect(Number(lat)).toBeGreaterThan(38.5);
    expect(Number(lat)).toBeLessThan(39.3);
    await page.locator('.ant-modal').screenshot({ path: `${SHOTS}/96-mine-map-picker.png` });
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect(page.getByLabel('经度').inputValue()).resolves.toBe(Number(lon).toFixed(5));
    await page.getByTestId('mine-save').click();
    await page.waitForURL(new RegExp(`/mines/${mineId}$`));
    const saved = (await page.evaluate(
      async (u) => (await fetch(u)).json(),
      `/api/mines/${mineId}`,
    )) as { longitude: number; latitude: number };
    expect(saved.longitude).toBe(Number(lon));
    expect(saved.latitude).toBe(Number(lat));
  });
});
