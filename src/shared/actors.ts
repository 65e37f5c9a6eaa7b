/**
 * @module Who did something, as people read it (pure). Changes are recorded under an actor label: a
 * user's username (shown as the user's display name, which the presenters look up), or a label of the
 * system itself — a scheduled job, the demo seed, the command line, the public 举报 form, a one-time
 * 叫应 link. Screens never show such labels raw: the system is 系统 with the job's name.
 */

/** The system's own actor labels and the job each stands for. */
const systemJobs: Record<string, string> = {
  'system:escalation': '逾期升级',
  'system:coal-forward': '数据上报上级平台',
  'system:leads': '线索研判',
  'system:scheduler': '定期报告',
  'system:seed': '演示数据',
  report: '定期报告',
  replay: '历史数据回放',
  'mqtt:external': '外部 MQTT 数据接入',
  simulator: '演示数据模拟',
};

/** Labels that start with a prefix, and the job they stand for (what follows the prefix is not shown). */
const systemPrefixes: [string, string][] = [
  ['cli:', '命令行'],
  ['accident:', '事故停产整顿'],
  ['test:', '测试'],
  ['system:', ''],
];

/**
 * Changes a mine's own monitoring system made through its upload files (a point's definition and
 * thresholds): `mine-system:<煤矿编码>:<the gateway token's user>`, read as the mine's system.
 */
export const MINE_SYSTEM_PREFIX = 'mine-system:';

/** 系统 with the job's name, e.g. 系统 (逾期升级); just 系统 when the job has no name. */
export function systemActor(job: string): string {
  return job ? `系统 (${job})` : '系统';
}

/**
 * An actor label as people read it: the system's labels as 系统 with the job's name, the public form as
 * 举报人, a one-time link's recipient by name; anything else (a display name already, or a username
 * the caller could not resolve) as it is.
 */
export function describeActor(label: string): string {
  const job = systemJobs[label];
  if (job !== undefined) {
    return systemActor(job);
  }
  if (label === 'public') {
    return '举报人';
  }
  if (label.startsWith(MINE_SYSTEM_PREFIX)) {
    return '煤矿监控系统 (上传文件)';
  }
  if (label.startsWith('link:')) {
    return `${label.slice('link:'.length)} (确认链接)`;
  }
  const prefixed = systemPrefixes.find(([prefix]) => label.startsWith(prefix));
  return prefixed ? systemActor(prefixed[1]) : label;
}
