/**
 * The facilities of the selected region as cards in their rolled-up colour (GB 39496-2020 §5.5.4: the
 * colour the regulator's board shows), worst first (the alarm board's wall shows the same, compact);
 * opening one lists its points with their own colour (or 断线) and newest value.
 */
import { useState } from 'react';
import { Badge, Card, Col, Empty, Row, Segmented, Skeleton, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { WarningLevel } from '../../../shared/monitoring.enums.ts';
import { monitoringApi } from '../../../shared/monitoring.api.ts';
import type { FacilityResponse, SensorResponse } from '../../../shared/monitoring.schemas.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useRegion } from '../../app/region.tsx';
import { usePageTitle } from '../../app/title.ts';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { BOARD_REFRESH_MS } from './AlarmBoardPage.tsx';
import { facilityColor, useFacilities } from './FacilityWall.tsx';
import { LevelTag } from './LevelTag.tsx';
import { isQuiet, worstFirst } from './wall.ts';

export function FacilityBoardPage() {
  const { t } = useI18n();
  usePageTitle(t('monitoring.facilitiesTitle'));
  return <FacilityBoard />;
}

export function FacilityBoard({ mineId }: { mineId?: string }) {
  const { t, v } = useI18n();
  const { region: selected } = useRegion();
  const region = mineId ? undefined : selected;
  const [only, setOnly] = useState<'all' | 'alarm'>('all');
  const [openId, setOpenId] = useState<string | null>(null);
  const { data, error } = useFacilities(region, mineId);
  if (error) {
    return <QueryError error={error} />;
  }
  if (!data) {
    return <Skeleton active />;
  }
  const shown = worstFirst(data.filter((f) => only === 'all' || !isQuiet(f)));
  const open = shown.find((f) => f.id === openId);
  return (
    <div>
      <div className="page-header">
        {mineId ? <span /> : <h1>{t('monitoring.facilitiesTitle')}</h1>}
        <Segmented
          value={only}
          onChange={(value) => setOnly(value as 'all' | 'alarm')}
          options={[
            { value: 'all', label: t('monitoring.allFacilities') },
            { value: 'alarm', label: t('monitoring.alarmingFacilities') },
          ]}
        />
      </div>
      {shown.length === 0 && <Empty description={t('monitoring.noFacilities')} />}
      <Row gutter={[12, 12]} data-testid="facility-grid">
        {shown.map((f) => (
          <Col xs={24} sm={12} lg={8} xl={6} key={f.id}>
            <Card
              size="small"
              hoverable
              onClick={() => setOpenId(f.id === openId ? null : f.id)}
              data-testid={`facility-${f.code}`}
              data-level={f.level ?? (f.offlineSensors > 0 ? '断线' : '正常')}
              style={{
                borderLeft: `6px solid ${facilityColor(f)}`,
                background: f.id === openId ? '#f0f5ff' : undefined,
              }}
            >
              <Typography.Text strong>{f.name}</Typography.Text>{' '}
              <LevelTag level={f.level} offline={f.offlineSensors > 0} />
              <div>
                <Typography.Text type="secondary">
                  {f.mineName} · {v(f.kind)}
                </Typography.Text>
              </div>
              <div>
                {t('monitoring.sensorCount', { count: f.sensorCount })}{' '}
                {f.offlineSensors > 0 && (
                  <Typography.Text type="secondary">
                    {t('monitoring.offlineCount', { count: f.offlineSensors })}{' '}
                  </Typography.Text>
                )}
                {f.openAlarms > 0 && (
                  <Badge count={f.openAlarms} title={t('monitoring.openAlarms')} />
                )}
              </div>
            </Card>
          </Col>
        ))}
      </Row>
      {open && <FacilitySensors facility={open} />}
    </div>
  );
}

function FacilitySensors({ facility }: { facility: FacilityResponse }) {
  const { t, v, formatDateTime } = useI18n();
  const { data, error } = useQuery({
    queryKey: ['sensors', facility.id],
    queryFn: () => call(monitoringApi.sensors, { query: { facilityId: facility.id } }),
    refetchInterval: BOARD_REFRESH_MS,
  });
  if (error) {
    return <QueryError error={error} />;
  }
  return (
    <Card size="small" title={`${facility.mineName} · ${facility.name}`} style={{ marginTop: 16 }}>
      <Table<SensorResponse>
        data-testid="sensor-table"
        size="small"
        rowKey="id"
        loading={!data}
        dataSource={data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          {
            title: t('monitoring.sensor'),
            dataIndex: 'code',
            render: (code: string, s) => <Link to={`/monitoring/sensors/${s.id}`}>{code}</Link>,
          },
          { title: t('monitoring.sensorName'), dataIndex: 'name' },
          { title: t('monitoring.quantity'), dataIndex: 'quantity', render: (q: string) => v(q) },
          { title: t('monitoring.item'), dataIndex: 'item' },
          {
            title: t('monitoring.level'),
            dataIndex: 'level',
            render: (l: WarningLevel | null, s) => <LevelTag level={l} offline={s.offline} />,
          },
          {
            title: t('monitoring.lastValue'),
            render: (_: unknown, s) => (s.lastValue === null ? '—' : `${s.lastValue} ${s.unit}`),
          },
          {
            title: t('monitoring.lastReadingAt'),
            dataIndex: 'lastReadingAt',
            render: (at: string | null) => (at ? formatDateTime(at) : '—'),
          },
        ]}
      />
    </Card>
  );
}
