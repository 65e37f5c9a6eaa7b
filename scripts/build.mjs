#!/usr/bin/env node
// The production build (`npm run build`): the server, CLI and shared code compiled by tsc into
// dist/node (relative `.ts` imports rewritten to `.js`, tests left out), and the web app by Vite into
// dist/web. bin/minewatch.mjs runs dist/node when it is current, so production loads no TypeScript
// transpiler. The SQL migrations stay in src/server/db/migrations, where both find them.
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (pkg, file) => `${root}node_modules/${pkg}/${file}`;

function run(label, args) {
  const started = Date.now();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`build: ${label} failed (exit ${r.status})`);
    process.exit(1);
  }
  console.log(`build: ${label} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

rmSync(`${root}dist/node`, { recursive: true, force: true });
run('server (tsc → dist/node)', [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.build.json']);
writeFileSync(`${root}dist/node/BUILD`, `${new Date().toISOString()}\n`);
run('web (vite → dist/web)', [bin('vite', 'bin/vite.js'), 'build', '--logLevel', 'warn']);
