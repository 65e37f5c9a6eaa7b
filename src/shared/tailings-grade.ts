/**
 * @module Tailings-pond grade (尾矿库等别) from total volume and dam height.
 */
import { z } from 'zod';

/** Thresholds for one grade: the pond reaches it when the value is at or above the minimum. */
export const TailingsGradeRowSchema = z.strictObject({
  grade: z.number().int().min(1).max(5).describe('等别, 1 = 一等'),
  minVolume10kM3: z.number().nonnegative().describe('全库容下限 (万m³)'),
  minDamHeightM: z.number().nonnegative().describe('坝高下限 (m)'),
});

/**
 * The editable grading table (GB 39496-2020 §4.5; its 一/二等 values are UNVERIFIED, see
 * docs/sources.md).
 */
export const TailingsGradeTableSchema = z.strictObject({
  source: z.string().min(1).max(500),
  verified: z.boolean(),
  rows: z.array(TailingsGradeRowSchema).min(1).max(5),
});
export type TailingsGradeTable = z.infer<typeof TailingsGradeTableSchema>;

/**
 * Default table. 三–五等 match AQ 2006-2005 / GB 50863-2013 (verified as text, see docs/sources.md);
 * the 一/二等 thresholds of GB 39496-2020 §4.5 were not seen in a public copy, so the whole table is
 * marked unverified and a system admin can replace it.
 */
export const defaultTailingsGradeTable: TailingsGradeTable = {
  source: 'GB 39496-2020 §4.5 (一/二等 UNVERIFIED); 三–五等 AQ 2006-2005 / GB 50863-2013',
  verified: false,
  rows: [
    { grade: 1, minVolume10kM3: 50000, minDamHeightM: 200 },
    { grade: 2, minVolume10kM3: 10000, minDamHeightM: 100 },
    { grade: 3, minVolume10kM3: 1000, minDamHeightM: 60 },
    { grade: 4, minVolume10kM3: 100, minDamHeightM: 30 },
    { grade: 5, minVolume10kM3: 0, minDamHeightM: 0 },
  ],
};

function gradeBy(value: number, key: 'minVolume10kM3' | 'minDamHeightM', t: TailingsGradeTable) {
  const rows = [...t.rows].sort((a, b) => a.grade - b.grade);
  for (const row of rows) {
    if (value >= row[key]) {
      return row.grade;
    }
  }
  return rows[rows.length - 1]?.grade ?? 5;
}

/**
 * The pond's 等别. Rule (GB 51108-2015 §3.2, VERIFIED): when the grades by volume and by
 * height differ by one, take the higher; when they differ by more than one, take one below the higher.
 */
export function computeTailingsGrade(
  volume10kM3: number,
  damHeightM: number,
  table: TailingsGradeTable = defaultTailingsGradeTable,
): number {
  const byVolume = gradeBy(volume10kM3, 'minVolume10kM3', table);
  const byHeight = gradeBy(damHeightM, 'minDamHeightM', table);
  const higher = Math.min(byVolume, byHeight);
  return Math.abs(byVolume - byHeight) > 1 ? higher + 1 : higher;
}

export const tailingsGradeNames = ['一等', '二等', '三等', '四等', '五等'] as const;
