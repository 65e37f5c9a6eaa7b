/**
 * The selected region: every page filters by it. It is limited to the user's jurisdiction; a county
 * user sees only the county, a province user can narrow to any city or county under it.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import type { RegionResponse } from '../../shared/registry.schemas.ts';
import { regionsApi } from '../../shared/registry.api.ts';
import { call } from './api.ts';
import { useI18n } from './i18n.tsx';
import { useSession } from './session.tsx';

interface RegionState {
  /** The selected region code, or undefined for the whole jurisdiction. */
  region: string | undefined;
  setRegion: (code: string | undefined) => void;
  regions: RegionResponse[];
}

const RegionContext = createContext<RegionState | null>(null);

/**
 * A region's name from its GB/T 2260 code, for screens that list records by code (the user's regions
 * hold every code of the jurisdiction); a code outside them shows as 其他地区, never as the bare code.
 */
export function useRegionName(): (code: string | null | undefined) => string {
  const { regions } = useRegion();
  const { t } = useI18n();
  const names = useMemo(() => new Map(regions.map((r) => [r.code, r.name])), [regions]);
  return (code) => (code ? (names.get(code) ?? t('region.other')) : '—');
}

/** Regions the user may select: its jurisdiction root and everything under it (ancestors are context only). */
export function selectableRegions(
  regions: RegionResponse[],
  root: string | undefined,
): Set<string> {
  if (!root) {
    return new Set(regions.map((r) => r.code));
  }
  const prefix = root.endsWith('0000')
    ? root.slice(0, 2)
    : root.endsWith('00')
      ? root.slice(0, 4)
      : root;
  return new Set(regions.filter((r) => r.code.startsWith(prefix)).map((r) => r.code));
}

export function RegionProvider({ children }: { children: ReactNode }) {
  const { me } = useSession();
  const storageKey = me ? `minewatch.region.${me.id}` : undefined;
  const root = me?.scope.kind === 'region' ? me.scope.regionCode : undefined;
  const [region, setRegionState] = useState<string | undefined>(undefined);
  const { data: regions = [] } = useQuery({
    queryKey: ['regions', me?.id],
    queryFn: () => call(regionsApi.list),
    enabled: Boolean(me),
    staleTime: Infinity,
  });
  useEffect(() => {
    const saved = storageKey ? localStorage.getItem(storageKey) : null;
    setRegionState(saved ?? root);
  }, [storageKey, root]);
  const value = useMemo<RegionState>(
    () => ({
      region,
      regions,
      setRegion: (code) => {
        setRegionState(code);
        if (storageKey) {
          if (code) {
            localStorage.setItem(storageKey, code);
          } else {
            localStorage.removeItem(storageKey);
          }
        }
      },
    }),
    [region, regions, storageKey],
  );
  return <RegionContext.Provider value={value}>{children}</RegionContext.Provider>;
}

export function useRegion(): RegionState {
  const ctx = useContext(RegionContext);
  if (!ctx) {
    throw new Error('useRegion outside RegionProvider');
  }
  return ctx;
}

interface TreeNode {
  value: string;
  title: string;
  disabled: boolean;
  children: TreeNode[];
}

/** The header's region picker (TreeSelect over the jurisdiction). */
export function RegionSelector() {
  const { region, setRegion, regions } = useRegion();
  const { me } = useSession();
  const { t } = useI18n();
  const root = me?.scope.kind === 'region' ? me.scope.regionCode : undefined;
  const tree = useMemo(() => {
    const selectable = selectableRegions(regions, root);
    const nodes = new Map<string, TreeNode>(
      regions.map((r) => [
        r.code,
        { value: r.code, title: r.name, disabled: !selectable.has(r.code), children: [] },
      ]),
    );
    const top: TreeNode[] = [];
    for (const r of regions) {
      const node = nodes.get(r.code);
      if (!node) {
        continue;
      }
      const parent = r.parentCode ? nodes.get(r.parentCode) : undefined;
      if (parent) {
        parent.children.push(node);
      } else {
        top.push(node);
      }
    }
    return top;
  }, [regions, root]);
  if (me?.scope.kind === 'enterprise' || me?.scope.kind === 'mines') {
    return null;
  }
  return (
    <TreeSelect
      aria-label={t('region.label')}
      data-testid="region-selector"
      style={{ minWidth: 200 }}
      // Until the names are loaded the selector would show the bare code: it waits for them.
      value={regions.length ? region : undefined}
      loading={!regions.length}
      disabled={!regions.length}
      placeholder={regions.length ? t('region.all') : t('common.loading')}
      allowClear={!root}
      treeData={tree}
      treeDefaultExpandAll={regions.length < 300}
      showSearch
      treeNodeFilterProp="title"
      onChange={(v: string | undefined) => setRegion(v ?? root)}
    />
  );
}
