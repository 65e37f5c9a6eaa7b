import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { usePageTitle } from '../../app/title.ts';

export function LoginPage() {
  const { t } = useI18n();
  const { me, login } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  usePageTitle(t('login.title'));
  const next = params.get('next')?.startsWith('/') ? (params.get('next') ?? '/') : '/';
  if (me) {
    return <Navigate to={next} replace />;
  }
  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await login(values.username, values.password);
      void navigate(next, { replace: true });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('errors.server'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="login-page">
      <Card style={{ width: 380 }}>
        <Typography.Title level={3}>{t('app.name')}</Typography.Title>
        {error && (
          <Alert
            type="error"
            message={t('login.failed')}
            description={error}
            showIcon
            style={{ marginBottom: 16 }}
            role="alert"
          />
        )}
        <Form
          layout="vertical"
          onFinish={(v: { username: string; password: string }) => void submit(v)}
          requiredMark={false}
        >
          <Form.Item label={t('login.username')} name="username" rules={[{ required: true }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label={t('login.password')} name="password" rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          {t('login.demoHint')}
        </Typography.Paragraph>
        <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
          <Link to="/report">{t('publicReports.title')}</Link> ·{' '}
          <Link to="/track">{t('publicReports.track')}</Link> ·{' '}
          <Link to="/disaster-grades">{t('surveys.publicTitle')}</Link> ·{' '}
          <Link to="/exposures">{t('hazardActs.publicTitle')}</Link>
        </Typography.Paragraph>
      </Card>
    </main>
  );
}
