/**
 * A pond's 闭库: its reason and steps (闭库设计 → 闭库施工 → 闭库验收 → 公告销号) with their dates and
 * documents, the next step and when it is due, and the form to file it (the 销号 only for regulators:
 * the API decides).
 */
import { useState } from 'react';
import { Button, DatePicker, Descriptions, Drawer, Form, Input, Steps } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { DateWindows } from '../../../shared/date-windows.ts';
import { pitsPondsApi } from '../../../shared/pits-ponds.api.ts';
import { closureSteps } from '../../../shared/pits-ponds.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { outsideWindow } from '../../components/dateWindow.ts';
import { StepDialog } from '../../components/StepDialog.tsx';

export function ClosureDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t, v } = useI18n();
  const { can } = useSession();
  const [stepping, setStepping] = useState(false);
  const [form] = Form.useForm<Record<string, unknown>>();
  const { data } = useQuery({
    queryKey: ['pond-closure', id],
    enabled: Boolean(id),
    queryFn: () => call(pitsPondsApi.closure, { params: { id: id ?? '' } }),
  });
  const next = data?.nextStep ?? null;
  const mayStep = next === '公告销号' ? can('pitsPonds.delist') : can('pitsPonds.file');
  return (
    <Drawer open={Boolean(id)} onClose={onClose} width={760} title={data?.mineName} destroyOnHidden>
      {data && (
        <>
          <Descriptions size="small" column={2} bordered data-testid="closure-detail">
            <Descriptions.Item label={t('pitsPonds.closureReason')}>
              {v(data.reason)}
            </Descriptions.Item>
            <Descriptions.Item label={t('pitsPonds.openedOn')}>{data.openedOn}</Descriptions.Item>
            <Descriptions.Item label={t('pitsPonds.nextStep')}>
              {next ? v(next) : t('pitsPonds.delisted')}
            </Descriptions.Item>
            <Descriptions.Item label={t('pitsPonds.nextDueOn')}>
              {data.nextDueOn ?? '—'}
            </Descriptions.Item>
          </Descriptions>
          <Steps
            style={{ marginTop: 24 }}
            direction="vertical"
            size="small"
            current={next ? closureSteps.indexOf(next) : closureSteps.length}
            data-testid="closure-steps"
            items={closureSteps.map((s) => {
              const done = data.steps.find((x) => x.step === s);
              return {
                title: v(s),
                description: done ? `${done.on} · ${done.document} · ${done.by}` : undefined,
              };
            })}
          />
          {next && mayStep && (
            <Button type="primary" onClick={() => setStepping(true)} data-testid="closure-step">
              {`${t('pitsPonds.fileStep')}: ${v(next)}`}
            </Button>
          )}
          <StepDialog
            form={form}
            send={
              stepping && next
                ? (body) => call(pitsPondsApi.closureStep, { params: { id: data.id }, body })
                : null
            }
            title={next ? v(next) : ''}
            onClose={() => setStepping(false)}
            toBody={(values) => ({
              ...values,
              step: next,
              on: (values.on as Dayjs).format('YYYY-MM-DD'),
              note: '',
              version: data.version,
            })}
          >
            <Form.Item name="on" label={t('pitsPonds.stepOn')} rules={[{ required: true }]}>
              <DatePicker disabledDate={outsideWindow(DateWindows.happened)} />
            </Form.Item>
            <Form.Item name="document" label={t('pitsPonds.document')} rules={[{ required: true }]}>
              <Input data-testid="closure-document" />
            </Form.Item>
          </StepDialog>
        </>
      )}
    </Drawer>
  );
}
