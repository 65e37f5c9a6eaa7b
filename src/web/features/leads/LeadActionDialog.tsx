/**
 * The steps of a lead as dialogs: assign (to an inspector of a unit covering the mine), record the
 * on-site result, convert (to a hazard in the ledger, or an inspection finding), dismiss with a reason.
 */
import { DatePicker, Form, Input, Radio, Select, Switch } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { hazardsApi } from '../../../shared/hazards.api.ts';
import { leadsApi } from '../../../shared/leads.api.ts';
import type { LeadDetailResponse } from '../../../shared/leads.schemas.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { StepDialog } from '../../components/StepDialog.tsx';
import { outsideWindow } from '../../components/dateWindow.ts';
import { DateWindows } from '../../../shared/date-windows.ts';

/** A step of the lead loop; each is the contract of the same name in `leadsApi`. */
export type LeadStep = 'assign' | 'verify' | 'convert' | 'dismiss';

function CriterionSelect({ kind }: { kind: string }) {
  const { t } = useI18n();
  const { data, isFetching } = useQuery({
    queryKey: ['criteria', kind],
    queryFn: async () => {
      const standards = await call(hazardsApi.standards);
      const lists = await Promise.all(
        standards.map((s) => call(hazardsApi.criteria, { params: { id: s.id }, query: { kind } })),
      );
      return lists.flat().map((c) => ({ value: c.id, label: `${c.code} ${c.text}` }));
    },
  });
  return (
    <Form.Item name="criterionId" label={t('leads.criterion')} rules={[{ required: true }]}>
      <Select showSearch optionFilterProp="label" options={data ?? []} loading={isFetching} />
    </Form.Item>
  );
}

export function LeadActionDialog(props: {
  lead: LeadDetailResponse;
  mineKind: string;
  step: LeadStep | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Record<string, unknown>>();
  const to = Form.useWatch('to', form) as string | undefined;
  const { lead, step } = props;
  const { data: assignees } = useQuery({
    queryKey: ['lead-assignees', lead.id],
    queryFn: () => call(leadsApi.assignees, { params: { id: lead.id } }),
    enabled: step === 'assign',
  });
  const titles: Record<LeadStep, string> = {
    assign: t('leads.assign'),
    verify: t('leads.verify'),
    convert: t('leads.convert'),
    dismiss: t('leads.dismiss'),
  };
  return (
    <StepDialog
      form={form}
      send={step ? (body) => call(leadsApi[step], { params: { id: lead.id }, body }) : null}
      title={step ? titles[step] : ''}
      onClose={props.onClose}
      initialValues={{ to: 'hazard', confirmed: true, version: lead.version }}
      toBody={(values) => {
        const { foundOn, ...rest } = values as { foundOn?: Dayjs } & Record<string, unknown>;
        return {
          ...rest,
          ...(foundOn ? { foundOn: foundOn.format('YYYY-MM-DD') } : {}),
          version: lead.version,
        };
      }}
    >
      {step === 'assign' && (
        <>
          <Form.Item name="assigneeId" label={t('leads.assigneeId')} rules={[{ required: true }]}>
            <Select
              options={(assignees ?? []).map((u) => ({
                value: u.id,
                label: `${u.displayName} (${u.organisationName})`,
              }))}
            />
          </Form.Item>
          <Form.Item name="note" label={t('leads.note')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </>
      )}
      {step === 'verify' && (
        <>
          <Form.Item name="result" label={t('leads.result')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item name="confirmed" label={t('leads.confirmed')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </>
      )}
      {step === 'convert' && (
        <>
          <Form.Item name="to" label={t('leads.convertTo')}>
            <Radio.Group
              options={[
                { value: 'hazard', label: t('leads.toHazard') },
                { value: 'inspection', label: t('leads.toInspection') },
              ]}
            />
          </Form.Item>
          {to === 'inspection' ? (
            <>
              <Form.Item name="reference" label={t('leads.reference')} rules={[{ required: true }]}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="note" label={t('leads.note')} rules={[{ required: true }]}>
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
            </>
          ) : (
            <>
              <CriterionSelect kind={props.mineKind} />
              <Form.Item
                name="description"
                label={t('leads.description')}
                rules={[{ required: true }]}
              >
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
              <Form.Item name="location" label={t('leads.location')} rules={[{ required: true }]}>
                <Input maxLength={500} />
              </Form.Item>
              <Form.Item name="foundBy" label={t('leads.foundBy')} rules={[{ required: true }]}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="foundOn" label={t('leads.foundOn')} rules={[{ required: true }]}>
                <DatePicker disabledDate={outsideWindow(DateWindows.happened)} />
              </Form.Item>
            </>
          )}
        </>
      )}
      {step === 'dismiss' && (
        <Form.Item name="reason" label={t('leads.reason')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      )}
    </StepDialog>
  );
}
