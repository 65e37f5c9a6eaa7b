/**
 * One lead: the mine, the rule, the window and score, the evidence drawn (the series around the
 * window with the baseline, threshold and breaches), the breaches as a table, the steps its status
 * allows and its timeline.
 */
import { useState } from 'react';
import { Button, Card, Descriptions, Skeleton, Space, Table, Timeline } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { LeadRule, seriesFactorOf } from '../../../shared/leads.enums.ts';
import { leadsApi } from '../../../shared/leads.api.ts';
import type { Breach, LeadDetailResponse } from '../../../shared/leads.schemas.ts';
import { minesApi } from '../../../shared/registry.api.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { usePageTitle } from '../../app/title.ts';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { ComparisonChart } from './ComparisonChart.tsx';
import { LeadActionDialog, type LeadStep } from './LeadActionDialog.tsx';
import { LeadRuleTag, LeadStatusTag } from './LeadStatusTag.tsx';
import { BackLink } from '../../components/BackLink.tsx';

const DAY = 86_400_000;

/** The steps the lead's status allows now (the API checks again, with the caller's role). */
export function allowedLeadSteps(status: string, can: (p: string) => boolean): LeadStep[] {
  const steps: LeadStep[] = [];
  if ((status === '新线索' || status === '已指派') && can('leads.assign')) {
    steps.push('assign');
  }
  if (status === '已指派' && can('leads.handle')) {
    steps.push('verify');
  }
  if (status === '已核查' && can('leads.handle')) {
    steps.push('convert');
  }
  if (['新线索', '已指派', '已核查'].includes(status) && can('leads.handle')) {
    steps.push('dismiss');
  }
  return steps;
}

/**
 * The chart's range: the window with context, hourly when short, daily when long — and daily for 停产迎检,
 * whose baseline, threshold and levels are day values, with the three weeks of its baseline before.
 */
export function evidenceRange(
  l: Pick<LeadDetailResponse, 'windowStart' | 'windowEnd'> & { rule?: LeadRule },
) {
  const start = Date.parse(l.windowStart);
  const end = Date.parse(l.windowEnd);
  const byDay = l.rule === LeadRule.InspectionDodge;
  const daily = byDay || end - start > 20 * DAY;
  const from = start - (byDay ? 21 : daily ? 45 : 5) * DAY;
  const to = Math.min(end + (daily ? 7 : 2) * DAY, from + 92 * DAY);
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), daily };
}

function chartFactors(breaches: Breach[]): string[] {
  const drawn = breaches.filter((b) => !b.area).map((b) => seriesFactorOf(b.factor));
  return [...new Set([...drawn, '用电量', '井下人数', '产量'])].slice(0, 4);
}

