/**
 * @module A compile-time proof, checked by `npm run typecheck`: the web's types come from the response
 * schema the server answers with. If `HazardDetailResponse` lost `fundsYuan` or changed its type, the
 * `satisfies` lines would stop compiling; reading a field the schema lacks, or calling without a path
 * parameter, is already a type error (each `@ts-expect-error` fails the typecheck if it ever compiles).
 */
import type { HazardState } from '../../shared/hazard.enums.ts';
import { hazardsApi } from '../../shared/hazards.api.ts';
import { minesApi } from '../../shared/registry.api.ts';
import type { MineStatus } from '../../shared/registry.enums.ts';
import { call } from './api.ts';

export async function responseTypesFollowTheServersSchema(): Promise<void> {
  const hazard = await call(hazardsApi.get, { params: { id: 'a-hazard-id' } });
  hazard.state satisfies HazardState;
  hazard.fundsYuan satisfies number | null;
  hazard.timeline satisfies readonly { id: number; action: string }[];
  // @ts-expect-error the response schema has no field `nonexistent`
  void hazard.nonexistent;
  // @ts-expect-error the path parameter `id` is required
  await call(hazardsApi.get);
  // @ts-expect-error a path parameter the path does not have
  await call(hazardsApi.get, { params: { id: 'x', other: 'y' } });
  // The registry's CRUD contracts (shared/api.contract.ts crudEndpoints) type the page and the item.
  const page = await call(minesApi.list, { query: { limit: 10 } });
  page.nextCursor satisfies string | null;
  page.items[0]?.status satisfies MineStatus | undefined;
  // @ts-expect-error a mine's status is one of MineStatus, not any string
  page.items[0]?.status satisfies 'not-a-status' | undefined;
}
