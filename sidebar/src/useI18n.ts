/** The current language and its translator, provided by the shell (switchable in the header). */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Lang } from '../../src/schema';
import { translator, type Translate } from './i18n';

export interface I18n {
  lang: Lang;
  t: Translate;
}
export const I18nContext = createContext<I18n>({ lang: 'zh', t: translator('zh') });
export const useI18n = (): I18n => useContext(I18nContext);
