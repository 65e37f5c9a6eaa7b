/**
 * 逢查必考 on an inspection's page (西藏第3条; 拉萨 二(七)5): who was examined, the score and whether it
 * passed (the pass mark is the server's setting); an inspector records the results of the visit.
 */
import { useState } from 'react';
import { Button, Card, DatePicker, Form, Input, InputNumber, Space, Table, Tag } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { DateWindows } from '../../../shared/date-windows.ts';
import { emergencyApi } from '../../../shared/emergency.api.ts';
import type { ExamResponse } from '../../../shared/emergency.schemas.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { outsideWindow } from '../../components/dateWindow.ts';
import { StepDialog } from '../../components/StepDialog.tsx';

export function InspectionExams({ inspectionId }: { inspectionId: string }) {
  const { t } = useI18n();
  const { can } = useSession();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Record<string, unknown>>();
  const exams = useQuery({
    queryKey: ['inspection-exams', inspectionId],
    queryFn: () => call(emergencyApi.exams, { params: { id: inspectionId } }),
    enabled: can('emergency.read'),
  });
  if (!can('emergency.read')) {
    return null;
  }
  return (
    <Card
      size="small"
      title={t('emergency.exams')}
      style={{ marginBottom: 16 }}
      extra={
        can('emergency.examine') && (
          <Button size="small" onClick={() => setOpen(true)}>
            {t('emergency.recordExams')}
          </Button>
        )
      }
    >
      <Table<ExamResponse>
        size="small"
        rowKey="id"
        loading={exams.isLoading}
        dataSource={exams.data ?? []}
        pagination={false}
        columns={[
          { title: t('emergency.examinedOn'), dataIndex: 'examinedOn', width: 110 },
          { title: t('emergency.person'), dataIndex: 'name' },
          { title: t('emergency.post'), dataIndex: 'post' },
          { title: t('emergency.score'), dataIndex: 'score', width: 80 },
          {
            title: t('emergency.complete'),
            dataIndex: 'passed',
            width: 90,
            render: (ok: boolean) => (
              <Tag color={ok ? 'green' : 'red'}>{t(ok ? 'emergency.pass' : 'emergency.fail')}</Tag>
            ),
          },
        ]}
      />
      <StepDialog
        form={form}
        send={
          open
            ? (body) => call(emergencyApi.recordExams, { params: { id: inspectionId }, body })
            : null
        }
        title={t('emergency.recordExams')}
        onClose={() => setOpen(false)}
        initialValues={{ results: [{}] }}
        toBody={(values) => ({
          examinedOn: (values.examinedOn as Dayjs).format('YYYY-MM-DD'),
          results: ((values.results as object[] | undefined) ?? []).map((r) => ({
            post: '',
            ...r,
          })),
        })}
      >
        <Form.Item name="examinedOn" label={t('emergency.examinedOn')} rules={[{ required: true }]}>
          <DatePicker disabledDate={outsideWindow(DateWindows.happened)} />
        </Form.Item>
        <Form.List name="results">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true }]}>
                    <Input placeholder={t('emergency.person')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'post']}>
                    <Input placeholder={t('emergency.post')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'score']} rules={[{ required: true }]}>
                    <InputNumber min={0} max={100} placeholder={t('emergency.score')} />
                  </Form.Item>
                  <MinusCircleOutlined
                    onClick={() => remove(f.name)}
                    aria-label={t('surveys.remove')}
                  />
                </Space>
              ))}
              <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />}>
                {t('emergency.addPerson')}
              </Button>
            </>
          )}
        </Form.List>
      </StepDialog>
    </Card>
  );
}
