/**
 * 攻坚清单: for the chosen plan its tasks with lead and co-units, deadline, target, state and progress
 * (overdue in red), progress reports by the responsible units with their evidence, and the 任务分解表
 * import (row-by-row report) and export; further tabs hold the region's targets board, the regional
 * risk grading and the periodic reports.
 */
import { useState } from 'react';
import {
  App,
  Button,
  Form,
  Input,
  InputNumber,
  Progress,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Upload,
} from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { usePageTitle } from '../../app/title.ts';
import { StepDialog } from '../../components/StepDialog.tsx';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { useRegion } from '../../app/region.tsx';
import { RegionalRiskTab } from './RegionalRiskTab.tsx';
import { ReportsTab } from './ReportsTab.tsx';
import { TargetBoard } from './TargetBoard.tsx';
import { TaskReports } from './TaskReports.tsx';

interface PlanRow {
  id: string;
  title: string;
  fromYear: number;
  toYear: number;
  organisationId: string;
}
interface Task {
  id: string;
  number: string;
  content: string;
  leadUnitName: string;
  coUnitNames: string[];
  deadline: string | null;
  target: string;
  kind: string;
  state: string;
  percent: number;
  overdue: boolean;
}
interface Plan extends PlanRow {
  source: string;
  tasks: Task[];
}

export function PlansPage() {
  const { t } = useI18n();
  const { can, me } = useSession();
  const { region } = useRegion();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  usePageTitle(t('nav.plans'));
  const [params, setParams] = useSearchParams();
  const [chosen, setChosen] = useState<string | undefined>();
  const [dialog, setDialog] = useState<string | null>(null);
  const [form] = Form.useForm<Record<string, unknown>>();
  const plans = useQuery({
    queryKey: ['work-plans'],
    queryFn: () => api<PlanRow[]>('GET', '/api/work-plans'),
  });
  const planId = chosen ?? plans.data?.[0]?.id;
  const plan = useQuery({
    queryKey: ['work-plan', planId],
    enabled: Boolean(planId),
    queryFn: () => api<Plan>('GET', `/api/work-plans/${planId ?? ''}`),
  });
  if (plans.error || plan.error) {
    return <QueryError error={plans.error ?? plan.error} />;
  }
  const owns = can('plans.manage') && plan.data?.organisationId === me?.organisationId;
  return (
    <div>
      <div className="page-header">
        <h1>{t('nav.plans')}</h1>
        <Space wrap>
          <Select
            style={{ minWidth: 280 }}
            value={planId}
            onChange={setChosen}
            options={(plans.data ?? []).map((p) => ({
              value: p.id,
              label: `${p.title} (${p.fromYear}–${p.toYear})`,
            }))}
            aria-label={t('nav.plans')}
            data-testid="plan-select"
          />
          {planId && (
            <Button
              icon={<DownloadOutlined />}
              href={`/api/work-plans/${planId}/tasks/export?format=xlsx`}
            >
              {t('common.export')}
            </Button>
          )}
          {owns && planId && (
            <Upload
              name="file"
              action={`/api/work-plans/${planId}/tasks/import`}
              accept=".csv,.xlsx"
              showUploadList={false}
              withCredentials
              onChange={(info) => {
                if (info.file.status === 'done') {
                  void qc.invalidateQueries();
                  void message.success(t('common.saved'));
                } else if (info.file.status === 'error') {
                  const body = info.file.response as
                    | {
                        message?: string;
                        details?: { row?: number; path: string; message: string }[];
                      }
                    | undefined;
                  modal.error({
                    title: body?.message ?? info.file.name,
                    content: (
                      <ul data-testid="import-errors">
                        {(body?.details ?? []).map((d, i) => (
                          <li key={i}>
                            {d.row ? `第${d.row}行 ` : ''}
                            {d.path}: {d.message}
                          </li>
                        ))}
                      </ul>
                    ),
                  });
                }
              }}
            >
              <Button icon={<UploadOutlined />}>{t('common.import')}</Button>
            </Upload>
          )}
        </Space>
      </div>
      <Tabs
        activeKey={params.get('tab') ?? 'tasks'}
        onChange={(key) => setParams({ tab: key })}
        destroyOnHidden
        items={[
          {
            key: 'tasks',
            label: t('plans.tabTasks'),
            children: (
              <Table<Task>
                size="small"
                rowKey="id"
                loading={plan.isLoading}
                dataSource={plan.data?.tasks ?? []}
                pagination={{ pageSize: 50 }}
                scroll={{ x: 1000 }}
                expandable={{
                  expandedRowRender: (task) => <TaskReports taskId={task.id} />,
                  rowExpandable: () => true,
                }}
                data-testid="task-table"
                columns={[
                  { title: t('plans.number'), dataIndex: 'number', width: 70 },
                  { title: t('plans.content'), dataIndex: 'content' },
                  { title: t('plans.leadUnit'), dataIndex: 'leadUnitName', width: 160 },
                  {
                    title: t('plans.coUnits'),
                    dataIndex: 'coUnitNames',
                    width: 160,
                    render: (n: string[]) => n.join('、'),
                  },
                  {
                    title: t('plans.deadline'),
                    dataIndex: 'deadline',
                    width: 110,
                    render: (d: string | null, task) =>
                      task.overdue ? <Tag color="red">{d}</Tag> : (d ?? task.kind),
                  },
                  { title: t('plans.target'), dataIndex: 'target', width: 180 },
                  {
                    title: t('plans.progress'),
                    dataIndex: 'percent',
                    width: 160,
                    render: (p: number, task) => (
                      <Space direction="vertical" size={0} style={{ width: '100%' }}>
                        <Progress
                          percent={p}
                          size="small"
                          status={task.overdue ? 'exception' : undefined}
                        />
                        <span>{task.state}</span>
                      </Space>
                    ),
                  },
                  ...(can('plans.report')
                    ? [
                        {
                          title: '',
                          key: 'report',
                          width: 90,
                          render: (_: unknown, task: Task) => (
                            <Button size="small" onClick={() => setDialog(task.id)}>
                              {t('plans.report')}
                            </Button>
                          ),
                        },
                      ]
                    : []),
                ]}
              />
            ),
          },
          {
            key: 'targets',
            label: t('plans.tabTargets'),
            children: <TargetBoard region={region} />,
          },
          {
            key: 'risk',
            label: t('plans.tabRisk'),
            children: <RegionalRiskTab region={region} />,
          },
          {
            key: 'reports',
            label: t('plans.tabReports'),
            children: <ReportsTab region={region} />,
          },
        ]}
      />
      <StepDialog
        form={form}
        url={dialog ? `/api/work-tasks/${dialog}/reports` : null}
        title={t('plans.report')}
        onClose={() => setDialog(null)}
      >
        <Form.Item name="text" label={t('plans.reportText')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="percent" label={t('plans.percent')} rules={[{ required: true }]}>
          <InputNumber min={0} max={100} />
        </Form.Item>
      </StepDialog>
    </div>
  );
}
