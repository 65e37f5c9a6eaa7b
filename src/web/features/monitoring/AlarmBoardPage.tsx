/**
 * The live alarm board of the selected region: open alarms first, those nobody has acknowledged (待叫应)
 * on top, then by colour; how long since the call went out and which escalation step it has reached.
 * Refreshes every few seconds; above it the facility colour wall, and a new red alarm sounds a tone
 * (mutable) and flashes its row and tiles.
 */
import { Button, Table, Tag, Typography } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import {
  alarmKinds,
  alarmStates,
  warningLevels,
  type WarningLevel,
} from '../../../shared/monitoring.enums.ts';
import { monitoringApi } from '../../../shared/monitoring.api.ts';
import type { AlarmResponse } from '../../../shared/monitoring.schemas.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useRegion } from '../../app/region.tsx';
import { useSession } from '../../app/session.tsx';
import { usePageTitle } from '../../app/title.ts';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { FilterBar, useUrlFilters, type FilterField } from '../../components/FilterBar.tsx';
import { BOARD_REFRESH_MS, useFormatElapsed, useNow } from './elapsed.ts';
import { LevelTag } from './LevelTag.tsx';
import { AlarmStateTag } from './AlarmStateTag.tsx';
import { SoundToggle, useAlarmMute, useRedAlarmSignal } from './alarmSignal.tsx';
import { FacilityWall } from './FacilityWall.tsx';
import { MineMap } from '../map/MineMap.tsx';

export { BOARD_REFRESH_MS };

export function AlarmBoardPage() {
  const { t } = useI18n();
  const { region } = useRegion();
  usePageTitle(t('monitoring.boardTitle'));
  return (
    <>
      <AlarmBoard />
      <div className="board-map">
        <MineMap region={region} />
      </div>
    </>
  );
}

