/**
 * The set-up every browser test file shares: the real product (`minewatch serve` on a copy of the
 * seeded demo) and headless Chromium for the file, and the steps the tests repeat (a new page, signing
 * in, asking the API as the signed-in user, a PDF's first page as a picture). Screenshots go to
 * test-results/.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchBrowser } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

export const SHOTS = 'test-results';
export const PASSWORD = 'minewatch2026';

export interface WebSession {
  /** The running server (set in beforeAll). */
  server: RunningServer;
  browser: Browser;
  newPage(): Promise<Page>;
  login(page: Page, username: string): Promise<void>;
  apiAs(
    page: Page,
    url: string,
  ): Promise<{
    total: number;
    items: { countyName: string; enterpriseName: string; kind: string; id: string; name: string }[];
  }>;
  /** Renders a PDF's first page to `<base>.png` with poppler, so a person can look at it. */
  firstPagePng(pdfPath: string, base: string): void;
  /** The rows of the mine list. */
  rows(page: Page): ReturnType<Page['locator']>;
  /**
   * What the Content-Security-Policy refused on the pages of the running test (each fails the test: the
   * built app and its charts must run under the policy the server sends, issue 21 §10).
   */
  cspViolations: string[];
}

/** Starts the server and the browser before the file's tests and stops them after. */
export function useWebSession(): WebSession {
  /** The pages of the running test, pictured if it fails. */
  const open: Page[] = [];
  const web = {
    async newPage() {
      const context = await web.browser.newContext({
        viewport: { width: 1280, height: 720 },
        locale: 'zh-CN',
      });
      // Every refusal by the page's Content-Security-Policy is reported to the console, and collected.
      await context.addInitScript({
        content: `document.addEventListener('securitypolicyviolation', (e) =>
          console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));`,
      });
      const page = await context.newPage();
      page.on('console', (m) => {
        if (m.type() === 'error' && /CSP violation|Content Security Policy/.test(m.text())) {
          web.cspViolations.push(`${page.url()}: ${m.text()}`);
        }
      });
      open.push(page);
      return page;
    },
    async login(page: Page, username: string) {
      await page.goto(`${web.server.baseUrl}/login`);
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码').fill(PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL(`${web.server.baseUrl}/`);
    },
    apiAs(page: Page, url: string) {
      return page.evaluate(async (u) => (await fetch(u)).json(), url) as ReturnType<
        WebSession['apiAs']
      >;
    },
    firstPagePng(pdfPath: string, base: string) {
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '80',
        '-f',
        '1',
        '-l',
        '1',
        '-singlefile',
        pdfPath,
        base,
      ]);
    },
    rows: (page: Page) => page.locator('[data-testid=mine-table] tbody tr.ant-table-row'),
    cspViolations: [] as string[],
  } as WebSession;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    web.server = await startServer();
    web.browser = await launchBrowser();
  }, 240_000);
  afterEach(async (test) => {
    if (test.task.result?.state === 'fail') {
      for (const [i, page] of open.entries()) {
        if (!page.isClosed()) {
          const name = test.task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60);
          await page
            .screenshot({ path: `${SHOTS}/failed-${name}-${i}.png`, fullPage: true })
            .catch(() => undefined);
        }
      }
    }
    open.length = 0;
    const refused = web.cspViolations.splice(0);
    if (refused.length) {
      throw new Error(`the Content-Security-Policy refused:\n${refused.join('\n')}`);
    }
  });
  afterAll(async () => {
    await web.browser?.close();
    await web.server?.stop();
  });
  return web;
}

/**
 * Sends readings of one point as the mine's gateway would: `page` is signed in as the mine's enterprise
 * admin, who issues a gateway token for the mine; the readings are 10 s apart, the last 10 s ago.
 */
export function sendReadings(page: Page, mineId: string, code: string, values: number[]) {
  return page.evaluate(
    async ({ mineId, code, values }) => {
      const json = { 'content-type': 'application/json' };
      const issued = (await (
        await fetch('/api/tokens', {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ name: `测试网关 ${code}`, kind: 'gateway', mineIds: [mineId] }),
        })
      ).json()) as { token: string };
      const now = Date.now();
      const res = await fetch('/api/ingest/readings', {
        method: 'POST',
        credentials: 'omit',
        headers: { authorization: `Bearer ${issued.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(
          values.map((value, i) => ({
            sensor: code,
            ts: new Date(now - (values.length - i) * 10_000).toISOString(),
            value,
          })),
        ),
      });
      return res.json();
    },
    { mineId, code, values },
  ) as Promise<{ stored: number; alarmsOpened: number; rejected: unknown[] }>;
}

/** The mine of the demo's duty officer (`mine.duty`), read from a page signed in as that user. */
export async function mineOf(page: Page): Promise<string> {
  const me = (await page.evaluate(async () => (await fetch('/api/auth/me')).json())) as {
    scope: { mineIds: string[] };
  };
  return me.scope.mineIds[0] ?? '';
}
