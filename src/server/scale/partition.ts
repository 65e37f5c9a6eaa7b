/**
 * @module Mines to partitions: a stable hash of the mine's id (FNV-1a, 32 bits) modulo the number of
 * partitions. Every node computes the same partition for a mine, in every release: the subject a batch
 * is published on and the worker that owns it depend on it.
 */

/** FNV-1a over the string's UTF-16 code units (mine ids are ASCII UUIDs). */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The partition of a mine, 0 ≤ p < partitions. */
export function partitionOf(mineId: string, partitions: number): number {
  return fnv1a(mineId) % partitions;
}
