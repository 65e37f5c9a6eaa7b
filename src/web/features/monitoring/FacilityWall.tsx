/**
 * The facility colour wall of the alarm board: one compact tile per facility in its rolled-up colour
 * (GB 39496-2020 §5.5.4), worst first, each opening its mine; a tile flashes while its facility (or,
 * for a mine-wide alarm, its mine) has a new red alarm. useFacilities is the one query of the
 * facilities (the facility board reads it too).
 */
import { Empty, Skeleton, Tooltip } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { monitoringApi } from '../../../shared/monitoring.api.ts';
import type { AlarmResponse, FacilityResponse } from '../../../shared/monitoring.schemas.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { BOARD_REFRESH_MS } from './elapsed.ts';
import { levelColors } from './LevelTag.tsx';
import { isQuiet, worstFirst } from './wall.ts';

/** The facilities of a region or mine with their colours, refreshed with the board. */
export function useFacilities(region: string | undefined, mineId?: string) {
  return useQuery({
    queryKey: ['facilities', region, mineId],
    queryFn: () => call(monitoringApi.facilities, { query: { region, mineId } }),
    refetchInterval: BOARD_REFRESH_MS,
  });
}

/** The tile colour: the level's, grey for a facility with points cut off, green when all is quiet. */
export function facilityColor(f: FacilityResponse): string {
  return f.level ? levelColors[f.level] : f.offlineSensors > 0 ? '#8c8c8c' : '#52c41a';
}

export function FacilityWall({
  region,
  flashed,
  title,
}: {
  region: string | undefined;
  /** The wall's heading (the board's 设施颜色墙 by default). */
  title?: string;
  /** New red alarms: the tile of each one's facility flashes (every tile of its mine if mine-wide). */
  flashed: readonly Pick<AlarmResponse, 'mineId' | 'facilityId'>[];
}) {
  const { t, v } = useI18n();
  const { data, error } = useFacilities(region);
  if (error) {
    return <QueryError error={error} />;
  }
  if (!data) {
    return <Skeleton active paragraph={{ rows: 1 }} />;
  }
  return (
    <section
      className="facility-wall"
      aria-label={title ?? t('monitoring.wallTitle')}
      data-testid="facility-wall"
    >
      <h2 className="facility-wall-title">{title ?? t('monitoring.wallTitle')}</h2>
      {data.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('monitoring.noFacilities')} />
      )}
      <div className="facility-wall-tiles">
        {worstFirst(data).map((f) => {
          const status = f.level
            ? v(f.level)
            : f.offlineSensors > 0
              ? t('monitoring.offline')
              : isQuiet(f)
                ? v('正常')
                : t('monitoring.openAlarms');
          const flash = flashed.some(
            (a) => a.facilityId === f.id || (a.facilityId === null && a.mineId === f.mineId),
          );
          return (
            <Tooltip
              key={f.id}
              title={`${f.mineName} · ${f.name} · ${v(f.kind)} · ${status}${
                f.offlineSensors > 0
                  ? ` · ${t('monitoring.offlineCount', { count: f.offlineSensors })}`
                  : ''
              }`}
            >
              <Link
                to={`/mines/${f.mineId}`}
                className={`facility-tile${flash ? ' alarm-flash' : ''}`}
                style={{ background: facilityColor(f) }}
                data-testid="wall-tile"
                data-level={f.level ?? (f.offlineSensors > 0 ? '断线' : '正常')}
                data-mine={f.mineName}
              >
                <span className="facility-tile-name">{f.name}</span>
                <span className="facility-tile-mine">{f.mineName}</span>
                <span className="facility-tile-status">
                  {status}
                  {f.openAlarms > 0 ? ` · ${f.openAlarms}` : ''}
                </span>
              </Link>
            </Tooltip>
          );
        })}
      </div>
    </section>
  );
}
