/**
 * 安全准入与分类处置: the 三个一批 lists of the region (or the enterprise's mines) with their overdue entries,
 * the applications for 安全设施设计审查 and 安全生产许可, the mines below their minimum scale, and the
 * mining-method findings; drawers show an entry with its steps and an application with its workflow.
 */
import { useState } from 'react';
import { Button, Space, Table, Tabs, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { admissionApi } from '../../../shared/admission.api.ts';
import type {
  BelowScaleResponse,
  DisposalResponse,
  MethodFindingResponse,
  PermitResponse,
} from '../../../shared/admission.schemas.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useRegion } from '../../app/region.tsx';
import { useSession } from '../../app/session.tsx';
import { usePageTitle } from '../../app/title.ts';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { DisposalForm, PermitForm } from './AdmissionForms.tsx';
import { DisposalDrawer } from './DisposalDrawer.tsx';
import { PermitDrawer } from './PermitDrawer.tsx';

const categoryColors: Record<string, string> = {
  关闭取缔: 'red',
  整合重组: 'orange',
  升级改造: 'blue',
};

export function AdmissionPage() {
  const { t, v } = useI18n();
  const { region } = useRegion();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  usePageTitle(t('nav.admission'));
  const [entry, setEntry] = useState<string | null>(null);
  const [permit, setPermit] = useState<string | null>(null);
  const [form, setForm] = useState<'disposal' | 'permit' | null>(null);
  const disposals = useQuery({
    queryKey: ['disposals', region],
    queryFn: () => call(admissionApi.disposals, { query: { region } }),
  });
  const permits = useQuery({
    queryKey: ['permits', region],
    queryFn: () => call(admissionApi.permits, { query: { region } }),
  });
  const below = useQuery({
    queryKey: ['below-scale', region],
    queryFn: () => call(admissionApi.belowScale, { query: { region } }),
  });
  const methods = useQuery({
    queryKey: ['method-findings', region],
    queryFn: () => call(admissionApi.methodFindings, { query: { region } }),
  });
  if (disposals.error) {
    return <QueryError error={disposals.error} />;
  }
  const mineCols = [
    { title: t('admission.mine'), dataIndex: 'mineName' },
    { title: t('admission.county'), dataIndex: 'countyName', width: 120 },
  ];
  const disposalTable = (rows: DisposalResponse[], testId: string) => (
    <Table<DisposalResponse>
      size="small"
      rowKey="id"
      loading={disposals.isLoading}
      dataSource={rows}
      pagination={{ pageSize: 50 }}
      data-testid={testId}
      onRow={(r) => ({ onClick: () => setEntry(r.id), style: { cursor: 'pointer' } })}
      columns={[
        ...mineCols,
        {
          title: t('admission.category'),
          dataIndex: 'category',
          width: 110,
          render: (c: string) => <Tag color={categoryColors[c]}>{v(c)}</Tag>,
        },
        { title: t('admission.basis'), dataIndex: 'basis' },
        { title: t('admission.deadline'), dataIndex: 'deadline', width: 120 },
        {
          title: t('admission.state'),
          dataIndex: 'state',
          width: 150,
          render: (s: string, r) => (
            <>
              {v(s)}{' '}
              {r.overdue && (
                <Tag color="red">{t('admission.overdueDays', { days: r.daysOverdue })}</Tag>
              )}
            </>
          ),
        },
      ]}
    />
  );
  const all = disposals.data ?? [];
  return (
    <div>
      <div className="page-header">
        <h1>{t('nav.admission')}</h1>
        <Space>
          {can('admission.list') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setForm('disposal')}
              data-testid="list-mine"
            >
              {t('admission.listMine')}
            </Button>
          )}
          {can('admission.apply') && (
            <Button
              icon={<PlusOutlined />}
              onClick={() => setForm('permit')}
              data-testid="apply-permit"
            >
              {t('admission.apply')}
            </Button>
          )}
        </Space>
      </div>
      <Tabs
        activeKey={params.get('tab') ?? 'lists'}
        onChange={(key) => setParams({ tab: key })}
        destroyOnHidden
        items={[
          {
            key: 'lists',
            label: t('admission.tabLists'),
            children: disposalTable(all, 'disposal-table'),
          },
          {
            key: 'overdue',
            label: t('admission.tabOverdue', { count: all.filter((d) => d.overdue).length }),
            children: disposalTable(
              all.filter((d) => d.overdue),
              'disposal-overdue',
            ),
          },
          {
            key: 'permits',
            label: t('admission.tabPermits'),
            children: (
              <Table<PermitResponse>
                size="small"
                rowKey="id"
                loading={permits.isLoading}
                dataSource={permits.data ?? []}
                pagination={{ pageSize: 50 }}
                data-testid="permit-table"
                onRow={(r) => ({ onClick: () => setPermit(r.id), style: { cursor: 'pointer' } })}
                columns={[
                  ...mineCols,
                  { title: t('admission.projectName'), dataIndex: 'projectName' },
                  { title: t('admission.appliedOn'), dataIndex: 'appliedOn', width: 120 },
                  {
                    title: t('admission.constructionDueOn'),
                    dataIndex: 'constructionDueOn',
                    width: 130,
                    render: (d: string | null) => d ?? '—',
                  },
                  {
                    title: t('admission.state'),
                    dataIndex: 'state',
                    width: 110,
                    render: (s: string) => v(s),
                  },
                ]}
              />
            ),
          },
          {
            key: 'scale',
            label: t('admission.tabScale'),
            children: (
              <Table<BelowScaleResponse>
                size="small"
                rowKey="mineId"
                loading={below.isLoading}
                dataSource={below.data ?? []}
                pagination={{ pageSize: 50 }}
                data-testid="below-scale"
                columns={[
                  ...mineCols,
                  { title: t('admission.kind'), dataIndex: 'kind', render: (k: string) => v(k) },
                  {
                    title: t('admission.problems'),
                    dataIndex: 'reasons',
                    render: (r: string[]) => r.join('; '),
                  },
                  {
                    title: t('admission.onList'),
                    dataIndex: 'onList',
                    width: 110,
                    render: (c: string | null) =>
                      c ? <Tag color={categoryColors[c]}>{v(c)}</Tag> : '—',
                  },
                ]}
              />
            ),
          },
          {
            key: 'method',
            label: t('admission.tabMethod'),
            children: (
              <Table<MethodFindingResponse>
                size="small"
                rowKey={(r) => `${r.mineId}:${r.kind}`}
                loading={methods.isLoading}
                dataSource={methods.data ?? []}
                pagination={{ pageSize: 50 }}
                data-testid="method-findings"
                columns={[
                  ...mineCols,
                  {
                    title: t('admission.problem'),
                    dataIndex: 'kind',
                    width: 140,
                    render: (k: string) => <Tag color="red">{v(k)}</Tag>,
                  },
                  { title: t('admission.detail'), dataIndex: 'detail' },
                  { title: t('admission.source'), dataIndex: 'source' },
                ]}
              />
            ),
          },
        ]}
      />
      <DisposalDrawer id={entry} onClose={() => setEntry(null)} />
      <PermitDrawer id={permit} onClose={() => setPermit(null)} />
      <DisposalForm open={form === 'disposal'} onClose={() => setForm(null)} />
      <PermitForm open={form === 'permit'} onClose={() => setForm(null)} />
    </div>
  );
}
