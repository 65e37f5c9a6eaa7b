/**
 * One warning and, per mine, who acknowledged (叫应) and responded (回应) and when, the people withdrawn and
 * the measures, the step its call reached (escalated to the county when not acknowledged in time) and —
 * after 严禁入井 / 停产撤人 — who is still underground by the mine's positioning data. A mine's people answer
 * their own rows here too.
 */
import { useState } from 'react';
import { Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { warningsApi } from '../../../shared/warnings.api.ts';
import { withdrawalOrders, type WarningCallResponse } from '../../../shared/warnings.schemas.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useRegionName } from '../../app/region.tsx';
import { useSession } from '../../app/session.tsx';
import { usePageTitle } from '../../app/title.ts';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { AnswerButtons, RespondDialog, callStateColor } from './WarningAnswer.tsx';

function Underground({ c }: { c: WarningCallResponse }) {
  const { t } = useI18n();
  const u = c.underground;
  if (!u) {
    return <Typography.Text type="secondary">{t('warnings.undergroundNone')}</Typography.Text>;
  }
  const vars = { count: u.count };
  if (!u.afterIssue) {
    return <Tag>{t('warnings.undergroundBefore', vars)}</Tag>;
  }
  if (u.stale) {
    return <Tag color="orange">{t('warnings.undergroundStale', vars)}</Tag>;
  }
  return (
    <Tag color={u.count > 0 ? 'red' : 'green'} data-testid="warning-underground">
      {t('warnings.undergroundNow', vars)}
    </Tag>
  );
}

export function WarningDetailPage() {
  const { id = '' } = useParams();
  const { t, v, formatDateTime, formatInZone } = useI18n();
  const { can } = useSession();
  const regionName = useRegionName();
  const [responding, setResponding] = useState<string | null>(null);
  const { data, error, isLoading } = useQuery({
    queryKey: ['warnings', 'one', id],
    queryFn: () => call(warningsApi.get, { params: { id } }),
  });
  usePageTitle(data?.title ?? t('warnings.title'));
  if (error) {
    return <QueryError error={error} />;
  }
  const order = data ? withdrawalOrders.includes(data.kind) : false;
  const when = (at: string | null, by: string | null) =>
    at ? `${formatDateTime(at)}${by ? ` · ${by}` : ''}` : '—';
  return (
    <div>
      {data && (
        <Descriptions
          title={
            <span>
              <Tag color="red">{v(data.kind)}</Tag> {data.title}
            </span>
          }
          size="small"
          column={{ xs: 1, md: 2 }}
          bordered
          style={{ marginBottom: 16 }}
        >
          <Descriptions.Item label={t('warnings.content')} span={2}>
            {data.content}
          </Descriptions.Item>
          <Descriptions.Item label={t('warnings.issuingUnit')}>
            {data.issuingUnit} · {data.issuedBy}
          </Descriptions.Item>
          <Descriptions.Item label={t('warnings.issuedAt')}>
            {formatDateTime(data.issuedAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('warnings.region')}>
            {regionName(data.regionCode)}
          </Descriptions.Item>
          <Descriptions.Item label={t('warnings.mineKinds')}>
            {data.mineKinds
              ? data.mineKinds.map((k) => v(k)).join('、')
              : t('warnings.mineKindsAll')}
          </Descriptions.Item>
          <Descriptions.Item label={t('warnings.mines')}>{data.mines}</Descriptions.Item>
          <Descriptions.Item label={t('warnings.acknowledged')}>
            {data.acknowledged} / {t('warnings.responded')} {data.responded} /{' '}
            {t('warnings.escalated')} {data.escalated}
          </Descriptions.Item>
        </Descriptions>
      )}
      <h3>{t('warnings.perMine')}</h3>
      {order && (
        <Typography.Paragraph type="secondary">{t('warnings.orderHint')}</Typography.Paragraph>
      )}
      <Table<WarningCallResponse>
        size="small"
        rowKey="id"
        loading={isLoading}
        dataSource={data?.calls ?? []}
        pagination={false}
        scroll={{ x: 1100 }}
        data-testid="warning-calls"
        onRow={(c) => ({ 'data-mine': c.mineName, 'data-state': c.state }) as never}
        columns={[
          { title: t('warnings.mine'), dataIndex: 'mineName' },
          {
            title: t('warnings.state'),
            width: 190,
            render: (_: unknown, c) => (
              <Space direction="vertical" size={2}>
                <Tag color={callStateColor[c.state]} data-testid="warning-call-state">
                  {v(c.state)}
                </Tag>
                {c.escalatedAt && (
                  <Tag color="red" data-testid="warning-escalated">
                    {t('warnings.escalatedAt', {
                      stage: v(c.stage),
                      time: formatInZone(c.escalatedAt, 'MM-DD HH:mm'),
                    })}
                  </Tag>
                )}
              </Space>
            ),
          },
          { title: t('warnings.stage'), render: (_: unknown, c) => v(c.stage) },
          {
            title: t('warnings.acknowledgedAt'),
            render: (_: unknown, c) => when(c.acknowledgedAt, c.acknowledgedBy),
          },
          {
            title: t('warnings.respondedAt'),
            render: (_: unknown, c) => when(c.respondedAt, c.respondedBy),
          },
          {
            title: t('warnings.peopleWithdrawn'),
            render: (_: unknown, c) => c.peopleWithdrawn ?? '—',
          },
          {
            title: t('warnings.withdrawnAt'),
            render: (_: unknown, c) => (c.withdrawnAt ? formatDateTime(c.withdrawnAt) : '—'),
          },
          { title: t('warnings.measures'), dataIndex: 'measures', ellipsis: true },
          ...(order
            ? [
                {
                  title: t('warnings.underground'),
                  render: (_: unknown, c: WarningCallResponse) => <Underground c={c} />,
                },
              ]
            : []),
          ...(can('warnings.answer')
            ? [
                {
                  title: '',
                  render: (_: unknown, c: WarningCallResponse) => (
                    <AnswerButtons c={c} onRespond={setResponding} />
                  ),
                },
              ]
            : []),
        ]}
      />
      <RespondDialog callId={responding} onClose={() => setResponding(null)} />
    </div>
  );
}
