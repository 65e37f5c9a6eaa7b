/**
 * Monthly self-inspection (月度隐患自查, 《2024年矿山安全生产工作要点》第19条): for the chosen month, who has not filed
 * (overdue once the due day has passed), the reports filed, and — for enterprise users — the form
 * to file one, signed by the mine's registered 主要负责人, with the hazards found or a 零报告.
 */
import { useState } from 'react';
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
} from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { hazardsApi } from '../../../shared/hazards.api.ts';
import { minesApi } from '../../../shared/registry.api.ts';
import { periodFirstDay, quarterOf } from '../../../shared/inspection-periods.ts';
import { call, type ResponseOf } from '../../app/api.ts';
import { reportFormError, validValues } from '../../components/formError.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useRegion } from '../../app/region.tsx';
import { useSession } from '../../app/session.tsx';
import { usePageTitle } from '../../app/title.ts';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { outsideWindow } from '../../components/dateWindow.ts';
import { DateWindows } from '../../../shared/date-windows.ts';

type Missing = ResponseOf<typeof hazardsApi.missingSelfInspections>[number];
type Filed = ResponseOf<typeof hazardsApi.selfInspections>[number];

/** The two periodic inspections: the mine's monthly one and its parent company's quarterly one. */
interface Kind {
  key: 'monthly' | 'quarterly';
  /** Filing one, the filed ones of a period, and the mines that have not filed. */
  api: {
    file: typeof hazardsApi.fileSelfInspection | typeof hazardsApi.fileParentInspection;
    list: typeof hazardsApi.selfInspections | typeof hazardsApi.parentInspections;
    missing: typeof hazardsApi.missingSelfInspections | typeof hazardsApi.missingParentInspections;
  };
  /** The period before the current one, and a period from a picked date. */
  initial: () => string;
  periodOf: (d: dayjs.Dayjs) => string;
  picker: 'month' | 'quarter';
}
const quarterOfDay = (d: dayjs.Dayjs) => quarterOf(d.format('YYYY-MM-DD'));
const kinds: Kind[] = [
  {
    key: 'monthly',
    api: {
      file: hazardsApi.fileSelfInspection,
      list: hazardsApi.selfInspections,
      missing: hazardsApi.missingSelfInspections,
    },
    initial: () => dayjs().subtract(1, 'month').format('YYYY-MM'),
    periodOf: (d) => d.format('YYYY-MM'),
    picker: 'month',
  },
  {
    key: 'quarterly',
    api: {
      file: hazardsApi.fileParentInspection,
      list: hazardsApi.parentInspections,
      missing: hazardsApi.missingParentInspections,
    },
    initial: () => quarterOfDay(dayjs().subtract(3, 'month')),
    periodOf: quarterOfDay,
    picker: 'quarter',
  },
];

