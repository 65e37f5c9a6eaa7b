/**
 * A new inspection, laid out for a tablet on site (large controls, one column): the mine, the type,
 * the manner — 四不两直 unless a reason to announce it is picked (《2024年矿山安全生产工作要点》第41条) — the date, a team of at least two inspectors with jurisdiction over the mine, the checklist's
 * criteria (filtered by the mine's kind) plus custom items, and the body camera's number.
 */
import { App, Button, DatePicker, Form, Input, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { inspectionsApi } from '../../../shared/inspections.api.ts';
import { announcedReasons, inspectionKinds } from '../../../shared/inspections.enums.ts';
import type { AnnouncedInput } from '../../../shared/inspections.schemas.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { usePageTitle } from '../../app/title.ts';
import { reportFormError, validValues } from '../../components/formError.ts';
import { useCriterionOptions, useMinePicker } from '../hazards/pickers.ts';
import { outsideWindow } from '../../components/dateWindow.ts';
import { DateWindows } from '../../../shared/date-windows.ts';

export function InspectionFormPage() {
  const { t, v } = useI18n();
  const { me } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, unknown>>();
  const mineId = Form.useWatch('mineId', form) as string | undefined;
  const reason = Form.useWatch('announcedReason', form) as AnnouncedInput['reason'] | undefined;
  const planned = Boolean(params.get('scheduleVisitId'));
  usePageTitle(t('enforcement.newInspection'));
  const picker = useMinePicker(mineId);
  const criteria = useCriterionOptions(picker.mine?.kind);
  const inspectors = useQuery({
    queryKey: ['eligible-inspectors', mineId],
    enabled: Boolean(mineId),
    queryFn: () => call(inspectionsApi.eligibleInspectors, { query: { mineId } }),
  });
  // The signed-in inspector leads the team from the start: named by person and unit, never by id, even
  // before a mine is chosen and the eligible inspectors are known.
  const teamOptions = [
    ...(me && !(inspectors.data ?? []).some((u) => u.userId === me.id)
      ? [{ value: me.id, label: `${me.displayName} (${me.organisationName})` }]
      : []),
    ...(inspectors.data ?? []).map((u) => ({ value: u.userId, label: `${u.name} (${u.unit})` })),
  ];
  const submit = async () => {
    // A form with missing fields shows them beside the fields; there is nothing more to report.
    const validated = await validValues(form);
    if (!validated) {
      return;
    }
    const { announcedReason, announcedNote, ...values } = validated;
    try {
      const created = await call(inspectionsApi.createInspection, {
        body: {
          ...values,
          ...(announcedReason
            ? {
                announced: {
                  reason: announcedReason as AnnouncedInput['reason'],
                  note: (announcedNote as string | undefined) ?? '',
                },
              }
            : {}),
          inspectedOn: (values.inspectedOn as Dayjs).format('YYYY-MM-DD'),
          bodyCameraRef: (values.bodyCameraRef as string | undefined) || undefined,
          scheduleVisitId: params.get('scheduleVisitId') ?? undefined,
        },
      });
      void message.success(t('common.saved'));
      void navigate(`/inspections/${created.id}`);
    } catch (e) {
      reportFormError(form, e, (text) => void message.error(text));
    }
  };
  return (
    <div style={{ maxWidth: 760 }} className="tablet-form">
      <div className="page-header">
        <h1>{t('enforcement.newInspection')}</h1>
      </div>
      <Form
        form={form}
        layout="vertical"
        size="large"
        initialValues={{
          mineId: params.get('mineId') ?? undefined,
          kind: params.get('kind') ?? '常规',
          inspectedOn: dayjs(),
          teamUserIds: me ? [me.id] : [],
          checklistCriterionIds: [],
          customItems: [],
        }}
      >
        <Form.Item name="mineId" label={t('enforcement.mine')} rules={[{ required: true }]}>
          <Select
            showSearch={{ filterOption: false, onSearch: picker.onSearch }}
            options={picker.options}
            onChange={() => form.setFieldsValue({ checklistCriterionIds: [] })}
            data-testid="inspection-mine"
          />
        </Form.Item>
        <Space wrap size="large">
          <Form.Item name="kind" label={t('enforcement.kind')} rules={[{ required: true }]}>
            <Select
              style={{ width: 200 }}
              // 交叉执法 is recorded under an arrangement of a superior unit (API /api/cross-inspections).
              options={inspectionKinds
                .filter((k) => k !== '交叉执法')
                .map((k) => ({ value: k, label: v(k) }))}
            />
          </Form.Item>
          <Form.Item
            name="inspectedOn"
            label={t('enforcement.inspectedOn')}
            rules={[{ required: true }]}
          >
            <DatePicker disabledDate={outsideWindow(DateWindows.happened)} />
          </Form.Item>
        </Space>
        <Space wrap size="large" align="start">
          <Form.Item
            name="announcedReason"
            label={t('enforcement.manner')}
            extra={t('enforcement.announcedHint')}
          >
            <Select
              style={{ width: 280 }}
              allowClear
              disabled={planned}
              placeholder={t('enforcement.announcedDefault')}
              options={announcedReasons.map((r) => ({
                value: r,
                label: `${v('事先告知')}: ${v(r)}`,
              }))}
              data-testid="inspection-announced"
            />
          </Form.Item>
          {reason && (
            <Form.Item
              name="announcedNote"
              label={t('enforcement.announcedNote')}
              rules={[{ required: reason === '其他', max: 500 }]}
            >
              <Input style={{ width: 320 }} />
            </Form.Item>
          )}
        </Space>
        <Form.Item
          name="teamUserIds"
          label={t('enforcement.team')}
          extra={t('enforcement.teamHint')}
          rules={[
            { required: true, type: 'array', min: 2, message: t('enforcement.teamTooSmall') },
          ]}
        >
          <Select mode="multiple" options={teamOptions} data-testid="inspection-team" />
        </Form.Item>
        <Form.Item name="checklistCriterionIds" label={t('enforcement.criteria')}>
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            disabled={!picker.mine}
            options={criteria.data ?? []}
            loading={criteria.isFetching}
            data-testid="inspection-criteria"
          />
        </Form.Item>
        <Form.Item name="customItems" label={t('enforcement.customItems')}>
          <Select mode="tags" open={false} data-testid="inspection-custom" />
        </Form.Item>
        <Form.Item name="bodyCameraRef" label={t('enforcement.bodyCamera')} rules={[{ max: 200 }]}>
          <Input data-testid="inspection-camera" />
        </Form.Item>
        <Space>
          <Button type="primary" onClick={() => void submit()} data-testid="inspection-submit">
            {t('common.save')}
          </Button>
          <Button onClick={() => void navigate(-1)}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </div>
  );
}
