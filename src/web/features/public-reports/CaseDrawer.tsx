/** One 举报 case: what was reported, the reporter as far as the caller may know, the timeline, the next step. */
import { useState } from 'react';
import {
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Radio,
  Space,
  Timeline,
  Typography,
} from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { accountabilityApi } from '../../../shared/accountability.api.ts';
import { verificationResults, type CaseState } from '../../../shared/public-reports.ts';
import { HandleFields, handleBody } from './HandleFields.tsx';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { StepDialog } from '../../components/StepDialog.tsx';

/** Where the record a handled case became lives in the app. */
const linkPath: Record<string, string> = {
  转为重大事故隐患: 'hazards',
  转为线索: 'leads',
  转为执法检查: 'inspections',
};

type Step = 'accept' | 'verify' | 'handle' | 'answer' | 'reward' | 'accountability';

/** The next step by state, and the form it needs. */
const nextStep: Record<CaseState, Step | undefined> = {
  待受理: 'accept',
  已受理: 'verify',
  已核实: 'handle',
  已办理: 'answer',
  已反馈: 'reward',
  不予受理: undefined,
};

/** Each step's endpoint. */
const stepEndpoint = {
  accept: accountabilityApi.acceptPublicReport,
  verify: accountabilityApi.verifyPublicReport,
  handle: accountabilityApi.handlePublicReport,
  answer: accountabilityApi.answerPublicReport,
  reward: accountabilityApi.rewardPublicReport,
  accountability: accountabilityApi.holdAccountable,
} satisfies Record<Step, unknown>;

