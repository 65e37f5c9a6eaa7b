/**
 * Register a mine or edit one. Field-level errors from the API appear next to their fields.
 */
import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Skeleton,
  Space,
  Switch,
} from 'antd';
import dayjs from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import { attributesByKind } from '../../../shared/registry.schemas.ts';
import {
  hydrogeologyTypes,
  mineKinds,
  mineScales,
  mineStatuses,
  standardizationLevels,
  tailingsStackings,
} from '../../../shared/registry.enums.ts';
import { enterprisesApi, minesApi } from '../../../shared/registry.api.ts';
import { call } from '../../app/api.ts';
import { reportFormError } from '../../components/formError.ts';
import { useI18n, type MessageKey } from '../../app/i18n.tsx';
import { useRegion } from '../../app/region.tsx';
import { usePageTitle } from '../../app/title.ts';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { outsideWindow } from '../../components/dateWindow.ts';
import { DateWindows } from '../../../shared/date-windows.ts';
import { CoordinatePicker } from '../map/CoordinatePicker.tsx';

type Values = Record<string, unknown>;
/** 《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(八)2–3: when the mine reached each (blank: not yet). */
const fiveFields = ['mechanizedOn', 'videoMonitoredOn', 'informatizedOn'];
const dateFields = ['statusSince', 'standardizationDate', 'tailingsLastDischarge', ...fiveFields];
const numberFields: Record<string, { min: number; max: number; precision?: number }> = {
  depthM: { min: 0, max: 5000 },
  productionLevels: { min: 1, max: 20, precision: 0 },
  designCapacityTpa: { min: 0, max: 1e9 },
  approvedUndergroundStaff: { min: 0, max: 100000, precision: 0 },
  slopeHeightM: { min: 0, max: 2000 },
  dumpHeightM: { min: 0, max: 2000 },
  tailingsVolume10kM3: { min: 0, max: 1e7 },
  tailingsDamHeightM: { min: 0, max: 1000 },
};

/** Form values → API body: dates as YYYY-MM-DD, blanks dropped (create) or nulled (edit). */
export function toBody(values: Values, editing: boolean): Values {
  const out: Values = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || v === '') {
      if (editing) {
        out[k] = null;
      }
      continue;
    }
    out[k] = dayjs.isDayjs(v) ? v.format('YYYY-MM-DD') : v;
  }
  return out;
}

