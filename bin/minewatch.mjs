#!/usr/bin/env -S node --max-semi-space-size=16
// Entry point of the `minewatch` command. With a production build in dist/node (`npm run build`) that
// is not older than the server's sources, it runs the compiled JavaScript and loads no TypeScript
// transpiler; otherwise it loads the TypeScript sources through tsx (MINEWATCH_FROM_SOURCE=1 forces
// that). V8's young generation is capped at 16 MB per semi-space (Node 24 grows it to 64 MB on large
// machines), which keeps the server's resident memory under 500 MB.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = `${root}dist/node/cli/main.js`;
const stamp = `${root}dist/node/BUILD`;

/** The newest modification time under a folder (the sources a build is compared with). */
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = `${dir}/${e.name}`;
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

function buildIsCurrent() {
  if (process.env.MINEWATCH_FROM_SOURCE === '1' || !existsSync(built) || !existsSync(stamp)) {
    return false;
  }
  const builtAt = statSync(stamp).mtimeMs;
  const sources = ['src/server', 'src/cli', 'src/shared'].map((d) => `${root}${d}`);
  if (!sources.every(existsSync)) {
    return true; // an installation without sources runs its build
  }
  if (Math.max(...sources.map(newest)) > builtAt) {
    process.stderr.write('minewatch: dist/node 早于源码, 从源码运行 (重新构建: npm run build)\n');
    return false;
  }
  return true;
}

if (buildIsCurrent()) {
  await import(built);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
