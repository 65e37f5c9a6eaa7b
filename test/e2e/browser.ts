/**
 * Headless Chromium (the Debian package) driven by playwright-core. In CI a missing browser is a
 * failure, never a skip; on a developer machine without Chromium the browser tests say so and skip.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Whether the browser tests can run here; throws in CI when they cannot. */
export function browserAvailable(): boolean {
  if (existsSync(chromiumPath)) {
    return true;
  }
  if (process.env.CI) {
    throw new Error(
      `Chromium not found at ${chromiumPath}; .ci/run installs the Debian package "chromium"`,
    );
  }
  console.warn(`browser tests skipped: no Chromium at ${chromiumPath} (apt-get install chromium)`);
  return false;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}
