/**
 * Translations: Simplified Chinese by default, English on request. `t('mine.name')` looks a key up in
 * the active locale; `{name}` placeholders are filled from `vars`. `v(value)` shows a Chinese domain
 * value (矿山类型, 状态 …) in the active language.
 */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { enUS } from '../locales/en-US.ts';
import { zhCN, type Messages } from '../locales/zh-CN.ts';

dayjs.extend(utc);
dayjs.extend(timezone);

export type Locale = 'zh-CN' | 'en-US';
export const messagesByLocale: Record<Locale, Messages> = { 'zh-CN': zhCN, 'en-US': enUS };

/** Dotted keys of the message tree whose values are strings. */
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string
    ? `${P}${K}`
    : T[K] extends Record<string, string>
      ? `${P}${K}.${string}`
      : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
export type MessageKey = Leaves<Messages>;

/**
 * Looks up `section.key`; the key itself may contain dots (audit event types). Missing keys show the
 * key so they are noticed.
 */
export function translate(
  messages: Messages,
  key: string,
  vars?: Record<string, string | number>,
): string {
  const dot = key.indexOf('.');
  const section = (messages as unknown as Record<string, Record<string, unknown> | undefined>)[
    key.slice(0, dot)
  ];
  const found = dot > 0 ? section?.[key.slice(dot + 1)] : undefined;
  const text = typeof found === 'string' ? found : key;
  return vars
    ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`))
    : text;
}

interface I18n {
  locale: Locale;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  /** A domain value (stored in Chinese) in the active language. */
  v: (value: string | null | undefined) => string;
  /** A date or time shown in Asia/Shanghai. */
  formatDateTime: (iso: string) => string;
  /** An instant in Asia/Shanghai in a dayjs pattern (chart axes). */
  formatInZone: (at: string | number, pattern: string) => string;
}

const inZone = (at: string | number, pattern: string) =>
  dayjs(at).tz('Asia/Shanghai').format(pattern);

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo<I18n>(() => {
    const messages = messagesByLocale[locale];
    return {
      locale,
      t: (key, vars) => translate(messages, key, vars),
      v: (value) => (value ? (messages.values[value] ?? value) : '—'),
      formatDateTime: (iso) => inZone(iso, 'YYYY-MM-DD HH:mm'),
      formatInZone: inZone,
    };
  }, [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) {
    throw new Error('useI18n outside I18nProvider');
  }
  return ctx;
}
