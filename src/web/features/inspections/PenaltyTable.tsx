/**
 * Penalties of the region (一案双罚: a case where only one of the enterprise and its principal person
 * was penalised is marked), with payment and revocation for those who decide penalties.
 */
import { useState } from 'react';
import { App, Button, DatePicker, Form, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { inspectionsApi } from '../../../shared/inspections.api.ts';
import {
  PenaltyStatus,
  penaltyStatuses,
  penaltyTargets,
} from '../../../shared/inspections.enums.ts';
import type {
  PenaltyResponse as Penalty,
  PenaltyUpdateInput,
} from '../../../shared/inspections.schemas.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { reportFormError } from '../../components/formError.ts';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { FilterBar, useUrlFilters, type FilterField } from '../../components/FilterBar.tsx';
import { outsideWindow } from '../../components/dateWindow.ts';
import { DateWindows } from '../../../shared/date-windows.ts';

export function PenaltyTable({ region }: { region: string | undefined }) {
  const { t, v } = useI18n();
  const { can } = useSession();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<{ paidOn: Dayjs }>();
  const [paying, setPaying] = useState<Penalty | null>(null);
  const fields: FilterField[] = [
    { kind: 'search', key: 'q', label: t('common.searchPenalty') },
    {
      kind: 'select',
      key: 'status',
      label: t('enforcement.status'),
      options: penaltyStatuses.map((x) => ({ value: x, label: v(x) })),
    },
    {
      kind: 'select',
      key: 'target',
      label: t('enforcement.target'),
      options: penaltyTargets.map((x) => ({ value: x, label: v(x) })),
    },
    { kind: 'dates', label: t('enforcement.decidedOn') },
  ];
  const filters = useUrlFilters(fields);
  const query = { region, ...filters.query };
  const { data, error, isLoading } = useQuery({
    queryKey: ['penalties', query],
    queryFn: () => call(inspectionsApi.listPenalties, { query }),
  });
  if (error) {
    return <QueryError error={error} />;
  }
  const change = async (p: Penalty, body: Omit<PenaltyUpdateInput, 'version'>) => {
    try {
      await call(inspectionsApi.updatePenalty, {
        params: { id: p.id },
        body: { ...body, version: p.version },
      });
      await qc.invalidateQueries();
      void message.success(t('common.saved'));
      setPaying(null);
    } catch (e) {
      reportFormError(form, e, (text) => void message.error(text));
    }
  };
  return (
    <>
      <FilterBar
        fields={fields}
        filters={filters}
        exportPath="/api/penalties/export"
        exportQuery={{ region }}
      />
      <Table<Penalty>
        size="small"
        rowKey="id"
        loading={isLoading}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 50 }}
        scroll={{ x: 900 }}
        columns={[
          { title: t('enforcement.decidedOn'), dataIndex: 'decidedOn', width: 110 },
          {
            title: t('enforcement.mine'),
            dataIndex: 'mineName',
            render: (n: string, p) => <Link to={`/inspections/${p.inspectionId}`}>{n}</Link>,
          },
          { title: t('enforcement.target'), dataIndex: 'target', render: (x: string) => v(x) },
          { title: t('enforcement.partyName'), dataIndex: 'partyName' },
          {
            title: t('enforcement.amount'),
            dataIndex: 'amountYuan',
            align: 'right',
            render: (n: number) => n.toLocaleString(),
          },
          { title: t('enforcement.status'), dataIndex: 'status', render: (s: string) => v(s) },
          {
            title: t('enforcement.doublePenalty'),
            dataIndex: 'doublePenalty',
            render: (d: boolean) =>
              d ? (
                <Tag color="green">{t('enforcement.doublePenalty')}</Tag>
              ) : (
                <Tag color="orange">{t('enforcement.onlyOneParty')}</Tag>
              ),
          },
          ...(can('inspections.penalty')
            ? [
                {
                  title: '',
                  key: 'actions',
                  render: (_: unknown, p: Penalty) =>
                    p.status === PenaltyStatus.Decided && (
                      <Space>
                        <Button size="small" onClick={() => setPaying(p)}>
                          {t('enforcement.recordPayment')}
                        </Button>
                        <Button
                          size="small"
                          danger
                          onClick={() =>
                            void modal.confirm({
                              title: t('enforcement.revoke'),
                              onOk: () => change(p, { status: PenaltyStatus.Revoked }),
                            })
                          }
                        >
                          {t('enforcement.revoke')}
                        </Button>
                      </Space>
                    ),
                },
              ]
            : []),
        ]}
      />
      {paying && (
        <Form form={form} layout="inline" style={{ marginTop: 12 }}>
          <Form.Item name="paidOn" label={t('enforcement.paidOn')} rules={[{ required: true }]}>
            <DatePicker disabledDate={outsideWindow(DateWindows.happened)} />
          </Form.Item>
          <Button
            type="primary"
            onClick={() =>
              void form.validateFields().then((f) =>
                change(paying, {
                  status: PenaltyStatus.Paid,
                  paidOn: f.paidOn.format('YYYY-MM-DD'),
                }),
              )
            }
          >
            {t('enforcement.recordPayment')}: {paying.partyName}
          </Button>
        </Form>
      )}
    </>
  );
}
