/**
 * 公众举报 (no login, phone first): what and where, optionally who (anonymous by default), up to three
 * photos; the answer is a tracking code and a secret to follow the case on the tracking page.
 */
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Radio, Result, Select, Switch, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { accountabilityApi } from '../../../shared/accountability.api.ts';
import { publicReportCategories } from '../../../shared/public-reports.ts';
import type { ResponseOf } from '../../../shared/api.contract.ts';
import { call, ApiError } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { usePageTitle } from '../../app/title.ts';
import { reportFormError, validValues } from '../../components/formError.ts';

type Filed = ResponseOf<typeof accountabilityApi.submitPublicReport>;

export function PublicReportPage() {
  const { t, v } = useI18n();
  usePageTitle(t('publicReports.title'));
  const [form] = Form.useForm<Record<string, unknown>>();
  const anonymous = (Form.useWatch('anonymous', form) as boolean | undefined) ?? true;
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [filed, setFiled] = useState<Filed | null>(null);
  const [error, setError] = useState<string | null>(null);
  const counties = useQuery({
    queryKey: ['public-counties'],
    queryFn: () => call(accountabilityApi.publicReportCounties),
  });
  const submit = async () => {
    const values = await validValues(form);
    if (!values) {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body = Object.fromEntries(
        Object.entries(values).filter(([, x]) => x !== undefined && x !== ''),
      );
      const made = await call(accountabilityApi.submitPublicReport, { body });
      for (const f of files.slice(0, 3)) {
        const data = new FormData();
        data.append('file', f);
        // A refused photo does not undo the report: the receipt is shown all the same.
        await call(accountabilityApi.addPublicReportPhoto, {
          params: { code: made.trackingCode },
          headers: { 'x-report-secret': made.secret },
          body: data,
        }).catch((e: unknown) => {
          if (!(e instanceof ApiError)) {
            throw e;
          }
        });
      }
      setFiled(made);
    } catch (e) {
      reportFormError(form, e, (text) => setError(text));
      if (e instanceof ApiError && e.status === 429) {
        setError(e.message);
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="public-page">
      <Card style={{ width: '100%', maxWidth: 560 }}>
        <Typography.Title level={3}>{t('publicReports.title')}</Typography.Title>
        {filed ? (
          <Result
            status="success"
            title={t('publicReports.filed')}
            subTitle={t('publicReports.keep')}
            extra={
              <div style={{ textAlign: 'left' }} data-testid="report-receipt">
                <p>
                  {t('publicReports.code')}:{' '}
                  <Typography.Text copyable strong data-testid="tracking-code">
                    {filed.trackingCode}
                  </Typography.Text>
                </p>
                <p>
                  {t('publicReports.secret')}:{' '}
                  <Typography.Text copyable strong data-testid="tracking-secret">
                    {filed.secret}
                  </Typography.Text>
                </p>
                <p>
                  {t('publicReports.acceptBy')}: {filed.dueOn}
                </p>
                <Link to="/track">{t('publicReports.track')}</Link>
              </div>
            }
          />
        ) : (
          <>
            <Typography.Paragraph type="secondary">{t('publicReports.intro')}</Typography.Paragraph>
            {error && (
              <Alert
                type="error"
                message={error}
                showIcon
                role="alert"
                style={{ marginBottom: 12 }}
              />
            )}
            <Form
              form={form}
              layout="vertical"
              initialValues={{ anonymous: true, category: '重大事故隐患' }}
            >
              <Form.Item
                name="category"
                label={t('publicReports.category')}
                rules={[{ required: true }]}
              >
                <Radio.Group
                  optionType="button"
                  options={publicReportCategories.map((c) => ({ value: c, label: v(c) }))}
                />
              </Form.Item>
              <Form.Item
                name="countyCode"
                label={t('publicReports.county')}
                rules={[{ required: true }]}
              >
                <Select
                  showSearch
                  optionFilterProp="label"
                  loading={counties.isLoading}
                  options={(counties.data ?? []).map((c) => ({ value: c.code, label: c.path }))}
                  data-testid="report-county"
                />
              </Form.Item>
              <Form.Item
                name="location"
                label={t('publicReports.location')}
                rules={[{ required: true, min: 2 }]}
              >
                <Input data-testid="report-location" />
              </Form.Item>
              <Form.Item name="mineName" label={t('publicReports.mineName')}>
                <Input />
              </Form.Item>
              <Form.Item
                name="content"
                label={t('publicReports.content')}
                rules={[{ required: true, min: 10 }]}
              >
                <Input.TextArea rows={5} maxLength={2000} showCount data-testid="report-content" />
              </Form.Item>
              <Form.Item
                name="anonymous"
                label={t('publicReports.anonymous')}
                valuePropName="checked"
              >
                <Switch />
              </Form.Item>
              {!anonymous && (
                <>
                  <Form.Item
                    name="name"
                    label={t('publicReports.name')}
                    rules={[{ required: true }]}
                  >
                    <Input autoComplete="name" />
                  </Form.Item>
                  <Form.Item
                    name="phone"
                    label={t('publicReports.phone')}
                    rules={[{ required: true }]}
                  >
                    <Input autoComplete="tel" inputMode="tel" />
                  </Form.Item>
                </>
              )}
              <Form.Item label={t('publicReports.photos')}>
                <input
                  type="file"
                  accept="image/jpeg,image/png,image/webp"
                  multiple
                  onChange={(e) => setFiles(Array.from(e.target.files ?? []).slice(0, 3))}
                />
              </Form.Item>
              <Button
                type="primary"
                block
                size="large"
                loading={busy}
                onClick={() => void submit()}
                data-testid="report-submit"
              >
                {t('publicReports.submit')}
              </Button>
            </Form>
            <Typography.Paragraph style={{ marginTop: 16 }}>
              <Link to="/track">{t('publicReports.track')}</Link>
            </Typography.Paragraph>
          </>
        )}
      </Card>
    </main>
  );
}
