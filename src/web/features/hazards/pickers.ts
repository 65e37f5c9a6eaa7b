/**
 * The mine and criterion pickers shared by the hazard report form and the inspection form: a mine
 * searched within the caller's jurisdiction (the chosen one always listed), and the criteria of every
 * standard version in the catalogue that apply to the mine's kind, grouped by standard.
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { MineResponse } from '../../../shared/registry.schemas.ts';
import { api, toQuery } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';

interface Criterion {
  id: string;
  code: string;
  text: string;
  parentCode: string | null;
}
interface Standard {
  id: string;
  code: string;
  version: string;
}

export function useMinePicker(mineId: string | undefined) {
  const { v } = useI18n();
  const [query, setQuery] = useState('');
  const mines = useQuery({
    queryKey: ['mine-picker', query],
    queryFn: () =>
      api<{ items: MineResponse[] }>('GET', `/api/mines${toQuery({ q: query, limit: 50 })}`),
  });
  const chosen = useQuery({
    queryKey: ['mine', mineId],
    queryFn: () => api<MineResponse>('GET', `/api/mines/${mineId ?? ''}`),
    enabled: Boolean(mineId),
  });
  const options = [
    ...(chosen.data ? [chosen.data] : []),
    ...(mines.data?.items ?? []).filter((m) => m.id !== chosen.data?.id),
  ].map((m) => ({ value: m.id, label: `${m.name} (${v(m.kind)}, ${m.countyName ?? ''})` }));
  return { options, onSearch: setQuery, mine: chosen.data };
}

export function useCriterionOptions(kind: string | undefined) {
  return useQuery({
    queryKey: ['criteria', kind],
    enabled: Boolean(kind),
    queryFn: async () => {
      const standards = await api<Standard[]>('GET', '/api/hazard-standards');
      const lists = await Promise.all(
        standards.map(async (s) => ({
          s,
          items: await api<Criterion[]>(
            'GET',
            `/api/hazard-standards/${s.id}/criteria${toQuery({ kind })}`,
          ),
        })),
      );
      return lists
        .filter((l) => l.items.length > 0)
        .map(({ s, items }) => ({
          label: `${s.code} (${s.version})`,
          options: items.map((c) => ({ value: c.id, label: `${c.code} ${c.text}` })),
        }));
    },
  });
}
