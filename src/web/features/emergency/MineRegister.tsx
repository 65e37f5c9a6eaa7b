/**
 * One mine's 应急准备与培训 registers: what is out of date (with the clause), then drills, plans, the rescue
 * agreement, training hours per person, 自救器 practice (30 s pass/fail) and 两单两卡 per post, each with
 * the button to record a new entry.
 */
import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { emergencyApi } from '../../../shared/emergency.api.ts';
import type { EmergencyRegisterResponse } from '../../../shared/emergency.schemas.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { RecordDialog, type RecordKind } from './RecordDialog.tsx';

type R = EmergencyRegisterResponse;
function Yes({ ok, as = 'pass' }: { ok: boolean; as?: 'pass' | 'yes' }) {
  const { t } = useI18n();
  const label =
    as === 'yes'
      ? t(ok ? 'emergency.yes' : 'emergency.no')
      : t(ok ? 'emergency.pass' : 'emergency.fail');
  return <Tag color={ok ? 'green' : 'red'}>{label}</Tag>;
}

export function MineRegister({ mineId }: { mineId: string }) {
  const { t, v } = useI18n();
  const { can } = useSession();
  const [recording, setRecording] = useState<RecordKind | null>(null);
  const q = useQuery({
    queryKey: ['emergency-register', mineId],
    queryFn: () => call(emergencyApi.register, { query: { mineId } }),
  });
  if (q.error) {
    return <QueryError error={q.error} />;
  }
  const r = q.data;
  const section = (kind: RecordKind, children: ReactNode) => (
    <Card
      size="small"
      title={t(`emergency.section.${kind}`)}
      style={{ marginBottom: 12 }}
      extra={
        can('emergency.file') && (
          <Button size="small" onClick={() => setRecording(kind)} data-testid={`record-${kind}`}>
            {t(`emergency.record.${kind}`)}
          </Button>
        )
      }
    >
      {children}
    </Card>
  );
  const date = (title: string, dataIndex: string) => ({ title, dataIndex, width: 110 });
  return (
    <div>
      {r && r.findings.length === 0 && (
        <Alert type="success" message={t('emergency.inOrder')} style={{ marginBottom: 12 }} />
      )}
      {r && r.findings.length > 0 && (
        <Alert
          type="error"
          style={{ marginBottom: 12 }}
          data-testid="register-findings"
          message={t('emergency.overdue')}
          description={
            <ul style={{ margin: 0 }}>
              {r.findings.map((f) => (
                <li key={`${f.rule}${f.dueOn}`}>
                  <b>{v(f.rule)}</b>: {f.message} ({t('emergency.dueOn')} {f.dueOn})
                </li>
              ))}
            </ul>
          }
        />
      )}
      {section(
        'drill',
        <Table<R['drills'][number]>
          size="small"
          rowKey="id"
          loading={q.isLoading}
          dataSource={r?.drills ?? []}
          pagination={false}
          data-testid="drill-table"
          columns={[
            date(t('emergency.drilledOn'), 'drilledOn'),
            {
              title: t('emergency.drillKind'),
              dataIndex: 'kind',
              width: 160,
              render: (k: string) => v(k),
            },
            { title: t('emergency.participants'), dataIndex: 'participants', width: 90 },
            { title: t('emergency.drillFindings'), dataIndex: 'findings' },
            { title: t('emergency.filedBy'), dataIndex: 'filedBy', width: 120 },
          ]}
        />,
      )}
      {section(
        'plan',
        <Table<R['plans'][number]>
          size="small"
          rowKey="id"
          dataSource={r?.plans ?? []}
          pagination={false}
          columns={[
            { title: t('emergency.planTitle'), dataIndex: 'title' },
            date(t('emergency.revisedOn'), 'revisedOn'),
          ]}
        />,
      )}
      {section(
        'rescue',
        <Table<R['agreements'][number]>
          size="small"
          rowKey="id"
          dataSource={r?.agreements ?? []}
          pagination={false}
          columns={[
            { title: t('emergency.teamName'), dataIndex: 'teamName' },
            {
              title: t('emergency.rescueKind'),
              dataIndex: 'kind',
              width: 140,
              render: (k: string) => v(k),
            },
            date(t('emergency.signedOn'), 'signedOn'),
            date(t('emergency.validUntil'), 'validUntil'),
            {
              title: t('emergency.inForce'),
              dataIndex: 'inForce',
              width: 90,
              render: (x: boolean) => <Yes ok={x} as="yes" />,
            },
          ]}
        />,
      )}
      {section(
        'training',
        <Table<R['hours']['people'][number]>
          size="small"
          rowKey="personId"
          dataSource={r?.hours.people ?? []}
          pagination={false}
          columns={[
            { title: t('emergency.person'), dataIndex: 'name' },
            { title: t('emergency.hoursThisYear'), dataIndex: 'thisYear', width: 120 },
            {
              title: `${t('emergency.hoursLastYear')} (≥ ${r?.hours.required ?? ''})`,
              dataIndex: 'lastYear',
              width: 160,
              render: (h: number) => (
                <>
                  {h} <Yes ok={h >= (r?.hours.required ?? 0)} />
                </>
              ),
            },
          ]}
        />,
      )}
      {section(
        'selfRescue',
        <Table<R['practices'][number]>
          size="small"
          rowKey="id"
          dataSource={r?.practices ?? []}
          pagination={false}
          columns={[
            date(t('emergency.practisedOn'), 'practisedOn'),
            {
              title: t('emergency.results'),
              dataIndex: 'results',
              render: (rs: R['practices'][number]['results'], row) =>
                rs.map((x) => (
                  <Tag key={x.personId} color={x.passed ? 'green' : 'red'}>
                    {x.name} {x.seconds}s {t(x.passed ? 'emergency.pass' : 'emergency.fail')} (≤
                    {row.limitSeconds}s)
                  </Tag>
                )),
            },
          ]}
        />,
      )}
      {section(
        'postCard',
        <Table<R['postCards'][number]>
          size="small"
          rowKey="id"
          dataSource={r?.postCards ?? []}
          pagination={false}
          columns={[
            { title: t('emergency.post'), dataIndex: 'post' },
            ...(
              [
                ['riskListOn', t('emergency.riskList')],
                ['dutyListOn', t('emergency.dutyList')],
                ['operationCardOn', t('emergency.operationCard')],
                ['emergencyCardOn', t('emergency.emergencyCard')],
              ] as const
            ).map(([k, title]) => ({
              title,
              dataIndex: k,
              width: 110,
              render: (d: string | null) => d ?? '—',
            })),
            {
              title: t('emergency.complete'),
              dataIndex: 'complete',
              width: 90,
              render: (x: boolean) => <Yes ok={x} as="yes" />,
            },
          ]}
        />,
      )}
      <RecordDialog
        mineId={mineId}
        kind={recording}
        people={r?.hours.people ?? []}
        onClose={() => setRecording(null)}
      />
    </div>
  );
}
