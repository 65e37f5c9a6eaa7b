/**
 * The forms of the register: a record of a mine (the kinds it owes, from its registry heights, kind and
 * 头顶库 flag, read from the server) and the opening of a pond's 闭库.
 */
import { useMemo } from 'react';
import { DatePicker, Form, Input, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { DateWindows } from '../../../shared/date-windows.ts';
import { pitsPondsApi } from '../../../shared/pits-ponds.api.ts';
import { closureReasons } from '../../../shared/pits-ponds.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { outsideWindow } from '../../components/dateWindow.ts';
import { StepDialog } from '../../components/StepDialog.tsx';

const day = (d: unknown) => (d as Dayjs).format('YYYY-MM-DD');

function useRegisterMines() {
  return useQuery({
    queryKey: ['pit-pond-mines'],
    queryFn: () => call(pitsPondsApi.mines, { query: {} }),
  });
}

export function RecordForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, v } = useI18n();
  const [form] = Form.useForm<Record<string, unknown>>();
  const mineId = Form.useWatch('mineId', form) as string | undefined;
  const mines = useRegisterMines();
  const owed = useMemo(
    () => (mines.data ?? []).find((m) => m.id === mineId)?.obligations ?? [],
    [mines.data, mineId],
  );
  return (
    <StepDialog
      form={form}
      send={open ? (body) => call(pitsPondsApi.fileRecord, { body }) : null}
      title={t('pitsPonds.fileRecord')}
      onClose={onClose}
      toBody={({ item, recordedOn, ...values }) => {
        const [kind, slope] = String(item).split('|');
        return { ...values, kind, slope: slope || null, recordedOn: day(recordedOn), note: '' };
      }}
    >
      <Form.Item name="mineId" label={t('pitsPonds.mine')} rules={[{ required: true }]}>
        <Select
          showSearch
          optionFilterProp="label"
          options={(mines.data ?? [])
            .filter((m) => m.obligations.length > 0)
            .map((m) => ({ value: m.id, label: `${m.name} (${m.countyName})` }))}
          data-testid="record-mine"
        />
      </Form.Item>
      <Form.Item name="item" label={t('pitsPonds.kind')} rules={[{ required: true }]}>
        <Select
          options={owed.map((o) => ({
            value: `${o.kind}|${o.slope ?? ''}`,
            label: o.slope ? `${v(o.kind)} (${v(o.slope)})` : v(o.kind),
          }))}
          data-testid="record-kind"
        />
      </Form.Item>
      <Form.Item name="recordedOn" label={t('pitsPonds.recordedOn')} rules={[{ required: true }]}>
        <DatePicker disabledDate={outsideWindow(DateWindows.happened)} />
      </Form.Item>
      <Form.Item name="document" label={t('pitsPonds.document')} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
    </StepDialog>
  );
}

export function ClosureOpenForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, v } = useI18n();
  const [form] = Form.useForm<Record<string, unknown>>();
  const mines = useRegisterMines();
  return (
    <StepDialog
      form={form}
      send={open ? (body) => call(pitsPondsApi.openClosure, { body }) : null}
      title={t('pitsPonds.openClosure')}
      onClose={onClose}
      toBody={(values) => ({ ...values, openedOn: day(values.openedOn), note: '' })}
    >
      <Form.Item name="mineId" label={t('pitsPonds.pond')} rules={[{ required: true }]}>
        <Select
          showSearch
          optionFilterProp="label"
          options={(mines.data ?? [])
            .filter((m) => m.kind === '尾矿库')
            .map((m) => ({ value: m.id, label: `${m.name} (${m.countyName})` }))}
          data-testid="closure-pond"
        />
      </Form.Item>
      <Form.Item name="reason" label={t('pitsPonds.closureReason')} rules={[{ required: true }]}>
        <Select
          options={closureReasons.map((r) => ({ value: r, label: v(r) }))}
          data-testid="closure-reason"
        />
      </Form.Item>
      <Form.Item name="openedOn" label={t('pitsPonds.openedOn')} rules={[{ required: true }]}>
        <DatePicker disabledDate={outsideWindow(DateWindows.happened)} />
      </Form.Item>
    </StepDialog>
  );
}
