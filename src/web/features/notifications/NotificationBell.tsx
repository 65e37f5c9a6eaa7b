/**
 * The header's bell: the signed-in user's unread notifications, counted, leading to the inbox.
 */
import { Badge, Tooltip } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { useUnreadCount } from './queries.ts';

export function NotificationBell() {
  const { t } = useI18n();
  const { me } = useSession();
  const { data } = useUnreadCount(Boolean(me));
  const unread = data?.unread ?? 0;
  const label = t('notifications.bell', { count: unread });
  return (
    <Tooltip title={label}>
      <Link to="/inbox" aria-label={label} className="header-bell" data-testid="notification-bell">
        <Badge count={unread} overflowCount={99} size="small" data-testid="notification-count">
          <BellOutlined style={{ fontSize: 20 }} />
        </Badge>
      </Link>
    </Tooltip>
  );
}
