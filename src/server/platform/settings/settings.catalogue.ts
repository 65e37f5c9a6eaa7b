/**
 * @module The catalogue of editable rule parameters: key, schema, default, source, verified flag.
 * Later modules add their UNVERIFIED thresholds here instead of hard-coding them.
 */
import { z } from 'zod';
import {
  TailingsGradeTableSchema,
  defaultTailingsGradeTable,
} from '../../../shared/tailings-grade.ts';

export interface SettingDefinition<T> {
  schema: z.ZodType<T>;
  default: T;
  source: string;
  verified: boolean;
  description: string;
}

export const settingsCatalogue = {
  'registry.tailingsGradeTable': {
    schema: TailingsGradeTableSchema,
    default: defaultTailingsGradeTable,
    source: 'REFERENCE.md B4 and A-FULL §6: GB 39496-2020 §4.5, GB 51108-2015 §3.2',
    verified: false,
    description: '尾矿库等别划分表 (全库容与坝高); 两者相差一等取高者, 相差超过一等取高者降一等',
  } satisfies SettingDefinition<z.infer<typeof TailingsGradeTableSchema>>,
  'registry.licenceExpiryWarningDays': {
    schema: z.number().int().min(1).max(365),
    default: 90,
    source: 'minewatch default (issue 3: licences expiring within 90 days)',
    verified: true,
    description: '证照到期预警天数',
  } satisfies SettingDefinition<number>,
} as const;

export type SettingKey = keyof typeof settingsCatalogue;
export type SettingValue<K extends SettingKey> = (typeof settingsCatalogue)[K]['default'];
