/**
 * The mine and criterion pickers shared by the hazard report form and the inspection form: a mine
 * searched within the caller's jurisdiction (the chosen one always listed), and the criteria of every
 * standard version in the catalogue that apply to the mine's kind, grouped by standard.
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { hazardsApi } from '../../../shared/hazards.api.ts';
import { minesApi } from '../../../shared/registry.api.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';

export function useMinePicker(mineId: string | undefined) {
  const { v } = useI18n();
  const [query, setQuery] = useState('');
  const mines = useQuery({
    queryKey: ['mine-picker', query],
    queryFn: () => call(minesApi.list, { query: { q: query, limit: 50 } }),
  });
  const chosen = useQuery({
    queryKey: ['mine', mineId],
    queryFn: () => call(minesApi.get, { params: { id: mineId ?? '' } }),
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
      const standards = await call(hazardsApi.standards);
      const lists = await Promise.all(
        standards.map(async (s) => ({
          s,
          items: await call(hazardsApi.criteria, { params: { id: s.id }, query: { kind } }),
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
