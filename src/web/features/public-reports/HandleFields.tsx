/**
 * The 办理 step of a 举报: what it becomes, and either a new record made from it now (the mine, and the
 * criterion of a hazard or the team of an inspection, and what the enterprise will read, written by the
 * handler) or a link to one made before on its own page. A 瞒报事故 becomes an accident (issue 24): the
 * accident as found, in the handler's words.
 */
import { DatePicker, Form, Input, InputNumber, Radio, Select, type FormInstance } from 'antd';
import { accidentKinds } from '../../../shared/accidents.ts';
import type { Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { outcomes } from '../../../shared/public-reports.ts';
import { call } from '../../app/api.ts';
import { inspectionsApi } from '../../../shared/inspections.api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useCriterionOptions, useMinePicker } from '../hazards/pickers.ts';
import { outsideWindow } from '../../components/dateWindow.ts';
import { DateWindows } from '../../../shared/date-windows.ts';

type Values = Record<string, unknown>;

/** The request body of the step from the form's values. */
export function handleBody(values: Values) {
  const { outcome, note, mode, linkId } = values;
  const create = (values.create ?? {}) as Values;
  if (outcome === '无需处理') {
    return { outcome, note };
  }
  if (mode === 'link') {
    return { outcome, note, linkId: linkId || undefined };
  }
  if (outcome === '转为事故调查') {
    const a = (create.accident ?? {}) as Values;
    return {
      outcome,
      note,
      create: {
        mineId: create.mineId,
        accident: {
          ...a,
          occurredAt: a.occurredAt ? (a.occurredAt as Dayjs).toISOString() : undefined,
        },
      },
    };
  }
  return {
    outcome,
    note,
    create: {
      mineId: create.mineId,
      criterionId: create.criterionId,
      description: create.description,
      location: create.location,
      teamUserIds: create.teamUserIds,
      inspectedOn: create.inspectedOn
        ? (create.inspectedOn as Dayjs).format('YYYY-MM-DD')
        : undefined,
    },
  };
}

export function HandleFields({
  form,
  mineId,
  category,
}: {
  form: FormInstance<Values>;
  mineId?: string;
  category?: string;
}) {
  const { t, v } = useI18n();
  const outcome = Form.useWatch('outcome', form) as string | undefined;
  const mode = Form.useWatch('mode', form) as string | undefined;
  const chosen = (Form.useWatch(['create', 'mineId'], form) as string | undefined) ?? mineId;
  const picker = useMinePicker(chosen);
  const criteria = useCriterionOptions(
    outcome === '转为重大事故隐患' ? picker.mine?.kind : undefined,
  );
  const inspectors = useQuery({
    queryKey: ['eligible-inspectors', chosen],
    enabled: outcome === '转为执法检查' && Boolean(chosen),
    queryFn: () => call(inspectionsApi.eligibleInspectors, { query: { mineId: chosen } }),
  });
  const converting = outcome !== undefined && outcome !== '无需处理';
  return (
    <>
      <Form.Item name="outcome" label={t('publicReports.outcome')}>
        <Radio.Group
          // Only a 瞒报事故 goes to the accident workflow (issue 24).
          options={outcomes
            .filter((r) => r !== '转为事故调查' || category === '瞒报事故')
            .map((r) => ({ value: r, label: v(r) }))}
          data-testid="case-outcome"
        />
      </Form.Item>
      {converting && (
        <Form.Item name="mode">
          <Radio.Group
            options={[
              { value: 'create', label: t('publicReports.createNew') },
              { value: 'link', label: t('publicReports.linkExisting') },
            ]}
          />
        </Form.Item>
      )}
      {converting && mode === 'link' && (
        <Form.Item name="linkId" label={t('publicReports.linkId')} rules={[{ required: true }]}>
          <Input placeholder="UUID" />
        </Form.Item>
      )}
      {converting && mode !== 'link' && (
        <>
          <Form.Item
            name={['create', 'mineId']}
            label={t('hazard.mine')}
            initialValue={mineId}
            rules={[{ required: true }]}
          >
            <Select
              showSearch={{ filterOption: false, onSearch: picker.onSearch }}
              options={picker.options}
              onChange={() => form.setFieldValue(['create', 'criterionId'], undefined)}
              data-testid="case-mine"
            />
          </Form.Item>
          {outcome === '转为重大事故隐患' && (
            <Form.Item
              name={['create', 'criterionId']}
              label={t('hazard.criterion')}
              rules={[{ required: true }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                disabled={!picker.mine}
                options={criteria.data ?? []}
                data-testid="case-criterion"
              />
            </Form.Item>
          )}
          {(outcome === '转为重大事故隐患' || outcome === '转为执法检查') && (
            <Form.Item
              name={['create', 'description']}
              label={t('publicReports.outcomeDescription')}
              extra={t('publicReports.outcomeDescriptionHint')}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input.TextArea
                rows={3}
                maxLength={outcome === '转为执法检查' ? 500 : 2000}
                data-testid="case-description"
              />
            </Form.Item>
          )}
          {outcome === '转为重大事故隐患' && (
            <Form.Item
              name={['create', 'location']}
              label={t('publicReports.outcomeLocation')}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input maxLength={500} data-testid="case-location" />
            </Form.Item>
          )}
          {outcome === '转为事故调查' && (
            <>
              <Form.Item
                name={['create', 'accident', 'occurredAt']}
                label={t('accidents.occurredAt')}
                rules={[{ required: true }]}
              >
                <DatePicker showTime disabledDate={outsideWindow(DateWindows.happened)} />
              </Form.Item>
              <Form.Item
                name={['create', 'accident', 'kind']}
                label={t('accidents.kind')}
                rules={[{ required: true }]}
              >
                <Select options={accidentKinds.map((k) => ({ value: k, label: v(k) }))} />
              </Form.Item>
              <Form.Item
                name={['create', 'accident', 'place']}
                label={t('accidents.place')}
                rules={[{ required: true, whitespace: true }]}
              >
                <Input maxLength={200} />
              </Form.Item>
              {(['deaths', 'seriousInjuries', 'directLossYuan'] as const).map((k) => (
                <Form.Item
                  key={k}
                  name={['create', 'accident', k]}
                  label={t(
                    k === 'deaths'
                      ? 'accidents.deaths'
                      : k === 'seriousInjuries'
                        ? 'accidents.injuries'
                        : 'accidents.loss',
                  )}
                  initialValue={0}
                  rules={[{ required: true }]}
                >
                  <InputNumber min={0} />
                </Form.Item>
              ))}
              <Form.Item
                name={['create', 'accident', 'description']}
                label={t('accidents.description')}
                extra={t('publicReports.outcomeDescriptionHint')}
                rules={[{ required: true, whitespace: true }]}
              >
                <Input.TextArea rows={3} maxLength={4000} />
              </Form.Item>
            </>
          )}
          {outcome === '转为执法检查' && (
            <>
              <Form.Item
                name={['create', 'teamUserIds']}
                label={t('enforcement.team')}
                extra={t('enforcement.teamHint')}
                rules={[
                  { required: true, type: 'array', min: 2, message: t('enforcement.teamHint') },
                ]}
              >
                <Select
                  mode="multiple"
                  options={(inspectors.data ?? []).map((u) => ({
                    value: u.userId,
                    label: `${u.name} (${u.unit})`,
                  }))}
                  data-testid="case-team"
                />
              </Form.Item>
              <Form.Item name={['create', 'inspectedOn']} label={t('publicReports.inspectedOn')}>
                <DatePicker disabledDate={outsideWindow(DateWindows.happened)} />
              </Form.Item>
            </>
          )}
        </>
      )}
    </>
  );
}
