/**
 * Answering Google Forms in the local runtime (host side, outside the bundle's view): a response is
 * stored in the form as Google Forms stores it, then every installed form-submit trigger of that
 * form runs through the bundle, as its installer, with Apps Script's event object
 * `{ authMode, response, source, triggerUid }` (response: FormResponse, source: Form).
 */
import { envOf, type Runtime } from './createRuntime';
import type { BundleContext } from './loader';
import {
  checkAnswers,
  EmuForm,
  EmuFormResponse,
  newResponseId,
  type FormAnswer,
  type FormModel,
  type FormResponseModel,
} from './emulator/services/forms';

export type { FormAnswer, FormModel };

export interface SubmitOptions {
  /** The respondent's email (when the form collects it). */
  email?: string;
  /**
   * Skip the checks Google Forms makes before it accepts a response (required items, offered
   * choices, text for text items): a response shaped as no real form would send it, for tests of
   * what the handler does with one.
   */
  unchecked?: boolean;
}

export interface FiredTrigger {
  handler: string;
  triggerUid: string;
  ok: boolean;
  /** The error's message when the handler threw (Apps Script would mail the installer a failure). */
  error?: string;
}

export interface Submitted {
  responseId: string;
  fired: FiredTrigger[];
}

/** A form of the runtime by ID (host view, not counted). */
export function formModel(runtime: Runtime, formId: string): FormModel {
  const form = envOf(runtime).forms.get(formId);
  if (!form) throw new Error(`no form ${formId} in this runtime`);
  return form;
}

/** Every form made in this runtime. */
export function formModels(runtime: Runtime): FormModel[] {
  return [...envOf(runtime).forms.values()];
}

/** A form made outside the CRM (e.g. by a person), to connect with connectForm. */
export function addForm(
  runtime: Runtime,
  title: string,
  items: { title: string; type?: 'TEXT' | 'PARAGRAPH_TEXT' | 'MULTIPLE_CHOICE' | 'CHECKBOX'; required?: boolean; choices?: string[] }[],
): string {
  const env = envOf(runtime);
  const id = `1FAIpQLhost${env.forms.size + 1}${Math.random().toString(36).slice(2, 10)}`;
  let next = 2000001;
  env.forms.set(id, {
    id,
    title,
    description: '',
    owner: env.user,
    accepting: true,
    responses: [],
    nextItemId: next + items.length,
    items: items.map((i) => ({
      id: next++,
      type: i.type ?? 'TEXT',
      title: i.title,
      helpText: '',
      required: i.required === true,
      choices: i.choices ?? [],
    })),
  });
  return id;
}

/**
 * Submits a response (answers by item title) and fires the form's submit triggers. Throws, storing
 * nothing, when Google Forms would refuse the response (unless `unchecked`).
 */
export function submitForm(
  runtime: Runtime,
  bundle: BundleContext,
  formId: string,
  answers: Record<string, FormAnswer>,
  options: SubmitOptions = {},
): Submitted {
  const env = envOf(runtime);
  const form = formModel(runtime, formId);
  if (!form.accepting) throw new Error(`form ${formId} is not accepting responses`);
  const response: FormResponseModel = { id: newResponseId(), timestampMs: env.nowMs, email: options.email ?? '', answers: [] };
  for (const [title, value] of Object.entries(answers)) {
    const item = form.items.find((i) => i.title === title);
    if (!item) throw new Error(`form ${formId} has no item titled ${JSON.stringify(title)}`);
    response.answers.push({ itemId: item.id, response: value });
  }
  if (!options.unchecked) checkAnswers(form, response);
  form.responses.push(response);
  return { responseId: response.id, fired: fireSubmit(runtime, bundle, form, response) };
}

/** Runs the form's installed submit triggers for a stored response (again, for a re-run). */
export function fireSubmit(runtime: Runtime, bundle: BundleContext, form: FormModel, response: FormResponseModel): FiredTrigger[] {
  const env = envOf(runtime);
  const fired: FiredTrigger[] = [];
  for (const t of env.workbook.state.triggers.filter(
    (x) => x.eventType === 'ON_FORM_SUBMIT' && x.source === 'FORMS' && x.sourceId === form.id,
  )) {
    const fn = bundle[t.handler];
    if (typeof fn !== 'function') {
      fired.push({ handler: t.handler, triggerUid: t.uid, ok: false, error: `Script function not found: ${t.handler}` });
      continue;
    }
    const event = {
      authMode: 'FULL',
      triggerUid: t.uid,
      response: env.expose(new EmuFormResponse(env, form, response)),
      source: env.expose(new EmuForm(env, form)),
    };
    const user = env.user;
    env.user = t.owner;
    try {
      fn(event);
      fired.push({ handler: t.handler, triggerUid: t.uid, ok: true });
    } catch (e) {
      fired.push({ handler: t.handler, triggerUid: t.uid, ok: false, error: e instanceof Error ? e.message : String(e) });
    } finally {
      env.user = user;
    }
  }
  return fired;
}
