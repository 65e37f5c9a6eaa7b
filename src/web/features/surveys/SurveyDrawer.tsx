/**
 * A survey: its figures, factors and zones, the report files (upload while the caller may file), and the
 * regulator's review — passing it sets and publishes the mine's disaster grade, returning it sets nothing.
 */
import { useState } from 'react';
import {
  App,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Radio,
  Table,
  Tag,
  Upload,
} from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { DateWindows } from '../../../shared/date-windows.ts';
import { surveysApi } from '../../../shared/surveys.api.ts';
import { SurveyState } from '../../../shared/surveys.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { outsideWindow } from '../../components/dateWindow.ts';
import { StepDialog } from '../../components/StepDialog.tsx';
import { gradeColors } from './gradeColors.ts';

export function SurveyDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t, v, formatDateTime } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [reviewing, setReviewing] = useState(false);
  const [form] = Form.useForm<Record<string, unknown>>();
  const { data } = useQuery({
    queryKey: ['survey', id],
    enabled: Boolean(id),
    queryFn: () => call(surveysApi.survey, { params: { id: id ?? '' } }),
  });
  return (
    <Drawer open={Boolean(id)} onClose={onClose} width={820} title={data?.mineName} destroyOnHidden>
      {data && (
        <>
          <Descriptions size="small" column={2} bordered data-testid="survey-detail">
            <Descriptions.Item label={t('surveys.grade')}>
              <Tag color={gradeColors[data.grade]}>{v(data.grade)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('surveys.state')}>{v(data.state)}</Descriptions.Item>
            <Descriptions.Item label={t('surveys.surveyedOn')}>{data.surveyedOn}</Descriptions.Item>
            <Descriptions.Item label={t('surveys.surveyor')}>{data.surveyor}</Descriptions.Item>
            <Descriptions.Item label={t('surveys.area')}>{data.areaKm2}</Descriptions.Item>
            <Descriptions.Item label={t('surveys.scopeYears')}>{data.scopeYears}</Descriptions.Item>
            <Descriptions.Item label={t('surveys.scope')} span={2}>
              {data.scopeDescription}
            </Descriptions.Item>
            <Descriptions.Item label={t('surveys.reviewedOn')}>
              {data.reviewedOn ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('surveys.renewalDueOn')}>
              {data.renewalDueOn}
            </Descriptions.Item>
            {data.reviewNote && (
              <Descriptions.Item label={t('surveys.reviewNote')} span={2}>
                {data.reviewNote}
              </Descriptions.Item>
            )}
          </Descriptions>
          <h4>{t('surveys.factors')}</h4>
          <Table
            size="small"
            rowKey={(_, i) => String(i)}
            pagination={false}
            dataSource={data.factors}
            columns={[
              { title: t('surveys.kind'), dataIndex: 'kind', render: (k: string) => v(k) },
              {
                title: t('surveys.level'),
                dataIndex: 'level',
                render: (l: string) => <Tag color={gradeColors[l]}>{v(l)}</Tag>,
              },
              { title: t('surveys.location'), dataIndex: 'location' },
            ]}
          />
          <h4>{t('surveys.zones')}</h4>
          <Table
            size="small"
            rowKey={(_, i) => String(i)}
            pagination={false}
            dataSource={data.zones}
            columns={[
              {
                title: t('surveys.zoneClass'),
                dataIndex: 'zoneClass',
                render: (z: string) => v(z),
              },
              { title: t('surveys.zoneName'), dataIndex: 'name' },
            ]}
          />
          <h4>{t('surveys.files')}</h4>
          <ul>
            {data.files.map((f) => (
              <li key={f.id}>
                <a href={`/api/surveys/${data.id}/files/${f.id}`}>{f.fileName}</a>{' '}
                {formatDateTime(f.uploadedAt)}
              </li>
            ))}
          </ul>
          {can('surveys.file') && (
            <Upload
              name="file"
              accept=".pdf,.jpg,.jpeg,.png,.webp"
              showUploadList={false}
              customRequest={({ file, onSuccess, onError }) => {
                const body = new FormData();
                body.append('file', file);
                call(surveysApi.addSurveyFile, { params: { id: data.id }, body }).then(
                  (r) => onSuccess?.(r),
                  (e: unknown) => onError?.(e instanceof Error ? e : new Error(String(e)), e),
                );
              }}
              onChange={(info) => {
                if (info.file.status === 'done') {
                  void qc.invalidateQueries();
                  void message.success(t('common.saved'));
                } else if (info.file.status === 'error') {
                  void message.error(
                    info.file.error instanceof Error ? info.file.error.message : info.file.name,
                  );
                }
              }}
            >
              <Button icon={<UploadOutlined />}>{t('surveys.upload')}</Button>
            </Upload>
          )}
          {can('surveys.review') && data.state === SurveyState.Filed && (
            <Button
              type="primary"
              style={{ marginLeft: 8 }}
              onClick={() => setReviewing(true)}
              data-testid="review-survey"
            >
              {t('surveys.review')}
            </Button>
          )}
          <StepDialog
            form={form}
            send={
              reviewing
                ? (body) => call(surveysApi.reviewSurvey, { params: { id: data.id }, body })
                : null
            }
            title={t('surveys.review')}
            onClose={() => setReviewing(false)}
            initialValues={{ outcome: SurveyState.Passed }}
            toBody={(values) => ({
              ...values,
              version: data.version,
              reviewedOn: (values.reviewedOn as Dayjs).format('YYYY-MM-DD'),
            })}
          >
            <Form.Item
              name="reviewedOn"
              label={t('surveys.reviewedOn')}
              rules={[{ required: true }]}
            >
              <DatePicker disabledDate={outsideWindow(DateWindows.happened)} />
            </Form.Item>
            <Form.Item name="outcome" label={t('surveys.outcome')} rules={[{ required: true }]}>
              <Radio.Group
                options={[SurveyState.Passed, SurveyState.Returned].map((o) => ({
                  value: o,
                  label: v(o),
                }))}
              />
            </Form.Item>
            <Form.Item name="note" label={t('surveys.reviewNote')}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </StepDialog>
        </>
      )}
    </Drawer>
  );
}
