/**
 * FormApp: Google Forms as the bundle sees them (forms, text / paragraph / multiple-choice items,
 * responses, item responses), strictly the methods of @types/google-apps-script. Forms live in the
 * runtime (Env.forms), not in the workbook file; people answer them through the runtime helper
 * (src/runtime/forms.ts), which fires the installed form-submit triggers as Apps Script does.
 *
 * Counting: every Form call and item setter asks the Forms service (a round trip); casts
 * (asTextItem...) and the getters of a response already fetched are local.
 */
import { randomBytes } from 'node:crypto';
import { Env } from '../env';
import { enumOf } from '../enums';
import { gasError, signatureError } from '../errors';
import { conforms, registerService, Service } from '../instrument';

export type FormItemType = 'TEXT' | 'PARAGRAPH_TEXT' | 'MULTIPLE_CHOICE' | 'CHECKBOX';

export interface FormItemModel {
  id: number;
  type: FormItemType;
  title: string;
  helpText: string;
  required: boolean;
  choices: string[];
}

export type FormAnswer = string | string[] | string[][];

export interface FormResponseModel {
  id: string;
  timestampMs: number;
  email: string;
  answers: { itemId: number; response: FormAnswer }[];
}

export interface FormModel {
  id: string;
  title: string;
  description: string;
  owner: string;
  accepting: boolean;
  items: FormItemModel[];
  responses: FormResponseModel[];
  nextItemId: number;
}

export const FormEnums = {
  ItemType: enumOf(`CHECKBOX CHECKBOX_GRID DATE DATETIME DURATION GRID IMAGE LIST MULTIPLE_CHOICE PAGE_BREAK PARAGRAPH_TEXT SCALE
    SECTION_HEADER TEXT TIME VIDEO FILE_UPLOAD`),
  DestinationType: enumOf('SPREADSHEET'),
  Alignment: enumOf('LEFT CENTER RIGHT'),
  FeedbackType: enumOf('CORRECT INCORRECT GENERAL'),
  PageNavigationType: enumOf('CONTINUE GO_TO_PAGE RESTART SUBMIT'),
} as const;

export function newFormId(): string {
  return `1FAIpQL${randomBytes(18).toString('base64url')}`;
}

export function newResponseId(): string {
  return `2_ABaOn${randomBytes(24).toString('base64url')}`;
}

function formOf(env: Env, id: string): FormModel {
  const f = env.forms.get(id);
  if (!f) throw gasError('No item with the given ID could be found, or you do not have permission to access it.');
  return f;
}

function text(v: unknown, method: string): string {
  if (typeof v !== 'string') throw signatureError(method, [v]);
  return v;
}

export class EmuChoice extends Service {
  constructor(private readonly value: string) {
    super();
  }
  getValue(): string {
    return this.value;
  }
}

/** The item methods every question type shares. */
abstract class ItemBase extends Service {
  constructor(
    protected readonly env: Env,
    protected readonly form: FormModel,
    protected readonly item: FormItemModel,
  ) {
    super();
  }
  getId(): number {
    return this.item.id;
  }
  getTitle(): string {
    return this.item.title;
  }
  getHelpText(): string {
    return this.item.helpText;
  }
  getIndex(): number {
    return this.form.items.indexOf(this.item);
  }
  getType(): string {
    return this.item.type;
  }
}

function handleOf(env: Env, form: FormModel, item: FormItemModel): EmuItem {
  return new EmuItem(env, form, item);
}

export class EmuItem extends ItemBase {
  setTitle(title: string): EmuItem {
    this.item.title = text(title, 'Item.setTitle');
    return this;
  }
  setHelpText(t: string): EmuItem {
    this.item.helpText = text(t, 'Item.setHelpText');
    return this;
  }
  private _as<T>(type: FormItemType, make: () => T): T {
    if (this.item.type !== type) throw gasError(`Item ${this.item.id} is not a ${type} item.`);
    return make();
  }
  asTextItem(): EmuTextItem {
    return this._as('TEXT', () => new EmuTextItem(this.env, this.form, this.item));
  }
  asParagraphTextItem(): EmuParagraphTextItem {
    return this._as('PARAGRAPH_TEXT', () => new EmuParagraphTextItem(this.env, this.form, this.item));
  }
  asMultipleChoiceItem(): EmuMultipleChoiceItem {
    return this._as('MULTIPLE_CHOICE', () => new EmuMultipleChoiceItem(this.env, this.form, this.item));
  }
  asCheckboxItem(): EmuCheckboxItem {
    return this._as('CHECKBOX', () => new EmuCheckboxItem(this.env, this.form, this.item));
  }
}

