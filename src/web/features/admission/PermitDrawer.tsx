/**
 * An application for 安全设施设计审查 and 安全生产许可: the design's figures, each step taken, and the next
 * steps for a regulator — 设计审查, 延期 (once, ≤ 1 year), 现场核查, 发证. The API refuses a step out of order.
 */
import { useState } from 'react';
import { Button, DatePicker, Descriptions, Drawer, Form, Input, Radio, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { admissionApi } from '../../../shared/admission.api.ts';
import { PermitState } from '../../../shared/admission.ts';
import { DateWindows } from '../../../shared/date-windows.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { outsideWindow } from '../../components/dateWindow.ts';
import { StepDialog } from '../../components/StepDialog.tsx';

type Step = 'reviewPermit' | 'extendPermit' | 'checkPermitSite' | 'issuePermit';
const dateFields = [
  'reviewedOn',
  'constructionDueOn',
  'approvedOn',
  'newDueOn',
  'checkedOn',
  'issuedOn',
  'expiresOn',
];

function toBody(values: Record<string, unknown>) {
  const out: Record<string, unknown> = { ...values };
  for (const f of dateFields) {
    if (out[f]) {
      out[f] = (out[f] as Dayjs).format('YYYY-MM-DD');
    }
  }
  return out;
}

export function PermitDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t, v } = useI18n();
  const { can } = useSession();
  const [step, setStep] = useState<Step | null>(null);
  const [form] = Form.useForm<Record<string, unknown>>();
  const { data } = useQuery({
    queryKey: ['permit', id],
    enabled: Boolean(id),
    queryFn: () => call(admissionApi.permit, { params: { id: id ?? '' } }),
  });
  const date = (name: string, label: string, planned = false) => (
    <Form.Item name={name} label={label} rules={[{ required: true }]}>
      <DatePicker
        disabledDate={outsideWindow(planned ? DateWindows.planned : DateWindows.happened)}
      />
    </Form.Item>
  );
  const next: Step[] =
    data?.state === PermitState.Applied
      ? ['reviewPermit']
      : data?.state === PermitState.Approved
        ? ['extendPermit', 'checkPermitSite', 'issuePermit']
        : data?.state === PermitState.SiteChecked
          ? ['issuePermit']
          : [];
  return (
    <Drawer
      open={Boolean(id)}
      onClose={onClose}
      width={820}
      title={data?.projectName}
      destroyOnHidden
    >
      {data && (
        <>
          <Descriptions size="small" column={2} bordered data-testid="permit-detail">
            <Descriptions.Item label={t('admission.mine')}>{data.mineName}</Descriptions.Item>
            <Descriptions.Item label={t('admission.state')}>{v(data.state)}</Descriptions.Item>
            <Descriptions.Item label={t('admission.projectKind')}>
              {v(data.projectKind)}
            </Descriptions.Item>
            <Descriptions.Item label={t('admission.appliedOn')}>{data.appliedOn}</Descriptions.Item>
            <Descriptions.Item label={t('admission.designer')}>{data.designer}</Descriptions.Item>
            <Descriptions.Item label={t('admission.miningMethod')}>
              {v(data.miningMethod)}
            </Descriptions.Item>
            <Descriptions.Item label={t('admission.designCapacity')}>
              {data.designCapacityTpa}
            </Descriptions.Item>
            <Descriptions.Item label={t('admission.serviceLife')}>
              {data.serviceLifeYears}
            </Descriptions.Item>
            <Descriptions.Item label={t('admission.mechanicalScaling')}>
              {data.mechanicalScaling ? t('admission.yes') : t('admission.no')}
            </Descriptions.Item>
            <Descriptions.Item label={t('admission.reviewedOn')}>
              {data.reviewedOn ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('admission.experts')} span={2}>
              {data.reviewExperts.join('、') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('admission.constructionDueOn')}>
              {data.constructionDueOn ?? '—'}
              {data.extensions > 0 &&
                ` (${t('admission.extendedFrom', { date: data.originalDueOn ?? '' })})`}
            </Descriptions.Item>
            <Descriptions.Item label={t('admission.siteCheckedOn')}>
              {data.siteCheckedOn ?? '—'} {data.siteCheckNote ?? ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('admission.licenceNumber')}>
              {data.licenceNumber ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('admission.licenceExpiresOn')}>
              {data.licenceExpiresOn ?? '—'}
            </Descriptions.Item>
            {data.fillingJustification ? (
              <Descriptions.Item label={t('admission.fillingJustification')} span={2}>
                {data.fillingJustification}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          {can('admission.decide') && (
            <Space style={{ marginTop: 16 }}>
              {next.map((s) => (
                <Button key={s} onClick={() => setStep(s)} data-testid={`permit-${s}`}>
                  {t(`admission.${s}`)}
                </Button>
              ))}
            </Space>
          )}
          <StepDialog
            form={form}
            send={
              step ? (body) => call(admissionApi[step], { params: { id: data.id }, body }) : null
            }
            title={step ? t(`admission.${step}`) : ''}
            onClose={() => setStep(null)}
            initialValues={{ approved: true, passed: true, experts: [] }}
            toBody={toBody}
          >
            {step === 'reviewPermit' && (
              <>
                {date('reviewedOn', t('admission.reviewedOn'))}
                <Form.Item name="approved" label={t('admission.outcome')}>
                  <Radio.Group
                    options={[
                      { value: true, label: t('admission.approve') },
                      { value: false, label: t('admission.reject') },
                    ]}
                  />
                </Form.Item>
                {date('constructionDueOn', t('admission.constructionDueOn'), true)}
                <Form.Item
                  name="experts"
                  label={t('admission.experts')}
                  extra={t('admission.expertsHint')}
                >
                  <Select mode="tags" open={false} />
                </Form.Item>
                <Form.Item name="note" label={t('admission.note')}>
                  <Input.TextArea rows={2} />
                </Form.Item>
              </>
            )}
            {step === 'extendPermit' && (
              <>
                {date('approvedOn', t('admission.approvedOn'))}
                {date('newDueOn', t('admission.newDueOn'), true)}
                <Form.Item name="reason" label={t('admission.reason')} rules={[{ required: true }]}>
                  <Input.TextArea rows={2} />
                </Form.Item>
              </>
            )}
            {step === 'checkPermitSite' && (
              <>
                {date('checkedOn', t('admission.siteCheckedOn'))}
                <Form.Item name="passed" label={t('admission.outcome')}>
                  <Radio.Group
                    options={[
                      { value: true, label: t('admission.passed') },
                      { value: false, label: t('admission.failed') },
                    ]}
                  />
                </Form.Item>
                <Form.Item
                  name="note"
                  label={t('admission.siteCheckNote')}
                  rules={[{ required: true }]}
                >
                  <Input.TextArea rows={2} />
                </Form.Item>
              </>
            )}
            {step === 'issuePermit' && (
              <>
                <Form.Item
                  name="licenceNumber"
                  label={t('admission.licenceNumber')}
                  rules={[{ required: true }]}
                >
                  <Input />
                </Form.Item>
                {date('issuedOn', t('admission.issuedOn'))}
                {date('expiresOn', t('admission.licenceExpiresOn'), true)}
              </>
            )}
          </StepDialog>
        </>
      )}
    </Drawer>
  );
}
