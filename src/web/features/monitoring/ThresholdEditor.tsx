/**
 * The threshold editor: the four levels, the clear values, deadband and minimum duration/count and the
 * reporting interval of one sensor. The rest of the spec (range, rate, flat line, spike) is kept as it
 * is. Every change needs a reason and is audited; the engine applies it to the next reading.
 */
import { App, Button, Card, Col, Form, Input, InputNumber, Row, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { warningLevels } from '../../../shared/monitoring.enums.ts';
import { monitoringApi } from '../../../shared/monitoring.api.ts';
import type { SensorResponse } from '../../../shared/monitoring.schemas.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { reportFormError, validValues } from '../../components/formError.ts';

type Levels = Partial<Record<(typeof warningLevels)[number], number | null>>;

interface Values {
  spec: {
    thresholds: Levels;
    clear?: Levels;
    deadband: number;
    minDurationSeconds: number;
    minCount: number;
    intervalSeconds: number;
    silentFactor: number;
  };
  reason: string;
}

/** Levels without the blank ones (a blank input clears that level). */
function present(levels: Levels | undefined): Record<string, number> {
  return Object.fromEntries(
    Object.entries(levels ?? {}).filter((e): e is [string, number] => typeof e[1] === 'number'),
  );
}

export function ThresholdEditor({ sensor }: { sensor: SensorResponse }) {
  const { t, v } = useI18n();
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { spec } = sensor;
  const save = async () => {
    const values = await validValues(form);
    if (!values) {
      return;
    }
    const clear = present(values.spec.clear);
    const next = {
      ...spec,
      ...values.spec,
      thresholds: present(values.spec.thresholds),
      ...(Object.keys(clear).length ? { clear } : {}),
    };
    if (!Object.keys(clear).length) {
      delete next.clear;
    }
    try {
      await call(monitoringApi.updateSensorSpec, {
        params: { id: sensor.id },
        body: { version: sensor.version, spec: next, reason: values.reason },
      });
      await qc.invalidateQueries({ queryKey: ['sensor', sensor.id] });
      await qc.invalidateQueries({ queryKey: ['series', sensor.id] });
      await qc.invalidateQueries({ queryKey: ['audit', 'sensor', sensor.id] });
      form.setFieldValue('reason', '');
      void message.success(t('common.saved'));
    } catch (e) {
      reportFormError(form, e, (text) => void message.error(text));
    }
  };
  const number = (name: (string | number)[], label: string, min?: number) => (
    <Col xs={12} md={6} key={name.join('.')}>
      <Form.Item name={name} label={label}>
        <InputNumber min={min} style={{ width: '100%' }} data-testid={`spec-${name.join('-')}`} />
      </Form.Item>
    </Col>
  );
  return (
    <Card size="small" title={t('monitoring.thresholdEditor')} data-testid="threshold-editor">
      <Typography.Paragraph type="secondary">
        {t(spec.direction === 'lower' ? 'monitoring.directionLower' : 'monitoring.directionUpper')}{' '}
        · {t('monitoring.range')} {String(spec.rangeMin)} – {String(spec.rangeMax)} {sensor.unit} ·{' '}
        {t('monitoring.version')} {sensor.version}
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          spec: {
            thresholds: spec.thresholds,
            clear: spec.clear ?? {},
            deadband: spec.deadband,
            minDurationSeconds: spec.minDurationSeconds,
            minCount: spec.minCount,
            intervalSeconds: spec.intervalSeconds,
            silentFactor: spec.silentFactor,
          },
        }}
        onFinish={() => void save()}
      >
        <Row gutter={12}>
          {warningLevels.map((l) =>
            number(['spec', 'thresholds', l], `${v(l)} ${t('monitoring.threshold')}`),
          )}
          {warningLevels.map((l) =>
            number(['spec', 'clear', l], `${v(l)} ${t('monitoring.clearValue')}`),
          )}
          {number(['spec', 'deadband'], t('monitoring.deadband'), 0)}
          {number(['spec', 'minDurationSeconds'], t('monitoring.minDurationSeconds'), 0)}
          {number(['spec', 'minCount'], t('monitoring.minCount'), 1)}
          {number(['spec', 'intervalSeconds'], t('monitoring.intervalSeconds'), 1)}
          {number(['spec', 'silentFactor'], t('monitoring.silentFactor'), 1)}
        </Row>
        <Form.Item
          name="reason"
          label={t('monitoring.changeReason')}
          rules={[{ required: true, min: 2, max: 500 }]}
        >
          <Input data-testid="spec-reason" />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="spec-save">
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
