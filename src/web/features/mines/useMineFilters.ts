/**
 * The mine list's filters live in the URL, so a filtered list can be reloaded, bookmarked and shared.
 */
import { useSearchParams } from 'react-router-dom';

export interface MineFilters {
  kind: string[];
  status: string[];
  scale: string[];
  standardizationLevel: string[];
  licenceExpiringWithinDays?: number | undefined;
  licenceExpired: boolean;
  q: string;
  sort: 'name' | '-name' | 'updatedAt' | '-updatedAt';
  limit: number;
}

const list = (v: string | null) => (v ? v.split(',').filter(Boolean) : []);

export function parseMineFilters(params: URLSearchParams): MineFilters {
  const days = params.get('licenceExpiringWithinDays');
  const sort = params.get('sort');
  return {
    kind: list(params.get('kind')),
    status: list(params.get('status')),
    scale: list(params.get('scale')),
    standardizationLevel: list(params.get('standardizationLevel')),
    licenceExpiringWithinDays: days && /^\d+$/.test(days) ? Number(days) : undefined,
    licenceExpired: params.get('licenceExpired') === 'true',
    q: params.get('q') ?? '',
    sort: sort === '-name' || sort === 'updatedAt' || sort === '-updatedAt' ? sort : 'name',
    limit: Number(params.get('limit')) || 50,
  };
}

/** The API query for the filters (empty values dropped by toQuery). */
export function mineFilterQuery(f: MineFilters, region: string | undefined) {
  return {
    region,
    kind: f.kind,
    status: f.status,
    scale: f.scale,
    standardizationLevel: f.standardizationLevel,
    licenceExpiringWithinDays: f.licenceExpiringWithinDays,
    licenceExpired: f.licenceExpired || undefined,
    q: f.q,
    sort: f.sort,
  };
}

export function useMineFilters(): [MineFilters, (patch: Partial<MineFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters = parseMineFilters(params);
  const update = (patch: Partial<MineFilters>) => {
    const next = { ...filters, ...patch };
    const out = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) {
      if (Array.isArray(v) ? v.length : v !== undefined && v !== '' && v !== false) {
        out.set(k, Array.isArray(v) ? v.join(',') : String(v));
      }
    }
    if (next.sort === 'name') {
      out.delete('sort');
    }
    if (next.limit === 50) {
      out.delete('limit');
    }
    setParams(out, { replace: true });
  };
  return [filters, update];
}
