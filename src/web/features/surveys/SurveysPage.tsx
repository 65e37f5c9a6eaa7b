/**
 * 隐蔽致灾因素普查: the surveys of the region (or the enterprise's mines) with the grade their factors set
 * ("就高不就低", on the server), the mines without a survey in date, and the form to file one with its
 * factors and 可采/缓采/禁采 zones; a drawer shows a survey with its report files and its review.
 */
import { useState } from 'react';
import { Button, Table, Tabs, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { surveysApi } from '../../../shared/surveys.api.ts';
import type {
  SurveyFindingResponse,
  SurveySummaryResponse,
} from '../../../shared/surveys.schemas.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useRegion } from '../../app/region.tsx';
import { useSession } from '../../app/session.tsx';
import { usePageTitle } from '../../app/title.ts';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { gradeColors } from './gradeColors.ts';
import { SurveyDrawer } from './SurveyDrawer.tsx';
import { SurveyForm } from './SurveyForm.tsx';

export function SurveysPage() {
  const { t, v } = useI18n();
  const { region } = useRegion();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  usePageTitle(t('nav.surveys'));
  const [open, setOpen] = useState<string | null>(null);
  const [filing, setFiling] = useState(false);
  const list = useQuery({
    queryKey: ['surveys', region],
    queryFn: () => call(surveysApi.surveys, { query: { region } }),
  });
  const findings = useQuery({
    queryKey: ['survey-findings', region],
    queryFn: () => call(surveysApi.findings, { query: { region } }),
  });
  if (list.error) {
    return <QueryError error={list.error} />;
  }
  const grade = (g: string | null) => (g ? <Tag color={gradeColors[g]}>{v(g)}</Tag> : '—');
  return (
    <div>
      <div className="page-header">
        <h1>{t('nav.surveys')}</h1>
        {can('surveys.file') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setFiling(true)}
            data-testid="file-survey"
          >
            {t('surveys.file')}
          </Button>
        )}
      </div>
      <Tabs
        activeKey={params.get('tab') ?? 'list'}
        onChange={(key) => setParams({ tab: key })}
        destroyOnHidden
        items={[
          {
            key: 'list',
            label: t('surveys.tabList'),
            children: (
              <Table<SurveySummaryResponse>
                size="small"
                rowKey="id"
                loading={list.isLoading}
                dataSource={list.data ?? []}
                pagination={{ pageSize: 50 }}
                data-testid="survey-table"
                onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
                columns={[
                  { title: t('surveys.mine'), dataIndex: 'mineName' },
                  { title: t('surveys.county'), dataIndex: 'countyName', width: 120 },
                  { title: t('surveys.surveyedOn'), dataIndex: 'surveyedOn', width: 120 },
                  { title: t('surveys.surveyor'), dataIndex: 'surveyor' },
                  { title: t('surveys.factorCount'), dataIndex: 'factorCount', width: 90 },
                  { title: t('surveys.grade'), dataIndex: 'grade', width: 100, render: grade },
                  {
                    title: t('surveys.state'),
                    dataIndex: 'state',
                    width: 110,
                    render: (s: string) => v(s),
                  },
                  { title: t('surveys.renewalDueOn'), dataIndex: 'renewalDueOn', width: 120 },
                ]}
              />
            ),
          },
          {
            key: 'findings',
            label: t('surveys.tabFindings'),
            children: (
              <Table<SurveyFindingResponse>
                size="small"
                rowKey="mineId"
                loading={findings.isLoading}
                dataSource={findings.data ?? []}
                pagination={{ pageSize: 50 }}
                data-testid="survey-findings"
                columns={[
                  { title: t('surveys.mine'), dataIndex: 'mineName' },
                  { title: t('surveys.county'), dataIndex: 'countyName', width: 120 },
                  {
                    title: t('surveys.reason'),
                    dataIndex: 'reason',
                    width: 110,
                    render: (r: string) => <Tag color="red">{v(r)}</Tag>,
                  },
                  { title: t('surveys.dueOn'), dataIndex: 'dueOn', width: 120 },
                  {
                    title: t('surveys.lastPassed'),
                    dataIndex: 'lastPassedSurveyOn',
                    width: 140,
                    render: (d: string | null) => d ?? '—',
                  },
                  {
                    title: t('surveys.grade'),
                    dataIndex: 'disasterGrade',
                    width: 100,
                    render: grade,
                  },
                ]}
              />
            ),
          },
        ]}
      />
      <SurveyDrawer id={open} onClose={() => setOpen(null)} />
      <SurveyForm open={filing} onClose={() => setFiling(false)} />
    </div>
  );
}
