/** 举报查询 (no login): the tracking code and secret show the case's steps, the feedback and the reward. */
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Tag, Timeline, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { accountabilityApi } from '../../../shared/accountability.api.ts';
import type { ResponseOf } from '../../../shared/api.contract.ts';
import { ApiError, call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { usePageTitle } from '../../app/title.ts';

type Tracked = ResponseOf<typeof accountabilityApi.trackPublicReport>;

export function TrackPage() {
  const { t, v, formatDateTime } = useI18n();
  usePageTitle(t('publicReports.track'));
  const [data, setData] = useState<Tracked | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const look = async (values: { trackingCode: string; secret: string }) => {
    setBusy(true);
    setError(null);
    try {
      setData(
        await call(accountabilityApi.trackPublicReport, {
          body: {
            trackingCode: values.trackingCode.trim().toUpperCase(),
            secret: values.secret.trim(),
          },
        }),
      );
    } catch (e) {
      setData(null);
      // The server's words for people (查询码格式不正确 …), without the request's field paths.
      const details = e instanceof ApiError ? e.details.map((d) => d.message) : [];
      setError(details.length > 0 ? [...new Set(details)].join('；') : (e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="public-page">
      <Card style={{ width: '100%', maxWidth: 560 }}>
        <Typography.Title level={3}>{t('publicReports.track')}</Typography.Title>
        {error && (
          <Alert
            type="error"
            message={t('publicReports.notFound')}
            description={error}
            role="alert"
            style={{ marginBottom: 12 }}
          />
        )}
        <Form
          layout="vertical"
          onFinish={(x: { trackingCode: string; secret: string }) => void look(x)}
        >
          <Form.Item
            name="trackingCode"
            label={t('publicReports.code')}
            rules={[{ required: true }]}
          >
            <Input data-testid="track-code" autoCapitalize="characters" />
          </Form.Item>
          <Form.Item name="secret" label={t('publicReports.secret')} rules={[{ required: true }]}>
            <Input.Password data-testid="track-secret" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="track-submit">
            {t('publicReports.lookUp')}
          </Button>
        </Form>
        {data && (
          <div style={{ marginTop: 16 }} data-testid="track-result">
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={t('publicReports.state')}>
                <Tag color="blue">{v(data.state)}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('publicReports.category')}>
                {v(data.category)}
              </Descriptions.Item>
              <Descriptions.Item label={t('publicReports.location')}>
                {data.location}
              </Descriptions.Item>
              {data.dueOn && (
                <Descriptions.Item label={t('publicReports.nextBy')}>
                  {data.dueOn}
                </Descriptions.Item>
              )}
              {data.feedback && (
                <Descriptions.Item label={t('publicReports.feedback')}>
                  <span data-testid="track-feedback">{data.feedback}</span>
                </Descriptions.Item>
              )}
              {data.reward && (
                <Descriptions.Item label={t('publicReports.reward')}>
                  {data.reward.amountYuan} 元{data.reward.paidOn ? ` (${data.reward.paidOn})` : ''}
                </Descriptions.Item>
              )}
            </Descriptions>
            <Timeline
              style={{ marginTop: 16 }}
              items={data.events.map((e) => ({
                children: `${formatDateTime(e.at)} ${v(e.step)}${e.note ? `: ${e.note}` : ''}`,
              }))}
            />
          </div>
        )}
        <Link to="/report">{t('publicReports.title')}</Link>
      </Card>
    </main>
  );
}
