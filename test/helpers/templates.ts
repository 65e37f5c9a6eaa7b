/**
 * @module Migrated template databases for the test suite, built once per source version and cloned per
 * test file: `base` (migrated, GB/T 2260 regions and the hazard catalogue loaded), `world` (base plus
 * the two-jurisdiction test world) and `demo` (base plus the demo province at the test clock). PGlite templates are data-folder tarballs under
 * node_modules/.cache; PostgreSQL templates are databases cloned with `CREATE DATABASE … TEMPLATE`.
 * The key is a digest of every source the templates depend on, so an edit rebuilds them and an
 * unchanged tree reuses them across runs.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Engine } from '../../src/server/platform/db/client.ts';

/** What global setup hands to every test file: where each engine's templates are. */
export interface TemplateSet {
  key: string;
  pglite?: EngineTemplates;
  postgres?: EngineTemplates;
  /** A PGlite data folder seeded today by `minewatch seed`, for tests that start the real server. */
  demoDataDir: string;
}

/** Per engine: where each template is (a tarball or a database name), and the world's JSON file. */
export type EngineTemplates = Record<TemplateKind, string> & { worldJson: string };

/** base: migrated, regions, catalogue; world: + the test world; demo: + the demo province. */
export type TemplateKind = 'base' | 'world' | 'demo';

const root = path.resolve(import.meta.dirname, '../..');
const sourceRoots = ['src/server', 'src/shared', 'test/helpers', 'package-lock.json'];
export const cacheDir = path.join(root, 'node_modules/.cache/minewatch-test-templates');

function* filesUnder(p: string): Generator<string> {
  if (!existsSync(p)) {
    return;
  }
  if (!p.endsWith('.ts') && !p.endsWith('.json') && !p.endsWith('.sql')) {
    for (const entry of readdirSync(p, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const full = path.join(p, entry.name);
      if (entry.isDirectory()) {
        yield* filesUnder(full);
      } else if (/\.(ts|json|sql)$/.test(entry.name) && !entry.name.includes('.test.')) {
        yield full;
      }
    }
    return;
  }
  yield p;
}

/** Digest of the sources a template is built from (schema, services, seeds, test helpers). */
export function templateKey(): string {
  const h = createHash('sha256');
  for (const r of sourceRoots) {
    for (const file of filesUnder(path.join(root, r))) {
      h.update(path.relative(root, file));
      h.update(readFileSync(file));
    }
  }
  return h.digest('hex').slice(0, 12);
}

/** Writes a file so that readers see the whole file or none of it. */
export function writeAtomic(file: string, data: string | Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

/** The PGlite data folder of a template, ready to load into a fresh instance. */
export async function openPgliteTemplate(file: string): Promise<PGlite> {
  const client = new PGlite({ loadDataDir: new Blob([readFileSync(file)]) });
  await client.waitReady;
  return client;
}

/** The name of a PostgreSQL template database for this key. */
export function postgresTemplateName(key: string, kind: TemplateKind): string {
  return `mw_tpl_${key}_${kind}`;
}

/** Runs statements on the server's maintenance connection (the URL's own database). */
export async function adminQuery<T = unknown>(
  baseUrl: string,
  statement: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    return (await client.query(statement, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A database URL with another database name. */
export function withDatabase(baseUrl: string, name: string): string {
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export function engineTemplates(set: TemplateSet, engine: Engine) {
  const t = set[engine];
  if (!t) {
    throw new Error(`no ${engine} templates were built (is TEST_DATABASE_URL set?)`);
  }
  return t;
}
