/**
 * @module The list of modules. The composition root registers their routes, runs their jobs, offers
 * their settings and checks their audit visibility from here; a new module is one line.
 */
import type { ModuleManifest } from './module.ts';
import { accessModule } from './access/access.module.ts';
import { registryModule } from './registry/registry.module.ts';
import { hazardsModule } from './hazards/hazards.module.ts';
import { monitoringModule } from './monitoring/monitoring.module.ts';
import { leadsModule } from './leads/leads.module.ts';
import { stoppedModule } from './stopped/stopped.module.ts';
import { inspectionsModule } from './inspections/inspections.module.ts';
import { actionPlansModule } from './action-plans/action-plans.module.ts';
import { accountabilityModule } from './accountability/accountability.module.ts';
import { surveysModule } from './surveys/surveys.module.ts';
import { pitsPondsModule } from './pits-ponds/pits-ponds.module.ts';
import { emergencyModule } from './emergency/emergency.module.ts';
import { admissionModule } from './admission/admission.module.ts';
import { notificationsModule } from './notifications/notifications.module.ts';
import { coalUploadModule } from './coal-upload/coal-upload.module.ts';
import { homeModule } from './home/home.module.ts';
import { warningsModule } from './warnings/warnings.module.ts';
import { dutyModule } from './duty/duty.module.ts';

/** Every module, in the order routes are registered and jobs run (notifications last: it delivers). */
export const modules: readonly ModuleManifest[] = [
  accessModule,
  registryModule,
  hazardsModule,
  monitoringModule,
  leadsModule,
  stoppedModule,
  inspectionsModule,
  actionPlansModule,
  accountabilityModule,
  surveysModule,
  pitsPondsModule,
  emergencyModule,
  dutyModule,
  admissionModule,
  coalUploadModule,
  warningsModule,
  homeModule,
  notificationsModule,
];
