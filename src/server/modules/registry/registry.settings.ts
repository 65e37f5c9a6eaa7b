/**
 * @module The editable rule parameters of the registry: each with its schema, default, source and whether
 * the value is verified. UNVERIFIED facts live here as settings a system admin can change, never as code.
 */
import { z } from 'zod';
import {
  TailingsGradeTableSchema,
  defaultTailingsGradeTable,
} from '../../../shared/tailings-grade.ts';
import { defineSetting } from '../../platform/settings/settings.definition.ts';

export const registrySettings = {
  tailingsGradeTable: defineSetting<z.infer<typeof TailingsGradeTableSchema>>(
    'registry.tailingsGradeTable',
    {
      schema: TailingsGradeTableSchema,
      default: defaultTailingsGradeTable,
      source:
        'GB 39496-2020 §4.5 (一/二等 UNVERIFIED) and GB 51108-2015 §3.2; 三–五等 as in AQ 2006-2005 / GB 50863-2013 (verified as text)',
      verified: false,
      description: '尾矿库等别划分表 (全库容与坝高); 两者相差一等取高者, 相差超过一等取高者降一等',
    },
  ),
  licenceExpiryWarningDays: defineSetting<number>('registry.licenceExpiryWarningDays', {
    schema: z.number().int().min(1).max(365),
    default: 90,
    source: 'minewatch default (issue 3: licences expiring within 90 days)',
    verified: true,
    description: '证照到期预警天数',
  }),
};
