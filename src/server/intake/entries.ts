import * as z from 'zod/mini';
import { leads, type Lang } from '../../schema';
import { argumentError, CrmError, type FieldError } from '../../core';
import { checkMapping, FORM_FIELDS, formSource, type Answer, type FormMapping } from '../../core/workflows';
import { intArg, maybeText, NO_ARGS, optionsArg, plainObject, signature, text, userLang } from '../args';
import { openContext, type Context } from '../context';
import { enveloped, throwing, type Envelope } from '../entry';
import { addOption } from '../lists/addOption';
import { readFormConfigs, saveFormConfig } from './config';
import { tellPending } from '../notify';
import { handleSubmission, retryRow, sendNotices, type IntakeOutcome, type Notice, type Submission } from './process';

type Form = GoogleAppsScript.Forms.Form;
type FormResponse = GoogleAppsScript.Forms.FormResponse;

/** The handler every connected form's submit trigger runs (an export of the bundle). */
export const LEAD_FORM_HANDLER = 'onLeadFormSubmit';

export interface ConnectedForm {
  formId: string;
  title: string;
  editUrl: string;
  publishedUrl: string;
  mapping: FormMapping;
  /** Whether this call installed the form's submit trigger (false: it was there already). */
  triggerCreated: boolean;
}

/** Installs the form's submit trigger unless one is there (one per form, however often this runs). */
function ensureTrigger(form: Form): boolean {
  const id = form.getId();
  const has = ScriptApp.getProjectTriggers().some(
    (t) =>
      t.getHandlerFunction() === LEAD_FORM_HANDLER &&
      t.getTriggerSourceId() === id &&
      t.getEventType() === ScriptApp.EventType.ON_FORM_SUBMIT,
  );
  if (has) return false;
  ScriptApp.newTrigger(LEAD_FORM_HANDLER).forForm(form).onFormSubmit().create();
  return true;
}

/** The form's source option: added to the source list (settings tab) when the workbook's list lacks it. */
function ensureSourceOption(ctx: Context): void {
  if (formSource(ctx.settings.lists.source)) return;
  addOption('source', '在线表单', 'Web form');
}

function connect(ctx: Context, form: Form, mapping: FormMapping): ConnectedForm {
  const formId = form.getId();
  const triggerCreated = ctx.store.withLock(() => {
    saveFormConfig({ formId, mapping, connectedAt: ctx.now, connectedBy: ctx.user }, ctx.lang);
    return ensureTrigger(form);
  });
  ensureSourceOption(ctx);
  return { formId, title: form.getTitle(), editUrl: form.getEditUrl(), publishedUrl: form.getPublishedUrl(), mapping, triggerCreated };
}

function openForm(formId: string, lang: Lang): Form {
  try {
    return FormApp.openById(formId);
  } catch {
    throw CrmError.of('form_missing', lang, { id: formId.slice(0, 100) });
  }
}

/**
 * createLeadForm(options?): a Google Form with the lead fields a form may fill (labels in the
 * spreadsheet's language, required ones required, the industry as a choice of the workbook's
 * list), connected to the CRM, its submit trigger installed. options.title: the form's title.
 */
export const createLeadForm = enveloped(
  signature(['options'], z.optional(optionsArg({ title: maybeText(200) }))),
  (o = {}): Envelope<ConnectedForm> => {
    const ctx = openContext();
    const L = ctx.lang;
    const title = o.title || (L === 'zh' ? '潜在客户登记表' : 'Lead form');
    const form = FormApp.create(title);
    form.setDescription(
      L === 'zh' ? '请留下您的联系方式，我们会尽快与您联系。' : 'Leave your details and we will get back to you shortly.',
    );
    const mapping: FormMapping = {};
    for (const f of FORM_FIELDS) {
      const meta = leads.fields[f].meta;
      const label = meta.label[L];
      if (f === 'industry') {
        form
          .addMultipleChoiceItem()
          .setTitle(label)
          .setChoiceValues(ctx.settings.lists.industry.map((x) => (L === 'zh' ? x.value : x.en)))
          .setRequired(meta.required);
      } else if (f === 'notes') {
        form.addParagraphTextItem().setTitle(label).setRequired(meta.required);
      } else {
        form.addTextItem().setTitle(label).setRequired(meta.required);
      }
      mapping[label] = f;
    }
    return { ok: true, ...connect(ctx, form, mapping) };
  },
  'admin',
);

/**
 * connectForm(formId, mapping): attaches an existing form. mapping: { question title: lead field
 * (key or label, zh or en) }; every question named must be on the form, every field one a form
 * may fill, no field twice, and the required ones (company) present.
 */
