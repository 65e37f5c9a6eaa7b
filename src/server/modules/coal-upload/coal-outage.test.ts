/**
 * 断线/断网 attribution by the substations' reported 通信中断 (MT/T 1201.1-2023 分站实时数据, 运行状态 1 =
 * 通信中断; issue 22 §2): pure rules.
 */
import { describe, expect, it } from 'vitest';
import { explainSilence } from './coal-outage.ts';

const t = (hhmm: string) => Date.parse(`2026-11-22T${hhmm}:00Z`);

describe('explainSilence', () => {
  const spans = [
    { code: 'FZ001', from: t('02:01'), to: t('02:20') },
    { code: 'FZ002', from: t('03:00'), to: null },
  ];

  it('a point’s silence overlapping its substation’s 通信中断 is explained by it', () => {
    const r = explainSilence({ from: t('02:00'), to: t('02:25') }, ['FZ001'], spans);
    expect(r).toEqual({ explained: true, outages: [spans[0]] });
  });

  it('an outage that ended before the silence began, or began after it ended, explains nothing', () => {
    expect(explainSilence({ from: t('02:21'), to: t('02:40') }, ['FZ001'], spans).explained).toBe(
      false,
    );
    expect(explainSilence({ from: t('02:30'), to: t('02:59') }, ['FZ002'], spans)).toEqual({
      explained: false,
      outages: [],
    });
  });

  it('a silence still lasting meets an outage that began later; an outage still lasting meets a later silence', () => {
    expect(explainSilence({ from: t('02:30'), to: null }, ['FZ002'], spans).explained).toBe(true);
    expect(explainSilence({ from: t('05:00'), to: t('05:10') }, ['FZ002'], spans).explained).toBe(
      true,
    );
  });

  it('a 断网 of the whole mine is explained only when every substation with points was out', () => {
    const silence = { from: t('03:05'), to: t('03:10') };
    const partly = explainSilence(silence, ['FZ001', 'FZ002'], spans);
    expect(partly.explained).toBe(false);
    expect(partly.outages.map((o) => o.code)).toEqual(['FZ002']);
    const both = explainSilence(
      silence,
      ['FZ001', 'FZ002'],
      [...spans, { code: 'FZ001', from: t('03:04'), to: t('03:30') }],
    );
    expect(both.explained).toBe(true);
  });

  it('a point on no known substation is not explained', () => {
    expect(explainSilence({ from: t('02:00'), to: null }, [], spans)).toEqual({
      explained: false,
      outages: [],
    });
  });
});