export function LeadDetailPage() {
  const { id = '' } = useParams();
  const { t, v, formatDateTime } = useI18n();
  const { can } = useSession();
  const [step, setStep] = useState<LeadStep | null>(null);
  const { data: lead, error } = useQuery({
    queryKey: ['lead', id],
    queryFn: () => call(leadsApi.get, { params: { id } }),
  });
  const { data: mine } = useQuery({
    queryKey: ['mine', lead?.mineId],
    queryFn: () => call(minesApi.get, { params: { id: lead?.mineId ?? '' } }),
    enabled: Boolean(lead),
  });
  usePageTitle(lead ? `${v(lead.rule)}: ${lead.mineName}` : t('leads.title'));
  if (error) {
    return <QueryError error={error} />;
  }
  if (!lead) {
    return <Skeleton active />;
  }
  const range = evidenceRange(lead);
  const steps = allowedLeadSteps(lead.status, can);
  const stepLabel: Record<LeadStep, string> = {
    assign: t('leads.assign'),
    verify: t('leads.verify'),
    convert: t('leads.convert'),
    dismiss: t('leads.dismiss'),
  };
  return (
    <div>
      <BackLink to="/leads" label={t('nav.leads')} />
      <div className="page-header">
        <h1>
          <LeadRuleTag rule={lead.rule} /> {lead.mineName}
        </h1>
        <Space wrap>
          {steps.map((s) => (
            <Button
              key={s}
              type={s === 'dismiss' ? 'default' : 'primary'}
              danger={s === 'dismiss'}
              onClick={() => setStep(s)}
              data-testid={`lead-${s}`}
            >
              {stepLabel[s]}
            </Button>
          ))}
          <Button icon={<DownloadOutlined />} href={`/api/leads/${lead.id}/export`}>
            {t('leads.exportOne')}
          </Button>
          <Link to={`/mines/${lead.mineId}/comparison`}>{t('leads.comparison')}</Link>
        </Space>
      </div>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('leads.mine')}>
            <Link to={`/mines/${lead.mineId}`}>{lead.mineName}</Link> ({v(lead.mineStatus)})
          </Descriptions.Item>
          <Descriptions.Item label={t('leads.status')}>
            <span data-testid="lead-status">
              <LeadStatusTag status={lead.status} />
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('leads.score')}>{lead.score}</Descriptions.Item>
          <Descriptions.Item label={t('leads.window')}>
            <span data-testid="lead-window">
              {formatDateTime(lead.windowStart)} ~ {formatDateTime(lead.windowEnd)}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('leads.detectedAt')}>
            {formatDateTime(lead.detectedAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('leads.assignee')}>
            {lead.assigneeName ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('leads.summary')} span={3}>
            {lead.summary}
          </Descriptions.Item>
          {lead.criterionCode && (
            <Descriptions.Item label={t('leads.criterion')}>
              {lead.criterionCode} {lead.majorHazard ? `(${t('leads.majorHazard')})` : ''}
            </Descriptions.Item>
          )}
          {lead.verification && (
            <Descriptions.Item label={t('leads.verification')} span={2}>
              {lead.verification}
            </Descriptions.Item>
          )}
          {lead.hazardId && (
            <Descriptions.Item label={t('leads.hazard')}>
              <Link to={`/hazards/${lead.hazardId}`}>{t('common.view')}</Link>
            </Descriptions.Item>
          )}
          {lead.inspections.length > 0 && (
            <Descriptions.Item label={t('leads.inspections')} span={2}>
              <Space wrap data-testid="lead-inspections">
                {lead.inspections.map((i) => (
                  <Link key={i.id} to={`/inspections/${i.id}`}>
                    {i.label}
                  </Link>
                ))}
              </Space>
            </Descriptions.Item>
          )}
          {lead.inspectionRef && (
            <Descriptions.Item label={t('leads.inspectionRef')}>
              {lead.inspectionRef}
            </Descriptions.Item>
          )}
          {lead.closeNote && (
            <Descriptions.Item label={t('leads.closeNote')}>{lead.closeNote}</Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card size="small" title={t('leads.evidence')} style={{ marginBottom: 16 }}>
        <div data-testid="lead-evidence-chart">
          <ComparisonChart
            mineId={lead.mineId}
            from={range.from}
            to={range.to}
            granularity={range.daily ? 'day' : 'hour'}
            factors={chartFactors(lead.breaches)}
            breaches={lead.breaches}
          />
        </div>
        <Table<Breach>
          size="small"
          rowKey={(b) => `${b.factor}-${b.area ?? ''}-${b.from}`}
          dataSource={lead.breaches}
          pagination={{ pageSize: 10 }}
          columns={[
            { title: t('leads.factor'), dataIndex: 'factor', render: (f: string) => v(f) },
            { title: t('leads.area'), dataIndex: 'area' },
            {
              title: t('leads.window'),
              render: (_: unknown, b) => `${formatDateTime(b.from)} ~ ${formatDateTime(b.to)}`,
            },
            { title: t('leads.peak'), dataIndex: 'peak' },
            { title: t('leads.threshold'), dataIndex: 'threshold' },
            { title: t('leads.baseline'), dataIndex: 'baseline' },
          ]}
        />
      </Card>
      <Card size="small" title={t('leads.timeline')}>
        <Timeline
          items={lead.events.map((e) => ({
            children: (
              <span>
                {formatDateTime(e.at)} · {t(`leads.event_${e.type}` as 'leads.event_detected')} ·{' '}
                {e.actor} {e.note ? `· ${e.note}` : ''}
              </span>
            ),
          }))}
        />
      </Card>
      {mine && (
        <LeadActionDialog
          lead={lead}
          mineKind={mine.kind}
          step={step}
          onClose={() => setStep(null)}
        />
      )}
    </div>
  );
}
