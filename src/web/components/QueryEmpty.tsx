import type { ReactNode } from 'react';
import { Typography } from 'antd';
import { ApiError } from '../app/api.ts';
import { useI18n } from '../app/i18n.tsx';

/**
 * What an empty list says: when its query was refused (403), that the user may not see it and the
 * server's reason (监管查看员无权执行此操作), never 暂无数据 as if there were nothing; otherwise the
 * list's own empty text.
 */
export function QueryEmpty({ error, children }: { error: unknown; children?: ReactNode }) {
  const { t } = useI18n();
  if (error instanceof ApiError && error.status === 403) {
    return (
      <Typography.Text type="warning" data-testid="forbidden-note">
        {t('errors.forbiddenList', { reason: error.message })}
      </Typography.Text>
    );
  }
  if (error) {
    return <Typography.Text type="danger">{t('errors.server')}</Typography.Text>;
  }
  return <>{children ?? t('common.noData')}</>;
}
