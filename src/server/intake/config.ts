import { CrmError } from '../../core';
import { isFormField, type FormMapping } from '../../core/workflows';
import type { Lang } from '../../schema';

/**
 * The forms connected to the CRM: form ID, its mapping (question title → lead field) and who
 * connected it, as one JSON value in the document properties (one round trip to read; a few forms
 * are far under the 9 KB a property holds).
 */
export interface LeadFormConfig {
  formId: string;
  mapping: FormMapping;
  connectedAt: string;
  connectedBy: string;
}

export const FORMS_PROPERTY = 'crm.leadForms';
export const MAX_FORMS = 10;

export function readFormConfigs(): LeadFormConfig[] {
  const raw = PropertiesService.getDocumentProperties().getProperty(FORMS_PROPERTY);
  if (!raw) return [];
  try {
    const list = JSON.parse(raw) as unknown;
    if (!Array.isArray(list)) return [];
    return list.filter(
      (c): c is LeadFormConfig =>
        !!c &&
        typeof c === 'object' &&
        typeof (c as LeadFormConfig).formId === 'string' &&
        !!(c as LeadFormConfig).mapping &&
        Object.values((c as LeadFormConfig).mapping).every(isFormField),
    );
  } catch {
    return [];
  }
}

/** Adds or replaces a form's configuration (the caller holds the script lock). */
export function saveFormConfig(config: LeadFormConfig, lang: Lang): void {
  const list = readFormConfigs().filter((c) => c.formId !== config.formId);
  if (list.length >= MAX_FORMS) throw CrmError.of('form_too_many', lang, { max: MAX_FORMS });
  PropertiesService.getDocumentProperties().setProperty(FORMS_PROPERTY, JSON.stringify([...list, config]));
}
