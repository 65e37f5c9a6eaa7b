/**
 * The deploy/ folder (issue 26 §4), checked without a container engine: the compose file parses and
 * names PostgreSQL, NATS with JetStream, the three minewatch nodes by role and the proxy; every variable
 * it sets on a node is one minewatch reads; the proxy's configuration is there; the systemd units and
 * the image start the roles they are named for.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '..');
const deploy = (f: string) => path.join(root, 'deploy', f);
const read = (f: string) => readFileSync(f, 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
}

/**
 * The environment variables minewatch reads: config.ts and the distributed mode's scale.config.ts
 * (`env.NAME` and the names their helpers are given).
 */
function configVariables(): Set<string> {
  const source = ['src/server/platform/config.ts', 'src/server/scale/scale.config.ts']
    .map((f) => read(path.join(root, f)))
    .join('\n');
  const names = [
    ...source.matchAll(/env\.([A-Z][A-Z0-9_]+)/g),
    ...source.matchAll(/\(env, '([A-Z][A-Z0-9_]+)'/g),
  ].map((m) => m[1] as string);
  return new Set(names);
}

describe('deploy/', () => {
  // Compose resolves YAML merge keys (`<<: *node`); YAML 1.2 parsers only when asked.
  const compose = parse(read(deploy('compose.yaml')), { merge: true }) as {
    services: Record<string, Service>;
  };
  const nodes = Object.entries(compose.services).filter(([, s]) => s.image === 'minewatch:latest');

  it('the compose file names PostgreSQL, NATS with JetStream, three nodes by role and a proxy', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      ['api', 'engine', 'ingest', 'nats', 'postgres', 'proxy'].sort(),
    );
    expect(compose.services.nats?.command).toContain('--jetstream');
    expect(nodes.map(([name, s]) => [name, s.command?.[s.command.indexOf('--role') + 1]])).toEqual([
      ['api', 'api'],
      ['ingest', 'ingest'],
      ['engine', 'engine'],
    ]);
    const mounted = compose.services.proxy?.volumes?.[0]?.split(':')[0] ?? '';
    expect(existsSync(deploy(mounted))).toBe(true);
  });

  it('every variable the compose file sets on a node is one minewatch reads', () => {
    const known = configVariables();
    expect(known.has('DATABASE_URL')).toBe(true);
    for (const [name, service] of nodes) {
      const env = Object.keys(service.environment ?? {});
      expect(env, name).toContain('DATABASE_URL');
      expect(env, name).toContain('MINEWATCH_SECRET');
      const unknown = env.filter((v) => !known.has(v));
      expect(unknown, name).toEqual([]);
    }
  });

  it('each systemd unit starts its own role; the image builds, prunes and starts role all', () => {
    const units = readdirSync(deploy('systemd')).sort();
    expect(units).toEqual([
      'minewatch-api@.service',
      'minewatch-engine@.service',
      'minewatch-ingest@.service',
    ]);
    for (const unit of units) {
      const role = /minewatch-(\w+)@/.exec(unit)?.[1];
      expect(read(deploy(`systemd/${unit}`))).toMatch(
        new RegExp(`^ExecStart=.*bin/minewatch\\.mjs serve --role ${role}\\b`, 'm'),
      );
    }
    const dockerfile = read(deploy('Dockerfile'));
    expect(dockerfile).toMatch(/^FROM node:24/m);
    for (const step of ['npm ci', 'npm run build', 'npm prune --omit=dev']) {
      expect(dockerfile).toContain(step);
    }
    expect(dockerfile).toMatch(/^CMD \[.*"bin\/minewatch\.mjs", "serve", "--role", "all"\]$/m);
  });
});
