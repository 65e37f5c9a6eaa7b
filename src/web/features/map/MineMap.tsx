/**
 * The map of a region's mines (issue 23 §3), drawn offline: the jurisdiction's county outlines from the
 * committed boundaries (loaded on demand), the mines as points coloured by their worst open alarm, else
 * by status, a legend with counts, the mines without coordinates counted, and the mines with open alarms
 * listed as links (the keyboard's and screen reader's way to them). A click on a point opens the mine.
 */
import { useMemo, useState } from 'react';
import { Card, Empty, Segmented, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { inspectionsApi } from '../../../shared/inspections.api.ts';
import { mineMapApi } from '../../../shared/mine-map.api.ts';
import type { MineMapPoint } from '../../../shared/mine-map.schemas.ts';
import { levelRank, warningLevels } from '../../../shared/monitoring.enums.ts';
import { mineStatuses } from '../../../shared/registry.enums.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useRegionName } from '../../app/region.tsx';
import { useSession } from '../../app/session.tsx';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { levelColors } from '../monitoring/LevelTag.tsx';
import { loadCounties } from './boundaries.ts';
import { MapCanvas } from './MapCanvas.tsx';
import {
  commonRegion,
  legendCounts,
  mapName,
  mineMapOption,
  pointColor,
  riskColors,
  statusColors,
  UNCLASSED_COLOR,
} from './mapOption.ts';

/** How often the colours follow the alarms. */
const MAP_REFRESH_MS = 30_000;

function Dot({ color }: { color: string }) {
  return <span className="map-dot" style={{ background: color }} aria-hidden />;
}

export function MineMap({ region }: { region: string | undefined }) {
  const { t, v } = useI18n();
  const regionName = useRegionName();
  const navigate = useNavigate();
  const { can } = useSession();
  const [by, setBy] = useState<'alarm' | 'risk'>('alarm');
  const riskShown = by === 'risk' && can('inspections.read');
  // The enforcement risk classes, asked only when shown (the same read as the risk table's).
  const risk = useQuery({
    queryKey: ['inspection-risk', region],
    queryFn: () => call(inspectionsApi.riskClasses, { query: { region } }),
    enabled: riskShown,
  });
  const riskOf = useMemo(
    () =>
      riskShown && risk.data ? new Map(risk.data.map((r) => [r.mineId, r.className])) : undefined,
    [riskShown, risk.data],
  );
  const { data, error } = useQuery({
    queryKey: ['mine-map', region],
    queryFn: () => call(mineMapApi.points, { query: { region } }),
    refetchInterval: MAP_REFRESH_MS,
  });
  const drawn = data
    ? (data.regionCode ?? commonRegion(data.mines.map((m) => m.countyCode)))
    : null;
  const counties = useQuery({
    queryKey: ['counties', drawn],
    queryFn: () => loadCounties(drawn ?? ''),
    enabled: drawn !== null,
    staleTime: Infinity,
  });
  const mines = useMemo(() => data?.mines ?? [], [data]);
  const boundaries = useMemo(
    () =>
      drawn && counties.data?.length
        ? { mapName: mapName(drawn), counties: counties.data }
        : undefined,
    [drawn, counties.data],
  );
  const option = useMemo(
    () =>
      mineMapOption(
        boundaries?.mapName ?? null,
        mines,
        {
          describe: (m) =>
            (riskOf
              ? `${t('map.riskClass', { class: riskOf.get(m.id) ?? t('map.unclassed') })} · `
              : '') +
            (m.worstLevel
              ? `${v(m.worstLevel)} · ${t('map.openAlarms', { count: m.openAlarms })}`
              : `${v(m.status)} · ${t('map.noAlarm')}`),
        },
        boundaries?.counties.length,
        riskOf,
      ),
    [boundaries, mines, t, v, riskOf],
  );
  if (error) {
    return <QueryError error={error} />;
  }
  const ready = data !== undefined && (drawn === null || counties.isFetched);
  const { levels, statuses } = legendCounts(mines);
  const alarmed = mines
    .filter((m) => m.worstLevel)
    .sort(
      (a, b) => levelRank(b.worstLevel) - levelRank(a.worstLevel) || b.openAlarms - a.openAlarms,
    );
  const label = t('map.label', {
    region: drawn ? regionName(drawn) : t('region.all'),
    count: mines.length,
  });
  return (
    <Card
      title={t('map.title')}
      size="small"
      data-testid="mine-map"
      extra={
        <Space wrap>
          {data && data.unlocated > 0 && (
            <Typography.Text type="secondary" data-testid="map-unlocated">
              {t('map.unlocated', { count: data.unlocated })}
            </Typography.Text>
          )}
          {can('inspections.read') && (
            <Segmented
              size="small"
              value={by}
              onChange={(value) => setBy(value as 'alarm' | 'risk')}
              options={[
                { value: 'alarm', label: t('map.byAlarm') },
                { value: 'risk', label: t('map.byRisk') },
              ]}
            />
          )}
        </Space>
      }
    >
      {ready && mines.length === 0 ? (
        <Empty description={t('map.noMines')} />
      ) : ready ? (
        <>
          {!boundaries && (
            <Typography.Paragraph type="secondary">{t('map.noBoundary')}</Typography.Paragraph>
          )}
          <MapCanvas
            option={option}
            boundaries={boundaries}
            label={label}
            height={420}
            testId="mine-map-canvas"
            onPoint={(d) => {
              const id = (d as { id?: string } | undefined)?.id;
              if (id) {
                void navigate(`/mines/${id}`);
              }
            }}
          />
        </>
      ) : (
        <div className="chart" style={{ height: 420 }} aria-busy />
      )}
      {riskOf ? (
        <Space wrap size="middle" className="map-legend" data-testid="map-legend">
          <Typography.Text type="secondary">{t('map.legendRisk')}</Typography.Text>
          {Object.entries(riskColors).map(([c, color]) => (
            <span key={c}>
              <Dot color={color} /> {c} {mines.filter((m) => riskOf.get(m.id) === c).length}
            </span>
          ))}
          <span>
            <Dot color={UNCLASSED_COLOR} /> {t('map.unclassed')}{' '}
            {mines.filter((m) => !riskColors[riskOf.get(m.id) ?? '']).length}
          </span>
        </Space>
      ) : (
        <Space wrap size="middle" className="map-legend" data-testid="map-legend">
          <Typography.Text type="secondary">{t('map.legendAlarm')}</Typography.Text>
          {warningLevels.map((l) => (
            <span key={l}>
              <Dot color={levelColors[l]} /> {v(l)} {levels[l] ?? 0}
            </span>
          ))}
          <Typography.Text type="secondary">{t('map.legendStatus')}</Typography.Text>
          {mineStatuses
            .filter((s) => statuses[s])
            .map((s) => (
              <span key={s}>
                <Dot color={statusColors[s]} /> {v(s)} {statuses[s]}
              </span>
            ))}
        </Space>
      )}
      {alarmed.length > 0 && (
        <div className="map-alarmed" data-testid="map-alarm-mines">
          <Typography.Text type="secondary">{t('map.alarmMines')}</Typography.Text>{' '}
          {alarmed.slice(0, 12).map((m: MineMapPoint) => (
            <Link key={m.id} to={`/mines/${m.id}`} className="map-mine-link">
              <Dot color={pointColor(m)} /> {m.name}
            </Link>
          ))}
          {alarmed.length > 12 && t('map.more', { count: alarmed.length - 12 })}
        </div>
      )}
    </Card>
  );
}
