/**
 * @module The opt-in distributed mode's configuration (issue 26): NATS JetStream for ingest, engine
 * workers owning partitions of the mines. Unset NATS_URL = the embedded single process of `npm start`.
 */

/** What a `minewatch serve` process runs (`--role`); `all` is the single process of today. */
export const roles = ['all', 'api', 'ingest', 'engine'] as const;
export type Role = (typeof roles)[number];

export interface ScaleConfig {
  /** The NATS server(s), comma-separated (NATS_URL, e.g. nats://127.0.0.1:4222). */
  url: string;
  /** The JetStream stream of readings (NATS_STREAM, default MINEWATCH_READINGS). */
  stream: string;
  /** The subjects' prefix: `<prefix>.<partition>` (NATS_SUBJECT_PREFIX, default minewatch.readings). */
  subjectPrefix: string;
  /**
   * How many partitions the mines are hashed into (READINGS_PARTITIONS, default 16): the unit of
   * ownership of an engine worker. Changing it moves mines between partitions: change it only with
   * every worker stopped and the stream drained.
   */
  partitions: number;
  /**
   * Under load an engine worker waits up to `ms` (ENGINE_GATHER_MS, default 250; 0 = never) for
   * `readings` (ENGINE_GATHER_READINGS, default 100,000) before it commits; from idle it commits at
   * once. Several workers on the same cores otherwise each commit small and lose throughput
   * (bench:jetstream); the cost is this much alarm latency at most.
   */
  gather: { ms: number; readings: number };
}

/** The distributed mode's settings, or undefined without NATS_URL; throws on a bad value. */
export function loadScaleConfig(env: NodeJS.ProcessEnv = process.env): ScaleConfig | undefined {
  const url = env.NATS_URL?.trim();
  if (!url) {
    return undefined;
  }
  if (!env.DATABASE_URL) {
    throw new Error(
      'NATS_URL 已设置, 但分布式模式 (多节点, NATS JetStream) 需要 PostgreSQL: 请同时设置 DATABASE_URL (嵌入式 PGlite 只能由一个进程打开)',
    );
  }
  const partitions = Number(env.READINGS_PARTITIONS ?? 16);
  if (!Number.isInteger(partitions) || partitions < 1 || partitions > 1024) {
    throw new Error(`READINGS_PARTITIONS 须为 1..1024 的整数: ${env.READINGS_PARTITIONS}`);
  }
  const stream = env.NATS_STREAM || 'MINEWATCH_READINGS';
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(stream)) {
    throw new Error(`NATS_STREAM 只能含字母、数字、_ 与 -: ${stream}`);
  }
  const subjectPrefix = env.NATS_SUBJECT_PREFIX || 'minewatch.readings';
  if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(subjectPrefix)) {
    throw new Error(`NATS_SUBJECT_PREFIX 不是有效的主题前缀: ${subjectPrefix}`);
  }
  const gather = {
    ms: Number(env.ENGINE_GATHER_MS ?? 250),
    readings: Number(env.ENGINE_GATHER_READINGS ?? 100_000),
  };
  if (!Number.isInteger(gather.ms) || gather.ms < 0 || gather.ms > 5000) {
    throw new Error(`ENGINE_GATHER_MS 须为 0..5000 的整数 (毫秒): ${env.ENGINE_GATHER_MS}`);
  }
  if (!Number.isInteger(gather.readings) || gather.readings < 1 || gather.readings > 200_000) {
    throw new Error(`ENGINE_GATHER_READINGS 须为 1..200000 的整数: ${env.ENGINE_GATHER_READINGS}`);
  }
  return { url, stream, subjectPrefix, partitions, gather };
}

/** A `--role` value, checked against the configuration. */
export function parseRole(value: string, scale: ScaleConfig | undefined): Role {
  const role = roles.find((r) => r === value);
  if (!role) {
    throw new Error(`--role 须为 ${roles.join('|')}: ${value}`);
  }
  if (role !== 'all' && !scale) {
    throw new Error(
      `--role ${role} 是分布式模式的角色: 需要 NATS_URL (NATS JetStream) 与 DATABASE_URL (PostgreSQL)`,
    );
  }
  return role;
}

/** Which parts of the server a role runs. */
export interface RoleParts {
  /** The scheduler's jobs (claimed in the database, so several api nodes run each once). */
  jobs: boolean;
  /** MQTT ingest (the embedded broker or the external subscription). */
  mqtt: boolean;
  /** The demo seed and its simulated feeds. */
  demo: boolean;
  /** Engine workers consuming partitions (only with NATS). */
  workers: boolean;
}

export function partsOf(role: Role, scale: ScaleConfig | undefined): RoleParts {
  switch (role) {
    case 'all':
      return { jobs: true, mqtt: true, demo: true, workers: scale !== undefined };
    case 'api':
      return { jobs: true, mqtt: false, demo: false, workers: false };
    case 'ingest':
      return { jobs: false, mqtt: true, demo: false, workers: false };
    case 'engine':
      return { jobs: false, mqtt: false, demo: false, workers: true };
  }
}
