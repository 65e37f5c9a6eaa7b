/** API shapes of the monitoring pages (inferred from the shared schemas). */
import type { z } from 'zod';
import type {
  AlarmDetailResponse,
  AlarmResponse,
  FacilityResponse,
  SensorResponse,
} from '../../../shared/monitoring.schemas.ts';

export type Alarm = z.infer<typeof AlarmResponse>;
export type AlarmDetail = z.infer<typeof AlarmDetailResponse>;
export type Facility = z.infer<typeof FacilityResponse>;
export type Sensor = z.infer<typeof SensorResponse>;