export function CaseDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t, v, formatDateTime } = useI18n();
  const { can, me } = useSession();
  const [step, setStep] = useState<Step | null>(null);
  const [form] = Form.useForm<Record<string, unknown>>();
  const { data } = useQuery({
    queryKey: ['public-report', id],
    enabled: Boolean(id),
    queryFn: () => call(accountabilityApi.publicReport, { params: { id: id ?? '' } }),
  });
  const next = data ? nextStep[data.state] : undefined;
  const mayAct =
    data?.handlingUnit &&
    can('public_reports.handle') &&
    (next !== 'reward' || me?.role === 'regulator_admin');
  // 追责 after 办理, once, for a case not found untrue (issue 24).
  const mayHold =
    data?.handlingUnit &&
    can('public_reports.handle') &&
    (data.state === '已办理' || data.state === '已反馈') &&
    data.accountability === null &&
    data.verification !== '不属实';
  const reporter = data?.reporter;
  return (
    <Drawer
      open={Boolean(id)}
      onClose={onClose}
      width={760}
      title={data?.trackingCode}
      destroyOnHidden
    >
      {data && (
        <>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('publicReports.state')}>{v(data.state)}</Descriptions.Item>
            <Descriptions.Item label={t('publicReports.category')}>
              {v(data.category)}
            </Descriptions.Item>
            <Descriptions.Item label={t('publicReports.location')}>
              {data.location}
              {data.mineName ? ` (${data.mineName})` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('publicReports.content')}>{data.content}</Descriptions.Item>
            <Descriptions.Item label={t('publicReports.reporter')}>
              <span data-testid="case-reporter">
                {reporter?.anonymous
                  ? t('publicReports.anonymousReporter')
                  : reporter?.identityProtected
                    ? t('publicReports.protected')
                    : `${reporter?.name ?? ''} ${reporter?.phone ?? ''}`}
              </span>
            </Descriptions.Item>
            {data.outcome && (
              <Descriptions.Item label={t('publicReports.outcome')}>
                {v(data.outcome)}{' '}
                {data.linkId && (
                  <Link
                    to={
                      data.outcome === '转为事故调查'
                        ? `/accidents?open=${data.linkId}`
                        : `/${linkPath[data.outcome] ?? ''}/${data.linkId}`
                    }
                    data-testid="case-link"
                  >
                    {t('publicReports.openLinked')}
                  </Link>
                )}
              </Descriptions.Item>
            )}
            {data.accountability && (
              <Descriptions.Item label={t('publicReports.accountability')}>
                {data.accountability.measures}
                {data.accountability.parties.map((p) => (
                  <div key={`${p.name}${p.role}`}>
                    {p.name} ({p.role}): {p.handling}
                  </div>
                ))}
              </Descriptions.Item>
            )}
            {data.photos.length > 0 && (
              <Descriptions.Item label={t('publicReports.photos')}>
                <Space wrap>
                  {data.photos.map((p, i) => (
                    <a
                      key={p.id}
                      href={`/api/public-reports/${data.id}/photos/${p.id}`}
                      target="_blank"
                      rel="noreferrer"
                    >
                      {i + 1}
                    </a>
                  ))}
                </Space>
              </Descriptions.Item>
            )}
          </Descriptions>
          <h3 style={{ marginTop: 16 }}>{t('publicReports.timeline')}</h3>
          <Timeline
            data-testid="case-timeline"
            items={data.events.map((e) => ({
              children: (
                <>
                  {formatDateTime(e.at)} {v(e.step)} · {e.actor}
                  {e.publicNote && <div>{e.publicNote}</div>}
                  {e.internalNote && (
                    <Typography.Text type="secondary">{e.internalNote}</Typography.Text>
                  )}
                </>
              ),
            }))}
          />
          <Space>
            {mayAct && next && (
              <Button type="primary" onClick={() => setStep(next)} data-testid={`case-${next}`}>
                {t(`publicReports.step_${next}`)}
              </Button>
            )}
            {mayHold && (
              <Button onClick={() => setStep('accountability')} data-testid="case-accountability">
                {t('publicReports.step_accountability')}
              </Button>
            )}
          </Space>
        </>
      )}
      <StepDialog
        form={form}
        send={step && id ? (body) => call(stepEndpoint[step], { params: { id }, body }) : null}
        title={step ? t(`publicReports.step_${step}`) : ''}
        onClose={() => setStep(null)}
        initialValues={{ accept: true, result: '属实', outcome: '无需处理', mode: 'create' }}
        toBody={(values) =>
          step === 'handle'
            ? handleBody(values)
            : Object.fromEntries(
                Object.entries(values).filter(([, x]) => x !== undefined && x !== ''),
              )
        }
      >
        {step === 'accept' && (
          <Form.Item name="accept" label={t('publicReports.step_accept')}>
            <Radio.Group
              options={[
                { value: true, label: t('publicReports.accept') },
                { value: false, label: t('publicReports.reject') },
              ]}
            />
          </Form.Item>
        )}
        {step === 'verify' && (
          <Form.Item name="result" label={t('publicReports.verification')}>
            <Radio.Group options={verificationResults.map((r) => ({ value: r, label: v(r) }))} />
          </Form.Item>
        )}
        {step === 'handle' && (
          <HandleFields form={form} mineId={data?.mineId ?? undefined} category={data?.category} />
        )}
        {step === 'answer' ? (
          <Form.Item
            name="feedback"
            label={t('publicReports.feedback')}
            rules={[{ required: true }]}
          >
            <Input.TextArea rows={3} data-testid="case-feedback" />
          </Form.Item>
        ) : step === 'accountability' ? (
          <>
            <Form.Item
              name="measures"
              label={t('publicReports.accountability')}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.List name="parties">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline" wrap>
                      {(['name', 'role', 'handling'] as const).map((k) => (
                        <Form.Item key={k} name={[f.name, k]} rules={[{ required: true }]}>
                          <Input placeholder={t(`publicReports.party_${k}`)} />
                        </Form.Item>
                      ))}
                      <Button size="small" onClick={() => remove(f.name)}>
                        {t('accidentWorkflow.removeParty')}
                      </Button>
                    </Space>
                  ))}
                  <Button size="small" onClick={() => add({})}>
                    {t('accidentWorkflow.addParty')}
                  </Button>
                </>
              )}
            </Form.List>
          </>
        ) : step === 'reward' ? (
          <>
            <Form.Item
              name="amountYuan"
              label={t('publicReports.reward')}
              rules={[{ required: true }]}
            >
              <InputNumber min={0} />
            </Form.Item>
            <Form.Item name="note" label={t('publicReports.note')}>
              <Input />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="note" label={t('publicReports.note')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} data-testid="case-note" />
          </Form.Item>
        )}
      </StepDialog>
    </Drawer>
  );
}
