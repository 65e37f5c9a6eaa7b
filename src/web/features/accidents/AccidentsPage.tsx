/**
 * 事故: the accidents of the region (or the enterprise's mines) with their grade, a form to report one
 * (the grade, the forced 停产整顿 and the 约谈 follow from the figures on the server), a drawer with
 * the reporting chain (迟报 and 逾期未报 in red) and the 约谈, and statistics by year, kind and region.
 */
import { useMemo, useState } from 'react';
import {
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { accidentGrades, accidentKinds } from '../../../shared/accidents.ts';
import { accountabilityApi } from '../../../shared/accountability.api.ts';
import type { AccidentSummaryResponse } from '../../../shared/accountability.schemas.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useRegion } from '../../app/region.tsx';
import { useSession } from '../../app/session.tsx';
import { usePageTitle } from '../../app/title.ts';
import { StepDialog } from '../../components/StepDialog.tsx';
import { FilterBar, useUrlFilters, type FilterField } from '../../components/FilterBar.tsx';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { useMinePicker } from '../hazards/pickers.ts';
import { AccidentDrawer, gradeColors } from './AccidentDrawer.tsx';
import { AccidentStats } from './AccidentStats.tsx';
import { outsideWindow } from '../../components/dateWindow.ts';
import { DateWindows } from '../../../shared/date-windows.ts';

export function AccidentsPage() {
  const { t, v, formatDateTime } = useI18n();
  const { region } = useRegion();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  usePageTitle(t('nav.accidents'));
  // ?open=<id> opens an accident's drawer (the link from a 举报 that became it).
  const [open, setOpen] = useState<string | null>(params.get('open'));
  const [reporting, setReporting] = useState(false);
  const [form] = Form.useForm<Record<string, unknown>>();
  const mineId = Form.useWatch('mineId', form) as string | undefined;
  const picker = useMinePicker(mineId);
  const kinds = useMemo(() => accidentKinds.map((k) => ({ value: k, label: v(k) })), [v]);
  const thisYear = new Date().getFullYear();
  const fields: FilterField[] = [
    { kind: 'search', key: 'q', label: t('common.searchAccident') },
    {
      kind: 'select',
      key: 'year',
      label: t('accidents.year'),
      width: 100,
      options: Array.from({ length: 10 }, (_, i) => String(thisYear - i)).map((y) => ({
        value: y,
        label: y,
      })),
    },
    { kind: 'select', key: 'kind', label: t('accidents.kind'), options: kinds, width: 130 },
    {
      kind: 'select',
      key: 'grade',
      label: t('accidents.grade'),
      options: accidentGrades.map((g) => ({ value: g, label: v(g) })),
      width: 130,
    },
  ];
  const filters = useUrlFilters(fields);
  const query = { region, ...filters.query };
  const { data, error, isLoading } = useQuery({
    queryKey: ['accidents', query],
    queryFn: () => call(accountabilityApi.accidents, { query }),
  });
  if (error) {
    return <QueryError error={error} />;
  }
  return (
    <div>
      <div className="page-header">
        <h1>{t('nav.accidents')}</h1>
        {can('accidents.report') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setReporting(true)}
            data-testid="report-accident"
          >
            {t('accidents.report')}
          </Button>
        )}
      </div>
      <Tabs
        activeKey={params.get('tab') ?? 'list'}
        onChange={(key) => {
          const next = new URLSearchParams(params);
          next.set('tab', key);
          setParams(next);
        }}
        destroyOnHidden
        items={[
          {
            key: 'list',
            label: t('accidents.tabList'),
            children: (
              <>
                <FilterBar
                  fields={fields}
                  filters={filters}
                  exportPath="/api/accidents/export"
                  exportQuery={{ region }}
                />
                <Table<AccidentSummaryResponse>
                  size="small"
                  rowKey="id"
                  loading={isLoading}
                  dataSource={data ?? []}
                  pagination={{ pageSize: 50 }}
                  data-testid="accident-table"
                  onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
                  columns={[
                    {
                      title: t('accidents.occurredAt'),
                      dataIndex: 'occurredAt',
                      width: 170,
                      render: (x: string) => formatDateTime(x),
                    },
                    { title: t('accidents.mine'), dataIndex: 'mineName' },
                    {
                      title: t('accidents.kind'),
                      dataIndex: 'kind',
                      width: 110,
                      render: (k: string) => v(k),
                    },
                    {
                      title: t('accidents.grade'),
                      dataIndex: 'grade',
                      width: 100,
                      render: (g: string) => <Tag color={gradeColors[g]}>{v(g)}</Tag>,
                    },
                    { title: t('accidents.deaths'), dataIndex: 'deaths', width: 80 },
                    { title: t('accidents.injuries'), dataIndex: 'seriousInjuries', width: 80 },
                    {
                      title: t('accidents.loss'),
                      dataIndex: 'directLossYuan',
                      width: 140,
                      render: (n: number) => n.toLocaleString(),
                    },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'stats',
            label: t('accidents.tabStats'),
            children: <AccidentStats region={region} />,
          },
        ]}
      />
      <AccidentDrawer id={open} onClose={() => setOpen(null)} />
      <StepDialog
        form={form}
        send={reporting ? (body) => call(accountabilityApi.reportAccident, { body }) : null}
        title={t('accidents.report')}
        onClose={() => setReporting(false)}
        initialValues={{ deaths: 0, seriousInjuries: 0, directLossYuan: 0 }}
        toBody={(values) => ({
          ...values,
          occurredAt: (values.occurredAt as Dayjs).toISOString(),
        })}
      >
        <Form.Item name="mineId" label={t('accidents.mine')} rules={[{ required: true }]}>
          <Select
            showSearch
            filterOption={false}
            onSearch={picker.onSearch}
            options={picker.options}
            data-testid="accident-mine"
          />
        </Form.Item>
        <Form.Item name="occurredAt" label={t('accidents.occurredAt')} rules={[{ required: true }]}>
          <DatePicker disabledDate={outsideWindow(DateWindows.happened)} showTime />
        </Form.Item>
        <Space wrap>
          <Form.Item name="kind" label={t('accidents.kind')} rules={[{ required: true }]}>
            <Select style={{ width: 160 }} options={kinds} data-testid="accident-kind" />
          </Form.Item>
          <Form.Item name="deaths" label={t('accidents.deaths')} rules={[{ required: true }]}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
          <Form.Item
            name="seriousInjuries"
            label={t('accidents.injuries')}
            rules={[{ required: true }]}
          >
            <InputNumber min={0} precision={0} />
          </Form.Item>
          <Form.Item name="directLossYuan" label={t('accidents.loss')} rules={[{ required: true }]}>
            <InputNumber min={0} style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.Item name="place" label={t('accidents.place')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('accidents.description')}
          rules={[{ required: true }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </StepDialog>
    </div>
  );
}
