/**
 * What the mine's own system reported about an alarm (issue 22 §2), beside minewatch's judgement: for a
 * 断线 or 断网, the substations' 通信中断 (分站实时数据) within the silence and whether it explains the
 * missing data; for regulators, the mine's abnormal-alarm records (异常报警) matched to the alarm, with
 * their 异常原因 and 处理措施. Shown only when the mine's files say something about it.
 */
import { Alert, Card, Descriptions, List, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { coalUploadApi } from '../../../shared/coal-upload.api.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';

export function MineReportCard({ alarmId }: { alarmId: string }) {
  const { t, formatDateTime } = useI18n();
  const { can } = useSession();
  const outages = useQuery({
    queryKey: ['alarm', alarmId, 'coal-outages'],
    queryFn: () => call(coalUploadApi.alarmOutages, { params: { id: alarmId } }),
    enabled: can('coal_upload.read'),
  });
  const abnormals = useQuery({
    queryKey: ['alarm', alarmId, 'coal-abnormals'],
    queryFn: () => call(coalUploadApi.alarmAbnormals, { params: { id: alarmId } }),
    enabled: can('coal_upload.review'),
  });
  const o = outages.data;
  const records = abnormals.data ?? [];
  if (!o?.applies && records.length === 0) {
    return null;
  }
  const span = (from: string, to: string | null) =>
    `${formatDateTime(from)} — ${to ? formatDateTime(to) : t('monitoring.mineReportUntil')}`;
  return (
    <Card
      size="small"
      title={t('monitoring.mineReport')}
      style={{ marginBottom: 16 }}
      data-testid="alarm-mine-report"
    >
      {o?.applies && (
        <>
          <Alert
            type={o.explained ? 'info' : 'warning'}
            showIcon
            style={{ marginBottom: 8 }}
            title={
              o.explained
                ? t('monitoring.mineReportExplained')
                : t('monitoring.mineReportNotExplained')
            }
          />
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('monitoring.mineReportSubstations')}>
              {o.substations
                .map((s) => `${s.code}${s.location ? ` (${s.location})` : ''}`)
                .join('、')}
            </Descriptions.Item>
            {o.outages.length > 0 && (
              <Descriptions.Item label={t('monitoring.mineReportOutages')}>
                {o.outages.map((x) => (
                  <div key={`${x.code}-${x.from}`}>
                    {x.code} {span(x.from, x.to)}
                  </div>
                ))}
              </Descriptions.Item>
            )}
          </Descriptions>
        </>
      )}
      {records.length > 0 && (
        <List
          size="small"
          header={<strong>{t('monitoring.mineReportAbnormals')}</strong>}
          dataSource={records}
          renderItem={(r) => (
            <List.Item key={r.id}>
              <div>
                <Tag>{r.abnormalTypeName ?? r.abnormalType}</Tag>
                {r.pointCode} {r.location ?? ''} · {span(r.startTime, r.endTime)}
                <div>
                  {t('monitoring.mineReportCause')}: {r.cause || '—'} ·{' '}
                  {t('monitoring.mineReportMeasures')}:{' '}
                  {r.measures ? (
                    r.measures
                  ) : (
                    <Typography.Text type="warning">
                      {t('monitoring.mineReportNoMeasures')}
                    </Typography.Text>
                  )}
                  {r.enteredBy ? ` · ${t('monitoring.mineReportEnteredBy')}: ${r.enteredBy}` : ''}
                </div>
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
