import { format, isMessageKey, MESSAGES, type Label, type Lang, type MessageKey } from '../schema';

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

/** Parameters of an argument error's detail; a Label is worded in each language. */
export type ArgParams = Readonly<Record<string, string | number | Label>>;

/** A bad argument to an entry point: code 'bad_argument', `field` the argument's path, worded in both languages. */
export function argumentError(path: string, detail: MessageKey, lang: Lang, params: ArgParams = {}): FieldError {
  const say = (l: Lang) => {
    const p = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'object' ? v[l] : v]));
    return format('bad_argument', l, { path, detail: format(detail, l, p) });
  };
  const messages = { zh: say('zh'), en: say('en') };
  return { field: path, code: 'bad_argument', message: messages[lang], messages };
}

/**
 * A refusal the user can act on (bad argument, stale version, busy). Entry points turn it into
 * `{ ok: false, errors }` or a thrown Error with the message in the user's language.
 */
export class CrmError extends Error {
  readonly errors: FieldError[];
  constructor(errors: FieldError[]) {
    // A bad argument's message names its path already.
    super(errors.map((e) => (e.field && e.code !== 'bad_argument' ? `${e.field}: ${e.message}` : e.message)).join('; '));
    this.name = 'CrmError';
    this.errors = errors;
  }
  static of(code: MessageKey, lang: Lang, params: Record<string, string | number> = {}, field = ''): CrmError {
    return new CrmError([fieldError(field, code, lang, params)]);
  }
  /** A bad argument at `path` (`options.limit`), `detail` saying what is wrong with it. */
  static badArgument(path: string, detail: MessageKey, lang: Lang, params: ArgParams = {}): CrmError {
    return new CrmError([argumentError(path, detail, lang, params)]);
  }
}

export function isCrmError(e: unknown): e is CrmError {
  return e instanceof CrmError;
}

/**
 * How a refusal crosses google.script.run, whose failure handler receives only an Error's message:
 * "[crm:<code>] <message in the user's language>" (the code of the first error). readWire takes it
 * apart again (the sidebar shows the message and may act on the code); Apps Script may put
 * "Error: " or "Exception: " in front, which readWire skips.
 */
export function wireMessage(e: CrmError): string {
  return `[crm:${e.errors[0]?.code ?? 'bad_argument'}] ${e.message}`;
}

const WIRE = /^(?:(?:\w*Error|Exception):\s*)?\[crm:(\w+)\] ?/;

/** A thrown message's code (null when it is not one of ours) and its text without the prefix. */
export function readWire(message: string): { code: MessageKey | null; text: string } {
  const m = WIRE.exec(message);
  return m && isMessageKey(m[1]) ? { code: m[1], text: message.slice(m[0].length) } : { code: null, text: message };
}
export { MESSAGES };
