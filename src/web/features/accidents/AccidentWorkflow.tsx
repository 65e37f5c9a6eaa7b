/**
 * The accident after filing (issue 24) in its drawer: where the case stands (调查中 / 已认定 / 已结案, the
 * investigating level, 挂牌督办, 整改验收, 瞒报), the 调查认定 with its responsible parties, the timeline,
 * and — for regulators — the step forms: 调查认定, 挂牌督办, 提级调查, 整改验收, 结案. The API decides the order.
 */
import { useState } from 'react';
import {
  Alert,
  Button,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
} from 'antd';
import type { Dayjs } from 'dayjs';
import {
  findingNatures,
  investigationLevels,
  responsiblePartyKinds,
} from '../../../shared/accident-workflow.ts';
import { accountabilityApi } from '../../../shared/accountability.api.ts';
import type { AccidentResponse } from '../../../shared/accountability.schemas.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { StepDialog } from '../../components/StepDialog.tsx';
import { outsideWindow } from '../../components/dateWindow.ts';
import { DateWindows } from '../../../shared/date-windows.ts';

type Step = 'finding' | 'supervise' | 'escalate' | 'rectification' | 'close';
const day = (v: unknown) => (v as Dayjs).format('YYYY-MM-DD');

export function AccidentWorkflow({ accident }: { accident: AccidentResponse }) {
  const { t, v, formatDateTime } = useI18n();
  const [open, setOpen] = useState<Step | null>(null);
  const [form] = Form.useForm<Record<string, unknown>>();
  const w = accident.workflow;
  const id = accident.id;
  const closed = w.stage === '已结案';
  const contracts = {
    finding: accountabilityApi.accidentFinding,
    supervise: accountabilityApi.superviseAccident,
    escalate: accountabilityApi.escalateAccident,
    rectification: accountabilityApi.acceptAccidentRectification,
    close: accountabilityApi.closeAccident,
  } as const;
  const buttons: [Step, boolean][] = [
    ['finding', w.stage === '调查中' && !w.escalationRequired],
    ['escalate', w.stage === '调查中'],
    ['supervise', !closed && !w.supervision],
    ['rectification', !w.rectificationAcceptedOn],
    ['close', w.stage === '已认定'],
  ];
  const toBody = (values: Record<string, unknown>) => {
    switch (open) {
      case 'finding':
        return {
          ...values,
          concludedOn: day(values.concludedOn),
          parties: (values.parties as unknown[] | undefined) ?? [],
        };
      case 'supervise':
        return { ...values, deadline: day(values.deadline) };
      case 'rectification':
        return { ...values, acceptedOn: day(values.acceptedOn) };
      case 'close':
        return { ...values, closedOn: day(values.closedOn) };
      case 'escalate':
      case null:
        return values;
    }
  };
  return (
    <div data-testid="accident-workflow">
      <h3 style={{ marginTop: 16 }}>{t('accidentWorkflow.title')}</h3>
      {w.holdsResumption && (
        <Alert type="warning" showIcon message={t('accidentWorkflow.holdsResumption')} />
      )}
      {w.canManage && w.escalationRequired && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          message={t('accidentWorkflow.escalationRequired')}
          data-testid="escalation-required"
        />
      )}
      <Descriptions size="small" column={2} bordered style={{ marginTop: 8 }}>
        <Descriptions.Item label={t('accidentWorkflow.stage')}>
          <Tag color={closed ? 'default' : w.stage === '已认定' ? 'blue' : 'orange'}>
            {v(w.stage)}
          </Tag>
          {w.concealed && <Tag color="red">{t('accidentWorkflow.concealed')}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('accidentWorkflow.level')}>
          {v(w.investigationLevel)}
          {w.investigationUnit ? ` · ${w.investigationUnit}` : ''}
          {w.escalated && <Tag style={{ marginLeft: 8 }}>{v('提级调查')}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={v('挂牌督办')}>
          {w.supervision
            ? t('accidentWorkflow.supervisedBy', {
                unit: w.supervision.unit,
                deadline: w.supervision.deadline,
              })
            : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={v('整改验收')}>
          {w.rectificationAcceptedOn ?? '—'}
        </Descriptions.Item>
        {w.finding && (
          <>
            <Descriptions.Item label={t('accidentWorkflow.nature')}>
              {v(w.finding.nature)} · {w.finding.concludedOn}
            </Descriptions.Item>
            <Descriptions.Item label={v('结案')}>{w.closedOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('accidentWorkflow.cause')} span={2}>
              {w.finding.cause}
            </Descriptions.Item>
            <Descriptions.Item label={t('accidentWorkflow.finding')} span={2}>
              {w.finding.finding}
            </Descriptions.Item>
          </>
        )}
      </Descriptions>
      {w.finding && w.finding.parties.length > 0 && (
        <Table
          size="small"
          style={{ marginTop: 8 }}
          rowKey={(r) => `${r.kind}${r.name}${r.role}`}
          pagination={false}
          dataSource={w.finding.parties}
          columns={[
            {
              title: t('accidentWorkflow.partyKind'),
              dataIndex: 'kind',
              width: 70,
              render: (k: string) => v(k),
            },
            { title: t('accidentWorkflow.partyName'), dataIndex: 'name' },
            { title: t('accidentWorkflow.partyRole'), dataIndex: 'role' },
            { title: t('accidentWorkflow.handling'), dataIndex: 'handling' },
          ]}
        />
      )}
      {w.canManage && (
        <Space wrap style={{ marginTop: 8 }}>
          {buttons
            .filter(([, shown]) => shown)
            .map(([s]) => (
              <Button key={s} size="small" onClick={() => setOpen(s)}>
                {t(`accidentWorkflow.do_${s}`)}
              </Button>
            ))}
        </Space>
      )}
      {w.steps.length > 0 && (
        <Timeline
          style={{ marginTop: 16 }}
          items={w.steps.map((s) => ({
            children: (
              <>
                <b>{v(s.step)}</b> · {formatDateTime(s.at)} · {s.actor}
                <div>{s.summary}</div>
              </>
            ),
          }))}
        />
      )}
      <StepDialog
        form={form}
        send={open ? (body) => call(contracts[open], { params: { id }, body }) : null}
        title={open ? t(`accidentWorkflow.do_${open}`) : ''}
        onClose={() => setOpen(null)}
        initialValues={
          open === 'finding' ? { nature: '责任事故', parties: [{ kind: '个人' }] } : {}
        }
        toBody={toBody}
      >
        {open === 'finding' && (
          <>
            <Form.Item
              name="concludedOn"
              label={t('accidentWorkflow.date')}
              rules={[{ required: true }]}
            >
              <DatePicker disabledDate={outsideWindow(DateWindows.happened)} />
            </Form.Item>
            <Form.Item
              name="nature"
              label={t('accidentWorkflow.nature')}
              rules={[{ required: true }]}
            >
              <Select options={findingNatures.map((n) => ({ value: n, label: v(n) }))} />
            </Form.Item>
            <Form.Item
              name="cause"
              label={t('accidentWorkflow.cause')}
              rules={[{ required: true }]}
            >
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item
              name="finding"
              label={t('accidentWorkflow.finding')}
              rules={[{ required: true }]}
            >
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.List name="parties">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline" wrap>
                      <Form.Item name={[f.name, 'kind']} rules={[{ required: true }]}>
                        <Select
                          style={{ width: 80 }}
                          options={responsiblePartyKinds.map((k) => ({ value: k, label: v(k) }))}
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'name']} rules={[{ required: true }]}>
                        <Input placeholder={t('accidentWorkflow.partyName')} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'role']} rules={[{ required: true }]}>
                        <Input placeholder={t('accidentWorkflow.partyRole')} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'handling']} rules={[{ required: true }]}>
                        <Input placeholder={t('accidentWorkflow.handling')} />
                      </Form.Item>
                      <Button size="small" onClick={() => remove(f.name)}>
                        {t('accidentWorkflow.removeParty')}
                      </Button>
                    </Space>
                  ))}
                  <Button size="small" onClick={() => add({ kind: '个人' })}>
                    {t('accidentWorkflow.addParty')}
                  </Button>
                </>
              )}
            </Form.List>
          </>
        )}
        {open === 'supervise' && (
          <>
            <Form.Item name="unit" label={t('accidentWorkflow.unit')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item
              name="deadline"
              label={t('accidentWorkflow.deadline')}
              rules={[{ required: true }]}
            >
              <DatePicker disabledDate={outsideWindow(DateWindows.planned)} />
            </Form.Item>
            <Form.Item name="note" label={t('accidentWorkflow.note')}>
              <Input />
            </Form.Item>
          </>
        )}
        {open === 'escalate' && (
          <>
            <Form.Item
              name="level"
              label={t('accidentWorkflow.level')}
              rules={[{ required: true }]}
            >
              <Select options={investigationLevels.map((l) => ({ value: l, label: v(l) }))} />
            </Form.Item>
            <Form.Item name="unit" label={t('accidentWorkflow.unit')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item
              name="reason"
              label={t('accidentWorkflow.reason')}
              rules={[{ required: true }]}
            >
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        )}
        {(open === 'rectification' || open === 'close') && (
          <>
            <Form.Item
              name={open === 'close' ? 'closedOn' : 'acceptedOn'}
              label={t('accidentWorkflow.date')}
              rules={[{ required: true }]}
            >
              <DatePicker disabledDate={outsideWindow(DateWindows.happened)} />
            </Form.Item>
            <Form.Item name="note" label={t('accidentWorkflow.note')} rules={[{ required: true }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        )}
      </StepDialog>
    </div>
  );
}
