/**
 * The form of a survey: the mine, the date and the surveying unit, the area and the 3–5-year scope, the
 * factors (type, level, location) and the 可采/缓采/禁采 zones. The grade is set on the server.
 */
import { useMemo } from 'react';
import { Button, DatePicker, Form, Input, InputNumber, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { DateWindows } from '../../../shared/date-windows.ts';
import { surveysApi } from '../../../shared/surveys.api.ts';
import { disasterGrades, factorKinds, SurveyLimits, zoneClasses } from '../../../shared/surveys.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { outsideWindow } from '../../components/dateWindow.ts';
import { StepDialog } from '../../components/StepDialog.tsx';
import { useMinePicker } from '../hazards/pickers.ts';

export function SurveyForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, v } = useI18n();
  const [form] = Form.useForm<Record<string, unknown>>();
  const mineId = Form.useWatch('mineId', form) as string | undefined;
  const picker = useMinePicker(mineId);
  const kinds = useMemo(() => factorKinds.map((x) => ({ value: x, label: v(x) })), [v]);
  const levels = useMemo(() => disasterGrades.map((x) => ({ value: x, label: v(x) })), [v]);
  const classes = useMemo(() => zoneClasses.map((x) => ({ value: x, label: v(x) })), [v]);
  return (
    <StepDialog
      form={form}
      send={open ? (body) => call(surveysApi.fileSurvey, { body }) : null}
      title={t('surveys.file')}
      onClose={onClose}
      initialValues={{ scopeYears: SurveyLimits.scopeYearsMin, factors: [{}], zones: [{}] }}
      toBody={(values) => ({
        ...values,
        surveyedOn: (values.surveyedOn as Dayjs).format('YYYY-MM-DD'),
        factors: ((values.factors as object[] | undefined) ?? []).map((f) => ({ note: '', ...f })),
        zones: ((values.zones as object[] | undefined) ?? []).map((z) => ({ note: '', ...z })),
      })}
    >
      <Form.Item name="mineId" label={t('surveys.mine')} rules={[{ required: true }]}>
        <Select
          showSearch
          filterOption={false}
          onSearch={picker.onSearch}
          options={picker.options}
          data-testid="survey-mine"
        />
      </Form.Item>
      <Space wrap>
        <Form.Item name="surveyedOn" label={t('surveys.surveyedOn')} rules={[{ required: true }]}>
          <DatePicker disabledDate={outsideWindow(DateWindows.happened)} />
        </Form.Item>
        <Form.Item name="areaKm2" label={t('surveys.area')} rules={[{ required: true }]}>
          <InputNumber min={0.01} max={SurveyLimits.areaKm2Max} />
        </Form.Item>
        <Form.Item name="scopeYears" label={t('surveys.scopeYears')} rules={[{ required: true }]}>
          <InputNumber
            min={SurveyLimits.scopeYearsMin}
            max={SurveyLimits.scopeYearsMax}
            precision={0}
          />
        </Form.Item>
      </Space>
      <Form.Item name="surveyor" label={t('surveys.surveyor')} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Form.Item name="scopeDescription" label={t('surveys.scope')} rules={[{ required: true }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <h4>{t('surveys.factors')}</h4>
      <Form.List name="factors">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} align="baseline" wrap>
                <Form.Item name={[f.name, 'kind']} rules={[{ required: true }]}>
                  <Select style={{ width: 130 }} options={kinds} placeholder={t('surveys.kind')} />
                </Form.Item>
                <Form.Item name={[f.name, 'level']} rules={[{ required: true }]}>
                  <Select
                    style={{ width: 110 }}
                    options={levels}
                    placeholder={t('surveys.level')}
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'location']} rules={[{ required: true }]}>
                  <Input placeholder={t('surveys.location')} />
                </Form.Item>
                <MinusCircleOutlined
                  onClick={() => remove(f.name)}
                  aria-label={t('surveys.remove')}
                />
              </Space>
            ))}
            <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />}>
              {t('surveys.addFactor')}
            </Button>
          </>
        )}
      </Form.List>
      <h4>{t('surveys.zones')}</h4>
      <Form.List name="zones">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} align="baseline" wrap>
                <Form.Item name={[f.name, 'zoneClass']} rules={[{ required: true }]}>
                  <Select
                    style={{ width: 110 }}
                    options={classes}
                    placeholder={t('surveys.zoneClass')}
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'name']} rules={[{ required: true }]}>
                  <Input placeholder={t('surveys.zoneName')} />
                </Form.Item>
                <MinusCircleOutlined
                  onClick={() => remove(f.name)}
                  aria-label={t('surveys.remove')}
                />
              </Space>
            ))}
            <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />}>
              {t('surveys.addZone')}
            </Button>
          </>
        )}
      </Form.List>
      <Form.Item name="note" label={t('surveys.note')}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </StepDialog>
  );
}
