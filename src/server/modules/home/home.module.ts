/**
 * @module The home's manifest: one read route over the other modules' services. It owns no table, job,
 * setting or permission: each figure is read under the permission of the module it comes from.
 */
import type { ModuleManifest } from '../module.ts';
import { registerHomeRoutes } from './home.routes.ts';

export const homeModule: ModuleManifest = {
  name: 'home',
  routes(app, { deps }) {
    registerHomeRoutes(app, deps);
  },
  auditEvents: {},
  auditVisibility: () => ({}),
  permissions: { all: {}, grants: {} },
};