export function MineFormPage() {
  const { id } = useParams();
  const editing = Boolean(id);
  const { t, v } = useI18n();
  const { regions } = useRegion();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [enterpriseSearch, setEnterpriseSearch] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form) as string | undefined;
  const countyCode = Form.useWatch('countyCode', form) as string | undefined;
  const longitude: unknown = Form.useWatch('longitude', form);
  const latitude: unknown = Form.useWatch('latitude', form);
  usePageTitle(editing ? t('mine.editTitle') : t('mine.createTitle'));
  const mine = useQuery({
    queryKey: ['mine', id],
    queryFn: () => call(minesApi.get, { params: { id: id ?? '' } }),
    enabled: editing,
  });
  const enterprises = useQuery({
    queryKey: ['enterprise-options', enterpriseSearch],
    queryFn: () => call(enterprisesApi.list, { query: { q: enterpriseSearch, limit: 50 } }),
  });
  useEffect(() => {
    if (!mine.data) {
      return;
    }
    const initial: Values = { ...mine.data };
    for (const f of dateFields) {
      if (typeof initial[f] === 'string') {
        initial[f] = dayjs(initial[f]);
      }
    }
    form.setFieldsValue(initial);
  }, [mine.data, form]);
  // Counties by name (with their city where two share a name, as 城区 does); the code stays searchable.
  const counties = useMemo(() => {
    const level3 = regions.filter((r) => r.level === 3);
    const names = new Map(regions.map((r) => [r.code, r.name]));
    const seen = new Map<string, number>();
    for (const r of level3) {
      seen.set(r.name, (seen.get(r.name) ?? 0) + 1);
    }
    return level3.map((r) => ({
      value: r.code,
      label:
        (seen.get(r.name) ?? 0) > 1 ? `${names.get(r.parentCode ?? '') ?? ''}${r.name}` : r.name,
    }));
  }, [regions]);
  if (mine.error) {
    return <QueryError error={mine.error} />;
  }
  if (editing && !mine.data) {
    return <Skeleton active />;
  }
  const specific = new Set(kind ? (attributesByKind[kind] ?? []) : []);
  const enterpriseOptions = [
    ...(mine.data ? [{ value: mine.data.enterpriseId, label: mine.data.enterpriseName }] : []),
    ...(enterprises.data?.items ?? []).map((e) => ({
      value: e.id,
      label: `${e.name} (${e.creditCode})`,
    })),
  ];
  const submit = async (values: Values) => {
    setFormError(null);
    const generic = [
      'name',
      'enterpriseId',
      'countyCode',
      'kind',
      'scale',
      'standardizationLevel',
      'standardizationDate',
      ...fiveFields,
      'longitude',
      'latitude',
    ];
    const allowed = new Set([
      ...generic,
      ...specific,
      ...(editing ? [] : ['status', 'statusSince']),
    ]);
    const body = toBody(
      Object.fromEntries(Object.entries(values).filter(([k]) => allowed.has(k))),
      editing,
    );
    // On edit, clear the attributes the new kind does not have.
    if (editing) {
      for (const f of Object.keys(numberFields).concat([
        'hydrogeologyType',
        'tailingsStacking',
        'tailingsOverhead',
        'tailingsLastDischarge',
      ])) {
        if (!specific.has(f as never)) {
          body[f] = null;
        }
      }
    }
    // 煤矿编码 is the regulator's to assign: an edit sends it only when it changed.
    if (editing && (body.coalCode ?? null) === (mine.data?.coalCode ?? null)) {
      delete body.coalCode;
    }
    try {
      const saved = editing
        ? await call(minesApi.update, {
            params: { id: id ?? '' },
            body: { ...body, version: mine.data?.version },
          })
        : await call(minesApi.create, { body });
      await qc.invalidateQueries();
      void message.success(t('common.saved'));
      void navigate(`/mines/${saved.id}`);
    } catch (e) {
      const onFields = reportFormError(form, e, setFormError);
      if (onFields) {
        setFormError(t('errors.fixFields'));
      }
    }
  };
  const label = (f: string) => t(`mine.${f}` as MessageKey);
  const select = (f: string, values: readonly string[], required = false) => (
    <Form.Item name={f} label={label(f)} rules={required ? [{ required: true }] : []}>
      <Select options={values.map((x) => ({ value: x, label: v(x) }))} allowClear={!required} />
    </Form.Item>
  );
  return (
    <div>
      <div className="page-header">
        <h1>
          {editing ? `${t('mine.editTitle')}: ${mine.data?.name ?? ''}` : t('mine.createTitle')}
        </h1>
      </div>
      {formError && (
        <Alert
          type="error"
          showIcon
          message={formError}
          style={{ marginBottom: 16 }}
          role="alert"
        />
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => void submit(values)}
        initialValues={{ standardizationLevel: '未达标', status: '生产', statusSince: dayjs() }}
      >
        <Card size="small">
          <Row gutter={16}>
            <Col xs={24} md={12} xl={8}>
              <Form.Item name="name" label={label('name')} rules={[{ required: true, max: 200 }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Form.Item
                name="enterpriseId"
                label={label('enterprise')}
                rules={[{ required: true }]}
              >
                <Select
                  showSearch
                  filterOption={false}
                  onSearch={setEnterpriseSearch}
                  options={enterpriseOptions}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Form.Item name="countyCode" label={label('county')} rules={[{ required: true }]}>
                <Select
                  showSearch
                  options={counties}
                  loading={!counties.length}
                  // Never the bare code: the county's name, or a wait while the names load.
                  labelRender={(l) => l.label ?? t('common.loading')}
                  filterOption={(input, o) =>
                    Boolean(o && (o.label.includes(input) || o.value.startsWith(input)))
                  }
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={8}>
              {select('kind', mineKinds, true)}
            </Col>
            <Col xs={24} md={12} xl={8}>
              {select('scale', mineScales, true)}
            </Col>
            {!editing && (
              <Col xs={24} md={12} xl={8}>
                {select('status', mineStatuses, true)}
              </Col>
            )}
            {!editing && (
              <Col xs={24} md={12} xl={8}>
                <Form.Item
                  name="statusSince"
                  label={label('statusSince')}
                  rules={[{ required: true }]}
                >
                  <DatePicker
                    disabledDate={outsideWindow(DateWindows.happened)}
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              </Col>
            )}
            <Col xs={24} md={12} xl={8}>
              {select('standardizationLevel', standardizationLevels, true)}
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Form.Item name="standardizationDate" label={label('standardizationDate')}>
                <DatePicker
                  disabledDate={outsideWindow(DateWindows.happened)}
                  style={{ width: '100%' }}
                />
              </Form.Item>
            </Col>
            <Col xs={12} xl={4}>
              <Form.Item
                name="longitude"
                label={label('longitude')}
                rules={[{ type: 'number', min: 73, max: 136, message: t('map.lonRange') }]}
              >
                <InputNumber precision={5} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} xl={4}>
              <Form.Item
                name="latitude"
                label={label('latitude')}
                rules={[{ type: 'number', min: 3, max: 54, message: t('map.latRange') }]}
              >
                <InputNumber precision={5} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} xl={8}>
              <Form.Item label={t('map.pickTitle')}>
                <CoordinatePicker
                  county={countyCode}
                  value={
                    typeof longitude === 'number' && typeof latitude === 'number'
                      ? [longitude, latitude]
                      : null
                  }
                  onPick={([lon, lat]) => form.setFieldsValue({ longitude: lon, latitude: lat })}
                />
              </Form.Item>
            </Col>
            {fiveFields.map((f) => (
              <Col xs={24} md={12} xl={8} key={f}>
                <Form.Item name={f} label={label(f)} tooltip={t('mine.fiveHint')}>
                  <DatePicker
                    disabledDate={outsideWindow(DateWindows.happened)}
                    style={{ width: '100%' }}
                    data-testid={`mine-${f}`}
                  />
                </Form.Item>
              </Col>
            ))}
            {Object.entries(numberFields)
              .filter(([f]) => specific.has(f as never))
              .map(([f, range]) => (
                <Col xs={24} md={12} xl={8} key={f}>
                  <Form.Item name={f} label={label(f)}>
                    <InputNumber
                      min={range.min}
                      max={range.max}
                      precision={range.precision}
                      style={{ width: '100%' }}
                    />
                  </Form.Item>
                </Col>
              ))}
            {specific.has('coalCode') && (
              <Col xs={24} md={12} xl={8}>
                <Form.Item
                  name="coalCode"
                  label={label('coalCode')}
                  tooltip={t('mine.coalCodeHint')}
                  rules={[{ pattern: /^\d{12}$/, message: t('mine.coalCodeInvalid') }]}
                >
                  <Input maxLength={12} inputMode="numeric" />
                </Form.Item>
              </Col>
            )}
            {specific.has('hydrogeologyType') && (
              <Col xs={24} md={12} xl={8}>
                {select('hydrogeologyType', hydrogeologyTypes)}
              </Col>
            )}
            {specific.has('tailingsStacking') && (
              <Col xs={24} md={12} xl={8}>
                {select('tailingsStacking', tailingsStackings)}
              </Col>
            )}
            {specific.has('tailingsOverhead') && (
              <Col xs={24} md={12} xl={8}>
                <Form.Item
                  name="tailingsOverhead"
                  label={label('tailingsOverhead')}
                  valuePropName="checked"
                >
                  <Switch />
                </Form.Item>
              </Col>
            )}
            {specific.has('tailingsLastDischarge') && (
              <Col xs={24} md={12} xl={8}>
                <Form.Item name="tailingsLastDischarge" label={label('tailingsLastDischarge')}>
                  <DatePicker
                    disabledDate={outsideWindow(DateWindows.happened)}
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              </Col>
            )}
          </Row>
        </Card>
        <Space style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" data-testid="mine-save">
            {t('common.save')}
          </Button>
          <Button onClick={() => void navigate(-1)}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </div>
  );
}
