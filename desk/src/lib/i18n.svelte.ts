import type { AuditAction, Permission, Role } from '@gasdesk/schema';
import type { ApiErrorCode } from './api.ts';
import { en } from './i18n/en.ts';
import { zhCN, type MessageKey } from './i18n/zh-CN.ts';

export type { MessageKey };
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const CATALOGS: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };
const STORAGE_KEY = 'gasdesk.locale';

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function storedLocale(): Locale {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    if (isLocale(value)) return value;
  } catch {
    // Storage can be blocked (private mode, policies); the default still works.
  }
  return 'zh-CN';
}

class I18n {
  locale = $state<Locale>(storedLocale());

  constructor() {
    this.#applyToDocument();
  }

  set(locale: Locale): void {
    this.locale = locale;
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // Not persisted, still applied for this tab.
    }
    this.#applyToDocument();
  }

  /** Two locales today, so the header switch simply flips; a third would turn it into a menu. */
  toggle(): void {
    this.set(this.locale === 'zh-CN' ? 'en' : 'zh-CN');
  }

  // Screen readers, hyphenation and CJK font choice all follow <html lang>.
  #applyToDocument(): void {
    document.documentElement.lang = this.locale;
    document.title = CATALOGS[this.locale]['app.name'];
  }
}

export const i18n = new I18n();

/** Reads `i18n.locale`, so any template or `$derived` calling it re-renders on a switch. */
export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  const text = CATALOGS[i18n.locale][key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** For open-ended vocabularies (audit target types) where a name may have no translation yet. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(zhCN, key);
}

export const roleName = (role: Role): string => t(`role.${role}`);
export const permissionName = (permission: Permission): string => t(`permission.${permission}`);
export const actionName = (action: AuditAction): string => t(`audit.action.${action}`);
export const errorText = (code: ApiErrorCode): string => t(`error.${code}`);
/** Modules add target types freely; an untranslated one shows as its identifier. */
export function targetTypeName(type: string): string {
  const key = `audit.target.${type}`;
  return isMessageKey(key) ? t(key) : type;
}
