/**
 * The acts of an overdue hazard's ladder steps (《2024年矿山安全生产工作要点》第20条: 对重大事故隐患整改进展缓慢的
 * 及时采取函告、通报、约谈、曝光等措施): each step reached with its act — the 函告 or 通报 document, the 约谈
 * record with its commitments, the 曝光 — and, for the regulator unit of the mine's region, a button to
 * make the act of a reached step, withdraw an 曝光 or mark a commitment fulfilled. The API decides who may.
 */
import { useState } from 'react';
import { App, Button, Card, DatePicker, Descriptions, Form, Input, List, Space, Tag } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { Link, useNavigate } from 'react-router-dom';
import { hazardActsApi } from '../../../shared/hazard-acts.api.ts';
import type { HazardActStep, HazardActStepResponse } from '../../../shared/hazard-acts.schemas.ts';
import { call } from '../../app/api.ts';
import { useI18n, type MessageKey } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { StepDialog } from '../../components/StepDialog.tsx';

type Dialog =
  | { kind: 'interview' }
  | { kind: 'exposure' }
  | { kind: 'withdraw'; exposureId: string }
  | { kind: 'fulfil'; commitmentId: string };

const makeLabel = {
  函告: 'hazardActs.makeLetter',
  通报: 'hazardActs.makeCircular',
  约谈: 'hazardActs.makeInterview',
  曝光: 'hazardActs.makeExposure',
} as const satisfies Record<HazardActStep, MessageKey>;
const dialogTitle = {
  interview: 'hazardActs.dialogInterview',
  exposure: 'hazardActs.dialogExposure',
  withdraw: 'hazardActs.dialogWithdraw',
  fulfil: 'hazardActs.dialogFulfil',
} as const satisfies Record<Dialog['kind'], MessageKey>;

const day = (d: unknown) => (d as Dayjs).format('YYYY-MM-DD');
const people = (list: readonly { name: string; post: string }[]) =>
  list.map((p) => (p.post ? `${p.name} (${p.post})` : p.name)).join('、');

