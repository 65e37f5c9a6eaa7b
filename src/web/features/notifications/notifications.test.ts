import { describe, expect, it } from 'vitest';
import { NotificationKinds } from '../../../shared/notifications.schemas.ts';
import { isNotificationKind, notificationLink } from './links.ts';
import { zhCN } from '../../locales/zh-CN.ts';
import { enUS } from '../../locales/en-US.ts';

describe('notificationLink', () => {
  it('leads each kind to its subject’s page', () => {
    expect(notificationLink({ subjectType: 'alarm', subjectId: 'a1' })).toBe('/alarms/a1');
    expect(notificationLink({ subjectType: 'hazard', subjectId: 'h1' })).toBe('/hazards/h1');
    expect(notificationLink({ subjectType: 'lead', subjectId: 'l1' })).toBe('/leads/l1');
    expect(notificationLink({ subjectType: 'public_report', subjectId: 'p1' })).toBe(
      '/public-reports?case=p1',
    );
    expect(notificationLink({ subjectType: 'work_task', subjectId: 't1' })).toBe('/plans?task=t1');
  });

  it('opens a periodic inspection report’s tab and period (subject id `<mineId>:<period>`)', () => {
    expect(
      notificationLink({ subjectType: 'self_inspection_report', subjectId: 'm1:2026-10' }),
    ).toBe('/self-inspection?tab=monthly&period=2026-10');
    expect(notificationLink({ subjectType: 'parent_inspection', subjectId: 'm1:2026-Q3' })).toBe(
      '/self-inspection?tab=quarterly&period=2026-Q3',
    );
  });

  it('has no link for a kind it does not know', () => {
    expect(notificationLink({ subjectType: 'weather', subjectId: 'x' })).toBeNull();
    expect(isNotificationKind('toString')).toBe(false);
  });

  it('names every kind in both languages', () => {
    for (const kind of NotificationKinds) {
      expect(zhCN.notificationKinds[kind]).toBeTruthy();
      expect(enUS.notificationKinds[kind]).toBeTruthy();
    }
  });
});
