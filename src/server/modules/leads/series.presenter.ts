/** @module Rows shown beside a mine's series → API shapes. */
import type { MineStatus } from '../../../shared/registry.enums.ts';

/** A dated status change (frame.repository.ts statusChanges) → the comparison view's marker. */
export const presentStatusChange = (c: { date: string; to: MineStatus }) => ({
  date: c.date,
  status: c.to,
});
