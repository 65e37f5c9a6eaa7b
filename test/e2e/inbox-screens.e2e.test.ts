/**
 * The web app in a real browser against the real product (`minewatch serve` with its demo province),
 * part 3 (issue 23 §2 and §5): the header's bell and the inbox (filters, a notification opening its
 * subject, marking one and all read, desktop alerts of 叫应 calls, both languages); and the check that
 * fails the build when any page, tab, drawer, form or PDF shows a file reference ("seed 0…"), a raw
 * region code where a name belongs, a system label, a role key, a username, a duration in hundreds of
 * minutes, or a UUID in a form field.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { findInternalCodes, uuidFields, type CodeContext } from '../helpers/internal-codes.ts';
import { browserAvailable } from './browser.ts';
import { mineOf, sendReadings, useWebSession, SHOTS } from './web-session.ts';

const run = browserAvailable();

/** The demo's accounts (the start-up banner lists them); the ones with a dot are nobody's name. */
const demoUsers = [
  'admin',
  'sx.admin',
  'xz.viewer',
  'yp.admin',
  'yp.inspector',
  'dx.admin',
  'xn.admin',
  'ent.admin',
  'ent.safety',
  'mine.duty',
];
const usernames = [...demoUsers, 'yp.inspector2', 'dx.inspector', 'xn.inspector'].filter((u) =>
  u.includes('.'),
);

/** An element as the tests read it in the page (the tests are compiled without the DOM's types). */
interface Attributed {
  getAttribute(name: string): string | null;
}

/** An element with its text and its parent's height, as the tests read it in the page. */
interface Sized {
  textContent: string | null;
  parentElement: { offsetHeight: number } | null;
}

interface Count {
  unread: number;
  byKind: Record<string, number>;
}

/**
 * Records desktop alerts instead of showing them. The permission starts as the browser's default and is
 * kept for the tab's session once granted, as a browser keeps it for the site.
 */
function fakeNotifications() {
  return `(() => {
    const alerts = [];
    class FakeNotification {
      static get permission() { return sessionStorage.getItem('fake.permission') || 'default'; }
      static async requestPermission() {
        sessionStorage.setItem('fake.permission', 'granted');
        return 'granted';
      }
      constructor(title, options) { alerts.push({ title, tag: options && options.tag }); }
      close() {}
    }
    window.__alerts = alerts;
    window.Notification = FakeNotification;
  })();`;
}

