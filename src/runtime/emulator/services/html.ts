/** HtmlService: HtmlOutput and minimal HtmlTemplate (<?= ?>, <?!= ?>, <? ?> scriptlets). */
import { Env } from '../env';
import { Enums } from '../enums';
import { gasError } from '../errors';
import { conforms, OpenProps, registerService, Service } from '../instrument';

export class EmuHtmlOutput extends Service {
  private content: string;
  private title = '';
  private width = 300;
  private height = 500;
  constructor(content = '') {
    super();
    this.content = String(content);
  }
  getContent(): string {
    return this.content;
  }
  setContent(content: string): this {
    this.content = String(content);
    return this;
  }
  append(addedContent: string): this {
    this.content += String(addedContent);
    return this;
  }
  appendUntrusted(addedContent: string): this {
    this.content += escapeHtml(String(addedContent));
    return this;
  }
  clear(): this {
    this.content = '';
    return this;
  }
  getTitle(): string {
    return this.title;
  }
  setTitle(title: string): this {
    this.title = String(title);
    return this;
  }
  getWidth(): number {
    return this.width;
  }
  setWidth(width: number): this {
    this.width = width;
    return this;
  }
  getHeight(): number {
    return this.height;
  }
  setHeight(height: number): this {
    this.height = height;
    return this;
  }
  setSandboxMode(mode: string): this {
    void mode;
    return this;
  }
  setXFrameOptionsMode(mode: string): this {
    void mode;
    return this;
  }
  addMetaTag(name: string, content: string): this {
    void name;
    void content;
    return this;
  }
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Compiles scriptlets to a function body that appends to `__out`. */
function compileTemplate(source: string): string {
  let code = 'var __out = [];\n';
  const re = /<\?(!?=?)([\s\S]*?)\?>/g;
  let last = 0;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    code += `__out.push(${JSON.stringify(source.slice(last, m.index))});\n`;
    if (m[1] === '=') code += `__out.push(__escape(String((${m[2]}))));\n`;
    else if (m[1] === '!=') code += `__out.push(String((${m[2]})));\n`;
    else code += `${m[2]}\n`;
    last = re.lastIndex;
  }
  code += `__out.push(${JSON.stringify(source.slice(last))});\nreturn __out.join('');`;
  return code;
}

export class EmuHtmlTemplate extends Service implements OpenProps {
  readonly _props = new Map<string, unknown>();
  constructor(private readonly source: string) {
    super();
  }
  getRawContent(): string {
    return this.source;
  }
  getCode(): string {
    return compileTemplate(this.source);
  }
  getCodeWithComments(): string {
    return this.getCode();
  }
  /** Template variables (template.foo = ...) are visible to scriptlets by name. */
  evaluate(): EmuHtmlOutput {
    const names = [...this._props.keys()].filter((k) => /^[A-Za-z_$][\w$]*$/.test(k));
    const fn = new Function('__escape', ...names, compileTemplate(this.source)) as (...a: unknown[]) => string;
    return new EmuHtmlOutput(fn(escapeHtml, ...names.map((n) => this._props.get(n))));
  }
}

export class EmuHtmlService extends Service {
  constructor(private readonly env: Env) {
    super();
  }
  get SandboxMode(): Record<string, string> {
    return Enums.SandboxMode;
  }
  get XFrameOptionsMode(): Record<string, string> {
    return Enums.XFrameOptionsMode;
  }
  private _file(filename: string): string {
    const name = String(filename).replace(/\.html$/, '');
    const content = this.env.htmlFiles[name];
    if (content === undefined) throw gasError(`No HTML file named ${name} was found.`);
    return content;
  }
  createHtmlOutput(html?: string): EmuHtmlOutput {
    return new EmuHtmlOutput(html ?? '');
  }
  createHtmlOutputFromFile(filename: string): EmuHtmlOutput {
    return new EmuHtmlOutput(this._file(filename));
  }
  createTemplate(html: string): EmuHtmlTemplate {
    return new EmuHtmlTemplate(String(html));
  }
  createTemplateFromFile(filename: string): EmuHtmlTemplate {
    return new EmuHtmlTemplate(this._file(filename));
  }
  getUserAgent(): string {
    return 'Mozilla/5.0 (local Apps Script runtime)';
  }
}

registerService(EmuHtmlOutput, 'HtmlOutput', { allLocal: true });
registerService(EmuHtmlTemplate, 'HtmlTemplate', { allLocal: true, openProps: true });
registerService(EmuHtmlService, 'HtmlService', { allLocal: true });
conforms<EmuHtmlOutput, GoogleAppsScript.HTML.HtmlOutput>(true);
conforms<EmuHtmlTemplate, GoogleAppsScript.HTML.HtmlTemplate>(true);
conforms<EmuHtmlService, GoogleAppsScript.HTML.HtmlService>(true);
