/**
 * 停产矿山: the declarations of work at stopped mines (the enterprise declares, the county's regulators
 * see and may reject with a reason), their 整改方案, and the 包保责任人 with their 驻矿盯守 / 巡查 visits
 * (overdue ones marked).
 */
import { useState } from 'react';
import { Button, Space, Table, Tabs, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { stoppedApi } from '../../../shared/stopped.api.ts';
import type {
  DeclarationResponse,
  PatrolResponse,
  WardenResponse,
} from '../../../shared/stopped.schemas.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { usePageTitle } from '../../app/title.ts';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { DeclarationDialog, PatrolDialog, PlanDialog, RejectDialog } from './StoppedDialogs.tsx';

function DeclarationsTab() {
  const { t, v, formatDateTime } = useI18n();
  const { can } = useSession();
  const [dialog, setDialog] = useState<'declare' | 'plan' | undefined>();
  const [rejecting, setRejecting] = useState<string | undefined>();
  const { data, error, isLoading } = useQuery({
    queryKey: ['stopped', 'declarations'],
    queryFn: () => call(stoppedApi.listDeclarations, { query: {} }),
  });
  if (error) {
    return <QueryError error={error} />;
  }
  return (
    <div>
      {can('stopped.declare') && (
        <Space style={{ marginBottom: 12 }}>
          <Button onClick={() => setDialog('plan')}>{t('stopped.filePlan')}</Button>
          <Button type="primary" onClick={() => setDialog('declare')}>
            {t('stopped.declare')}
          </Button>
        </Space>
      )}
      <Table<DeclarationResponse>
        size="small"
        rowKey="id"
        loading={isLoading}
        dataSource={data ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        columns={[
          { title: t('stopped.mine'), dataIndex: 'mineName' },
          { title: t('stopped.purpose'), dataIndex: 'purpose', render: (p: string) => v(p) },
          { title: t('stopped.description'), dataIndex: 'description', ellipsis: true },
          {
            title: t('stopped.sites'),
            render: (_: unknown, d) =>
              d.sites.map((s) => `${s.place} ${s.people}${t('stopped.peopleUnit')}`).join('; '),
          },
          { title: t('stopped.maxPower'), dataIndex: 'maxPowerKwh' },
          { title: t('stopped.days'), render: (_: unknown, d) => `${d.startsOn} ~ ${d.endsOn}` },
          {
            title: t('stopped.state'),
            render: (_: unknown, d) =>
              d.state === '已驳回' ? (
                <Tag color="red" title={d.rejectReason ?? ''}>
                  {v(d.state)}: {d.rejectReason}
                </Tag>
              ) : (
                <Tag color="blue">{v(d.state)}</Tag>
              ),
          },
          {
            title: t('stopped.filedAt'),
            dataIndex: 'filedAt',
            render: (at: string) => formatDateTime(at),
          },
          ...(can('stopped.review')
            ? [
                {
                  title: '',
                  render: (_: unknown, d: DeclarationResponse) =>
                    d.state === '已申报' && (
                      <Button size="small" danger onClick={() => setRejecting(d.id)}>
                        {t('stopped.reject')}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
      <DeclarationDialog open={dialog === 'declare'} onClose={() => setDialog(undefined)} />
      <PlanDialog open={dialog === 'plan'} onClose={() => setDialog(undefined)} />
      <RejectDialog id={rejecting} onClose={() => setRejecting(undefined)} />
    </div>
  );
}

function PatrolsTab() {
  const { t, v, formatDateTime } = useI18n();
  const { can } = useSession();
  const [open, setOpen] = useState(false);
  const wardens = useQuery({
    queryKey: ['stopped', 'wardens'],
    queryFn: () => call(stoppedApi.listWardens, {}),
  });
  const patrols = useQuery({
    queryKey: ['stopped', 'patrols'],
    queryFn: () => call(stoppedApi.listPatrols, { query: {} }),
  });
  if (wardens.error ?? patrols.error) {
    return <QueryError error={wardens.error ?? patrols.error} />;
  }
  return (
    <div>
      <h3>{t('stopped.wardens')}</h3>
      <Table<WardenResponse>
        size="small"
        rowKey="id"
        loading={wardens.isLoading}
        dataSource={wardens.data ?? []}
        pagination={false}
        columns={[
          { title: t('stopped.mine'), dataIndex: 'mineName' },
          { title: t('stopped.official'), dataIndex: 'name' },
          {
            title: t('stopped.lastVisit'),
            dataIndex: 'lastVisitAt',
            render: (at: string | null) => (at ? formatDateTime(at) : t('stopped.never')),
          },
          {
            title: t('stopped.nextDue'),
            render: (_: unknown, w) => (
              <Space>
                {formatDateTime(w.nextDueAt)}
                {w.overdue && <Tag color="red">{t('stopped.overdue')}</Tag>}
              </Space>
            ),
          },
        ]}
      />
      <Space style={{ margin: '16px 0 12px' }}>
        <h3 style={{ margin: 0 }}>{t('stopped.patrols')}</h3>
        {can('stopped.patrol') && (
          <Button type="primary" onClick={() => setOpen(true)}>
            {t('stopped.recordPatrol')}
          </Button>
        )}
      </Space>
      <Table<PatrolResponse>
        size="small"
        rowKey="id"
        loading={patrols.isLoading}
        dataSource={patrols.data ?? []}
        pagination={false}
        columns={[
          { title: t('stopped.mine'), dataIndex: 'mineName' },
          { title: t('stopped.kind'), dataIndex: 'kind', render: (k: string) => v(k) },
          {
            title: t('stopped.visitedAt'),
            dataIndex: 'visitedAt',
            render: (at: string) => formatDateTime(at),
          },
          { title: t('stopped.official'), dataIndex: 'officialName' },
          { title: t('stopped.findings'), dataIndex: 'findings', ellipsis: true },
          {
            title: t('stopped.photos'),
            render: (_: unknown, p) => (
              <Space size={4} wrap>
                {p.photos.map((photo, i) => (
                  <a
                    key={photo.id}
                    href={`/api/stopped/patrols/${p.id}/photos/${photo.id}`}
                    target="_blank"
                    rel="noreferrer"
                  >
                    {t('stopped.photoN', { n: String(i + 1) })}
                  </a>
                ))}
              </Space>
            ),
          },
        ]}
      />
      <PatrolDialog open={open} onClose={() => setOpen(false)} />
    </div>
  );
}

export function StoppedMinesPage() {
  const { t } = useI18n();
  usePageTitle(t('stopped.title'));
  return (
    <div>
      <div className="page-header">
        <h1>{t('stopped.title')}</h1>
      </div>
      <Tabs
        items={[
          { key: 'declarations', label: t('stopped.declarations'), children: <DeclarationsTab /> },
          { key: 'patrols', label: t('stopped.patrols'), children: <PatrolsTab /> },
        ]}
      />
    </div>
  );
}
