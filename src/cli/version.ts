import { readFileSync } from 'node:fs';
import { inProject } from '../server/platform/paths.ts';

/** The package version, shown by the CLI and the health endpoint. */
export const version = (
  JSON.parse(readFileSync(inProject('package.json'), 'utf8')) as { version: string }
).version;
