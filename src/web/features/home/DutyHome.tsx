/**
 * A mine duty officer's home (issue 23 §1): the regulators' warnings to answer (叫应, 回应) on top, the mine's
 * points live in their colours, the open alarms each
 * with a large 叫应 button, and today's 叫应 record (who answered each call, how fast). Refreshed as the
 * alarm board is.
 */
import { App, Button, Card, Col, Empty, Row, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { HomeAlarm, HomeResponse } from '../../../shared/home.schemas.ts';
import type { ReactNode } from 'react';
import type { WarningLevel } from '../../../shared/monitoring.enums.ts';
import type { SensorResponse } from '../../../shared/monitoring.schemas.ts';
import { monitoringApi } from '../../../shared/monitoring.api.ts';
import { call } from '../../app/api.ts';
import { useFormatDuration } from '../../app/duration.ts';
import { useI18n } from '../../app/i18n.tsx';
import { BOARD_REFRESH_MS } from '../monitoring/elapsed.ts';
import { LevelTag, levelColors } from '../monitoring/LevelTag.tsx';
import { SoundToggle, useAlarmMute, useRedAlarmSignal } from '../monitoring/alarmSignal.tsx';
import { WarningCallsCard } from '../warnings/WarningAnswer.tsx';

/** A point whose last reading is older than this shows 无数据, whatever its last level was. */
const STALE_MS = 10 * 60_000;

/**
 * A point's tile: its level's colour, green when normal; grey with 断线 while it is offline (an open 断线
 * of its own or 断网 of its mine) or 无数据 when its last reading is old — never 正常 for a point that is
 * not reporting.
 */
function PointTile({ s, now }: { s: SensorResponse; now: number }) {
  const { t, v } = useI18n();
  const cut = s.offline;
  const stale = cut || !s.lastReadingAt || now - Date.parse(s.lastReadingAt) > STALE_MS;
  const colour = stale ? '#8c8c8c' : s.level ? levelColors[s.level] : '#389e0d';
  return (
    <Link
      to={`/monitoring/sensors/${s.id}`}
      className="point-tile"
      style={{ borderColor: colour }}
      data-testid="point-tile"
      data-level={cut ? '断线' : stale ? 'stale' : (s.level ?? 'normal')}
    >
      <span className="point-tile-name">{s.name}</span>
      <span className="point-tile-value" style={{ color: colour }}>
        {cut ? v('断线') : stale ? t('home.stale') : `${s.lastValue ?? '—'} ${s.unit}`}
      </span>
      <span className="point-tile-code">{s.location ?? s.code}</span>
    </Link>
  );
}

function LivePoints() {
  const { t } = useI18n();
  const { data } = useQuery({
    queryKey: ['sensors', 'home'],
    queryFn: () => call(monitoringApi.sensors, { query: {} }),
    refetchInterval: BOARD_REFRESH_MS,
  });
  const now = Date.now();
  return (
    <Card size="small" title={t('home.livePoints')} data-testid="live-points">
      {data && data.length === 0 ? (
        <Empty description={t('home.noPoints')} />
      ) : (
        <div className="point-grid">
          {(data ?? []).map((s) => (
            <PointTile key={s.id} s={s} now={now} />
          ))}
        </div>
      )}
    </Card>
  );
}

function OpenAlarms({
  alarms,
  flashing,
  sound,
}: {
  alarms: HomeAlarm[];
  flashing: ReadonlySet<string>;
  sound: ReactNode;
}) {
  const { t, v, formatInZone } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const ack = useMutation({
    mutationFn: (id: string) => call(monitoringApi.acknowledge, { params: { id } }),
    onSuccess: async () => {
      message.success(t('home.acknowledged'));
      await client.invalidateQueries({ queryKey: ['home'] });
    },
    onError: (e) => void message.error(e.message),
  });
  return (
    <Card size="small" title={t('home.openAlarms')} extra={sound} data-testid="duty-alarms">
      {alarms.length === 0 ? (
        <Empty description={t('home.noOpenAlarms')} />
      ) : (
        alarms.map((a) => (
          <div
            key={a.id}
            className={flashing.has(a.id) ? 'duty-alarm alarm-flash' : 'duty-alarm'}
            data-level={a.level}
          >
            <div>
              <LevelTag level={a.level} /> <Link to={`/alarms/${a.id}`}>{a.detail}</Link>
              <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                {a.sensorCode ?? a.mineName} · {formatInZone(a.openedAt, 'MM-DD HH:mm:ss')} ·{' '}
                {v(a.state)}
              </Typography.Paragraph>
            </div>
            {a.state === '待叫应' && (
              <Button
                type="primary"
                danger
                size="large"
                className="ack-button"
                loading={ack.isPending && ack.variables === a.id}
                onClick={() => ack.mutate(a.id)}
              >
                {t('home.acknowledge')}
              </Button>
            )}
          </div>
        ))
      )}
    </Card>
  );
}

function CallsToday({ alarms }: { alarms: HomeAlarm[] }) {
  const { t, v, formatInZone } = useI18n();
  const duration = useFormatDuration();
  return (
    <Card size="small" title={t('home.callsToday')} data-testid="calls-today">
      <Table<HomeAlarm>
        size="small"
        rowKey="id"
        dataSource={alarms}
        pagination={false}
        locale={{ emptyText: t('home.noCallsToday') }}
        columns={[
          {
            title: t('home.openedAt'),
            dataIndex: 'openedAt',
            render: (at: string, a) => (
              <Link to={`/alarms/${a.id}`}>{formatInZone(at, 'HH:mm:ss')}</Link>
            ),
          },
          { title: t('home.point'), render: (_, a) => a.sensorCode ?? '—' },
          {
            title: '',
            dataIndex: 'level',
            render: (l: HomeAlarm['level']) => <LevelTag level={l} />,
          },
          {
            title: t('home.answeredBy'),
            render: (_, a) =>
              a.acknowledgedBy ??
              (a.closedAt ? v(a.state) : <Tag color="red">{t('home.notAnswered')}</Tag>),
          },
          {
            title: t('home.answeredAfter'),
            render: (_, a) =>
              a.acknowledgedAt
                ? duration(Date.parse(a.acknowledgedAt) - Date.parse(a.openedAt))
                : '—',
          },
        ]}
      />
    </Card>
  );
}

/** A new red or orange call sounds on the duty officer's home (the board sounds for red only). */
const CALL_LEVELS: readonly WarningLevel[] = ['红色', '橙色'];

export function DutyHome({ home }: { home: HomeResponse }) {
  const [muted, setMuted] = useAlarmMute();
  const flashing = useRedAlarmSignal(home.openAlarms, 'duty', muted, true, CALL_LEVELS);
  return (
    <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
      {home.warnings.length > 0 && (
        <Col xs={24}>
          <WarningCallsCard calls={home.warnings} />
        </Col>
      )}
      <Col xs={24} xl={12}>
        <OpenAlarms
          alarms={home.openAlarms}
          flashing={flashing}
          sound={<SoundToggle muted={muted} onChange={setMuted} />}
        />
      </Col>
      <Col xs={24} xl={12}>
        <CallsToday alarms={home.callsToday} />
      </Col>
      <Col xs={24}>
        <LivePoints />
      </Col>
    </Row>
  );
}
