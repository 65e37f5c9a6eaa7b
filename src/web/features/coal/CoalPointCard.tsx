/**
 * On a point's page, for a point that came from the mine's own monitoring system (CDDY): the mine's
 * 报警/解报/断电/复电 values beside minewatch's thresholds, which alarm value applies and why, and the
 * newest 测点状态 the mine reported other than 正常 (MT/T 1201.1-2023 附录B).
 */
import { Alert, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { coalUploadApi } from '../../../shared/coal-upload.api.ts';
import type { CoalSensorPointResponse } from '../../../shared/coal-upload.schemas.ts';
import { warningLevels } from '../../../shared/monitoring.enums.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { LevelTag } from '../monitoring/LevelTag.tsx';
import { appliesReason } from './coal.ts';

const mineKeys = [
  'upperAlarm',
  'upperAlarmClear',
  'upperPowerOff',
  'upperPowerOn',
  'lowerAlarm',
  'lowerAlarmClear',
  'lowerPowerOff',
  'lowerPowerOn',
] as const;

/** The card for a point's coal definition (nothing when the point did not come from a coal file). */
export function CoalPointView({ data, unit }: { data: CoalSensorPointResponse; unit: string }) {
  const { t, v, formatDateTime } = useI18n();
  const p = data.point;
  if (!p) {
    return null;
  }
  const m = p.mineThresholds;
  const reason = appliesReason(p);
  const value = (x: number | null | undefined) =>
    x === null || x === undefined ? '—' : `${x} ${unit}`;
  const s = data.status;
  return (
    <Card
      size="small"
      title={t('coal.pointTitle')}
      style={{ marginBottom: 16 }}
      data-testid="coal-point"
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert
          type={p.applies.stricter === 'mine' ? 'warning' : 'info'}
          showIcon
          data-testid="coal-applies"
          message={t(reason.key, { value: value(reason.value) })}
        />
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('coal.pointStatus')} span={2}>
            <span data-testid="coal-status">
              {!s ? (
                <Tag color="green">{v('正常')}</Tag>
              ) : s.current ? (
                <Space size={4} wrap>
                  {s.flags.map((f) => (
                    <Tag key={f} color={f === '报警' || f === '断电' ? 'red' : 'orange'}>
                      {v(f)}
                    </Tag>
                  ))}
                  <Typography.Text type="secondary">
                    {t('coal.statusSince', { time: formatDateTime(s.at), value: value(s.value) })}
                  </Typography.Text>
                </Space>
              ) : (
                <Space size={4} wrap>
                  <Tag color="green">{v('正常')}</Tag>
                  <Typography.Text type="secondary">
                    {t('coal.statusLast', {
                      flags: s.flags.map((f) => v(f)).join('、'),
                      time: formatDateTime(s.at),
                    })}
                  </Typography.Text>
                </Space>
              )}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('coal.minewatchThresholds')} span={2}>
            {p.minewatchThresholds && Object.keys(p.minewatchThresholds.thresholds).length > 0 ? (
              <Space size={4} wrap>
                {warningLevels
                  .filter((l) => p.minewatchThresholds?.thresholds[l] !== undefined)
                  .map((l) => (
                    <span key={l}>
                      <LevelTag level={l} /> {value(p.minewatchThresholds?.thresholds[l])}
                    </span>
                  ))}
              </Space>
            ) : (
              t('coal.noThresholds')
            )}
          </Descriptions.Item>
          {mineKeys
            .filter((k) => m && m[k] !== null)
            .map((k) => (
              <Descriptions.Item key={k} label={t(`coal.${k}`)}>
                {value(m?.[k])}
              </Descriptions.Item>
            ))}
          {m === null && (
            <Descriptions.Item label={t('coal.mineThresholds')} span={2}>
              {t('coal.noThresholds')}
            </Descriptions.Item>
          )}
          {m && (
            <Descriptions.Item label={t('coal.mineDefinedAt')} span={2}>
              {t('coal.version', { n: m.version, time: formatDateTime(m.definedAt) })}
            </Descriptions.Item>
          )}
          {p.rangeLow !== null && p.rangeHigh !== null && (
            <Descriptions.Item label={t('coal.range')}>
              {p.rangeLow} ~ {p.rangeHigh} {p.unit}
            </Descriptions.Item>
          )}
          {p.sensorTypeName && (
            <Descriptions.Item label={t('coal.sensorType')}>{p.sensorTypeName}</Descriptions.Item>
          )}
        </Descriptions>
      </Space>
    </Card>
  );
}

export function CoalPointCard({ sensorId, unit }: { sensorId: string; unit: string }) {
  const { data, error } = useQuery({
    queryKey: ['coal', 'sensor-point', sensorId],
    queryFn: () => call(coalUploadApi.sensorPoint, { params: { id: sensorId } }),
    refetchInterval: 60_000,
  });
  if (error) {
    return <QueryError error={error} />;
  }
  return data ? <CoalPointView data={data} unit={unit} /> : null;
}
