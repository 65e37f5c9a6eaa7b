/**
 * One mine: facts, licences, status history, people and certificates, contractors, 井下人员 (a coal mine
 * with a 煤矿编码), change history. `?tab=` opens a tab.
 */
import { useState } from 'react';
import { HazardLedger } from '../hazards/HazardListPage.tsx';
import { Button, Descriptions, Skeleton, Space, Table, Tabs, Tag, Timeline } from 'antd';
import { EditOutlined, SwapOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { minesApi, peopleApi } from '../../../shared/registry.api.ts';
import type { PersonResponse } from '../../../shared/registry.schemas.ts';
import { tailingsGradeNames } from '../../../shared/tailings-grade.ts';
import { call } from '../../app/api.ts';
import { useI18n, type MessageKey } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { usePageTitle } from '../../app/title.ts';
import { AuditHistory } from '../../components/AuditHistory.tsx';
import { ExpiryBadge } from '../../components/ExpiryBadge.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { StatusDialog } from './StatusDialog.tsx';
import { ResumptionDialog } from './ResumptionDialog.tsx';
import { ComplianceTab } from '../accidents/ComplianceTab.tsx';
import { ContractorsTab } from './ContractorsTab.tsx';
import { UndergroundTab } from '../coal/UndergroundTab.tsx';
import { BackLink } from '../../components/BackLink.tsx';

/** The facts shown for every mine, then those of its kind (empty ones are left out). */
const factFields = [
  'standardizationDate',
  'disasterGrade',
  'disasterGradeLegacy',
  'depthM',
  'productionLevels',
  'designCapacityTpa',
  'approvedUndergroundStaff',
  'hydrogeologyType',
  'slopeHeightM',
  'dumpHeightM',
  'tailingsVolume10kM3',
  'tailingsDamHeightM',
  'tailingsStacking',
  'tailingsOverhead',
  'tailingsLastDischarge',
  'coalCode',
  'mechanizedOn',
  'videoMonitoredOn',
  'informatizedOn',
  'longitude',
  'latitude',
] as const;

export function MineDetailPage() {
  const { id = '' } = useParams();
  const { t, v } = useI18n();
  const { can } = useSession();
  const [search, setSearch] = useSearchParams();
  const [statusOpen, setStatusOpen] = useState(false);
  const [resumeOpen, setResumeOpen] = useState(false);
  const mine = useQuery({
    queryKey: ['mine', id],
    queryFn: () => call(minesApi.get, { params: { id } }),
  });
  const history = useQuery({
    queryKey: ['mine', id, 'status'],
    queryFn: () => call(minesApi.statusHistory, { params: { id } }),
  });
  const people = useQuery({
    queryKey: ['mine', id, 'people'],
    queryFn: () => call(peopleApi.list, { query: { mineId: id, limit: 200 } }),
  });
  usePageTitle(mine.data?.name ?? t('nav.mines'));
  if (mine.error) {
    return <QueryError error={mine.error} />;
  }
  const m = mine.data;
  if (!m) {
    return <Skeleton active />;
  }
  const display = (field: (typeof factFields)[number]) => {
    const value = m[field];
    if (typeof value === 'boolean') {
      return value ? t('common.yes') : t('common.no');
    }
    return typeof value === 'string' ? v(value) : String(value);
  };
  const basic = (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }}>
      <Descriptions.Item label={t('mine.enterprise')}>
        <Link to={`/enterprises/${m.enterpriseId}`}>{m.enterpriseName}</Link>
      </Descriptions.Item>
      <Descriptions.Item label={t('mine.county')}>{m.countyName}</Descriptions.Item>
      <Descriptions.Item label={t('mine.kind')}>{v(m.kind)}</Descriptions.Item>
      <Descriptions.Item label={t('mine.scale')}>{v(m.scale)}</Descriptions.Item>
      <Descriptions.Item label={t('mine.status')}>
        <StatusTag status={m.status} /> {m.statusSince}
      </Descriptions.Item>
      <Descriptions.Item label={t('mine.standardizationLevel')}>
        {v(m.standardizationLevel)}
      </Descriptions.Item>
      {m.tailingsGrade && (
        <Descriptions.Item label={t('mine.tailingsGrade')}>
          {tailingsGradeNames[m.tailingsGrade - 1]}
        </Descriptions.Item>
      )}
      {factFields
        .filter((f) => m[f] !== null)
        .map((f) => (
          <Descriptions.Item key={f} label={t(`mine.${f}` as MessageKey)}>
            <span data-testid={`fact-${f}`}>{display(f)}</span>
          </Descriptions.Item>
        ))}
    </Descriptions>
  );
  return (
    <div>
      <BackLink to="/mines" label={t('nav.mines')} />
      <div className="page-header">
        <h1>{m.name}</h1>
        <Space>
          {can('leads.read') && (
            <Link to={`/mines/${m.id}/comparison`}>
              <Button data-testid="mine-comparison">{t('leads.comparison')}</Button>
            </Link>
          )}
          {can('hazards.report') && (
            <Link to={`/hazards/new?mineId=${m.id}`}>
              <Button danger data-testid="mine-report-hazard">
                {t('hazard.reportNew')}
              </Button>
            </Link>
          )}
          {can('registry.mine.status') && m.status === '停产整顿' && (
            <Button onClick={() => setResumeOpen(true)} data-testid="mine-resumption">
              {t('mine.resumption')}
            </Button>
          )}
          {can('registry.mine.status') && (
            <Button icon={<SwapOutlined />} onClick={() => setStatusOpen(true)}>
              {t('mine.changeStatus')}
            </Button>
          )}
          {can('registry.mine.update') && (
            <Link to={`/mines/${m.id}/edit`}>
              <Button type="primary" icon={<EditOutlined />}>
                {t('common.edit')}
              </Button>
            </Link>
          )}
        </Space>
      </div>
      <Tabs
        activeKey={search.get('tab') ?? 'basic'}
        onChange={(tab) => setSearch(tab === 'basic' ? {} : { tab }, { replace: true })}
        items={[
          { key: 'basic', label: t('mine.tabBasic'), children: basic },
          {
            key: 'licences',
            label: t('mine.tabLicences'),
            children: (
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={m.licences}
                columns={[
                  { title: t('mine.licenceKind'), dataIndex: 'kind', render: (k: string) => v(k) },
                  { title: t('mine.licenceNumber'), dataIndex: 'number' },
                  { title: t('mine.issuedOn'), dataIndex: 'issuedOn' },
                  {
                    title: t('mine.expiresOn'),
                    dataIndex: 'expiresOn',
                    render: (d: string) => <ExpiryBadge date={d} />,
                  },
                ]}
              />
            ),
          },
          {
            key: 'status',
            label: t('mine.tabStatus'),
            children: (
              <Timeline
                items={[...(history.data ?? [])].reverse().map((h) => ({
                  key: h.id,
                  children: (
                    <span>
                      <strong>{h.effectiveDate}</strong>{' '}
                      {h.fromStatus ? `${v(h.fromStatus)} → ` : ''}
                      <StatusTag status={h.toStatus} /> {h.reason}
                    </span>
                  ),
                }))}
              />
            ),
          },
          {
            key: 'people',
            label: t('mine.tabPeople'),
            children: (
              <Table<PersonResponse>
                size="small"
                rowKey="id"
                loading={people.isLoading}
                dataSource={people.data?.items ?? []}
                pagination={false}
                columns={[
                  { title: t('mine.personName'), dataIndex: 'name' },
                  {
                    title: t('mine.personRoles'),
                    dataIndex: 'roles',
                    render: (r: string[]) => r.map((x) => <Tag key={x}>{x}</Tag>),
                  },
                  { title: t('mine.idNumber'), dataIndex: 'idNumberMasked' },
                  { title: t('mine.education'), dataIndex: 'education' },
                  { title: t('mine.miningYears'), dataIndex: 'miningYears' },
                  {
                    title: t('mine.major'),
                    dataIndex: 'major',
                    render: (m: string | null) => m ?? '—',
                  },
                  {
                    title: t('mine.certificates'),
                    dataIndex: 'certificates',
                    render: (cs: PersonResponse['certificates']) => (
                      <Space direction="vertical" size={2}>
                        {cs.map((c) => (
                          <span key={c.id}>
                            {c.kind} {c.number} <ExpiryBadge date={c.expiresOn} />
                          </span>
                        ))}
                      </Space>
                    ),
                  },
                ]}
              />
            ),
          },
          ...(m.coalCode !== null && can('coal_upload.read')
            ? [
                {
                  key: 'underground',
                  label: t('coal.tabMineUnderground'),
                  children: <UndergroundTab mineId={m.id} />,
                },
              ]
            : []),
          {
            key: 'contractors',
            label: t('mine.tabContractors'),
            children: <ContractorsTab mineId={m.id} />,
          },
          {
            key: 'hazards',
            label: t('mine.tabHazards'),
            children: <HazardLedger mineId={m.id} />,
          },
          {
            key: 'compliance',
            label: t('compliance.tab'),
            children: <ComplianceTab mineId={m.id} />,
          },
          {
            key: 'audit',
            label: t('mine.tabAudit'),
            children: <AuditHistory entityType="mine" entityId={m.id} />,
          },
        ]}
      />
      <StatusDialog
        mineId={m.id}
        current={m.status}
        open={statusOpen}
        onClose={() => setStatusOpen(false)}
      />
      <ResumptionDialog mineId={m.id} open={resumeOpen} onClose={() => setResumeOpen(false)} />
    </div>
  );
}
