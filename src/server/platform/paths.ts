/**
 * @module Where the project's files are, found the same from the TypeScript sources (src/…) and from
 * the production build (dist/node/…): the folder holding minewatch's package.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (
      existsSync(pkg) &&
      (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'minewatch'
    ) {
      return dir;
    }
    if (path.dirname(dir) === dir) {
      throw new Error(`minewatch's package.json not found above ${from}`);
    }
  }
}

/** The project's root folder (package.json, bin/, src/server/db/migrations, dist/web). */
export const projectRoot = findRoot(path.dirname(fileURLToPath(import.meta.url)));

/** A path inside the project. */
export const inProject = (...parts: string[]) => path.join(projectRoot, ...parts);
