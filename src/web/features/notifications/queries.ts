/**
 * The notification queries the header, the inbox and the call alerts share: one key prefix, so that
 * marking read anywhere refreshes the bell, the lists and the alerts together.
 */
import { useQuery } from '@tanstack/react-query';
import { notificationsApi } from '../../../shared/notifications.api.ts';
import { call } from '../../app/api.ts';

export const notificationKeys = {
  all: ['notifications'] as const,
  count: ['notifications', 'count'] as const,
  calls: ['notifications', 'calls'] as const,
  list: (status: string | undefined, kind: string | undefined) =>
    ['notifications', 'list', status ?? 'all', kind ?? 'all'] as const,
};

/** How often the bell asks for the unread count. */
export const COUNT_POLL_MS = 30_000;

/** The signed-in user's unread count, refreshed every half minute. */
export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: notificationKeys.count,
    queryFn: () => call(notificationsApi.unreadCount),
    enabled,
    refetchInterval: COUNT_POLL_MS,
    staleTime: 10_000,
  });
}
