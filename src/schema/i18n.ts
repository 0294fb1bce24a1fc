/** The two languages the product speaks. zh is the canonical language of stored enum values. */
export type Lang = 'zh' | 'en';
export interface Label {
  zh: string;
  en: string;
}

/** Parameters of a message text's `{name}` placeholders. */
export type TextParams = Readonly<Record<string, string | number>>;

/** A label in one language with its `{name}` placeholders filled (a missing parameter reads as ''). */
export function fill(label: Label, lang: Lang, params: TextParams = {}): string {
  return label[lang].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** Spreadsheet locales starting with zh (zh_CN, zh_TW, zh_HK) use Chinese; everything else English. */
export function langOfLocale(locale: string | null | undefined): Lang {
  return /^zh/i.test(locale ?? '') ? 'zh' : 'en';
}
