/**
 * A Vite plugin that writes a brotli (`.br`) and a gzip (`.gz`) copy beside each text file of the
 * build, so that the server sends them as they are (@fastify/static `preCompressed`) instead of
 * compressing on every request. Files under 1 KB, and copies no smaller than their original, are left
 * out.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const compressible = /\.(js|mjs|css|html|svg|json|txt|map)$/;
const minBytes = 1024;
const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Writes `<file>.br` and `<file>.gz` beside a file of 1 KB or more (each only if smaller). */
export async function precompress(file: string): Promise<void> {
  const data = await readFile(file);
  if (data.length < minBytes) {
    return;
  }
  const [br, gzipped] = await Promise.all([
    brotli(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
    gz(data, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  await Promise.all([
    br.length < data.length ? writeFile(`${file}.br`, br) : undefined,
    gzipped.length < data.length ? writeFile(`${file}.gz`, gzipped) : undefined,
  ]);
}

export function precompressPlugin(): Plugin {
  return {
    name: 'minewatch-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? '.';
      await Promise.all(
        Object.keys(bundle)
          .filter((name) => compressible.test(name))
          .map((name) => precompress(path.join(dir, name))),
      );
    },
  };
}
