#!/usr/bin/env -S node --max-semi-space-size=16
// Entry point of the `minewatch` command: loads the TypeScript sources through tsx. V8's young
// generation is capped at 16 MB per semi-space (Node 24 grows it to 64 MB on large machines), which
// keeps the server's resident memory under 500 MB.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
