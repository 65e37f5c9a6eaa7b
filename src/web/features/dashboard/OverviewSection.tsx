/**
 * The overview under a home's needs, for the selected region: the registry's figures, the hazards,
 * alarms and leads cards, and for regulators the enforcement card and the plans card (targets met and
 * missed, tasks).
 */
import { useEffect, useMemo } from 'react';
import { Card, Col, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { RegistrySummary } from '../../../shared/registry.schemas.ts';
import { registryApi } from '../../../shared/registry.api.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useRegion, useRegionName } from '../../app/region.tsx';
import { Chart, barOption, pieOption, preloadCharts } from '../../components/Chart.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { AlarmCard } from './AlarmCard.tsx';
import { HazardCard } from './HazardCard.tsx';
import { LeadCard } from './LeadCard.tsx';
import { EnforcementCard } from './EnforcementCard.tsx';
import { PlanCard } from './PlanCard.tsx';
import { AccountabilityCard } from './AccountabilityCard.tsx';
import { useSession } from '../../app/session.tsx';

type Alert = RegistrySummary['licencesExpiring']['items'][number];

export function OverviewSection() {
  const { t, v } = useI18n();
  const { region } = useRegion();
  const regionName = useRegionName();
  const { can } = useSession();
  // The charts' library comes while the figures load, not after them.
  useEffect(() => {
    preloadCharts().catch(() => undefined);
  }, []);
  const { data, error, isLoading } = useQuery({
    queryKey: ['registry-summary', region],
    queryFn: () => call(registryApi.summary, { query: { region } }),
  });
  const charts = useMemo(
    () =>
      data
        ? {
            kind: pieOption(data.byKind, v),
            status: pieOption(data.byStatus, v),
            scale: pieOption(data.byScale, v),
            standardization: pieOption(data.byStandardization, v),
            region: barOption(data.byRegion),
          }
        : undefined,
    [data, v],
  );
  // The cards fetch their own figures at once, beside the registry's (not after them).
  const cards = (
    <>
      <Col xs={24} md={12} xl={8}>
        <HazardCard region={region} />
      </Col>
      <Col xs={24} md={12} xl={8}>
        <AlarmCard region={region} />
      </Col>
      {can('leads.read') && (
        <Col xs={24} md={12} xl={8}>
          <LeadCard region={region} />
        </Col>
      )}
      {can('inspections.read') && (
        <Col xs={24} md={12} xl={8}>
          <EnforcementCard region={region} />
        </Col>
      )}
      {can('plans.read') && (
        <Col xs={24} md={12} xl={8}>
          <PlanCard region={region} />
        </Col>
      )}
      {can('accidents.read') && (
        <Col xs={24} md={12} xl={8}>
          <AccountabilityCard region={region} />
        </Col>
      )}
    </>
  );
  if (error) {
    return <QueryError error={error} />;
  }
  if (isLoading || !data || !charts) {
    return (
      <div data-testid="overview">
        <Skeleton active />
        <Row gutter={[16, 16]}>{cards}</Row>
      </div>
    );
  }
  const alertColumns = [
    {
      title: t('mine.name'),
      dataIndex: 'mineName',
      render: (name: string, r: Alert) => <Link to={`/mines/${r.mineId}`}>{name}</Link>,
    },
    { title: t('mine.county'), dataIndex: 'countyName' },
    { title: t('mine.licenceKind'), dataIndex: 'kind', render: (k: string) => v(k) },
    { title: t('mine.expiresOn'), dataIndex: 'expiresOn' },
  ];
  const chartCard = (title: string, option: typeof charts.kind) => (
    <Col xs={24} md={12} xl={6}>
      <Card title={title} size="small">
        <Chart option={option} label={title} />
      </Card>
    </Col>
  );
  return (
    <section data-testid="overview" aria-labelledby="home-overview-title">
      <div className="page-header">
        <h2 id="home-overview-title" className="home-section-title">
          {t('home.trendsTitle')}
        </h2>
        <Statistic
          title={t('dashboard.totalMines')}
          value={data.totalMines}
          data-testid="total-mines"
        />
      </div>
      <Row gutter={[16, 16]}>
        {chartCard(t('dashboard.byKind'), charts.kind)}
        {chartCard(t('dashboard.byStatus'), charts.status)}
        {chartCard(t('dashboard.byScale'), charts.scale)}
        {chartCard(t('dashboard.byStandardization'), charts.standardization)}
        {data.byRegion.length > 0 && (
          <Col xs={24}>
            <Card title={t('dashboard.byRegion')} size="small">
              <Chart option={charts.region} label={t('dashboard.byRegion')} />
            </Card>
          </Col>
        )}
        <Col xs={24} xl={12}>
          <Card
            title={`${t('dashboard.licencesExpiring', { days: data.licenceWarningDays })} (${data.licencesExpiring.total})`}
            size="small"
          >
            <Table<Alert>
              size="small"
              rowKey={(r) => `${r.mineId}-${r.number}`}
              columns={alertColumns}
              dataSource={data.licencesExpiring.items}
              pagination={{ pageSize: 5 }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            title={`${t('dashboard.licencesExpired')} (${data.licencesExpired.total})`}
            size="small"
          >
            <Table<Alert>
              size="small"
              rowKey={(r) => `${r.mineId}-${r.number}`}
              columns={alertColumns}
              dataSource={data.licencesExpired.items}
              pagination={{ pageSize: 5 }}
            />
          </Card>
        </Col>
        <Col xs={24}>
          <Card title={`${t('dashboard.suspended')} (${data.suspended.total})`} size="small">
            <Table
              size="small"
              rowKey="id"
              dataSource={data.suspended.items}
              pagination={{ pageSize: 5 }}
              columns={[
                {
                  title: t('mine.name'),
                  dataIndex: 'name',
                  render: (name: string, r: { id: string }) => (
                    <Link to={`/mines/${r.id}`}>{name}</Link>
                  ),
                },
                { title: t('mine.county'), dataIndex: 'countyName' },
                { title: t('mine.kind'), dataIndex: 'kind', render: (k: string) => v(k) },
                {
                  title: t('mine.status'),
                  dataIndex: 'status',
                  render: (s: string) => <StatusTag status={s} />,
                },
                { title: t('mine.statusSince'), dataIndex: 'statusSince' },
              ]}
            />
          </Card>
        </Col>
        {cards}
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
        {region ? regionName(region) : t('region.all')}
      </Typography.Paragraph>
    </section>
  );
}
