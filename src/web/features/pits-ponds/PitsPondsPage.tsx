/**
 * 露天边坡、排土场与尾矿库: the records of the region (or the enterprise's mines) — slope analyses, 排洪构筑物
 * tests, 汛前/汛后 checks, 头顶库 drills and broadcast —, the findings (missing or late records, radar
 * offline, 闭库 late), the ponds' 闭库 with their steps, and the forms to file a record or open a 闭库.
 */
import { useState } from 'react';
import { Button, Space, Table, Tabs, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { pitsPondsApi } from '../../../shared/pits-ponds.api.ts';
import type {
  PitPondFindingResponse,
  PitPondRecordResponse,
  PondClosureResponse,
} from '../../../shared/pits-ponds.schemas.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useRegion } from '../../app/region.tsx';
import { useSession } from '../../app/session.tsx';
import { usePageTitle } from '../../app/title.ts';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { ClosureDrawer } from './ClosureDrawer.tsx';
import { ClosureOpenForm, RecordForm } from './PitPondForms.tsx';

export function PitsPondsPage() {
  const { t, v } = useI18n();
  const { region } = useRegion();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  usePageTitle(t('nav.pitsPonds'));
  const [form, setForm] = useState<'record' | 'closure' | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const records = useQuery({
    queryKey: ['pit-pond-records', region],
    queryFn: () => call(pitsPondsApi.records, { query: { region } }),
  });
  const findings = useQuery({
    queryKey: ['pit-pond-findings', region],
    queryFn: () => call(pitsPondsApi.findings, { query: { region } }),
  });
  const closures = useQuery({
    queryKey: ['pond-closures', region],
    queryFn: () => call(pitsPondsApi.closures, { query: { region } }),
  });
  if (records.error) {
    return <QueryError error={records.error} />;
  }
  const mine = { title: t('pitsPonds.mine'), dataIndex: 'mineName' };
  const county = { title: t('pitsPonds.county'), dataIndex: 'countyName', width: 120 };
  return (
    <div>
      <div className="page-header">
        <h1>{t('nav.pitsPonds')}</h1>
        {can('pitsPonds.file') && (
          <Space>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setForm('record')}
              data-testid="file-pit-pond-record"
            >
              {t('pitsPonds.fileRecord')}
            </Button>
            <Button onClick={() => setForm('closure')} data-testid="open-closure">
              {t('pitsPonds.openClosure')}
            </Button>
          </Space>
        )}
      </div>
      <Tabs
        activeKey={params.get('tab') ?? 'findings'}
        onChange={(key) => setParams({ tab: key })}
        destroyOnHidden
        items={[
          {
            key: 'findings',
            label: t('pitsPonds.tabFindings'),
            children: (
              <Table<PitPondFindingResponse>
                size="small"
                rowKey={(f) => `${f.mineId}:${f.item}`}
                loading={findings.isLoading}
                dataSource={findings.data ?? []}
                pagination={{ pageSize: 50 }}
                data-testid="pit-pond-findings"
                columns={[
                  mine,
                  county,
                  { title: t('pitsPonds.mineKind'), dataIndex: 'mineKind', render: v, width: 150 },
                  { title: t('pitsPonds.item'), dataIndex: 'item' },
                  {
                    title: t('pitsPonds.reason'),
                    dataIndex: 'reason',
                    width: 140,
                    render: (r: string) => <Tag color="red">{v(r)}</Tag>,
                  },
                  { title: t('pitsPonds.dueOn'), dataIndex: 'dueOn', width: 120 },
                ]}
              />
            ),
          },
          {
            key: 'records',
            label: t('pitsPonds.tabRecords'),
            children: (
              <Table<PitPondRecordResponse>
                size="small"
                rowKey="id"
                loading={records.isLoading}
                dataSource={records.data ?? []}
                pagination={{ pageSize: 50 }}
                data-testid="pit-pond-records"
                columns={[
                  mine,
                  county,
                  { title: t('pitsPonds.kind'), dataIndex: 'kind', render: v, width: 160 },
                  {
                    title: t('pitsPonds.slope'),
                    dataIndex: 'slope',
                    width: 120,
                    render: (s: string | null) => (s ? v(s) : '—'),
                  },
                  { title: t('pitsPonds.recordedOn'), dataIndex: 'recordedOn', width: 120 },
                  { title: t('pitsPonds.document'), dataIndex: 'document' },
                  { title: t('pitsPonds.filedBy'), dataIndex: 'filedBy', width: 140 },
                ]}
              />
            ),
          },
          {
            key: 'closures',
            label: t('pitsPonds.tabClosures'),
            children: (
              <Table<PondClosureResponse>
                size="small"
                rowKey="id"
                loading={closures.isLoading}
                dataSource={closures.data ?? []}
                pagination={{ pageSize: 50 }}
                data-testid="pond-closures"
                onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
                columns={[
                  mine,
                  county,
                  { title: t('pitsPonds.closureReason'), dataIndex: 'reason', render: v },
                  { title: t('pitsPonds.openedOn'), dataIndex: 'openedOn', width: 120 },
                  {
                    title: t('pitsPonds.nextStep'),
                    dataIndex: 'nextStep',
                    width: 130,
                    render: (s: string | null, r) =>
                      s ? (
                        v(s)
                      ) : (
                        <Tag color="green">{`${v('公告销号')} ${r.delistedOn ?? ''}`}</Tag>
                      ),
                  },
                  {
                    title: t('pitsPonds.nextDueOn'),
                    dataIndex: 'nextDueOn',
                    width: 120,
                    render: (d: string | null) => d ?? '—',
                  },
                ]}
              />
            ),
          },
        ]}
      />
      <RecordForm open={form === 'record'} onClose={() => setForm(null)} />
      <ClosureOpenForm open={form === 'closure'} onClose={() => setForm(null)} />
      <ClosureDrawer id={open} onClose={() => setOpen(null)} />
    </div>
  );
}