/** The board; for one mine or one sensor when given (on their pages). */
export function AlarmBoard({ mineId, sensorId }: { mineId?: string; sensorId?: string }) {
  const { t, v, formatDateTime } = useI18n();
  const { region: selected } = useRegion();
  const region = mineId || sensorId ? undefined : selected;
  const { can } = useSession();
  const now = useNow();
  const elapsed = useFormatElapsed();
  const fields: FilterField[] = [
    { kind: 'search', key: 'q', label: t('common.searchAlarm') },
    {
      kind: 'select',
      key: 'open',
      label: t('monitoring.openAlarms'),
      clearable: false,
      width: 110,
      options: [
        { value: 'true', label: t('monitoring.openAlarms') },
        { value: 'false', label: t('monitoring.closedAlarms') },
        { value: 'all', label: t('leads.all') },
      ],
    },
    {
      kind: 'select',
      key: 'level',
      label: t('monitoring.level'),
      options: warningLevels.map((l) => ({ value: l, label: v(l) })),
      width: 110,
    },
    {
      kind: 'select',
      key: 'kind',
      label: t('monitoring.kind'),
      options: alarmKinds.map((k) => ({ value: k, label: v(k) })),
      width: 120,
    },
    {
      kind: 'select',
      key: 'state',
      label: t('monitoring.state'),
      options: alarmStates.map((k) => ({ value: k, label: v(k) })),
      width: 120,
    },
    { kind: 'dates', label: t('monitoring.openedAt') },
  ];
  // Open alarms unless the URL asks for closed ones or all (`open=false`, `open=all`).
  const filters = useUrlFilters(fields, { open: 'true' });
  const { open, ...rest } = filters.query;
  const query = {
    region,
    mineId,
    sensorId,
    ...rest,
    open: open === 'all' ? undefined : open,
    limit: 200,
  };
  const { data, error, isFetching, isPlaceholderData } = useQuery({
    queryKey: ['alarms', query],
    queryFn: () => call(monitoringApi.alarms, { query }),
    placeholderData: keepPreviousData,
    refetchInterval: BOARD_REFRESH_MS,
    staleTime: 0,
  });
  // The monitoring wall (issue 23): sound and flash for a new red alarm, the facility colour wall.
  const wall = !mineId && !sensorId;
  const [muted, setMuted] = useAlarmMute();
  const flashing = useRedAlarmSignal(
    isPlaceholderData ? undefined : data,
    JSON.stringify(query),
    muted,
    wall,
  );
  const flashed = (data ?? []).filter((a) => flashing.has(a.id));
  const client = useQueryClient();
  const ack = useMutation({
    mutationFn: (id: string) => call(monitoringApi.acknowledge, { params: { id } }),
    onSettled: () => client.invalidateQueries({ queryKey: ['alarms'] }),
  });
  if (error) {
    return <QueryError error={error} />;
  }
  const unanswered = (data ?? []).filter((a) => !a.closedAt && a.state === '待叫应').length;
  return (
    <div>
      <div className="page-header">
        {mineId || sensorId ? (
          <span />
        ) : (
          <h1>
            {t('monitoring.boardTitle')}{' '}
            {unanswered > 0 && (
              <Tag color="red" data-testid="unanswered-count">
                {t('monitoring.unansweredCount', { count: unanswered })}
              </Tag>
            )}
          </h1>
        )}
        {wall && <SoundToggle muted={muted} onChange={setMuted} />}
      </div>
      {wall && <FacilityWall region={region} flashed={flashed} />}
      <FilterBar
        fields={fields}
        filters={filters}
        exportPath="/api/alarms/export"
        exportQuery={{ ...query, limit: undefined }}
      />
      <Table<AlarmResponse>
        data-testid="alarm-board"
        rowKey="id"
        size="small"
        loading={isFetching && !data}
        dataSource={data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 1100 }}
        rowClassName={(a) =>
          [
            !a.closedAt && a.state === '待叫应' ? 'alarm-unanswered' : '',
            flashing.has(a.id) ? 'alarm-flash' : '',
          ].join(' ')
        }
        columns={[
          {
            title: t('monitoring.level'),
            dataIndex: 'level',
            width: 80,
            render: (l: WarningLevel) => <LevelTag level={l} />,
          },
          {
            title: t('monitoring.kind'),
            dataIndex: 'kind',
            width: 90,
            render: (k: string, a) => <Link to={`/alarms/${a.id}`}>{v(k)}</Link>,
          },
          {
            title: t('hazard.mine'),
            dataIndex: 'mineName',
            width: 180,
            render: (name: string, a) => <Link to={`/mines/${a.mineId}`}>{name}</Link>,
          },
          {
            title: t('monitoring.sensor'),
            dataIndex: 'sensorCode',
            width: 130,
            render: (code: string | null, a) =>
              code && a.sensorId ? (
                <Link to={`/monitoring/sensors/${a.sensorId}`}>{code}</Link>
              ) : (
                '—'
              ),
          },
          { title: t('monitoring.detail'), dataIndex: 'detail', ellipsis: true },
          {
            title: t('monitoring.state'),
            width: 150,
            render: (_: unknown, a) => <AlarmStateTag alarm={a} />,
          },
          {
            title: t('monitoring.step'),
            width: 110,
            render: (_: unknown, a) =>
              a.historic ? (
                <Tag>{t('monitoring.historic')}</Tag>
              ) : a.suppressed ? (
                <Tag>{t('monitoring.suppressed')}</Tag>
              ) : (
                <span>
                  {a.stage ? v(a.stage) : '—'}{' '}
                  <Typography.Text type="secondary">
                    {t('monitoring.stepNo', { n: a.callStep + 1 })}
                  </Typography.Text>
                </span>
              ),
          },
          {
            title: t('monitoring.sinceCall'),
            width: 120,
            render: (_: unknown, a) => (
              <span title={formatDateTime(a.openedAt)} data-testid="since-call">
                {elapsed((a.closedAt ? Date.parse(a.closedAt) : now) - Date.parse(a.openedAt))}
              </span>
            ),
          },
          {
            title: t('common.actions'),
            width: 100,
            fixed: 'right',
            render: (_: unknown, a) =>
              can('monitoring.alarm.handle') && !a.closedAt && a.state === '待叫应' ? (
                <Button
                  size="small"
                  type="primary"
                  danger
                  loading={ack.isPending && ack.variables === a.id}
                  onClick={() => ack.mutate(a.id)}
                  data-testid={`ack-${a.id}`}
                >
                  {t('monitoring.acknowledge')}
                </Button>
              ) : null,
          },
        ]}
      />
    </div>
  );
}
