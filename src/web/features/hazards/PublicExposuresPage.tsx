/**
 * 重大事故隐患整改逾期曝光 (no login; 《2024年矿山安全生产工作要点》第20条: 对重大事故隐患整改进展缓慢的及时采取
 * 函告、通报、约谈、曝光等措施): the mines and hazards a regulator unit exposed, with the reason and the day,
 * for all regions or one chosen from the counties the public pages know. A withdrawn exposure is gone.
 */
import { useMemo, useState } from 'react';
import { Card, Select, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { accountabilityApi } from '../../../shared/accountability.api.ts';
import { hazardActsApi } from '../../../shared/hazard-acts.api.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { usePageTitle } from '../../app/title.ts';

export function PublicExposuresPage() {
  const { t } = useI18n();
  usePageTitle(t('hazardActs.publicTitle'));
  const [region, setRegion] = useState<string | null>(null);
  const counties = useQuery({
    queryKey: ['public-counties'],
    queryFn: () => call(accountabilityApi.publicReportCounties, {}),
  });
  const options = useMemo(
    () => (counties.data ?? []).map((c) => ({ value: c.code, label: c.path })),
    [counties.data],
  );
  const exposures = useQuery({
    queryKey: ['public-exposures', region],
    queryFn: () => call(hazardActsApi.publicExposures, { query: region ? { region } : {} }),
  });
  return (
    <main className="public-page">
      <Card style={{ width: '100%', maxWidth: 1100 }}>
        <Typography.Title level={3}>{t('hazardActs.publicTitle')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('hazardActs.publicIntro')}</Typography.Paragraph>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ width: 360, marginBottom: 12 }}
          placeholder={t('hazardActs.pickRegion')}
          options={options}
          value={region}
          onChange={(v: string | undefined) => setRegion(v ?? null)}
          data-testid="exposures-region"
        />
        <Table
          size="small"
          rowKey={(r) => `${r.exposedOn}/${r.mineName}/${r.criterionCode}/${r.hazard}`}
          loading={exposures.isLoading}
          dataSource={exposures.data?.exposures ?? []}
          pagination={{ pageSize: 50 }}
          locale={{ emptyText: t('hazardActs.empty') }}
          data-testid="public-exposures"
          columns={[
            { title: t('hazardActs.exposedOn'), dataIndex: 'exposedOn', width: 110 },
            { title: t('hazardActs.county'), dataIndex: 'countyName', width: 110 },
            { title: t('hazardActs.mine'), dataIndex: 'mineName' },
            { title: t('hazardActs.enterprise'), dataIndex: 'enterpriseName' },
            {
              title: t('hazardActs.hazard'),
              render: (_: unknown, r) => `${r.criterionCode} ${r.hazard}`,
            },
            { title: t('hazardActs.reason'), dataIndex: 'reason' },
            { title: t('hazardActs.unit'), dataIndex: 'unitName', width: 160 },
          ]}
        />
      </Card>
    </main>
  );
}
