/**
 * One accident in a drawer: its figures and grade, the reporting chain with each step's deadline and
 * state (regulators record the steps), the 约谈 (regulators record them as held), and the workflow after
 * filing (AccidentWorkflow: 调查认定, 挂牌督办, 提级调查, 整改验收, 结案).
 */
import { useState } from 'react';
import {
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { noticeChannels } from '../../../shared/accidents.ts';
import { accountabilityApi } from '../../../shared/accountability.api.ts';
import type {
  AccidentResponse,
  InterviewResponse,
} from '../../../shared/accountability.schemas.ts';
import { call } from '../../app/api.ts';
import { useFormatDuration } from '../../app/duration.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { StepDialog } from '../../components/StepDialog.tsx';
import { outsideWindow } from '../../components/dateWindow.ts';
import { DateWindows } from '../../../shared/date-windows.ts';
import { AccidentWorkflow } from './AccidentWorkflow.tsx';

export const gradeColors: Record<string, string> = {
  特别重大: '#820014',
  重大: '#cf1322',
  较大: '#fa541c',
  一般: '#fa8c16',
  涉险: '#d4b106',
};
const stateColors: Record<string, string> = {
  按时: 'green',
  迟报: 'red',
  逾期未报: 'red',
  待报: 'default',
};

export function AccidentDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t, v, formatDateTime } = useI18n();
  const duration = useFormatDuration();
  const { can } = useSession();
  const [step, setStep] = useState<string | null>(null);
  const [interview, setInterview] = useState<InterviewResponse | null>(null);
  const [stepForm] = Form.useForm<Record<string, unknown>>();
  const [interviewForm] = Form.useForm<Record<string, unknown>>();
  const { data } = useQuery({
    queryKey: ['accident', id],
    enabled: Boolean(id),
    queryFn: () => call(accountabilityApi.accident, { params: { id: id ?? '' } }),
  });
  const manage = can('accidents.manage');
  return (
    <Drawer open={Boolean(id)} onClose={onClose} width={820} title={data?.mineName} destroyOnHidden>
      {data && (
        <>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('accidents.occurredAt')}>
              {formatDateTime(data.occurredAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('accidents.grade')}>
              <Tag color={gradeColors[data.grade]}>{v(data.grade)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('accidents.kind')}>{v(data.kind)}</Descriptions.Item>
            <Descriptions.Item label={t('accidents.place')}>{data.place}</Descriptions.Item>
            <Descriptions.Item label={t('accidents.deaths')}>{data.deaths}</Descriptions.Item>
            <Descriptions.Item label={t('accidents.injuries')}>
              {data.seriousInjuries}
            </Descriptions.Item>
            <Descriptions.Item label={t('accidents.loss')}>
              {data.directLossYuan.toLocaleString()}
            </Descriptions.Item>
            <Descriptions.Item label={t('accidents.reportedBy')}>
              {data.reportedBy}
            </Descriptions.Item>
            <Descriptions.Item label={t('accidents.description')} span={2}>
              {data.description}
            </Descriptions.Item>
          </Descriptions>
          <h3 style={{ marginTop: 16 }}>{t('accidents.chain')}</h3>
          <Table
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={data.chain}
            data-testid="accident-chain"
            columns={[
              { title: t('accidents.step'), dataIndex: 'label', render: (l: string) => v(l) },
              {
                title: t('accidents.due'),
                dataIndex: 'due',
                width: 160,
                render: (x: string | null) => (x ? formatDateTime(x) : '—'),
              },
              {
                title: t('accidents.reportedAt'),
                dataIndex: 'reportedAt',
                width: 160,
                render: (x: string | null) => (x ? formatDateTime(x) : '—'),
              },
              {
                title: t('accidents.state'),
                dataIndex: 'state',
                width: 140,
                render: (s: string, r) => (
                  <Tag color={stateColors[s]}>
                    {v(s)}
                    {r.lateMinutes > 0
                      ? ` · ${t('accidents.lateBy', { duration: duration(r.lateMinutes * 60_000) })}`
                      : ''}
                  </Tag>
                ),
              },
              ...(manage
                ? [
                    {
                      title: '',
                      key: 'record',
                      width: 90,
                      // Only the level that gives a report records it (the county also the mine's).
                      render: (_: unknown, r: AccidentResponse['chain'][number]) =>
                        r.canRecord ? (
                          <Button size="small" onClick={() => setStep(r.key)}>
                            {t('accidents.record')}
                          </Button>
                        ) : r.reportedAt || !r.recordedBy ? null : (
                          <Typography.Text type="secondary">
                            {t('accidents.recordedByLevel', { level: v(r.recordedBy) })}
                          </Typography.Text>
                        ),
                    },
                  ]
                : []),
            ]}
          />
          {data.interviews.length > 0 && (
            <>
              <h3 style={{ marginTop: 16 }}>{t('accidents.interviews')}</h3>
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={data.interviews}
                columns={[
                  {
                    title: t('accidents.party'),
                    dataIndex: 'party',
                    width: 100,
                    render: (p: string) => v(p),
                  },
                  { title: t('accidents.partyName'), dataIndex: 'partyName' },
                  {
                    title: t('accidents.state'),
                    dataIndex: 'state',
                    width: 100,
                    render: (s: string) => v(s),
                  },
                  { title: t('accidents.heldOn'), dataIndex: 'heldOn', width: 110 },
                  { title: t('accidents.note'), dataIndex: 'note' },
                  ...(manage
                    ? [
                        {
                          title: '',
                          key: 'hold',
                          width: 90,
                          render: (_: unknown, r: InterviewResponse) =>
                            r.state === '已约谈' ? null : (
                              <Button size="small" onClick={() => setInterview(r)}>
                                {t('accidents.record')}
                              </Button>
                            ),
                        },
                      ]
                    : []),
                ]}
              />
            </>
          )}
          <AccidentWorkflow accident={data} />
        </>
      )}
      <StepDialog
        form={stepForm}
        send={
          step && id
            ? (body) => call(accountabilityApi.recordChainNotice, { params: { id }, body })
            : null
        }
        title={t('accidents.record')}
        onClose={() => setStep(null)}
        initialValues={{ channel: '电话' }}
        toBody={(values) => ({
          ...values,
          step,
          reportedAt: (values.reportedAt as Dayjs).toISOString(),
        })}
      >
        <Form.Item name="reportedAt" label={t('accidents.reportedAt')} rules={[{ required: true }]}>
          <DatePicker disabledDate={outsideWindow(DateWindows.happened)} showTime />
        </Form.Item>
        <Form.Item name="channel" label={t('accidents.channel')} rules={[{ required: true }]}>
          <Select options={noticeChannels.map((c) => ({ value: c, label: v(c) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('accidents.note')}>
          <Input />
        </Form.Item>
      </StepDialog>
      <StepDialog
        form={interviewForm}
        send={
          interview && id
            ? (body) =>
                call(accountabilityApi.holdInterview, {
                  params: { id, interviewId: interview.id },
                  body,
                })
            : null
        }
        title={t('accidents.interviews')}
        onClose={() => setInterview(null)}
        toBody={(values) => ({
          ...values,
          heldOn: (values.heldOn as Dayjs).format('YYYY-MM-DD'),
          version: interview?.version,
        })}
      >
        <Form.Item name="heldOn" label={t('accidents.heldOn')} rules={[{ required: true }]}>
          <DatePicker disabledDate={outsideWindow(DateWindows.happened)} />
        </Form.Item>
        <Form.Item name="note" label={t('accidents.note')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </StepDialog>
    </Drawer>
  );
}
