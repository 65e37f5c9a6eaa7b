/**
 * 监管预警 (issue 24): the warnings and orders sent to the mines of the caller's jurisdiction, newest first,
 * with how many mines acknowledged, responded and escalated; a regulator issues a new one here (to a
 * region within its jurisdiction, optionally only some mine kinds).
 */
import { useMemo, useState } from 'react';
import { Button, Checkbox, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { mineKinds } from '../../../shared/registry.enums.ts';
import { warningsApi } from '../../../shared/warnings.api.ts';
import {
  WarningValidation,
  warningKinds,
  type WarningDetailResponse,
  type WarningResponse,
} from '../../../shared/warnings.schemas.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { selectableRegions, useRegion } from '../../app/region.tsx';
import { useSession } from '../../app/session.tsx';
import { usePageTitle } from '../../app/title.ts';
import { StepDialog } from '../../components/StepDialog.tsx';
import { QueryError } from '../../layout/ErrorPage.tsx';

/** The issue form: kind, title, text, region of the jurisdiction, mine kinds. */
function IssueDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, v } = useI18n();
  const { me } = useSession();
  const { regions } = useRegion();
  const navigate = useNavigate();
  const [form] = Form.useForm<Record<string, unknown>>();
  const root = me?.scope.kind === 'region' ? me.scope.regionCode : undefined;
  const options = useMemo(() => {
    const allowed = selectableRegions(regions, root);
    return regions
      .filter((r) => allowed.has(r.code))
      .map((r) => ({ value: r.code, label: r.name }));
  }, [regions, root]);
  return (
    <StepDialog
      form={form}
      send={
        open
          ? async (body) => {
              const w: WarningDetailResponse = await call(warningsApi.issue, {
                body,
              });
              void navigate(`/warnings/${w.id}`);
              return w;
            }
          : null
      }
      title={t('warnings.issueTitle')}
      toBody={(values) => {
        const kinds = values.mineKinds as string[] | undefined;
        return { ...values, mineKinds: kinds && kinds.length ? kinds : undefined };
      }}
      initialValues={{ kind: '暴雨', regionCode: root }}
      onClose={onClose}
    >
      <Form.Item name="kind" label={t('warnings.kind')} rules={[{ required: true }]}>
        <Select
          data-testid="warning-kind"
          options={warningKinds.map((k) => ({ value: k, label: v(k) }))}
        />
      </Form.Item>
      <Form.Item
        name="title"
        label={t('warnings.headline')}
        rules={[{ required: true, max: WarningValidation.titleMax }]}
      >
        <Input data-testid="warning-title" />
      </Form.Item>
      <Form.Item
        name="content"
        label={t('warnings.content')}
        rules={[{ required: true, max: WarningValidation.textMax }]}
      >
        <Input.TextArea rows={4} data-testid="warning-content" />
      </Form.Item>
      <Form.Item name="regionCode" label={t('warnings.region')} rules={[{ required: true }]}>
        <Select
          showSearch
          optionFilterProp="label"
          options={options}
          data-testid="warning-region"
        />
      </Form.Item>
      <Form.Item
        name="mineKinds"
        label={t('warnings.mineKinds')}
        extra={t('warnings.mineKindsAll')}
      >
        <Checkbox.Group options={mineKinds.map((k) => ({ value: k, label: v(k) }))} />
      </Form.Item>
    </StepDialog>
  );
}

export function WarningsPage() {
  const { t, v, formatDateTime } = useI18n();
  const { can } = useSession();
  usePageTitle(t('warnings.title'));
  const [params, setParams] = useSearchParams();
  const open = params.get('open') === 'true';
  const [issuing, setIssuing] = useState(false);
  const { region } = useRegion();
  const { data, error, isLoading } = useQuery({
    queryKey: ['warnings', open, region],
    queryFn: () =>
      call(warningsApi.list, {
        query: { ...(open ? { open: 'true' } : {}), ...(region ? { region } : {}) },
      }),
  });
  if (error) {
    return <QueryError error={error} />;
  }
  return (
    <div>
      <Space style={{ marginBottom: 12 }} wrap>
        <h2 style={{ margin: 0 }}>{t('warnings.title')}</h2>
        {can('warnings.issue') && (
          <Button
            type="primary"
            danger
            onClick={() => setIssuing(true)}
            data-testid="warning-issue"
          >
            {t('warnings.issue')}
          </Button>
        )}
        <Checkbox
          checked={open}
          onChange={(e) => setParams(e.target.checked ? { open: 'true' } : {})}
        >
          {t('warnings.openOnly')}
        </Checkbox>
      </Space>
      <Table<WarningResponse>
        size="small"
        rowKey="id"
        loading={isLoading}
        dataSource={data ?? []}
        pagination={false}
        locale={{ emptyText: t('warnings.none') }}
        scroll={{ x: 900 }}
        data-testid="warning-list"
        columns={[
          {
            title: t('warnings.issuedAt'),
            dataIndex: 'issuedAt',
            render: (at: string) => formatDateTime(at),
          },
          {
            title: t('warnings.kind'),
            dataIndex: 'kind',
            render: (k: string) => <Tag color="red">{v(k)}</Tag>,
          },
          {
            title: t('warnings.headline'),
            render: (_: unknown, w) => <Link to={`/warnings/${w.id}`}>{w.title}</Link>,
          },
          { title: t('warnings.issuingUnit'), dataIndex: 'issuingUnit' },
          { title: t('warnings.mines'), dataIndex: 'mines' },
          { title: t('warnings.acknowledged'), dataIndex: 'acknowledged' },
          { title: t('warnings.responded'), dataIndex: 'responded' },
          {
            title: t('warnings.escalated'),
            dataIndex: 'escalated',
            render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : n),
          },
        ]}
      />
      <IssueDialog open={issuing} onClose={() => setIssuing(false)} />
    </div>
  );
}
