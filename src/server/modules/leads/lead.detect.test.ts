/**
 * The periods an import's re-evaluation frames (issue 20 §3): the touched China days, one piece per
 * calendar year, each framed with the look-back the baselines need — like the scheduled job, whose
 * own range is the current year and its look-back.
 */
import { describe, expect, it } from 'vitest';
import { evaluationPieces } from './lead.detect.ts';
import { defaultLeadRules as rules } from './rules/lead-rules.model.ts';
import { DAY_MS } from '../../../shared/dates.ts';

const cst = (local: string) => Date.parse(`${local}+08:00`);
/** The test clock: 22 November 2026, 10:00 China time. */
const now = new Date('2026-11-22T02:00:00Z');

describe('evaluationPieces', () => {
  it('a past year: the touched days, framed from the look-back (70 days) before them', () => {
    const [piece, ...rest] = evaluationPieces(
      [{ mineId: 'm', from: cst('2025-03-01T00:00'), to: cst('2025-03-20T23:00') + 3_600_000 }],
      now,
      rules,
    );
    expect(rest).toEqual([]);
    expect(piece).toEqual({
      mineId: 'm',
      from: cst('2025-03-01T00:00'),
      to: cst('2025-03-21T00:00'),
      frameStart: cst('2025-03-01T00:00') - 70 * DAY_MS,
      // To the end of 2025: the annual 超能力 total and later days of a stopped period.
      frameDays: Math.round(
        (cst('2026-01-01T00:00') - (cst('2025-03-01T00:00') - 70 * DAY_MS)) / DAY_MS,
      ),
      inJobRange: false,
    });
  });

  it('a period across New Year is cut at the year; this year is the job’s range too', () => {
    const pieces = evaluationPieces(
      [{ mineId: 'm', from: cst('2025-12-30T13:00'), to: cst('2026-01-01T09:00') }],
      now,
      rules,
    );
    expect(pieces.map((p) => [p.from, p.to, p.frameStart, p.inJobRange])).toEqual([
      [cst('2025-12-30T00:00'), cst('2026-01-01T00:00'), cst('2025-01-01T00:00'), false],
      // The job frames 2026 from 1 January; the piece's frame ends where the job's does (tomorrow).
      [
        cst('2026-01-01T00:00'),
        cst('2026-01-02T00:00'),
        cst('2026-01-01T00:00') - 70 * DAY_MS,
        true,
      ],
    ]);
    expect(pieces[1]?.frameDays).toBe(
      Math.round((cst('2026-11-23T00:00') - (cst('2026-01-01T00:00') - 70 * DAY_MS)) / DAY_MS),
    );
  });
});
