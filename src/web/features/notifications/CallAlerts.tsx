/**
 * Desktop alerts for the 叫应 calls addressed to the signed-in user: once the user has allowed the
 * browser's notifications, each new unread call (an in-app notification about an alarm) pops up, even
 * with the page in the background, and a click opens the alarm. Each call is alerted once per browser
 * session.
 */
import { useCallback, useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { notificationsApi } from '../../../shared/notifications.api.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { notificationKeys } from './queries.ts';

/** How often the calls are asked for while alerts are on (calls repeat every few minutes at most). */
const CALL_POLL_MS = 15_000;
/** At most this many alerts at once (the newest calls); the inbox lists the rest. */
const BURST_MAX = 3;
const STORAGE_KEY = 'minewatch.alertedCalls';

export type DesktopPermission = NotificationPermission | 'unsupported';

function currentPermission(): DesktopPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** The browser's notification permission, and a request for it (call from a click). */
export function useDesktopPermission(): [DesktopPermission, () => Promise<void>] {
  const [permission, setPermission] = useState<DesktopPermission>(currentPermission);
  const request = useCallback(async () => {
    if (typeof Notification === 'undefined') {
      return;
    }
    setPermission(await Notification.requestPermission());
  }, []);
  // Another tab (or the browser's site settings) may change it.
  useEffect(() => {
    const timer = setInterval(() => setPermission(currentPermission()), 5_000);
    return () => clearInterval(timer);
  }, []);
  return [permission, request];
}

function alerted(): Set<string> {
  try {
    return new Set(JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '[]') as string[]);
  } catch {
    return new Set();
  }
}

/** Watches the signed-in user's unread calls and alerts each new one on the desktop. */
export function CallAlerts() {
  const { t } = useI18n();
  const { me } = useSession();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [permission] = useDesktopPermission();
  const on = Boolean(me) && permission === 'granted';
  const { data } = useQuery({
    queryKey: notificationKeys.calls,
    queryFn: () =>
      call(notificationsApi.mine, { query: { kind: 'alarm', status: 'unread', limit: 20 } }),
    enabled: on,
    refetchInterval: CALL_POLL_MS,
    refetchIntervalInBackground: true,
    staleTime: 5_000,
  });
  useEffect(() => {
    if (!on || !data) {
      return;
    }
    const seen = alerted();
    const fresh = data.filter((n) => !seen.has(n.id));
    if (fresh.length === 0) {
      return;
    }
    for (const n of fresh.slice(0, BURST_MAX)) {
      const alert = new Notification(t('notifications.callTitle', { title: n.title }), {
        body: n.body.replace(/https?:\/\/\S+/g, '').trim(),
        tag: n.id,
        requireInteraction: true,
      });
      alert.onclick = () => {
        window.focus();
        void navigate(`/alarms/${encodeURIComponent(n.subjectId)}`);
        alert.close();
      };
    }
    for (const n of fresh) {
      seen.add(n.id);
    }
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify([...seen].slice(-500)));
    // The bell and the inbox learn of the new calls at once.
    void qc.invalidateQueries({ queryKey: notificationKeys.count });
  }, [on, data, t, navigate, qc]);
  return null;
}
