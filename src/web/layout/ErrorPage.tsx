import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { ApiError } from '../app/api.ts';
import { useI18n } from '../app/i18n.tsx';
import { usePageTitle } from '../app/title.ts';

/** Friendly pages for 403, 404 and server errors. */
export function ErrorPage({ status }: { status: 403 | 404 | 500 }) {
  const { t } = useI18n();
  const text =
    status === 403
      ? t('errors.forbidden')
      : status === 404
        ? t('errors.notFound')
        : t('errors.server');
  usePageTitle(String(status));
  return (
    <Result
      status={status === 500 ? '500' : status === 403 ? '403' : '404'}
      title={status}
      subTitle={text}
      extra={
        <Link to="/">
          <Button type="primary">{t('errors.backHome')}</Button>
        </Link>
      }
    />
  );
}

/** The error page that fits a failed query. */
export function QueryError({ error }: { error: unknown }) {
  if (error instanceof ApiError && (error.status === 403 || error.status === 404)) {
    return <ErrorPage status={error.status} />;
  }
  return <ErrorPage status={500} />;
}
