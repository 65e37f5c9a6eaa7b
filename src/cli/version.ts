import { createRequire } from 'node:module';

/** The package version, shown by the CLI and the health endpoint. */
export const version = (createRequire(import.meta.url)('../../package.json') as { version: string })
  .version;