abstract class QuestionItem extends ItemBase {
  isRequired(): boolean {
    return this.item.required;
  }
}

function textResponse(env: Env, form: FormModel, item: FormItemModel, response: unknown, method: string): EmuItemResponse {
  return new EmuItemResponse(env, form, { itemId: item.id, response: text(response, method) });
}

export class EmuTextItem extends QuestionItem {
  setTitle(title: string): EmuTextItem {
    this.item.title = text(title, 'TextItem.setTitle');
    return this;
  }
  setHelpText(t: string): EmuTextItem {
    this.item.helpText = text(t, 'TextItem.setHelpText');
    return this;
  }
  setRequired(enabled: boolean): EmuTextItem {
    this.item.required = enabled === true;
    return this;
  }
  createResponse(response: string): EmuItemResponse {
    return textResponse(this.env, this.form, this.item, response, 'TextItem.createResponse');
  }
}

export class EmuParagraphTextItem extends QuestionItem {
  setTitle(title: string): EmuParagraphTextItem {
    this.item.title = text(title, 'ParagraphTextItem.setTitle');
    return this;
  }
  setHelpText(t: string): EmuParagraphTextItem {
    this.item.helpText = text(t, 'ParagraphTextItem.setHelpText');
    return this;
  }
  setRequired(enabled: boolean): EmuParagraphTextItem {
    this.item.required = enabled === true;
    return this;
  }
  createResponse(response: string): EmuItemResponse {
    return textResponse(this.env, this.form, this.item, response, 'ParagraphTextItem.createResponse');
  }
}

function choiceValues(values: unknown, method: string): string[] {
  if (!Array.isArray(values) || !values.every((v) => typeof v === 'string')) throw signatureError(method, [values]);
  if (values.some((v) => v === '')) throw gasError('Invalid data updating form.');
  return [...values];
}

export class EmuMultipleChoiceItem extends QuestionItem {
  setTitle(title: string): EmuMultipleChoiceItem {
    this.item.title = text(title, 'MultipleChoiceItem.setTitle');
    return this;
  }
  setHelpText(t: string): EmuMultipleChoiceItem {
    this.item.helpText = text(t, 'MultipleChoiceItem.setHelpText');
    return this;
  }
  setRequired(enabled: boolean): EmuMultipleChoiceItem {
    this.item.required = enabled === true;
    return this;
  }
  setChoiceValues(values: string[]): EmuMultipleChoiceItem {
    this.item.choices = choiceValues(values, 'MultipleChoiceItem.setChoiceValues');
    return this;
  }
  getChoices(): EmuChoice[] {
    return this.item.choices.map((c) => new EmuChoice(c));
  }
  hasOtherOption(): boolean {
    return false;
  }
  createResponse(response: string): EmuItemResponse {
    return textResponse(this.env, this.form, this.item, response, 'MultipleChoiceItem.createResponse');
  }
}

export class EmuCheckboxItem extends QuestionItem {
  setTitle(title: string): EmuCheckboxItem {
    this.item.title = text(title, 'CheckboxItem.setTitle');
    return this;
  }
  setRequired(enabled: boolean): EmuCheckboxItem {
    this.item.required = enabled === true;
    return this;
  }
  setChoiceValues(values: string[]): EmuCheckboxItem {
    this.item.choices = choiceValues(values, 'CheckboxItem.setChoiceValues');
    return this;
  }
  getChoices(): EmuChoice[] {
    return this.item.choices.map((c) => new EmuChoice(c));
  }
  createResponse(responses: string[]): EmuItemResponse {
    return new EmuItemResponse(this.env, this.form, {
      itemId: this.item.id,
      response: choiceValues(responses, 'CheckboxItem.createResponse'),
    });
  }
}

/** Host-side: the answer behind an ItemResponse handle (not a member the bundle could see). */
const answers = new WeakMap<object, { itemId: number; response: FormAnswer }>();

export class EmuItemResponse extends Service {
  constructor(
    private readonly env: Env,
    private readonly form: FormModel,
    private readonly answer: { itemId: number; response: FormAnswer },
  ) {
    super();
    answers.set(this, answer);
  }
  getItem(): EmuItem {
    const item = this.form.items.find((i) => i.id === this.answer.itemId);
    if (!item) throw gasError('The item has been deleted.');
    return handleOf(this.env, this.form, item);
  }
  getResponse(): FormAnswer {
    const r = this.answer.response;
    return typeof r === 'string' ? r : (structuredClone(r) as FormAnswer);
  }
}

