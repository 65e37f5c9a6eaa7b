/**
 * @module Builds the web app when its build is missing or older than its sources, so that `npm start`
 * always serves the current UI.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './platform/paths.ts';

const root = projectRoot;
export const webDistDir = path.join(root, 'dist/web');

function newestMtime(target: string): number {
  if (!existsSync(target)) {
    return 0;
  }
  const st = statSync(target);
  if (!st.isDirectory()) {
    return st.mtimeMs;
  }
  let newest = st.mtimeMs;
  for (const entry of readdirSync(target)) {
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

/** Whether dist/web is missing or older than the web sources, the shared schemas or the build config. */
export function webBuildIsStale(): boolean {
  const built = path.join(webDistDir, 'index.html');
  if (!existsSync(built)) {
    return true;
  }
  const sources = ['src/web', 'src/shared', 'vite.config.ts', 'package-lock.json'].map((p) =>
    path.join(root, p),
  );
  return Math.max(...sources.map(newestMtime)) > statSync(built).mtimeMs;
}

/**
 * Runs the Vite build when needed, in a child process so that the bundler's memory is returned to the
 * system before the server starts serving; returns whether it built.
 */
export async function ensureWebBuild(log: (msg: string) => void): Promise<boolean> {
  if (!webBuildIsStale()) {
    return false;
  }
  log('正在构建前端 (web build is missing or stale)…');
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  const child = spawn(
    process.execPath,
    [vite, 'build', '--config', path.join(root, 'vite.config.ts'), '--logLevel', 'warn'],
    { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) {
    throw new Error(`web build failed (vite exited with ${code})`);
  }
  return true;
}
