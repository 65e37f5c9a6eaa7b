/**
 * How a coal mine's uploads stand on the 数据接入 page (pure): late by the setting
 * coalUpload.feedStaleMinutes (UNVERIFIED, REFERENCE §B6), the worst state first.
 */
import { describe, expect, it } from 'vitest';
import { feedIsStale, mineFeedState, worstFirst } from './coal-feeds.ts';

const now = Date.parse('2026-11-22T02:00:00Z');
const ago = (minutes: number) => new Date(now - minutes * 60_000);

describe('feedIsStale', () => {
  it('a judged feed is late past its minutes or when it never came; an unjudged one never is', () => {
    expect(feedIsStale(ago(5), 5, now)).toBe(false);
    expect(feedIsStale(ago(5.01), 5, now)).toBe(true);
    expect(feedIsStale(null, 5, now)).toBe(true);
    expect(feedIsStale(null, null, now)).toBe(false);
    expect(feedIsStale(ago(60 * 24 * 30), null, now)).toBe(false);
  });
});

describe('mineFeedState', () => {
  const feed = (lastFileAt: string | null, stale = false) => ({ lastFileAt, stale });
  it('names the worst that applies', () => {
    const at = '2026-11-22T02:00:00Z';
    expect(mineFeedState({ coalCode: null, feeds: [feed(at)], refusedLastDay: 0 })).toBe(
      '未配置煤矿编码',
    );
    expect(mineFeedState({ coalCode: 'x', feeds: [feed(null, true)], refusedLastDay: 0 })).toBe(
      '从未上传',
    );
    // Every file refused: the mine sends, but nothing arrives — late, not silent.
    expect(mineFeedState({ coalCode: 'x', feeds: [feed(null, true)], refusedLastDay: 3 })).toBe(
      '上传延迟',
    );
    expect(
      mineFeedState({ coalCode: 'x', feeds: [feed(at), feed(null, true)], refusedLastDay: 0 }),
    ).toBe('上传延迟');
    expect(mineFeedState({ coalCode: 'x', feeds: [feed(at)], refusedLastDay: 1 })).toBe(
      '有拒收文件',
    );
    expect(mineFeedState({ coalCode: 'x', feeds: [feed(at)], refusedLastDay: 0 })).toBe('正常');
  });
});

describe('worstFirst', () => {
  it('sorts by state, keeping the given order within one', () => {
    const m = (name: string, state: Parameters<typeof worstFirst>[0][number]['state']) => ({
      name,
      state,
    });
    expect(
      worstFirst([
        m('甲', '正常'),
        m('乙', '上传延迟'),
        m('丙', '未配置煤矿编码'),
        m('丁', '上传延迟'),
        m('戊', '从未上传'),
      ]).map((x) => x.name),
    ).toEqual(['丙', '戊', '乙', '丁', '甲']);
  });
});