export class EmuFormResponse extends Service {
  constructor(
    private readonly env: Env,
    private readonly form: FormModel,
    private readonly model: FormResponseModel,
  ) {
    super();
  }
  getId(): string {
    return this.model.id;
  }
  getTimestamp(): Date {
    return this.env.date(this.model.timestampMs);
  }
  getRespondentEmail(): string {
    return this.model.email;
  }
  getItemResponses(): EmuItemResponse[] {
    // Apps Script leaves out the items a respondent did not answer.
    return this.model.answers
      .filter(
        (a) => this.form.items.some((i) => i.id === a.itemId) && !(a.response === '' || (Array.isArray(a.response) && !a.response.length)),
      )
      .map((a) => new EmuItemResponse(this.env, this.form, a));
  }
  getResponseForItem(item: EmuItem): EmuItemResponse | null {
    const a = this.model.answers.find((x) => x.itemId === item.getId());
    return a ? new EmuItemResponse(this.env, this.form, a) : null;
  }
  getEditResponseUrl(): string {
    return `https://docs.google.com/forms/d/e/${this.form.id}/viewform?edit2=${this.model.id}`;
  }
  withItemResponse(response: EmuItemResponse): EmuFormResponse {
    if (!(response instanceof EmuItemResponse)) throw signatureError('FormResponse.withItemResponse', [response]);
    const a = answers.get(response) as { itemId: number; response: FormAnswer };
    this.model.answers = [...this.model.answers.filter((x) => x.itemId !== a.itemId), a];
    return this;
  }
  submit(): EmuFormResponse {
    if (this.form.responses.includes(this.model)) throw gasError('This response has already been submitted.');
    checkAnswers(this.form, this.model);
    this.form.responses.push(this.model);
    return this;
  }
}

/** What Google Forms itself refuses: a required item left blank, a choice that is not offered. */
export function checkAnswers(form: FormModel, r: FormResponseModel): void {
  for (const item of form.items) {
    const a = r.answers.find((x) => x.itemId === item.id)?.response;
    const blank = a === undefined || a === '' || (Array.isArray(a) && a.length === 0);
    if (item.required && blank) throw gasError(`The required question "${item.title}" was not answered.`);
    if (blank) continue;
    if (item.type === 'MULTIPLE_CHOICE' && (typeof a !== 'string' || !item.choices.includes(a)))
      throw gasError(`"${String(a)}" is not a choice of "${item.title}".`);
    if ((item.type === 'TEXT' || item.type === 'PARAGRAPH_TEXT') && typeof a !== 'string') throw gasError(`"${item.title}" takes text.`);
  }
}

export class EmuForm extends Service {
  constructor(
    private readonly env: Env,
    private readonly model: FormModel,
  ) {
    super();
  }
  getId(): string {
    return this.model.id;
  }
  getTitle(): string {
    return this.model.title;
  }
  setTitle(title: string): EmuForm {
    this.model.title = text(title, 'Form.setTitle');
    return this;
  }
  getDescription(): string {
    return this.model.description;
  }
  setDescription(description: string): EmuForm {
    this.model.description = text(description, 'Form.setDescription');
    return this;
  }
  getEditUrl(): string {
    return `https://docs.google.com/forms/d/${this.model.id}/edit`;
  }
  getPublishedUrl(): string {
    return `https://docs.google.com/forms/d/e/${this.model.id}/viewform`;
  }
  isAcceptingResponses(): boolean {
    return this.model.accepting;
  }
  setAcceptingResponses(enabled: boolean): EmuForm {
    this.model.accepting = enabled === true;
    return this;
  }
  private _add(type: FormItemType): FormItemModel {
    const item: FormItemModel = { id: this.model.nextItemId++, type, title: '', helpText: '', required: false, choices: [] };
    this.model.items.push(item);
    return item;
  }
  addTextItem(): EmuTextItem {
    return new EmuTextItem(this.env, this.model, this._add('TEXT'));
  }
  addParagraphTextItem(): EmuParagraphTextItem {
    return new EmuParagraphTextItem(this.env, this.model, this._add('PARAGRAPH_TEXT'));
  }
  addMultipleChoiceItem(): EmuMultipleChoiceItem {
    return new EmuMultipleChoiceItem(this.env, this.model, this._add('MULTIPLE_CHOICE'));
  }
  addCheckboxItem(): EmuCheckboxItem {
    return new EmuCheckboxItem(this.env, this.model, this._add('CHECKBOX'));
  }
  getItems(itemType?: string): EmuItem[] {
    return this.model.items
      .filter((i) => itemType === undefined || i.type === String(itemType))
      .map((i) => handleOf(this.env, this.model, i));
  }
  getItemById(id: number): EmuItem | null {
    const item = this.model.items.find((i) => i.id === id);
    return item ? handleOf(this.env, this.model, item) : null;
  }
  createResponse(): EmuFormResponse {
    return new EmuFormResponse(this.env, this.model, { id: newResponseId(), timestampMs: this.env.nowMs, email: '', answers: [] });
  }
  getResponses(timestamp?: Date): EmuFormResponse[] {
    const from =
      timestamp instanceof Date || (timestamp && typeof (timestamp as Date).getTime === 'function')
        ? (timestamp as Date).getTime()
        : -Infinity;
    return this.model.responses.filter((r) => r.timestampMs >= from).map((r) => new EmuFormResponse(this.env, this.model, r));
  }
  getResponse(responseId: string): EmuFormResponse {
    const r = this.model.responses.find((x) => x.id === responseId);
    if (!r) throw gasError('No response with ID ' + String(responseId) + ' exists for this form.');
    return new EmuFormResponse(this.env, this.model, r);
  }
  deleteResponse(responseId: string): EmuForm {
    this.model.responses = this.model.responses.filter((x) => x.id !== responseId);
    return this;
  }
}

