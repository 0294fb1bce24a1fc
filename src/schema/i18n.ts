/** The two languages the product speaks. zh is the canonical language of stored enum values. */
export type Lang = 'zh' | 'en';
export interface Label {
  zh: string;
  en: string;
}
export const LANGS: readonly Lang[] = ['zh', 'en'];

/** Spreadsheet locales starting with zh (zh_CN, zh_TW, zh_HK) use Chinese; everything else English. */
export function langOfLocale(locale: string | null | undefined): Lang {
  return /^zh/i.test(locale ?? '') ? 'zh' : 'en';
}
