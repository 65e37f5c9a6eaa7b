#!/usr/bin/env node
// `npm run dev`: the API server (restarted on change, no built web app) and the Vite dev server with hot
// reload, which proxies /api to it. Open the URL Vite prints.
import { spawn } from 'node:child_process';

const port = process.env.PORT ?? '8080';
const children = [
  spawn(process.execPath, ['--watch', 'bin/minewatch.mjs', 'serve', '--no-web'], {
    stdio: 'inherit',
    env: { ...process.env, PORT: port },
  }),
  spawn('npx', ['vite'], { stdio: 'inherit', env: { ...process.env, PORT: port } }),
];
const stop = () => {
  for (const c of children) {
    c.kill('SIGTERM');
  }
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
