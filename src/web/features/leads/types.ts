import type { z } from 'zod';
import type {
  LeadDetailResponse,
  LeadResponse,
  LeadSummaryResponse,
  SeriesResponse,
} from '../../../shared/leads.schemas.ts';

export type Lead = z.infer<typeof LeadResponse>;
export type LeadDetail = z.infer<typeof LeadDetailResponse>;
export type LeadSummary = z.infer<typeof LeadSummaryResponse>;
export type MineSeries = z.infer<typeof SeriesResponse>;
export type Breach = LeadDetail['breaches'][number];
