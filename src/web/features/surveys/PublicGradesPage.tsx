/**
 * 矿山灾害防治等级公示 (no login; 《2024年矿山安全生产工作要点》第10条: 重新确定灾害等级, 并在政务网站公示): the grades
 * that passed review, per county or city chosen from the counties the public pages know.
 */
import { useMemo, useState } from 'react';
import { Card, Select, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { accountabilityApi } from '../../../shared/accountability.api.ts';
import { surveysApi } from '../../../shared/surveys.api.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { usePageTitle } from '../../app/title.ts';
import { gradeColors } from './gradeColors.ts';

export function PublicGradesPage() {
  const { t, v } = useI18n();
  usePageTitle(t('surveys.publicTitle'));
  const [region, setRegion] = useState<string | null>(null);
  const counties = useQuery({
    queryKey: ['public-counties'],
    queryFn: () => call(accountabilityApi.publicReportCounties, {}),
  });
  const options = useMemo(() => {
    const cities = new Map<string, string>();
    for (const c of counties.data ?? []) {
      cities.set(`${c.code.slice(0, 4)}00`, c.path.slice(0, c.path.lastIndexOf(c.name)).trim());
    }
    return [
      ...[...cities].map(([value, label]) => ({ value, label })),
      ...(counties.data ?? []).map((c) => ({
        value: c.code,
        label: c.path,
      })),
    ];
  }, [counties.data]);
  const grades = useQuery({
    queryKey: ['public-grades', region],
    enabled: Boolean(region),
    queryFn: () => call(surveysApi.publicGrades, { query: { region: region ?? '' } }),
  });
  return (
    <main className="public-page">
      <Card style={{ width: '100%', maxWidth: 960 }}>
        <Typography.Title level={3}>{t('surveys.publicTitle')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('surveys.publicIntro')}</Typography.Paragraph>
        <Select
          showSearch
          optionFilterProp="label"
          style={{ width: 360, marginBottom: 12 }}
          placeholder={t('surveys.pickRegion')}
          options={options}
          value={region}
          onChange={setRegion}
          data-testid="grades-region"
        />
        <Table
          size="small"
          rowKey={(r) => `${r.countyName}/${r.mineName}`}
          loading={grades.isLoading && Boolean(region)}
          dataSource={grades.data?.mines ?? []}
          pagination={{ pageSize: 50 }}
          data-testid="public-grades"
          columns={[
            { title: t('surveys.county'), dataIndex: 'countyName', width: 120 },
            { title: t('surveys.mine'), dataIndex: 'mineName' },
            { title: t('surveys.enterprise'), dataIndex: 'enterpriseName' },
            {
              title: t('surveys.grade'),
              dataIndex: 'grade',
              width: 100,
              render: (g: string) => <Tag color={gradeColors[g]}>{v(g)}</Tag>,
            },
            { title: t('surveys.surveyedOn'), dataIndex: 'surveyedOn', width: 120 },
            { title: t('surveys.reviewedOn'), dataIndex: 'reviewedOn', width: 120 },
          ]}
        />
      </Card>
    </main>
  );
}
