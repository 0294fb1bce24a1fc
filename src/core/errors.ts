import { format, MESSAGES, type Label, type Lang, type MessageKey } from '../schema';

/** One problem with one field; `field` is '' for problems with the whole input. */
export interface FieldError {
  field: string;
  code: MessageKey;
  message: string;
  messages: Label;
}

export function fieldError(field: string, code: MessageKey, lang: Lang, params: Record<string, string | number> = {}): FieldError {
  const messages = { zh: format(code, 'zh', params), en: format(code, 'en', params) };
  return { field, code, message: messages[lang], messages };
}

/**
 * A refusal the user can act on (bad argument, stale version, busy). Entry points turn it into
 * `{ ok: false, errors }` or a thrown Error with the message in the user's language.
 */
export class CrmError extends Error {
  readonly errors: FieldError[];
  constructor(errors: FieldError[]) {
    super(errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; '));
    this.name = 'CrmError';
    this.errors = errors;
  }
  static of(code: MessageKey, lang: Lang, params: Record<string, string | number> = {}, field = ''): CrmError {
    return new CrmError([fieldError(field, code, lang, params)]);
  }
}

export function isCrmError(e: unknown): e is CrmError {
  return e instanceof CrmError;
}
export { MESSAGES };