describe.runIf(run)('web app in Chromium: the bell, the inbox and no internal codes', () => {
  const web = useWebSession();
  const json = async <T>(page: Page, url: string): Promise<T> =>
    (await page.evaluate(async (u) => {
      const res = await fetch(u);
      return res.ok ? res.json() : null;
    }, url)) as T;
  const count = (page: Page) => json<Count>(page, '/api/notifications/unread-count');

  /** Waits until the page has its data: no request in flight, no spinner, no skeleton. */
  async function settle(page: Page) {
    await page.waitForLoadState('networkidle');
    await page.locator('[data-testid=whoami]').waitFor();
    await expect
      .poll(() => page.locator('.ant-spin-spinning, .ant-skeleton-active').count(), {
        timeout: 20_000,
      })
      .toBe(0);
    await page.waitForLoadState('networkidle');
  }

  describe('the bell and the inbox', () => {
    it('the bell counts the unread notifications; the inbox filters them, opens a 举报 and marks one and all read', async () => {
      const page = await web.newPage();
      await web.login(page, 'yp.admin');
      const before = await count(page);
      expect(before.byKind.public_report, 'the demo tells 原平 of its 举报').toBeGreaterThan(2);
      const bell = page.getByTestId('notification-bell');
      await expect
        .poll(() => page.getByTestId('notification-count').innerText())
        .toBe(before.unread > 99 ? '99+' : String(before.unread));
      await expect(bell.getAttribute('aria-label')).resolves.toBe(
        `消息 (未读 ${before.unread} 条)`,
      );
      await page.locator('.app-header').screenshot({ path: `${SHOTS}/60-bell.png` });

      await bell.click();
      await page.waitForURL(/\/inbox$/);
      await page.getByTestId('inbox-item').first().waitFor();
      await settle(page);
      await page.screenshot({ path: `${SHOTS}/61-inbox.png`, fullPage: false });

      // 未读 + 举报: the address keeps the filter; every item is an unread 举报.
      await page.getByTestId('inbox-status').getByText('未读').click();
      await page.getByTestId('inbox-kind').click();
      await page.locator('.ant-select-item-option', { hasText: '举报' }).click();
      await page.locator('.ant-select-dropdown').waitFor({ state: 'hidden' });
      await page.waitForURL(/status=unread.*kind=public_report|kind=public_report.*status=unread/);
      await settle(page);
      const items = page.getByTestId('inbox-item');
      await expect.poll(() => items.count()).toBe(Math.min(before.byKind.public_report ?? 0, 50));
      const states = await items.evaluateAll((els: Attributed[]) =>
        els.map((e) => e.getAttribute('data-read')),
      );
      expect(new Set(states)).toEqual(new Set(['false']));
      expect(await items.locator('.ant-tag').allInnerTexts()).toEqual(
        Array(await items.count()).fill('举报'),
      );
      await page.screenshot({ path: `${SHOTS}/62-inbox-filtered.png`, fullPage: false });

      // 查看 opens the 举报 in its drawer on the case board and marks the notification read.
      const first = items.first();
      const title = await first.locator('.inbox-title').innerText();
      await first.getByText('查看').click();
      await page.waitForURL(/\/public-reports\?case=/);
      const drawer = page.locator('.ant-drawer-body');
      await drawer.waitFor();
      await settle(page);
      await page.screenshot({ path: `${SHOTS}/63-inbox-opened-case.png`, fullPage: false });
      await expect
        .poll(async () => (await count(page)).byKind.public_report)
        .toBe((before.byKind.public_report ?? 0) - 1);
      const read = await json<{ title: string }[]>(
        page,
        '/api/notifications?status=read&kind=public_report',
      );
      expect(read.map((n) => n.title)).toContain(title);

      // Back in the inbox: mark one read by its button, then all 举报 read; other kinds stay unread.
      await page.goBack();
      await page.waitForURL(/\/inbox\?/);
      await settle(page);
      const left = await items.count();
      await items.first().getByTestId('inbox-mark-read').click();
      await expect.poll(() => items.count()).toBe(left - 1);
      await page.getByTestId('inbox-mark-all').click();
      await page.getByText(/已将 \d+ 条标为已读/).waitFor();
      await expect.poll(() => items.count()).toBe(0);
      await page.getByText('没有未读消息').waitFor();
      const after = await count(page);
      expect(after.byKind.public_report).toBeUndefined();
      expect(after.byKind.hazard).toBe(before.byKind.hazard);
      await expect
        .poll(() => page.getByTestId('notification-count').innerText())
        .toBe(after.unread > 99 ? '99+' : String(after.unread));
      await page.context().close();
    });

    it('desktop alerts: the duty officer turns them on and each unread 叫应 call pops up once', async () => {
      const page = await web.newPage();
      await page.context().addInitScript(fakeNotifications());
      await web.login(page, 'mine.duty');
      // A red 超限 at the mine (CH4-101: 红色 from 1.5 %), sent as its gateway would: its 叫应 calls the
      // duty officer on the engine's next turn.
      const ent = await web.newPage();
      await web.login(ent, 'ent.admin');
      const sent = await sendReadings(ent, await mineOf(page), 'CH4-101', [0.3, 0.4, 1.7]);
      expect(sent).toMatchObject({ stored: 3, rejected: [] });
      await ent.context().close();
      const unreadCalls = () =>
        json<{ id: string; title: string }[]>(page, '/api/notifications?kind=alarm&status=unread');
      await expect
        .poll(async () => (await unreadCalls()).length, { timeout: 60_000, interval: 2_000 })
        .toBeGreaterThan(0);
      const calls = await unreadCalls();
      await page.goto(`${web.server.baseUrl}/inbox`);
      await page.getByTestId('desktop-alerts').getByText('开启桌面提醒').click();
      await page.getByTestId('desktop-alerts').getByText('桌面提醒已开启').waitFor();
      const alerts = () =>
        page.evaluate(() => (globalThis as unknown as { __alerts: { title: string }[] }).__alerts);
      await expect
        .poll(async () => (await alerts()).length, { timeout: 30_000 })
        .toBeGreaterThanOrEqual(Math.min(calls.length, 3));
      // More calls may have come meanwhile (the mine's other alarms call too): every alert is one of the
      // unread calls, at most three at once; none comes again below.
      const titles = (await alerts()).map((a) => a.title);
      const unread = (await unreadCalls()).map((c) => `告警叫应: ${c.title}`);
      expect(titles.length).toBeLessThanOrEqual(3);
      for (const title of titles) {
        expect(unread).toContain(title);
      }
      // The same calls are not alerted again on the next page in this session, though asked for again.
      const asked = page.waitForResponse((r) => r.url().includes('/api/notifications?kind=alarm'));
      await page.goto(`${web.server.baseUrl}/monitoring`);
      await asked;
      await settle(page);
      expect(await alerts()).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/64-inbox-desktop-alerts.png`, fullPage: false });
      await page.context().close();
    });

    it('in English, an overdue task’s notification opens its plan with the task’s row open', async () => {
      const page = await web.newPage();
      await web.login(page, 'dx.admin');
      const before = await count(page);
      expect(before.byKind.work_task, 'the demo has 代县 overdue tasks').toBeGreaterThan(0);
      await page.getByTestId('language-switch').click();
      await page.locator('.ant-select-item-option', { hasText: 'English' }).click();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      await expect(page.getByTestId('notification-bell').getAttribute('aria-label')).resolves.toBe(
        `Inbox (${before.unread} unread)`,
      );
      await page.goto(`${web.server.baseUrl}/inbox?kind=work_task`);
      await page.getByRole('heading', { name: /Inbox/ }).waitFor();
      await settle(page);
      const items = page.getByTestId('inbox-item');
      await expect.poll(() => items.count()).toBe(before.byKind.work_task);
      expect(new Set(await items.locator('.ant-tag').allInnerTexts())).toEqual(
        new Set(['Action plan task']),
      );
      await page.screenshot({ path: `${SHOTS}/65-inbox-english.png`, fullPage: false });
      const tasks = await json<{ subjectId: string }[]>(page, '/api/notifications?kind=work_task');
      await items.first().getByText('Open').click();
      await page.waitForURL(/\/plans\?task=/);
      const row = page.locator('[data-testid=task-table] tr.row-linked');
      await row.waitFor();
      await expect(row.getAttribute('data-row-key')).resolves.toBe(tasks[0]?.subjectId);
      await settle(page);
      await page.screenshot({ path: `${SHOTS}/66-inbox-opened-task.png`, fullPage: false });
      expect((await count(page)).byKind.work_task).toBe((before.byKind.work_task ?? 0) - 1);
      // Back to Chinese, as the other tests expect of this user.
      await page.getByTestId('language-switch').click();
      await page.locator('.ant-select-item-option', { hasText: '简体中文' }).click();
      await page.getByRole('button', { name: '退出登录' }).waitFor();
      await page.context().close();
    });
  });

  describe("each role's home: what needs me now", () => {
    interface Need {
      key: string;
      count: number;
      link: string;
    }
    interface Home {
      audience: string;
      needs: Need[];
      openAlarms: { id: string; state: string }[];
    }
    /** The counts the home's cards show, by need. */
    const shown = async (page: Page) => {
      await page.getByTestId('home-needs').waitFor();
      const cards = page.locator('[data-testid^=need-]');
      const pairs = await cards.evaluateAll(
        (els: (Attributed & { querySelector(s: string): Attributed | null })[]) =>
          els.map((e) => [
            (e.getAttribute('data-testid') ?? '').replace('need-', ''),
            Number(e.querySelector('[data-count]')?.getAttribute('data-count')),
          ]),
      );
      return Object.fromEntries(pairs) as Record<string, number>;
    };

    it('a county regulator: the needs as the summary counts them, each opening its filtered list', async () => {
      const page = await web.newPage();
      await web.login(page, 'yp.admin');
      const home = await json<Home>(page, '/api/home');
      expect(home.audience).toBe('regulator');
      expect(await shown(page)).toEqual(
        Object.fromEntries(home.needs.map((n) => [n.key, n.count])),
      );
      expect(Object.keys(await shown(page))).toEqual(
        expect.arrayContaining(['alarmsUnanswered', 'hazardsOverdue', 'leadsUnassigned']),
      );
      await page.getByTestId('overview').waitFor();
      // The county's mines on its offline map, under the needs.
      await page.getByTestId('home-map').locator('canvas').first().waitFor();
      await settle(page);
      await page.screenshot({ path: `${SHOTS}/70-home-county.png`, fullPage: true });
      // The overdue hazards' card opens the hazard list filtered to overdue ones.
      await page.getByTestId('need-hazardsOverdue').click();
      await page.waitForURL(/\/hazards\?overdue=true/);
      await page.context().close();
    });

    it('an enterprise: its filings, hazards by deadline and documents, no leads', async () => {
      const page = await web.newPage();
      await web.login(page, 'ent.admin');
      const home = await json<Home>(page, '/api/home');
      expect(home.audience).toBe('enterprise');
      const cards = await shown(page);
      expect(Object.keys(cards)).toEqual(home.needs.map((n) => n.key));
      expect(cards).not.toHaveProperty('leadsUnassigned');
      await page.getByTestId('rectifying').waitFor();
      await settle(page);
      await page.screenshot({ path: `${SHOTS}/71-home-enterprise.png`, fullPage: true });
      await page.context().close();
    });

    it("a mine's duty officer: live points, a large 叫应 button that answers the call, no registers menu", async () => {
      const page = await web.newPage();
      await web.login(page, 'mine.duty');
      // A red 超限 at the mine (CH4-201: 红色 from 1.5 %), sent as its gateway would: its call waits
      // for the duty officer's 叫应.
      const ent = await web.newPage();
      await web.login(ent, 'ent.admin');
      const sent = await sendReadings(ent, await mineOf(page), 'CH4-201', [0.3, 0.4, 1.8]);
      expect(sent).toMatchObject({ stored: 3, rejected: [] });
      await ent.context().close();
      const waitingNow = async () =>
        (await json<Home>(page, '/api/home')).openAlarms.filter((a) => a.state === '待叫应');
      await expect
        .poll(async () => (await waitingNow()).length, { timeout: 30_000, interval: 1_000 })
        .toBeGreaterThan(0);
      await page.reload();
      const home = await json<Home>(page, '/api/home');
      expect(home.audience).toBe('mine');
      await page.getByTestId('point-tile').first().waitFor();
      const menu = page.locator('.ant-layout-sider');
      await menu.getByText('重大事故隐患', { exact: true }).first().waitFor();
      expect(await menu.getByText('企业', { exact: true }).count()).toBe(0);
      expect(await menu.getByText('行政区划', { exact: true }).count()).toBe(0);
      await settle(page);
      await page.screenshot({ path: `${SHOTS}/72-home-duty.png`, fullPage: true });
      const waiting = home.openAlarms.filter((a) => a.state === '待叫应');
      expect(waiting.length, 'the red alarm sent above').toBeGreaterThan(0);
      // Each alarm waiting on the server has a 叫应 button, and only those. The demo's feeds run live, so
      // more alarms may open meanwhile and the page shows them on its next refresh (every 30 s): the ids
      // are compared until both sides agree, and each alarm is judged by its own id.
      const list = page.getByTestId('duty-alarms');
      const answerable = page.getByRole('button', { name: '叫应' });
      const rowsWithButton = list.locator('.duty-alarm').filter({ has: answerable });
      const idsOnScreen = async () =>
        (
          await rowsWithButton
            .locator('a[href^="/alarms/"]')
            .evaluateAll((as: Attributed[]) =>
              as.map((a) => a.getAttribute('href')?.split('/').pop() ?? ''),
            )
        ).sort();
      const idsWaiting = async () => (await waitingNow()).map((a) => a.id).sort();
      await expect
        .poll(
          async () => JSON.stringify(await idsOnScreen()) === JSON.stringify(await idsWaiting()),
          {
            timeout: 75_000,
            interval: 1_000,
          },
        )
        .toBe(true);
      const first = rowsWithButton.first();
      const id = (await first.getByRole('link').first().getAttribute('href'))?.split('/').pop();
      expect(waiting.map((a) => a.id)).toContain(id);
      await first.getByRole('button', { name: '叫应' }).click();
      // That alarm is answered, on the server and on the screen.
      await expect
        .poll(async () => (await waitingNow()).some((a) => a.id === id), { timeout: 10_000 })
        .toBe(false);
      const row = list
        .locator('.duty-alarm')
        .filter({ has: page.locator(`a[href="/alarms/${id}"]`) });
      await expect
        .poll(() => row.getByRole('button', { name: '叫应' }).count(), { timeout: 10_000 })
        .toBe(0);
      await page.context().close();
    });
  });

  describe('no internal codes on any page or in any document', () => {
    let codes: CodeContext;

    beforeAll(async () => {
      const page = await web.newPage();
      await web.login(page, 'admin');
      const regions = await json<{ code: string }[]>(page, '/api/regions');
      codes = { regionCodes: new Set(regions.map((r) => r.code)), usernames };
      expect(codes.regionCodes.has('140981')).toBe(true);
      await page.context().close();
    });

    /** What the page shows now that it must not, each as `<where>: <rule>: <excerpt>`. */
    async function scan(page: Page, where: string, allow: string[] = []): Promise<string[]> {
      // An open picker keeps, for screen readers, a 0×0 list of the options around the active one: it
      // holds their values but is read by their labels (aria-label), and nobody sees it.
      const unseen = new Set(
        await page
          .locator('[role=listbox] > [role=option][aria-label]')
          .evaluateAll((els: Sized[]) =>
            els.filter((e) => e.parentElement?.offsetHeight === 0).map((e) => e.textContent ?? ''),
          ),
      );
      const text = (await page.locator('body').innerText())
        .split('\n')
        .filter((line) => !unseen.has(line.trim()))
        .join('\n');
      const fields = await page
        .locator('input:not([type=hidden]), textarea, .ant-select-selection-item')
        .evaluateAll((els) =>
          els.map((e) => {
            const item = e.closest('.ant-form-item');
            const label = item?.querySelector('label')?.textContent ?? '';
            const typed = (e as unknown as { value?: unknown }).value;
            const value =
              typeof typed === 'string' ? typed : (e.getAttribute('title') ?? e.textContent ?? '');
            return { field: label || e.getAttribute('name') || e.tagName, value };
          }),
        );
      return [...findInternalCodes(text, { ...codes, allow }), ...uuidFields(fields)].map(
        (f) => `${where}: ${f.rule}: ${f.excerpt}`,
      );
    }

    /** Opens a page, scans it and each of its tabs. */
    async function crawl(page: Page, path: string): Promise<string[]> {
      await page.goto(`${web.server.baseUrl}${path}`);
      await settle(page);
      // The 行政区划 page is the reference list of GB/T 2260 codes: there a code is the data itself; so
      // are the sign-in names on the list of accounts.
      const allow = path.startsWith('/regions')
        ? ['region code']
        : path.startsWith('/admin/users')
          ? ['username']
          : [];
      const problems = await scan(page, path, allow);
      const tabs = page.locator('#main .ant-tabs-tab');
      for (let i = 0; i < (await tabs.count()); i += 1) {
        const tab = tabs.nth(i);
        const name = await tab.innerText();
        await tab.click();
        await settle(page);
        problems.push(...(await scan(page, `${path} [${name}]`, allow)));
      }
      return problems;
    }

    /** The pages of a role's menu. */
    async function menuPages(page: Page): Promise<string[]> {
      const hrefs = await page
        .locator('aside a[href]')
        .evaluateAll((links: Attributed[]) => links.map((a) => a.getAttribute('href') ?? ''));
      return [...new Set(['/', ...hrefs, '/inbox'])];
    }

    /** Detail pages, drawers and forms the role can reach, found through the API as that user. */
    async function detailPages(page: Page): Promise<string[]> {
      const first = async <T>(url: string): Promise<T | undefined> => {
        const body = await json<{ items?: T[] } | T[] | null>(page, url);
        return Array.isArray(body) ? body[0] : (body?.items?.[0] ?? undefined);
      };
      // 系统管理: its pages for the roles that hold it, the 403 page for the others.
      const paths = [
        '/hazards/new',
        '/inspections/new',
        '/mines/new',
        '/admin/users',
        '/admin/tokens',
        '/admin/settings',
      ];
      const mine = await first<{ id: string }>('/api/mines?limit=1');
      if (mine) {
        paths.push(`/mines/${mine.id}`, `/mines/${mine.id}/edit`);
      }
      const ent = await first<{ id: string }>('/api/enterprises?limit=1');
      const hazard = await first<{ id: string }>('/api/hazards?limit=1');
      const alarm = await first<{ id: string }>('/api/alarms?limit=1');
      const lead = await first<{ id: string }>('/api/leads?limit=1');
      const inspection = await first<{ id: string }>('/api/inspections');
      const report = await first<{ id: string }>('/api/public-reports');
      const plan = await first<{ id: string }>('/api/work-plans');
      for (const [prefix, row] of [
        ['/enterprises/', ent],
        ['/hazards/', hazard],
        ['/alarms/', alarm],
        ['/leads/', lead],
        ['/inspections/', inspection],
        ['/public-reports?case=', report],
      ] as const) {
        if (row) {
          paths.push(`${prefix}${row.id}`);
        }
      }
      if (inspection) {
        const detail = await json<{ documents: { id: string }[] } | null>(
          page,
          `/api/inspections/${inspection.id}`,
        );
        for (const d of detail?.documents.slice(0, 2) ?? []) {
          paths.push(`/documents/${d.id}`);
        }
      }
      if (plan) {
        const detail = await json<{ tasks: { id: string }[] } | null>(
          page,
          `/api/work-plans/${plan.id}`,
        );
        if (detail?.tasks[0]) {
          paths.push(`/plans?task=${detail.tasks[0].id}`);
        }
      }
      return paths;
    }

    /** The drawers behind rows and buttons: an accident, each target's drill-down. */
    async function drawers(page: Page): Promise<string[]> {
      const problems: string[] = [];
      if (await page.locator('aside a[href="/accidents"]').count()) {
        await page.goto(`${web.server.baseUrl}/accidents`);
        await settle(page);
        const row = page.locator('[data-testid=accident-table] tbody tr.ant-table-row').first();
        if (await row.count()) {
          await row.click();
          await page.locator('.ant-drawer-body').waitFor();
          await settle(page);
          problems.push(...(await scan(page, '/accidents [drawer]')));
        }
      }
      if (await page.locator('aside a[href="/plans"]').count()) {
        await page.goto(`${web.server.baseUrl}/plans?tab=targets`);
        await settle(page);
        const drills = page.locator('[data-testid^=drill-]');
        for (let i = 0; i < (await drills.count()); i += 1) {
          const key = (await drills.nth(i).getAttribute('data-testid')) ?? '';
          await drills.nth(i).click();
          await page.locator('.ant-drawer-body').last().waitFor();
          await settle(page);
          problems.push(...(await scan(page, `/plans [targets, ${key}]`)));
          await page.keyboard.press('Escape');
          await page.locator('.ant-drawer-mask').last().waitFor({ state: 'hidden' });
        }
      }
      return problems;
    }

    it('the public pages (sign-in, the 举报 form and its tracking) show no internal code', async () => {
      const page = await web.newPage();
      const problems: string[] = [];
      for (const [path, allow] of [
        // The sign-in page names the demo accounts on purpose, so that people can try the demo.
        ['/login', ['username']],
        ['/report', []],
        ['/track', []],
      ] as const) {
        await page.goto(`${web.server.baseUrl}${path}`);
        await page.waitForLoadState('networkidle');
        await page.locator('form').first().waitFor();
        problems.push(...(await scan(page, path, [...allow])));
      }
      // The 举报 form's county picker lists counties by name.
      await page.goto(`${web.server.baseUrl}/report`);
      await page.getByTestId('report-county').click();
      await page.locator('.ant-select-item-option').first().waitFor();
      problems.push(...(await scan(page, '/report [county picker]')));
      expect(problems).toEqual([]);
      await page.context().close();
    });

    for (const user of demoUsers) {
      it(`${user}: no page, tab, drawer or form shows an internal code`, async () => {
        const page = await web.newPage();
        await web.login(page, user);
        const problems: string[] = [];
        const pages = [...(await menuPages(page)), ...(await detailPages(page))];
        for (const path of pages) {
          problems.push(...(await crawl(page, path)));
        }
        await page.goto(`${web.server.baseUrl}/`);
        await settle(page);
        problems.push(...(await drawers(page)));
        expect(problems).toEqual([]);
        await page.context().close();
      });
    }

    it('no PDF shows an internal code: enforcement documents and periodic reports', async () => {
      const problems: string[] = [];
      let pdfs = 0;
      for (const user of ['yp.admin', 'sx.admin', 'dx.admin']) {
        const page = await web.newPage();
        await web.login(page, user);
        const urls: string[] = [];
        const inspections = await json<{ items?: { id: string }[] } | { id: string }[]>(
          page,
          '/api/inspections',
        );
        const list = Array.isArray(inspections) ? inspections : (inspections.items ?? []);
        for (const i of list.slice(0, 3)) {
          const detail = await json<{ documents: { id: string }[] }>(
            page,
            `/api/inspections/${i.id}`,
          );
          urls.push(...detail.documents.map((d) => `/api/documents/${d.id}/pdf`));
        }
        const reports = await json<{ id: string }[]>(page, '/api/periodic-reports');
        urls.push(
          ...reports.slice(0, 4).map((r) => `/api/periodic-reports/${r.id}/file?format=pdf`),
        );
        for (const url of urls) {
          const res = await page.request.get(`${web.server.baseUrl}${url}`);
          expect(res.status(), url).toBe(200);
          const file = `${SHOTS}/67-pdf-${user}-${pdfs}.pdf`;
          writeFileSync(file, await res.body());
          const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
          problems.push(
            ...findInternalCodes(text, codes).map((f) => `${url}: ${f.rule}: ${f.excerpt}`),
          );
          pdfs += 1;
        }
        await page.context().close();
      }
      expect(pdfs, 'the demo has documents and reports to read').toBeGreaterThan(3);
      expect(problems).toEqual([]);
    });
  });
});