export function HazardActsCard({ hazardId }: { hazardId: string }) {
  const { t } = useI18n();
  const { can } = useSession();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [form] = Form.useForm<Record<string, unknown>>();
  const { data } = useQuery({
    queryKey: ['hazard-acts', hazardId],
    queryFn: () => call(hazardActsApi.list, { params: { id: hazardId } }),
  });
  if (!data || data.steps.every((s) => !s.reachedOn)) {
    return null;
  }
  const params = { id: hazardId };
  const makeDocument = async (step: '函告' | '通报') => {
    try {
      const res = await call(hazardActsApi.make, { params, body: { step } });
      await qc.invalidateQueries();
      const doc = res.steps.find((s) => s.step === step)?.document;
      if (doc) {
        void navigate(`/documents/${doc.id}`);
      }
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  const documentLink = (d: NonNullable<HazardActStepResponse['document']>) =>
    can('inspections.read') ? (
      <Link to={`/documents/${d.id}`}>{d.number}</Link>
    ) : (
      <a href={`/api/received-documents/${d.id}/pdf`}>{d.number}</a>
    );
  const act = (s: HazardActStepResponse) => {
    if (s.document) {
      return (
        <Space wrap>
          {documentLink(s.document)}
          <Tag color={s.document.state === '已签发' ? 'green' : 'default'}>{s.document.state}</Tag>
        </Space>
      );
    }
    if (s.interview) {
      const i = s.interview;
      return (
        <Descriptions size="small" column={1} data-testid="interview-record">
          <Descriptions.Item label={t('hazardActs.heldOn')}>
            {i.heldOn} · {i.place} · {i.unitName}
          </Descriptions.Item>
          <Descriptions.Item label={t('hazardActs.enterpriseAttendees')}>
            {people(i.enterpriseAttendees)}
          </Descriptions.Item>
          <Descriptions.Item label={t('hazardActs.parentAttendees')}>
            {people(i.parentAttendees)}
          </Descriptions.Item>
          <Descriptions.Item label={t('hazardActs.regulatorAttendees')}>
            {people(i.regulatorAttendees)}
          </Descriptions.Item>
          {i.summary && (
            <Descriptions.Item label={t('hazardActs.summary')}>{i.summary}</Descriptions.Item>
          )}
          <Descriptions.Item label={t('hazardActs.commitments')}>
            <List
              size="small"
              dataSource={i.commitments}
              renderItem={(c) => (
                <List.Item
                  actions={
                    data.canManage && !c.fulfilledOn
                      ? [
                          <Button
                            key="fulfil"
                            size="small"
                            onClick={() => setDialog({ kind: 'fulfil', commitmentId: c.id })}
                          >
                            {t('hazardActs.fulfil')}
                          </Button>,
                        ]
                      : []
                  }
                >
                  {c.text} · {t('hazardActs.deadline')} {c.deadline}{' '}
                  {c.fulfilledOn ? (
                    <Tag color="green">
                      {t('hazardActs.fulfilledOn')} {c.fulfilledOn}
                    </Tag>
                  ) : (
                    c.overdue && <Tag color="red">{t('hazardActs.overdue')}</Tag>
                  )}
                </List.Item>
              )}
            />
          </Descriptions.Item>
        </Descriptions>
      );
    }
    if (s.exposures.length) {
      return (
        <List
          size="small"
          dataSource={s.exposures}
          renderItem={(e) => (
            <List.Item
              actions={
                data.canManage && !e.withdrawn
                  ? [
                      <Button
                        key="withdraw"
                        size="small"
                        danger
                        onClick={() => setDialog({ kind: 'withdraw', exposureId: e.id })}
                        data-testid="exposure-withdraw"
                      >
                        {t('hazardActs.withdraw')}
                      </Button>,
                    ]
                  : []
              }
            >
              {e.exposedOn} · {e.unitName}: {e.reason}{' '}
              {e.withdrawn ? (
                <Tag>
                  {t('hazardActs.withdrawn')}
                  {e.withdrawn.reason ? `: ${e.withdrawn.reason}` : ''}
                </Tag>
              ) : (
                <Tag color="red">{t('hazardActs.public')}</Tag>
              )}
            </List.Item>
          )}
        />
      );
    }
    return null;
  };
  const button = (s: HazardActStepResponse) => {
    if (!s.canAct) {
      return null;
    }
    const open =
      s.step === '函告' || s.step === '通报'
        ? () => void makeDocument(s.step as '函告' | '通报')
        : () => setDialog({ kind: s.step === '约谈' ? 'interview' : 'exposure' });
    return (
      <Button type="primary" size="small" onClick={open} data-testid={`act-${s.step}`}>
        {t(makeLabel[s.step])}
      </Button>
    );
  };
  /** Where the open dialog's form goes. */
  const sendOf = (d: Dialog | null): ((body: unknown) => Promise<unknown>) | null => {
    if (!d) {
      return null;
    }
    switch (d.kind) {
      case 'interview':
      case 'exposure':
        return (body) => call(hazardActsApi.make, { params, body });
      case 'withdraw':
        return (body) =>
          call(hazardActsApi.withdrawExposure, {
            params: { ...params, exposureId: d.exposureId },
            body,
          });
      case 'fulfil':
        return (body) =>
          call(hazardActsApi.fulfilCommitment, {
            params: { ...params, commitmentId: d.commitmentId },
            body,
          });
    }
  };
  /** The form's values as the API's body. */
  const toBody = (v: Record<string, unknown>) => {
    if (dialog?.kind === 'interview') {
      const commitments =
        (v['commitments'] as { text: string; deadline: Dayjs }[] | undefined) ?? [];
      return {
        ...v,
        step: '约谈',
        heldOn: day(v['heldOn']),
        commitments: commitments.map((c) => ({ text: c.text, deadline: day(c.deadline) })),
      };
    }
    if (dialog?.kind === 'exposure') {
      return { step: '曝光', reason: v['reason'] };
    }
    if (dialog?.kind === 'fulfil') {
      return { fulfilledOn: day(v['fulfilledOn']) };
    }
    return v;
  };
  const attendees = (name: string, label: string) => (
    <Form.List name={name} initialValue={[{ name: '', post: '' }]}>
      {(fields, { add, remove }) => (
        <Form.Item label={label} required>
          {fields.map((f) => (
            <Space key={f.key} align="baseline">
              <Form.Item name={[f.name, 'name']} rules={[{ required: true, max: 200 }]}>
                <Input placeholder={t('hazardActs.name')} />
              </Form.Item>
              <Form.Item name={[f.name, 'post']} rules={[{ max: 100 }]}>
                <Input placeholder={t('hazardActs.post')} />
              </Form.Item>
              {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
            </Space>
          ))}
          <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add()}>
            {t('hazardActs.addPerson')}
          </Button>
        </Form.Item>
      )}
    </Form.List>
  );
  return (
    <Card size="small" title={t('hazardActs.title')} style={{ marginBottom: 16 }}>
      <List
        data-testid="hazard-acts"
        dataSource={data.steps}
        renderItem={(s) => (
          <List.Item extra={button(s)}>
            <List.Item.Meta
              title={
                <Space>
                  <strong>{s.step}</strong>
                  {s.reachedOn ? (
                    <Tag color="orange">
                      {t('hazardActs.reachedOn')} {s.reachedOn}
                    </Tag>
                  ) : (
                    <Tag>{t('hazardActs.notReached')}</Tag>
                  )}
                </Space>
              }
              description={act(s)}
            />
          </List.Item>
        )}
      />
      <StepDialog
        form={form}
        send={sendOf(dialog)}
        title={dialog ? t(dialogTitle[dialog.kind]) : ''}
        toBody={toBody}
        onClose={() => setDialog(null)}
      >
        {dialog?.kind === 'interview' && (
          <>
            <Form.Item name="heldOn" label={t('hazardActs.heldOn')} rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item
              name="place"
              label={t('hazardActs.place')}
              rules={[{ required: true, max: 200 }]}
            >
              <Input />
            </Form.Item>
            {attendees('enterpriseAttendees', t('hazardActs.enterpriseAttendees'))}
            {attendees('parentAttendees', t('hazardActs.parentAttendees'))}
            {attendees('regulatorAttendees', t('hazardActs.regulatorAttendees'))}
            <Form.Item name="summary" label={t('hazardActs.summary')} rules={[{ max: 5000 }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.List name="commitments" initialValue={[{}]}>
              {(fields, { add, remove }) => (
                <Form.Item label={t('hazardActs.commitments')} required>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline">
                      <Form.Item name={[f.name, 'text']} rules={[{ required: true, max: 2000 }]}>
                        <Input placeholder={t('hazardActs.commitment')} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'deadline']} rules={[{ required: true }]}>
                        <DatePicker placeholder={t('hazardActs.deadline')} />
                      </Form.Item>
                      {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                    </Space>
                  ))}
                  <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add()}>
                    {t('hazardActs.addCommitment')}
                  </Button>
                </Form.Item>
              )}
            </Form.List>
          </>
        )}
        {(dialog?.kind === 'exposure' || dialog?.kind === 'withdraw') && (
          <Form.Item
            name="reason"
            label={t(
              dialog.kind === 'exposure' ? 'hazardActs.reason' : 'hazardActs.withdrawReason',
            )}
            extra={dialog.kind === 'exposure' ? t('hazardActs.reasonPublic') : undefined}
            rules={[{ required: true, whitespace: true, max: 2000 }]}
          >
            <Input.TextArea rows={3} data-testid="act-reason" />
          </Form.Item>
        )}
        {dialog?.kind === 'fulfil' && (
          <Form.Item
            name="fulfilledOn"
            label={t('hazardActs.fulfilledOn')}
            rules={[{ required: true }]}
          >
            <DatePicker />
          </Form.Item>
        )}
      </StepDialog>
    </Card>
  );
}