export const connectForm = enveloped(
  signature(['formId', 'mapping'], text(200), plainObject),
  (id, raw): Envelope<ConnectedForm> => {
    const ctx = openContext();
    const form = openForm(id, ctx.lang);
    const titles = form.getItems().map((i) => i.getTitle());
    const checked = checkMapping(raw, titles, ctx.lang);
    if (!checked.ok) return { ok: false, errors: checked.errors };
    return { ok: true, ...connect(ctx, form, checked.mapping) };
  },
  'admin',
);

function submissionOf(response: FormResponse, formId: string, timeZone: string): Submission {
  const answers: Answer[] = response.getItemResponses().map((r) => ({ title: r.getItem().getTitle(), response: r.getResponse() }));
  return {
    responseId: response.getId(),
    formId,
    submittedAt: Utilities.formatDate(response.getTimestamp(), timeZone, 'yyyy-MM-dd HH:mm'),
    answers,
  };
}

function isResponse(v: unknown): v is FormResponse {
  return (
    !!v &&
    typeof v === 'object' &&
    typeof (v as FormResponse).getId === 'function' &&
    typeof (v as FormResponse).getItemResponses === 'function'
  );
}

/**
 * The form-submit trigger (installable, runs as the admin who connected the form): the submission
 * in one locked step (see handleSubmission), then the duplicate's owner is mailed.
 */
export const onLeadFormSubmit = throwing(
  signature(['event'], plainObject),
  (e): IntakeOutcome => {
    const lang = userLang();
    const ev = e as { response?: unknown; source?: unknown };
    if (!isResponse(ev.response)) throw new CrmError([argumentError('event.response', 'arg_invalid', lang)]);
    const source = ev.source as Form | undefined;
    const formId = source && typeof source.getId === 'function' ? source.getId() : '';
    const config = readFormConfigs().find((c) => c.formId === formId);
    if (!config) throw CrmError.of('form_not_connected', lang, { id: formId.slice(0, 100) });
    const ctx = openContext();
    const sub = submissionOf(ev.response, formId, ctx.timeZone);
    const notices: Notice[] = [];
    const outcome = ctx.store.withLock(() => handleSubmission(ctx, sub, config.mapping, notices));
    sendNotices(ctx, notices);
    tellPending(ctx);
    return outcome;
  },
  'public',
);

export interface RerunReport {
  forms: number;
  responses: number;
  /** Handled now (they were not on the intake tab). */
  handled: IntakeOutcome[];
}

/**
 * processLeadForms(): walks every connected form's responses and handles those not on the intake
 * tab (a trigger that failed or never ran): idempotent by response ID, each in its own locked step.
 */
export const processLeadForms = throwing(
  NO_ARGS,
  (): RerunReport => {
    const ctx = openContext();
    const report: RerunReport = { forms: 0, responses: 0, handled: [] };
    const seen = new Set(ctx.store.load('formIntake').records.map((r) => String(r.responseId)));
    for (const config of readFormConfigs()) {
      const form = openForm(config.formId, ctx.lang);
      report.forms++;
      for (const response of form.getResponses()) {
        report.responses++;
        if (seen.has(response.getId())) continue;
        const sub = submissionOf(response, config.formId, ctx.timeZone);
        const notices: Notice[] = [];
        const outcome = ctx.store.withLock(() => handleSubmission(ctx, sub, config.mapping, notices));
        sendNotices(ctx, notices);
        tellPending(ctx);
        if (outcome.status !== 'seen') report.handled.push(outcome);
      }
    }
    return report;
  },
  'admin',
);

/**
 * retryIntake(row): the submission on that row of the intake tab, with the answer columns as an
 * admin corrected them, checked and settled again (a lead, or a link to the record it duplicates);
 * its row is updated in the same locked step. Still failing: { ok: false, errors } and the row's
 * errors column says why.
 */
export const retryIntake = enveloped(
  signature(['row'], intArg.check(z.gte(2))),
  (row): Envelope<{ outcome: IntakeOutcome }> => {
    const ctx = openContext();
    const notices: Notice[] = [];
    const result = ctx.store.withLock(() => retryRow(ctx, row, notices));
    sendNotices(ctx, notices);
    tellPending(ctx);
    if ('error' in result) return { ok: false, errors: [result.error] };
    if (result.status === '待处理') return { ok: false, errors: result.errors as FieldError[] };
    return { ok: true, outcome: result };
  },
  'admin',
);
