/**
 * 攻坚清单: for the chosen plan its tasks with lead and co-units, deadline, target, state and progress
 * (overdue in red), the progress reported by the responsible units with its evidence, and the 任务分解表
 * import (row-by-row report) and export; further tabs hold the region's targets board, the regional
 * risk grading and the periodic reports.
 */
import { useEffect, useState } from 'react';
import {
  App,
  Button,
  Empty,
  Form,
  Input,
  InputNumber,
  Progress,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { actionPlansApi } from '../../../shared/action-plans.api.ts';
import type { WorkTaskResponse } from '../../../shared/action-plans.schemas.ts';
import { ApiError, call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { usePageTitle } from '../../app/title.ts';
import { StepDialog } from '../../components/StepDialog.tsx';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { useRegion, useRegionName } from '../../app/region.tsx';
import { RegionalRiskTab } from './RegionalRiskTab.tsx';
import { PeriodicReportsTab } from './PeriodicReportsTab.tsx';
import { TargetBoard } from './TargetBoard.tsx';
import { TaskProgress } from './TaskProgress.tsx';
import { planLabel } from './targets.ts';

/**
 * Why the task list is empty: the unit's region has no plan of its own and no plan above gives the unit
 * a task; and who can change that.
 */
function NoPlans() {
  const { t } = useI18n();
  const { can, me } = useSession();
  const regionName = useRegionName();
  const root = me?.scope.kind === 'region' ? me.scope.regionCode : undefined;
  return (
    <Empty
      data-testid="no-plans"
      description={
        <>
          <Typography.Paragraph strong>
            {t('plans.noPlans', { region: root ? regionName(root) : t('plans.nationwide') })}
          </Typography.Paragraph>
          <Typography.Paragraph>{t('plans.noPlansWhy')}</Typography.Paragraph>
          <Typography.Paragraph type="secondary">
            {can('plans.manage') ? t('plans.noPlansManage') : t('plans.noPlansAsk')}
          </Typography.Paragraph>
        </>
      }
    />
  );
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
    queryFn: () => call(actionPlansApi.listPlans),
  });
  // A notification of an overdue task links here with ?task=<id>: its plan is chosen and its row opened.
  const linkedTask = params.get('task');
  const task = useQuery({
    queryKey: ['work-task', linkedTask],
    enabled: Boolean(linkedTask),
    queryFn: () => call(actionPlansApi.getTask, { params: { id: linkedTask ?? '' } }),
  });
  const planId = chosen ?? task.data?.planId ?? plans.data?.[0]?.id;
  const plan = useQuery({
    queryKey: ['work-plan', planId],
    enabled: Boolean(planId),
    queryFn: () => call(actionPlansApi.getPlan, { params: { id: planId ?? '' } }),
  });
  const linkedShown = Boolean(linkedTask && plan.data?.tasks.some((x) => x.id === linkedTask));
  useEffect(() => {
    if (linkedShown) {
      document.querySelector('.row-linked')?.scrollIntoView({ block: 'center' });
    }
  }, [linkedShown]);
  if (plans.error || plan.error) {
    return <QueryError error={plans.error ?? plan.error} />;
  }
  const owns = can('plans.manage') && plan.data?.organisationId === me?.organisationId;
  return (
    <div>
      <div className="page-header">
        <h1>{t('nav.plans')}</h1>
        <Space wrap>
          {plans.data?.length !== 0 && (
            <Select
              style={{ minWidth: 280 }}
              value={planId}
              onChange={setChosen}
              options={(plans.data ?? []).map((p) => ({
                value: p.id,
                label: planLabel(p),
              }))}
              aria-label={t('nav.plans')}
              data-testid="plan-select"
            />
          )}
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
              accept=".csv,.xlsx"
              showUploadList={false}
              customRequest={({ file, onSuccess, onError }) => {
                const body = new FormData();
                body.append('file', file);
                call(actionPlansApi.importTasks, { params: { id: planId }, body }).then(
                  (result) => onSuccess?.(result),
                  (e: unknown) => onError?.(e instanceof Error ? e : new Error(String(e)), e),
                );
              }}
              onChange={(info) => {
                if (info.file.status === 'done') {
                  void qc.invalidateQueries();
                  void message.success(t('common.saved'));
                } else if (info.file.status === 'error') {
                  const e: unknown = info.file.response;
                  modal.error({
                    title: e instanceof ApiError ? e.message : info.file.name,
                    content: (
                      <ul data-testid="import-errors">
                        {(e instanceof ApiError ? e.details : []).map((d, i) => (
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
            children:
              plans.data?.length === 0 ? (
                <NoPlans />
              ) : (
                <Table<WorkTaskResponse>
                  size="small"
                  rowKey="id"
                  loading={plan.isLoading}
                  dataSource={plan.data?.tasks ?? []}
                  pagination={{ pageSize: 50 }}
                  scroll={{ x: 1000 }}
                  expandable={{
                    expandedRowRender: (task) => <TaskProgress taskId={task.id} />,
                    rowExpandable: () => true,
                    defaultExpandedRowKeys: linkedTask ? [linkedTask] : [],
                  }}
                  rowClassName={(row) => (row.id === linkedTask ? 'row-linked' : '')}
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
                    ...(can('plans.progress')
                      ? [
                          {
                            title: '',
                            key: 'progress',
                            width: 90,
                            render: (_: unknown, task: WorkTaskResponse) => (
                              <Button size="small" onClick={() => setDialog(task.id)}>
                                {t('plans.reportProgress')}
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
            label: t('plans.tabPeriodicReports'),
            children: <PeriodicReportsTab region={region} />,
          },
        ]}
      />
      <StepDialog
        form={form}
        send={
          dialog
            ? (body) => call(actionPlansApi.reportProgress, { params: { id: dialog }, body })
            : null
        }
        title={t('plans.reportProgress')}
        onClose={() => setDialog(null)}
      >
        <Form.Item name="text" label={t('plans.progressText')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="percent" label={t('plans.percent')} rules={[{ required: true }]}>
          <InputNumber min={0} max={100} />
        </Form.Item>
      </StepDialog>
    </div>
  );
}
