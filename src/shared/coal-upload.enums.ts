/**
 * @module Vocabularies of the coal upload files (issue 22): what a point's status records amount to and
 * what the files reveal against minewatch's own data. The values are the Chinese terms stored.
 */

/**
 * Stretches of one point's CDSS records (测点状态, MT/T 1201.1-2023 附录B; REFERENCE §B6) that minewatch
 * keeps apart from its readings or compares with its own judgement:
 * - 标校 / 不巡检 / 暂停: readings the mine marked as not measuring the air; they raise no 超限;
 * - 数据异常: the mine's own 传感器故障, 超量程 or 分站故障 flags; the value is not a reading;
 * - 煤矿报警本平台未超限: the mine reports 报警/断电 while minewatch's thresholds say normal;
 * - 本平台超限煤矿未报警: minewatch's thresholds are reached while the mine reports normal.
 */
export const coalEpisodeKinds = [
  '标校',
  '不巡检',
  '暂停',
  '数据异常',
  '煤矿报警本平台未超限',
  '本平台超限煤矿未报警',
] as const;
export type CoalEpisodeKind = (typeof coalEpisodeKinds)[number];

/** The two kinds that are discrepancies between the mine's system and minewatch. */
export const coalDiscrepancyKinds: readonly CoalEpisodeKind[] = [
  '煤矿报警本平台未超限',
  '本平台超限煤矿未报警',
];

/**
 * Data-quality findings from the files:
 * - 异常报警未填处理措施: a YCBJ closed (结束时间 set) with no 处理措施;
 * - 超限未报异常报警: a minewatch 超限 for which the mine filed no YCBJ within the set time (evidence for
 *   the 监控造假 lead rule);
 * - 统计值不符: a TJSJ whose max/min/avg differ from minewatch's 5-minute statistics beyond the tolerance;
 * - 断电后馈电异常: the mine's system reported a point in 断电, and the 馈电 point its 断电 controls (关联关系 D)
 *   still reported 有电 the set time later (馈电异常, AQ 1029-2019: the dispatcher orders 断电撤人).
 */
export const coalFindingKinds = [
  '异常报警未填处理措施',
  '超限未报异常报警',
  '统计值不符',
  '断电后馈电异常',
] as const;
export type CoalFindingKind = (typeof coalFindingKinds)[number];

/**
 * How a coal mine's uploads stand on the regulator's 数据接入 page, the worst first (the page sorts by
 * this order, so who is not uploading comes first):
 * - 未配置煤矿编码: the registry has no 煤矿编码 for it, so none of its files can be accepted;
 * - 从未上传: it has a code but no file of any type was ever accepted, and none was refused in the last day;
 * - 上传延迟: a real-time or statistics feed is missing or older than its setting allows
 *   (coalUpload.feedStaleMinutes);
 * - 有拒收文件: every feed is current but files were refused (whole or in part) in the last day;
 * - 正常.
 */
export const coalFeedStates = [
  '未配置煤矿编码',
  '从未上传',
  '上传延迟',
  '有拒收文件',
  '正常',
] as const;
export type CoalFeedState = (typeof coalFeedStates)[number];
