/**
 * @module Endpoint contracts of the coal upload files (server: modules/coal-upload/coal-upload.routes.ts):
 * the gateways' POST of MT/T 1201 files (multipart; a ZIP of them too), and what the mapped files show per
 * mine — feeds, points (also by minewatch point), episodes, findings, abnormal-alarm records, substations,
 * 井下人员, 领导带班下井 — and the regulator's overviews: 数据接入 (every mine's feeds) and 井下人数; the backlog
 * of forwarding the files upward (应联尽联).
 */
import { z } from 'zod';
import { endpoint } from './api.contract.ts';
import {
  CoalAbnormalResponse,
  CoalAlarmOutagesResponse,
  CoalEpisodeResponse,
  CoalFeedsResponse,
  CoalFindingResponse,
  CoalForwardTargetResponse,
  CoalLeaderDescentsResponse,
  CoalMineFeedsResponse,
  CoalPointResponse,
  CoalSensorPointResponse,
  CoalSubstationResponse,
  CoalUndergroundMineResponse,
  CoalUndergroundResponse,
  CoalUploadReport,
} from './coal-upload.schemas.ts';

export const coalUploadApi = {
  /** MT/T 1201 files from a gateway (gateway token; multipart: one or more files, or ZIPs of them). */
  upload: endpoint('POST', '/api/ingest/coal-files', CoalUploadReport),
  feeds: endpoint('GET', '/api/coal/mines/:id/feeds', CoalFeedsResponse),
  /** 数据接入: every coal mine in the caller's jurisdiction (of a region if given) with its feeds. */
  regionFeeds: endpoint('GET', '/api/coal/feeds', z.array(CoalMineFeedsResponse)),
  points: endpoint('GET', '/api/coal/mines/:id/points', z.array(CoalPointResponse)),
  /** The mine's own definition and newest status of a minewatch point (sensor) fed by its files. */
  sensorPoint: endpoint('GET', '/api/coal/sensors/:id/point', CoalSensorPointResponse),
  episodes: endpoint('GET', '/api/coal/mines/:id/episodes', z.array(CoalEpisodeResponse)),
  findings: endpoint('GET', '/api/coal/mines/:id/findings', z.array(CoalFindingResponse)),
  abnormalAlarms: endpoint(
    'GET',
    '/api/coal/mines/:id/abnormal-alarms',
    z.array(CoalAbnormalResponse),
  ),
  /** The mine's abnormal-alarm records matched to one minewatch alarm. */
  alarmAbnormals: endpoint(
    'GET',
    '/api/coal/alarms/:id/abnormal-alarms',
    z.array(CoalAbnormalResponse),
  ),
  substations: endpoint('GET', '/api/coal/mines/:id/substations', z.array(CoalSubstationResponse)),
  /** The substation 通信中断 that explains a 断线 or 断网 alarm's silence. */
  alarmOutages: endpoint('GET', '/api/coal/alarms/:id/outages', CoalAlarmOutagesResponse),
  underground: endpoint('GET', '/api/coal/mines/:id/underground', CoalUndergroundResponse),
  /** 井下人数 of every coal mine in the caller's jurisdiction (of a region if given). */
  undergroundOverview: endpoint(
    'GET',
    '/api/coal/underground',
    z.array(CoalUndergroundMineResponse),
  ),
  leaderDescents: endpoint(
    'GET',
    '/api/coal/mines/:id/leader-descents',
    CoalLeaderDescentsResponse,
  ),
  /** 应联尽联: the backlog of forwarding to each target, for the mines of the caller's jurisdiction. */
  forwarding: endpoint('GET', '/api/coal/forwarding', z.array(CoalForwardTargetResponse)),
};
