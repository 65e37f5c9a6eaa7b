/**
 * The filter bar every working list shares: a search box, selects, check boxes and a date range, all
 * kept in the URL's query string (so a filtered list can be reloaded, bookmarked and linked to, e.g.
 * `/hazards?overdue=true`), and the 导出 Excel button that downloads the list with the same filters.
 */
import type { ReactNode } from 'react';
import { Button, Checkbox, DatePicker, Input, Select, Space } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { toQuery } from '../app/api.ts';
import { useI18n } from '../app/i18n.tsx';

/** One control of the bar; `key` is its URL parameter (and the API's). */
export type FilterField =
  | { kind: 'search'; key: string; label: string }
  | {
      kind: 'select';
      key: string;
      label: string;
      options: { value: string; label: string }[];
      multiple?: boolean;
      /** Whether it may be emptied (default true). */
      clearable?: boolean;
      width?: number;
    }
  | { kind: 'check'; key: string; label: string }
  /** A date range kept as `from` and `to` (YYYY-MM-DD). */
  | { kind: 'dates'; label: string };

const keysOf = (f: FilterField): string[] => (f.kind === 'dates' ? ['from', 'to'] : [f.key]);

/** The filters' values as the URL holds them, and how to change them. */
export interface UrlFilters {
  /** Every field's value ('' when unset; a multiple select's values joined by commas). */
  values: Record<string, string>;
  /** The non-empty values: the API query of the list (and of its export). */
  query: Record<string, string>;
  set: (patch: Record<string, string | undefined>) => void;
}

/**
 * The fields' values read from the URL, a value equal to its default left out of the URL. Parameters
 * that are no field of the bar (a page's tab) are kept as they are.
 */
export function useUrlFilters(
  fields: FilterField[],
  defaults: Record<string, string> = {},
): UrlFilters {
  const [params, setParams] = useSearchParams();
  const keys = fields.flatMap(keysOf);
  const values = Object.fromEntries(
    keys.map((k) => [k, params.has(k) ? (params.get(k) ?? '') : (defaults[k] ?? '')]),
  );
  const query = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      const value = v ?? '';
      if (value === (defaults[k] ?? '')) {
        next.delete(k);
      } else {
        next.set(k, value);
      }
    }
    setParams(next, { replace: true });
  };
  return { values, query, set };
}

/** The bar: the fields in order, then the page's own controls, then the export button. */
export function FilterBar({
  fields,
  filters,
  exportPath,
  exportQuery,
  extra,
}: {
  fields: FilterField[];
  filters: UrlFilters;
  /** The list's export endpoint (`/api/<list>/export`); no button without it. */
  exportPath?: string;
  /** What the export is asked for besides (or instead of) the bar's values: the region, a mine. */
  exportQuery?: Record<string, unknown>;
  extra?: ReactNode;
}) {
  const { t } = useI18n();
  const { values, set } = filters;
  return (
    <Space wrap className="filter-bar no-print" style={{ marginBottom: 12 }}>
      {fields.map((f) => {
        switch (f.kind) {
          case 'search':
            return (
              <Input.Search
                key={`${f.key}:${values[f.key]}`}
                allowClear
                aria-label={f.label}
                placeholder={f.label}
                defaultValue={values[f.key]}
                onSearch={(text) => set({ [f.key]: text.trim() })}
                style={{ width: 220 }}
                data-testid="filter-search"
              />
            );
          case 'select': {
            const raw = values[f.key] ?? '';
            return (
              <Select
                key={f.key}
                mode={f.multiple ? 'multiple' : undefined}
                allowClear={f.clearable ?? true}
                aria-label={f.label}
                placeholder={f.label}
                value={f.multiple ? (raw ? raw.split(',') : []) : raw || undefined}
                onChange={(v: string | string[] | undefined) =>
                  set({ [f.key]: Array.isArray(v) ? v.join(',') : (v ?? '') })
                }
                options={f.options}
                style={{ minWidth: f.width ?? 140 }}
                data-testid={`filter-${f.key}`}
              />
            );
          }
          case 'check':
            return (
              <Checkbox
                key={f.key}
                checked={values[f.key] === 'true'}
                onChange={(e) => set({ [f.key]: e.target.checked ? 'true' : '' })}
              >
                {f.label}
              </Checkbox>
            );
          case 'dates':
            return (
              <DatePicker.RangePicker
                key="dates"
                aria-label={f.label}
                allowEmpty={[true, true]}
                value={[
                  values.from ? dayjs(values.from) : null,
                  values.to ? dayjs(values.to) : null,
                ]}
                onChange={(range) =>
                  set({
                    from: range?.[0]?.format('YYYY-MM-DD') ?? '',
                    to: range?.[1]?.format('YYYY-MM-DD') ?? '',
                  })
                }
                data-testid="filter-dates"
              />
            );
        }
      })}
      {extra}
      {exportPath && (
        <Button
          icon={<DownloadOutlined />}
          href={`${exportPath}${toQuery({ ...filters.query, ...exportQuery, format: 'xlsx' })}`}
          data-testid="export-xlsx"
        >
          {t('common.exportExcel')}
        </Button>
      )}
    </Space>
  );
}
