/**
 * A hazard's investigation (issue 24; regulators only): 成立调查组, the conclusion (原因, 责任认定, 问责建议, the
 * 倒查 of the parent company and of enforcement), and the 倒查 list — the mine's inspections in the months
 * before the hazard was found that did not find it, with their units and inspectors (方案第27条, 要点第45条).
 */
import { useState } from 'react';
import { Button, Card, DatePicker, Descriptions, Form, Input, Select, Space, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { hazardsApi } from '../../../shared/hazards.api.ts';
import { DateWindows } from '../../../shared/date-windows.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { StepDialog } from '../../components/StepDialog.tsx';
import { outsideWindow } from '../../components/dateWindow.ts';

export function InvestigationCard({ hazardId }: { hazardId: string }) {
  const { t, v } = useI18n();
  const [open, setOpen] = useState<'open' | 'conclude' | null>(null);
  const [form] = Form.useForm<Record<string, unknown>>();
  const { data } = useQuery({
    queryKey: ['hazard-investigation', hazardId],
    queryFn: () => call(hazardsApi.investigation, { params: { id: hazardId } }),
  });
  if (!data) {
    return null;
  }
  const inv = data.investigation;
  const lb = data.lookback;
  return (
    <Card
      size="small"
      title={t('hazardInvestigation.title')}
      style={{ marginBottom: 16 }}
      data-testid="hazard-investigation"
      extra={
        data.canInvestigate && (
          <Space>
            {!inv && (
              <Button size="small" onClick={() => setOpen('open')}>
                {t('hazardInvestigation.open')}
              </Button>
            )}
            {inv && !inv.concludedOn && (
              <Button size="small" onClick={() => setOpen('conclude')}>
                {t('hazardInvestigation.conclude')}
              </Button>
            )}
          </Space>
        )
      }
    >
      {inv && (
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered style={{ marginBottom: 12 }}>
          <Descriptions.Item label={t('hazardInvestigation.team')}>
            {inv.team.join('、')}
          </Descriptions.Item>
          <Descriptions.Item label={t('hazardInvestigation.openedOn')}>
            {inv.openedOn} · {inv.openedBy}
          </Descriptions.Item>
          {inv.concludedOn && (
            <>
              <Descriptions.Item label={t('hazardInvestigation.cause')} span={2}>
                {inv.cause}
              </Descriptions.Item>
              <Descriptions.Item label={t('hazardInvestigation.responsibility')} span={2}>
                {inv.responsibility}
              </Descriptions.Item>
              <Descriptions.Item label={t('hazardInvestigation.proposal')} span={2}>
                {inv.proposal}
              </Descriptions.Item>
              <Descriptions.Item label={t('hazardInvestigation.parentCompanyReview')} span={2}>
                {inv.parentCompanyReview || '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('hazardInvestigation.enforcementReview')} span={2}>
                {inv.enforcementReview || '—'}
              </Descriptions.Item>
            </>
          )}
        </Descriptions>
      )}
      <h4>{t('hazardInvestigation.lookback', { months: lb.months, from: lb.from, to: lb.to })}</h4>
      <p>
        {t('hazardInvestigation.parentCompany')}:{' '}
        {lb.parentCompany ?? t('hazardInvestigation.noParent')}
      </p>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={lb.inspections}
        locale={{ emptyText: t('hazardInvestigation.noInspections') }}
        columns={[
          {
            title: t('hazardInvestigation.inspectedOn'),
            dataIndex: 'inspectedOn',
            width: 120,
            render: (d: string, r) => <Link to={`/inspections/${r.id}`}>{d}</Link>,
          },
          {
            title: t('hazardInvestigation.kind'),
            dataIndex: 'kind',
            width: 100,
            render: (k: string) => v(k),
          },
          { title: t('hazardInvestigation.unit'), dataIndex: 'unitName' },
          {
            title: t('hazardInvestigation.inspectors'),
            dataIndex: 'inspectors',
            render: (xs: string[]) => xs.join('、'),
          },
        ]}
      />
      <StepDialog
        form={form}
        send={
          open === 'open'
            ? (body) => call(hazardsApi.openInvestigation, { params: { id: hazardId }, body })
            : open === 'conclude'
              ? (body) => call(hazardsApi.concludeInvestigation, { params: { id: hazardId }, body })
              : null
        }
        title={
          open === 'conclude' ? t('hazardInvestigation.conclude') : t('hazardInvestigation.open')
        }
        onClose={() => setOpen(null)}
        toBody={(values) =>
          open === 'open'
            ? { ...values, openedOn: (values.openedOn as Dayjs).format('YYYY-MM-DD') }
            : { ...values, concludedOn: (values.concludedOn as Dayjs).format('YYYY-MM-DD') }
        }
      >
        {open === 'open' && (
          <>
            <Form.Item
              name="openedOn"
              label={t('hazardInvestigation.openedOn')}
              rules={[{ required: true }]}
            >
              <DatePicker disabledDate={outsideWindow(DateWindows.happened)} />
            </Form.Item>
            <Form.Item
              name="team"
              label={t('hazardInvestigation.team')}
              rules={[{ required: true }]}
            >
              <Select mode="tags" open={false} placeholder={t('hazardInvestigation.teamHint')} />
            </Form.Item>
          </>
        )}
        {open === 'conclude' && (
          <>
            <Form.Item
              name="concludedOn"
              label={t('hazardInvestigation.concludedOn')}
              rules={[{ required: true }]}
            >
              <DatePicker disabledDate={outsideWindow(DateWindows.happened)} />
            </Form.Item>
            {(['cause', 'responsibility', 'proposal'] as const).map((k) => (
              <Form.Item
                key={k}
                name={k}
                label={t(`hazardInvestigation.${k}`)}
                rules={[{ required: true }]}
              >
                <Input.TextArea rows={2} />
              </Form.Item>
            ))}
            {(['parentCompanyReview', 'enforcementReview'] as const).map((k) => (
              <Form.Item key={k} name={k} label={t(`hazardInvestigation.${k}`)}>
                <Input.TextArea rows={2} />
              </Form.Item>
            ))}
          </>
        )}
      </StepDialog>
    </Card>
  );
}