export class EmuFormApp extends Service {
  constructor(private readonly env: Env) {
    super();
  }
  get ItemType(): Record<string, string> {
    return FormEnums.ItemType;
  }
  get DestinationType(): Record<string, string> {
    return FormEnums.DestinationType;
  }
  get Alignment(): Record<string, string> {
    return FormEnums.Alignment;
  }
  get FeedbackType(): Record<string, string> {
    return FormEnums.FeedbackType;
  }
  get PageNavigationType(): Record<string, string> {
    return FormEnums.PageNavigationType;
  }
  create(title: string): EmuForm {
    const model: FormModel = {
      id: newFormId(),
      title: text(title, 'FormApp.create'),
      description: '',
      owner: this.env.runAs,
      accepting: true,
      items: [],
      responses: [],
      nextItemId: 1000001,
    };
    this.env.forms.set(model.id, model);
    return new EmuForm(this.env, model);
  }
  openById(id: string): EmuForm {
    return new EmuForm(this.env, formOf(this.env, text(id, 'FormApp.openById')));
  }
  openByUrl(url: string): EmuForm {
    const m = /\/forms\/d\/(?:e\/)?([A-Za-z0-9_-]+)/.exec(text(url, 'FormApp.openByUrl'));
    if (!m) throw gasError('Invalid argument: url');
    return new EmuForm(this.env, formOf(this.env, m[1]));
  }
}

const ITEM_LOCAL = [
  'getId',
  'getTitle',
  'getHelpText',
  'getIndex',
  'getType',
  'isRequired',
  'getChoices',
  'hasOtherOption',
  'asTextItem',
  'asParagraphTextItem',
  'asMultipleChoiceItem',
  'asCheckboxItem',
  'createResponse',
];
registerService(EmuChoice, 'Choice', { allLocal: true });
registerService(EmuItem, 'Item', { local: ITEM_LOCAL });
registerService(EmuTextItem, 'TextItem', { local: ITEM_LOCAL });
registerService(EmuParagraphTextItem, 'ParagraphTextItem', { local: ITEM_LOCAL });
registerService(EmuMultipleChoiceItem, 'MultipleChoiceItem', { local: ITEM_LOCAL });
registerService(EmuCheckboxItem, 'CheckboxItem', { local: ITEM_LOCAL });
registerService(EmuItemResponse, 'ItemResponse', { allLocal: true });
registerService(EmuFormResponse, 'FormResponse', {
  local: [
    'getId',
    'getTimestamp',
    'getRespondentEmail',
    'getItemResponses',
    'getResponseForItem',
    'getEditResponseUrl',
    'withItemResponse',
  ],
});
registerService(EmuForm, 'Form', { local: ['getId'] });
registerService(EmuFormApp, 'FormApp');
conforms<EmuChoice, GoogleAppsScript.Forms.Choice>(true);
conforms<EmuItem, GoogleAppsScript.Forms.Item>(true);
conforms<EmuTextItem, GoogleAppsScript.Forms.TextItem>(true);
conforms<EmuParagraphTextItem, GoogleAppsScript.Forms.ParagraphTextItem>(true);
conforms<EmuMultipleChoiceItem, GoogleAppsScript.Forms.MultipleChoiceItem>(true);
conforms<EmuCheckboxItem, GoogleAppsScript.Forms.CheckboxItem>(true);
conforms<EmuItemResponse, GoogleAppsScript.Forms.ItemResponse>(true);
conforms<EmuFormResponse, GoogleAppsScript.Forms.FormResponse>(true);
conforms<EmuForm, GoogleAppsScript.Forms.Form>(true);
conforms<EmuFormApp, GoogleAppsScript.Forms.FormApp>(true);
