/**
 * Code, data, tests and screens cite regulations by document and clause (docs/sources.md), never by the
 * research notes or plan files kept outside the repository, so a fresh clone can follow every citation.
 */
import { existsSync, globSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Citations of files outside the repository: the plan texts by file number, the research notes. */
const outside = [/\bseeds? ?00\d/i, /REFERENCE\.md/i, /PRODUCT\.md/i, /\b00\d_[0-9a-f]{16}\.txt/];

const files = globSync('{src,scripts,test}/**/*.{ts,tsx,js,mjs,json,sql,css,html}', {
  cwd: root,
}).map((f) => f.split('\\').join('/'));

const offending = (file: string) => {
  const text = readFileSync(`${root}${file}`, 'utf8');
  return text
    .split('\n')
    .map((line, i) => ({ line, at: `${file}:${i + 1}` }))
    .filter(({ line }) => outside.some((re) => re.test(line)))
    .map(({ at, line }) => `${at}: ${line.trim()}`);
};

describe('citations stay inside the repository', () => {
  it('no file under src/, scripts/ or test/ cites the research notes or a plan file by its name', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.flatMap(offending)).toEqual([]);
  });

  it('the documents cited and the catalogue builder’s input are in the repository', () => {
    expect(existsSync(`${root}docs/sources.md`)).toBe(true);
    expect(existsSync(`${root}docs/sources/hazard-criteria.md`)).toBe(true);
    expect(readFileSync(`${root}scripts/build-hazard-catalogue.ts`, 'utf8')).toContain(
      "'../docs/sources/hazard-criteria.md'",
    );
  });
});
