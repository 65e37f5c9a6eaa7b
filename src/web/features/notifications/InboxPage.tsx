/**
 * The inbox: the signed-in user's notifications, newest first, unread ones marked; filtered by read
 * state and kind (kept in the address, so a filtered inbox can be linked); each leads to its subject's
 * page and is marked read on the way; one or all marked read; and the switch for desktop alerts of calls.
 */
import { Fragment, type ReactNode } from 'react';
import { App, Badge, Button, Empty, List, Segmented, Select, Space, Tag, Typography } from 'antd';
import { BellOutlined, CheckOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { notificationsApi } from '../../../shared/notifications.api.ts';
import {
  NotificationKind,
  NotificationKinds,
  NotificationValidation,
  type NotificationResponse,
} from '../../../shared/notifications.schemas.ts';
import { ApiError, call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { usePageTitle } from '../../app/title.ts';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { useDesktopPermission } from './CallAlerts.tsx';
import { isNotificationKind, notificationLink } from './links.ts';
import { notificationKeys, useUnreadCount } from './queries.ts';

type Status = 'unread' | 'read' | undefined;
const PAGE = NotificationValidation.pageDefault;

/** An instant as the server writes it into texts (ISO 8601 in UTC). */
const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g;

/** A notification's text with its web addresses as short links and its instants in Beijing time. */
function BodyText({ text, linkLabel }: { text: string; linkLabel: string }) {
  const { formatDateTime } = useI18n();
  const parts: ReactNode[] = text.split(/(https?:\/\/\S+)/g).map((part, i) =>
    /^https?:\/\//.test(part) ? (
      <a key={i} href={part} target="_blank" rel="noreferrer">
        {linkLabel}
      </a>
    ) : (
      <Fragment key={i}>{part.replace(ISO_INSTANT, (at) => formatDateTime(at))}</Fragment>
    ),
  );
  return <Typography.Paragraph style={{ margin: 0 }}>{parts}</Typography.Paragraph>;
}

function DesktopAlerts() {
  const { t } = useI18n();
  const [permission, request] = useDesktopPermission();
  if (permission === 'granted') {
    return (
      <Tag icon={<CheckOutlined />} color="green" data-testid="desktop-alerts">
        {t('notifications.desktopGranted')}
      </Tag>
    );
  }
  if (permission === 'denied' || permission === 'unsupported') {
    return (
      <Typography.Text type="secondary" data-testid="desktop-alerts">
        {t(
          permission === 'denied'
            ? 'notifications.desktopDenied'
            : 'notifications.desktopUnsupported',
        )}
      </Typography.Text>
    );
  }
  return (
    <Button
      icon={<BellOutlined />}
      onClick={() => void request()}
      title={t('notifications.desktopOnHint')}
      data-testid="desktop-alerts"
    >
      {t('notifications.desktopOn')}
    </Button>
  );
}

export function InboxPage() {
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  usePageTitle(t('notifications.title'));
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const status: Status =
    statusParam === 'unread' || statusParam === 'read' ? statusParam : undefined;
  const kindParam = params.get('kind');
  const kind = kindParam && isNotificationKind(kindParam) ? kindParam : undefined;
  const setFilter = (next: { status?: Status; kind?: NotificationKind | undefined }) => {
    const merged = { status, kind, ...next };
    const q = new URLSearchParams();
    if (merged.status) {
      q.set('status', merged.status);
    }
    if (merged.kind) {
      q.set('kind', merged.kind);
    }
    setParams(q, { replace: true });
  };
  const count = useUnreadCount(true);
  const list = useInfiniteQuery({
    queryKey: notificationKeys.list(status, kind),
    queryFn: ({ pageParam }) =>
      call(notificationsApi.mine, { query: { status, kind, before: pageParam, limit: PAGE } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last.length === PAGE ? last[last.length - 1]?.id : undefined),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: notificationKeys.all });
  const markRead = useMutation({
    mutationFn: (id: string) => call(notificationsApi.markRead, { params: { id } }),
    // Already read (in another tab, or by 全部标为已读 meanwhile) is what was wanted.
    onError: (e) => {
      if (!(e instanceof ApiError && e.status === 409)) {
        void message.error(e.message);
      }
    },
    onSettled: refresh,
  });
  const items = list.data?.pages.flat() ?? [];
  const newest = items[0]?.createdAt;
  const markAll = useMutation({
    mutationFn: () => call(notificationsApi.markAllRead, { body: { kind, until: newest } }),
    onSuccess: (r) => void message.success(t('notifications.markedAll', { count: r.marked })),
    onError: (e) => void message.error(e.message),
    onSettled: refresh,
  });
  if (list.error) {
    return <QueryError error={list.error} />;
  }
  const unread = kind ? (count.data?.byKind[kind] ?? 0) : (count.data?.unread ?? 0);
  /** Opens a notification's subject, marking it read on the way. */
  const open = (n: NotificationResponse, to: string) => {
    if (!n.read) {
      markRead.mutate(n.id);
    }
    void navigate(to);
  };
  return (
    <div>
      <div className="page-header">
        <h1>
          {t('notifications.title')}{' '}
          {count.data && count.data.unread > 0 && (
            <Tag color="red">{`${t('notifications.unread')} ${count.data.unread}`}</Tag>
          )}
        </h1>
        <DesktopAlerts />
      </div>
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented<string>
          value={status ?? 'all'}
          onChange={(v) => setFilter({ status: v === 'all' ? undefined : (v as Status) })}
          options={[
            { value: 'all', label: t('notifications.all') },
            { value: 'unread', label: t('notifications.unread') },
            { value: 'read', label: t('notifications.read') },
          ]}
          data-testid="inbox-status"
        />
        <Select<NotificationKind>
          allowClear
          style={{ minWidth: 180 }}
          placeholder={t('notifications.allKinds')}
          aria-label={t('notifications.kind')}
          value={kind}
          onChange={(k) => setFilter({ kind: k })}
          options={NotificationKinds.map((k) => ({
            value: k,
            label: t(`notificationKinds.${k}`),
          }))}
          data-testid="inbox-kind"
        />
        <Button
          icon={<CheckOutlined />}
          disabled={unread === 0 || !newest || status === 'read'}
          loading={markAll.isPending}
          onClick={() => markAll.mutate()}
          data-testid="inbox-mark-all"
        >
          {t('notifications.markAllRead')}
        </Button>
      </Space>
      <List<NotificationResponse>
        loading={list.isLoading}
        dataSource={items}
        bordered
        data-testid="inbox-list"
        locale={{
          emptyText: (
            <Empty
              description={t(
                status === 'unread' ? 'notifications.emptyUnread' : 'notifications.empty',
              )}
            />
          ),
        }}
        renderItem={(n) => {
          const to = notificationLink(n);
          return (
            <List.Item
              className={`inbox-item${n.read ? '' : ' unread'}`}
              data-testid="inbox-item"
              data-read={n.read}
              actions={[
                ...(to
                  ? [
                      <Link
                        key="open"
                        to={to}
                        onClick={(e) => {
                          e.preventDefault();
                          open(n, to);
                        }}
                      >
                        {t('notifications.open')}
                      </Link>,
                    ]
                  : []),
                ...(n.read
                  ? []
                  : [
                      <Button
                        key="read"
                        size="small"
                        type="link"
                        onClick={() => markRead.mutate(n.id)}
                        data-testid="inbox-mark-read"
                      >
                        {t('notifications.markRead')}
                      </Button>,
                    ]),
              ]}
            >
              <List.Item.Meta
                title={
                  <Space wrap size={8}>
                    {!n.read && <Badge status="error" />}
                    <Tag color={n.subjectType === 'alarm' ? 'red' : 'blue'}>
                      {isNotificationKind(n.subjectType)
                        ? t(`notificationKinds.${n.subjectType}`)
                        : t('notifications.title')}
                    </Tag>
                    {to ? (
                      <Link
                        className="inbox-title"
                        to={to}
                        onClick={(e) => {
                          e.preventDefault();
                          open(n, to);
                        }}
                      >
                        {n.title}
                      </Link>
                    ) : (
                      <span className="inbox-title">{n.title}</span>
                    )}
                    <Typography.Text type="secondary">
                      {formatDateTime(n.createdAt)}
                    </Typography.Text>
                  </Space>
                }
                description={<BodyText text={n.body} linkLabel={t('notifications.link')} />}
              />
            </List.Item>
          );
        }}
      />
      {list.hasNextPage && (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button
            loading={list.isFetchingNextPage}
            onClick={() => void list.fetchNextPage()}
            data-testid="inbox-more"
          >
            {t('notifications.more')}
          </Button>
        </div>
      )}
    </div>
  );
}
