/**
 * 定期报告: the archived 周调度、月总结、季通报、年度总结 and 三年评估 of the regions the caller may see,
 * each downloadable as PDF or xlsx, and a button that makes this period's report now.
 */
import { useState } from 'react';
import { App, Button, Select, Space, Table, Tag } from 'antd';
import { FilePdfOutlined, FileExcelOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { actionPlansApi } from '../../../shared/action-plans.api.ts';
import type { PeriodicReportResponse } from '../../../shared/action-plans.schemas.ts';
import {
  periodicReportKinds,
  type PeriodicReportKind,
} from '../../../shared/periodic-report.periods.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useRegionName } from '../../app/region.tsx';
import { QueryError } from '../../layout/ErrorPage.tsx';

export function PeriodicReportsTab({ region }: { region: string | undefined }) {
  const { t, v, formatDateTime } = useI18n();
  const regionName = useRegionName();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [kind, setKind] = useState<PeriodicReportKind>('月总结');
  const [busy, setBusy] = useState(false);
  const { data, error, isLoading } = useQuery({
    queryKey: ['periodic-reports', region],
    queryFn: () => call(actionPlansApi.listPeriodicReports, { query: { region } }),
  });
  if (error) {
    return <QueryError error={error} />;
  }
  const generate = async () => {
    setBusy(true);
    try {
      await call(actionPlansApi.generatePeriodicReport, {
        body: { kind, ...(region ? { region } : {}) },
      });
      await qc.invalidateQueries({ queryKey: ['periodic-reports'] });
      void message.success(t('common.saved'));
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div data-testid="plan-reports">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<PeriodicReportKind>
          style={{ minWidth: 200 }}
          value={kind}
          onChange={setKind}
          options={periodicReportKinds.map((k) => ({ value: k, label: v(k) }))}
          aria-label={t('plans.kind')}
          data-testid="report-kind"
        />
        <Button type="primary" loading={busy} onClick={() => void generate()}>
          {t('plans.generate')}
        </Button>
      </Space>
      <Table<PeriodicReportResponse>
        size="small"
        rowKey="id"
        loading={isLoading}
        dataSource={data ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('plans.kind'), dataIndex: 'kind', width: 140, render: (k: string) => v(k) },
          {
            title: t('plans.region'),
            dataIndex: 'regionCode',
            width: 110,
            render: (code: string) => regionName(code),
          },
          {
            title: t('plans.period'),
            key: 'period',
            width: 210,
            render: (_: unknown, r) => `${r.periodStart} — ${r.periodEnd}`,
          },
          { title: t('plans.tabPeriodicReports'), dataIndex: 'title' },
          {
            title: t('plans.trigger'),
            dataIndex: 'trigger',
            width: 100,
            render: (x: string) => <Tag>{v(x)}</Tag>,
          },
          {
            title: t('plans.generatedAt'),
            dataIndex: 'generatedAt',
            width: 160,
            render: (x: string) => formatDateTime(x),
          },
          {
            title: '',
            key: 'files',
            width: 170,
            render: (_: unknown, r) => (
              <Space>
                <Button
                  size="small"
                  icon={<FilePdfOutlined />}
                  href={`/api/periodic-reports/${r.id}/file?format=pdf`}
                  data-testid={`report-pdf-${r.kind}`}
                >
                  PDF
                </Button>
                <Button
                  size="small"
                  icon={<FileExcelOutlined />}
                  href={`/api/periodic-reports/${r.id}/file?format=xlsx`}
                >
                  xlsx
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </div>
  );
}
