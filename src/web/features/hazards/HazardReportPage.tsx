/**
 * The report form (上报): a mine from the caller's jurisdiction, a criterion from a searchable picker
 * filtered by the mine's kind (every standard version in the catalogue), and what, where, who, when.
 * The API's field errors appear next to the fields.
 */
import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { hazardSources } from '../../../shared/hazard.enums.ts';
import type { HazardResponse } from '../../../shared/hazard.schemas.ts';
import type { MineResponse } from '../../../shared/registry.schemas.ts';
import { api, toQuery } from '../../app/api.ts';
import { reportFormError } from '../../components/formError.ts';
import { useI18n } from '../../app/i18n.tsx';
import { usePageTitle } from '../../app/title.ts';

interface Criterion {
  id: string;
  code: string;
  text: string;
  parentCode: string | null;
}
interface Standard {
  id: string;
  code: string;
  version: string;
}

export function HazardReportPage() {
  const { t, v } = useI18n();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, unknown>>();
  const [mineQuery, setMineQuery] = useState('');
  const mineId = Form.useWatch('mineId', form) as string | undefined;
  usePageTitle(t('hazard.newTitle'));
  const mines = useQuery({
    queryKey: ['mine-picker', mineQuery],
    queryFn: () =>
      api<{ items: MineResponse[] }>('GET', `/api/mines${toQuery({ q: mineQuery, limit: 50 })}`),
  });
  const chosen = useQuery({
    queryKey: ['mine', mineId],
    queryFn: () => api<MineResponse>('GET', `/api/mines/${mineId ?? ''}`),
    enabled: Boolean(mineId),
  });
  const kind = chosen.data?.kind;
  const criteria = useQuery({
    queryKey: ['criteria', kind],
    enabled: Boolean(kind),
    queryFn: async () => {
      const standards = await api<Standard[]>('GET', '/api/hazard-standards');
      const lists = await Promise.all(
        standards.map(async (s) => ({
          s,
          items: await api<Criterion[]>(
            'GET',
            `/api/hazard-standards/${s.id}/criteria${toQuery({ kind })}`,
          ),
        })),
      );
      return lists
        .filter((l) => l.items.length > 0)
        .map(({ s, items }) => ({
          label: `${s.code} (${s.version})`,
          options: items.map((c) => ({
            value: c.id,
            label: `${c.code} ${c.text}`,
          })),
        }));
    },
  });
  const submit = async () => {
    const values = await form.validateFields();
    try {
      const h = await api<HazardResponse>('POST', '/api/hazards', {
        ...values,
        foundOn: (values.foundOn as Dayjs).format('YYYY-MM-DD'),
      });
      void message.success(t('common.saved'));
      void navigate(`/hazards/${h.id}`);
    } catch (e) {
      reportFormError(form, e, (text) => void message.error(text));
    }
  };
  const mineOptions = [
    ...(chosen.data ? [chosen.data] : []),
    ...(mines.data?.items ?? []).filter((m) => m.id !== chosen.data?.id),
  ].map((m) => ({ value: m.id, label: `${m.name} (${v(m.kind)}, ${m.countyName ?? ''})` }));
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
            showSearch={{ filterOption: false, onSearch: setMineQuery }}
            options={mineOptions}
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
            <DatePicker />
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
