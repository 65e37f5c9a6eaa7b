/**
 * The report form (上报): a mine from the caller's jurisdiction, a criterion from a searchable picker
 * filtered by the mine's kind (every standard version in the catalogue), and what, where, who, when.
 * The API's field errors appear next to the fields.
 */
import { App, Button, DatePicker, Form, Input, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { hazardSources } from '../../../shared/hazard.enums.ts';
import { hazardsApi } from '../../../shared/hazards.api.ts';
import { call } from '../../app/api.ts';
import { useCriterionOptions, useMinePicker } from './pickers.ts';
import { reportFormError, validValues } from '../../components/formError.ts';
import { useI18n } from '../../app/i18n.tsx';
import { usePageTitle } from '../../app/title.ts';
import { outsideWindow } from '../../components/dateWindow.ts';
import { DateWindows } from '../../../shared/date-windows.ts';

export function HazardReportPage() {
  const { t, v } = useI18n();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, unknown>>();
  const mineId = Form.useWatch('mineId', form) as string | undefined;
  usePageTitle(t('hazard.newTitle'));
  const picker = useMinePicker(mineId);
  const kind = picker.mine?.kind;
  const criteria = useCriterionOptions(kind);
  const submit = async () => {
    const values = await validValues(form);
    if (!values) {
      return;
    }
    try {
      const h = await call(hazardsApi.report, {
        body: { ...values, foundOn: (values.foundOn as Dayjs).format('YYYY-MM-DD') },
      });
      void message.success(t('common.saved'));
      void navigate(`/hazards/${h.id}`);
    } catch (e) {
      reportFormError(form, e, (text) => void message.error(text));
    }
  };
  return (
    <div style={{ maxWidth: 760 }}>
      <div className="page-header">
        <h1>{t('hazard.newTitle')}</h1>
      </div>
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          mineId: params.get('mineId') ?? undefined,
          foundOn: dayjs(),
          source: hazardSources[0],
        }}
      >
        <Form.Item name="mineId" label={t('hazard.mine')} rules={[{ required: true }]}>
          <Select
            showSearch={{ filterOption: false, onSearch: picker.onSearch }}
            options={picker.options}
            onChange={() => form.setFieldValue('criterionId', undefined)}
            data-testid="hazard-mine"
          />
        </Form.Item>
        <Form.Item name="criterionId" label={t('hazard.criterion')} rules={[{ required: true }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            disabled={!kind}
            placeholder={kind ? t('hazard.searchCriterion') : t('hazard.pickMineFirst')}
            options={criteria.data ?? []}
            loading={criteria.isFetching}
            data-testid="hazard-criterion"
          />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('hazard.description')}
          rules={[{ required: true, max: 2000 }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item
          name="location"
          label={t('hazard.location')}
          rules={[{ required: true, max: 500 }]}
        >
          <Input />
        </Form.Item>
        <Space wrap size="large">
          <Form.Item name="source" label={t('hazard.source')} rules={[{ required: true }]}>
            <Select
              style={{ width: 200 }}
              options={hazardSources.map((s) => ({ value: s, label: v(s) }))}
            />
          </Form.Item>
          <Form.Item
            name="foundBy"
            label={t('hazard.foundBy')}
            rules={[{ required: true, max: 200 }]}
          >
            <Input style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="foundOn" label={t('hazard.foundOn')} rules={[{ required: true }]}>
            <DatePicker disabledDate={outsideWindow(DateWindows.happened)} />
          </Form.Item>
        </Space>
        <Space>
          <Button type="primary" onClick={() => void submit()} data-testid="hazard-report-submit">
            {t('hazard.reportNew')}
          </Button>
          <Button onClick={() => void navigate(-1)}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </div>
  );
}