function FileReportForm({
  kind,
  period,
  onDone,
}: {
  kind: Kind;
  period: string;
  onDone: () => void;
}) {
  const { t, v } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, unknown>>();
  const quarterly = kind.key === 'quarterly';
  const mines = useQuery({
    queryKey: ['mine-picker', 'reporting'],
    queryFn: () => call(minesApi.list, { query: { limit: 200 } }),
  });
  const submit = async () => {
    const values = await validValues(form);
    if (!values) {
      return;
    }
    try {
      const { inspectedOn, ...rest } = values as { inspectedOn?: dayjs.Dayjs };
      await call(kind.api.file, {
        body: {
          ...rest,
          ...(inspectedOn ? { inspectedOn: inspectedOn.format('YYYY-MM-DD') } : {}),
          period,
          zeroReport: Boolean(values.zeroReport),
          note: values.note || undefined,
        },
      });
      void message.success(t('common.saved'));
      form.resetFields();
      onDone();
    } catch (e) {
      reportFormError(form, e, (text) => void message.error(text));
    }
  };
  return (
    <Card
      size="small"
      title={`${t(kind.key === 'monthly' ? 'selfInspection.fileMonthly' : 'selfInspection.fileQuarterly')} · ${period}`}
      style={{ marginBottom: 16 }}
    >
      <Form form={form} layout="vertical" initialValues={{ zeroReport: true }}>
        <Space wrap align="start" size="large">
          <Form.Item name="mineId" label={t('hazard.mine')} rules={[{ required: true }]}>
            <Select
              style={{ width: 260 }}
              data-testid="report-mine"
              options={(mines.data?.items ?? []).map((m) => ({
                value: m.id,
                label: `${m.name} (${v(m.status)})`,
              }))}
            />
          </Form.Item>
          {kind.key === 'monthly' ? (
            <Form.Item
              name="signedBy"
              label={t('selfInspection.signedBy')}
              rules={[{ required: true, max: 200 }]}
            >
              <Input style={{ width: 200 }} data-testid="report-signed-by" />
            </Form.Item>
          ) : (
            <>
              <Form.Item
                name="leader"
                label={t('selfInspection.leader')}
                rules={[{ required: true, max: 200 }]}
              >
                <Input style={{ width: 200 }} />
              </Form.Item>
              <Form.Item
                name="inspectedOn"
                label={t('selfInspection.inspectedOn')}
                rules={[{ required: true }]}
              >
                <DatePicker disabledDate={outsideWindow(DateWindows.happened)} />
              </Form.Item>
              <Form.Item
                name="wentUnderground"
                label={t('selfInspection.wentUnderground')}
                valuePropName="checked"
                initialValue={false}
              >
                <Switch />
              </Form.Item>
            </>
          )}
          <Form.Item
            name="zeroReport"
            label={t(quarterly ? 'selfInspection.zeroReportQuarter' : 'selfInspection.zeroReport')}
            valuePropName="checked"
          >
            <Switch />
          </Form.Item>
        </Space>
        <Form.Item name="note" label={t('selfInspection.note')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Button type="primary" onClick={() => void submit()} data-testid="report-submit">
          {t(
            kind.key === 'monthly' ? 'selfInspection.fileMonthly' : 'selfInspection.fileQuarterly',
          )}
        </Button>
      </Form>
    </Card>
  );
}

function InspectionPanel({ kind, initialPeriod }: { kind: Kind; initialPeriod?: string }) {
  const { t, v, formatDateTime } = useI18n();
  const { region } = useRegion();
  const { me, can } = useSession();
  const qc = useQueryClient();
  const [period, setPeriod] = useState(() => initialPeriod ?? kind.initial());
  const missing = useQuery({
    queryKey: ['reports-missing', kind.key, period, region],
    queryFn: () => call(kind.api.missing, { query: { period, region } }),
  });
  const filed = useQuery({
    queryKey: ['reports', kind.key, period, region],
    queryFn: () => call(kind.api.list, { query: { period, region } }),
  });
  const error = missing.error ?? filed.error;
  if (error) {
    return <QueryError error={error} />;
  }
  const enterpriseSide = me?.scope.kind === 'enterprise' || me?.scope.kind === 'mines';
  const quarterly = kind.key === 'quarterly';
  const periodLabel = t(quarterly ? 'selfInspection.quarter' : 'selfInspection.period');
  return (
    <div>
      <Space style={{ marginBottom: 16 }}>
        {periodLabel}
        <DatePicker
          picker={kind.picker}
          allowClear={false}
          aria-label={periodLabel}
          value={dayjs(periodFirstDay(period))}
          onChange={(d: dayjs.Dayjs | null) => d && setPeriod(kind.periodOf(d))}
        />
      </Space>
      {enterpriseSide && can('hazards.report') && (
        <FileReportForm
          kind={kind}
          period={period}
          onDone={() => void qc.invalidateQueries({ queryKey: ['reports'] })}
        />
      )}
      <Card
        size="small"
        title={`${t('selfInspection.missing')} (${missing.data?.length ?? 0})`}
        style={{ marginBottom: 16 }}
      >
        <Table<Missing>
          size="small"
          rowKey="mineId"
          loading={missing.isFetching}
          dataSource={missing.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{
            emptyText: t(quarterly ? 'selfInspection.allFiledQuarter' : 'selfInspection.allFiled'),
          }}
          data-testid="reports-missing"
          columns={[
            { title: t('hazard.mine'), dataIndex: 'mineName' },
            { title: t('mine.county'), dataIndex: 'countyName' },
            { title: t('mine.status'), dataIndex: 'status', render: (s: string) => v(s) },
            { title: t('selfInspection.dueOn'), dataIndex: 'dueOn' },
            {
              title: t('selfInspection.filingState'),
              dataIndex: 'overdue',
              render: (o: boolean) =>
                o ? (
                  <Tag color="red">{t('selfInspection.overdue')}</Tag>
                ) : (
                  <Tag>{t('selfInspection.notYetDue')}</Tag>
                ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={`${t('selfInspection.filed')} (${filed.data?.length ?? 0})`}>
        <Table<Filed>
          size="small"
          rowKey="id"
          loading={filed.isFetching}
          dataSource={filed.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="reports-filed"
          columns={[
            { title: t('hazard.mine'), dataIndex: 'mineName' },
            {
              title: t(
                quarterly ? 'selfInspection.hazardCountQuarter' : 'selfInspection.hazardCount',
              ),
              dataIndex: 'hazardCount',
              render: (n: number, r) => (r.zeroReport ? <Tag color="green">零报告</Tag> : n),
            },
            { title: t('selfInspection.signedBy'), dataIndex: 'signedBy' },
            {
              title: t('selfInspection.submittedAt'),
              dataIndex: 'submittedAt',
              render: (at: string) => formatDateTime(at),
            },
            { title: t('selfInspection.note'), dataIndex: 'note' },
          ]}
        />
      </Card>
    </div>
  );
}

/** A period from the address (?tab=monthly&period=2026-10, ?tab=quarterly&period=2026-Q3), if well formed. */
const periodPatterns: Record<Kind['key'], RegExp> = {
  monthly: /^\d{4}-(0[1-9]|1[0-2])$/,
  quarterly: /^\d{4}-Q[1-4]$/,
};

export function SelfInspectionPage() {
  const { t } = useI18n();
  usePageTitle(t('selfInspection.title'));
  // A notification of a missing report links to its tab and period.
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'quarterly' ? 'quarterly' : 'monthly';
  const linked = params.get('period') ?? '';
  return (
    <div>
      <div className="page-header">
        <h1>{t('selfInspection.title')}</h1>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={kinds.map((k) => ({
          key: k.key,
          label: t(
            k.key === 'monthly' ? 'selfInspection.tabMonthly' : 'selfInspection.tabQuarterly',
          ),
          children: (
            <InspectionPanel
              kind={k}
              {...(k.key === tab && periodPatterns[k.key].test(linked)
                ? { initialPeriod: linked }
                : {})}
            />
          ),
        }))}
      />
    </div>
  );
}
