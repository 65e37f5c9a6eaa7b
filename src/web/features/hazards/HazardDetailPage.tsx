/**
 * One hazard: its criterion, the 五落实 plan, the rectification, the acts of the overdue ladder's steps
 * reached (HazardActsCard), the full timeline, and the steps the signed-in user may take now; for
 * regulators its investigation and 倒查 list (InvestigationCard).
 */
import { useState } from 'react';
import { Button, Card, Descriptions, Skeleton, Space, Tag, Timeline } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { call } from '../../app/api.ts';
import { hazardsApi } from '../../../shared/hazards.api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { usePageTitle } from '../../app/title.ts';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { HazardActionDialog, type HazardStep } from './HazardActionDialog.tsx';
import { HazardStateTag } from './HazardStateTag.tsx';
import { EvidenceCard } from './EvidenceCard.tsx';
import { HazardActsCard } from './HazardActsCard.tsx';
import { InvestigationCard } from './InvestigationCard.tsx';
import { useSession } from '../../app/session.tsx';
import { BackLink } from '../../components/BackLink.tsx';

export function HazardDetailPage() {
  const { id = '' } = useParams();
  const { t, v, formatDateTime } = useI18n();
  const { can } = useSession();
  const [step, setStep] = useState<HazardStep | null>(null);
  const { data: h, error } = useQuery({
    queryKey: ['hazard', id],
    queryFn: () => call(hazardsApi.get, { params: { id } }),
  });
  usePageTitle(h ? `${t('hazard.listTitle')}: ${h.mineName}` : t('hazard.listTitle'));
  if (error) {
    return <QueryError error={error} />;
  }
  if (!h) {
    return <Skeleton active />;
  }
  return (
    <div>
      <BackLink to="/hazards" label={t('nav.hazards')} />
      <div className="page-header">
        <h1>
          {h.mineName} · {h.criterion.code}
        </h1>
        <Space>
          {h.allowedActions.map((a) => (
            <Button
              key={a}
              type={a === 'reject' ? 'default' : 'primary'}
              onClick={() => setStep(a)}
              data-testid={`hazard-${a}`}
            >
              {t(`hazard.${a}` as 'hazard.plan')}
            </Button>
          ))}
        </Space>
      </div>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('hazard.state')}>
          <HazardStateTag hazard={h} />{' '}
          {h.repeatOf && <Tag color="volcano">{t('hazard.repeat')}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('hazard.mine')}>
          <Link to={`/mines/${h.mineId}`}>{h.mineName}</Link> ({h.countyName})
        </Descriptions.Item>
        <Descriptions.Item label={t('hazard.criterion')} span={2}>
          {h.criterion.standard} {h.criterion.code} {h.criterion.text}{' '}
          {!h.criterion.verified && <Tag>{t('hazard.unverified')}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('hazard.description')} span={2}>
          {h.description}
        </Descriptions.Item>
        <Descriptions.Item label={t('hazard.location')}>{h.location}</Descriptions.Item>
        <Descriptions.Item label={t('hazard.source')}>{v(h.source)}</Descriptions.Item>
        <Descriptions.Item label={t('hazard.foundBy')}>{h.foundBy}</Descriptions.Item>
        <Descriptions.Item label={t('hazard.foundOn')}>{h.foundOn}</Descriptions.Item>
      </Descriptions>
      {h.responsiblePerson && (
        <Card size="small" title={t('hazard.fiveImplementations')} style={{ marginBottom: 16 }}>
          <Descriptions size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('hazard.responsiblePerson')}>
              {h.responsiblePerson}
            </Descriptions.Item>
            <Descriptions.Item label={t('hazard.deadline')}>{h.deadline}</Descriptions.Item>
            <Descriptions.Item label={t('hazard.fundsYuan')}>{h.fundsYuan}</Descriptions.Item>
            <Descriptions.Item label={t('hazard.measures')}>{h.measures}</Descriptions.Item>
            <Descriptions.Item label={t('hazard.contingencyPlan')}>
              {h.contingencyPlan}
            </Descriptions.Item>
            {h.rectificationNote && (
              <Descriptions.Item label={t('hazard.rectificationNote')}>
                {h.rectificationNote}
              </Descriptions.Item>
            )}
          </Descriptions>
        </Card>
      )}
      <HazardActsCard hazardId={h.id} />
      <EvidenceCard hazard={h} canUpload={can('hazards.report')} />
      {can('hazards.investigation.read') && <InvestigationCard hazardId={h.id} />}
      <Card size="small" title={t('hazard.timeline')}>
        <Timeline
          data-testid="hazard-timeline"
          items={h.timeline.map((e) => ({
            key: e.id,
            children: (
              <span>
                <strong>{formatDateTime(e.at)}</strong> {e.actor} · {v(e.action)}
                {e.toState ? ` → ${v(e.toState)}` : ''} {e.note ? `: ${e.note}` : ''}
              </span>
            ),
          }))}
        />
      </Card>
      <HazardActionDialog
        hazardId={h.id}
        version={h.version}
        step={step}
        onClose={() => setStep(null)}
      />
    </div>
  );
}
