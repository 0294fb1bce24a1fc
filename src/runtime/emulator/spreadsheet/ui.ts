/** Ui and Menu: what the bundle shows is recorded in runtime.ui for tests and the dev server. */
import { MenuInfo } from '../../types';
import { Env } from '../env';
import { Enums } from '../enums';
import { signatureError } from '../errors';
import { conforms, registerService, Service } from '../instrument';
import { EmuHtmlOutput } from '../services/html';

export class EmuMenu extends Service {
  private readonly info: MenuInfo;
  constructor(
    private readonly env: Env,
    name: string,
    addon: boolean,
  ) {
    super();
    this.info = { name, addon, items: [] };
  }
  addItem(caption: string, functionName: string): this {
    this.info.items.push({ type: 'item', caption: String(caption), functionName: String(functionName) });
    return this;
  }
  addSeparator(): this {
    this.info.items.push({ type: 'separator' });
    return this;
  }
  addSubMenu(menu: EmuMenu): this {
    if (!(menu instanceof EmuMenu)) throw signatureError('Menu.addSubMenu', [menu]);
    this.info.items.push({ type: 'submenu', menu: menu.info });
    return this;
  }
  /** Replaces a menu of the same name (each open rebuilds the menus). */
  addToUi(): void {
    const menus = this.env.ui.menus;
    const i = menus.findIndex((m) => m.name === this.info.name && m.addon === this.info.addon);
    const copy = structuredClone(this.info);
    if (i >= 0) menus[i] = copy;
    else menus.push(copy);
  }
}

export class EmuPromptResponse extends Service {
  constructor(
    private readonly text: string,
    private readonly button: string,
  ) {
    super();
  }
  getResponseText(): string {
    return this.text;
  }
  getSelectedButton(): string {
    return this.button;
  }
}

/** Positive answer for a button set: OK, or YES for yes/no sets. */
function positive(buttons: unknown): string {
  return String(buttons).startsWith('YES') ? Enums.Button.YES : Enums.Button.OK;
}

export class EmuUi extends Service {
  constructor(private readonly env: Env) {
    super();
  }
  get Button(): Record<string, string> {
    return Enums.Button;
  }
  get ButtonSet(): Record<string, string> {
    return Enums.ButtonSet;
  }
  createMenu(caption: string): EmuMenu {
    return new EmuMenu(this.env, String(caption), false);
  }
  createAddonMenu(): EmuMenu {
    return new EmuMenu(this.env, 'Add-on', true);
  }
  /** alert(prompt), alert(prompt, buttons), alert(title, prompt, buttons). */
  alert(a: string, b?: string, c?: string): string {
    const [title, prompt, buttons] =
      c !== undefined ? [a, b, c] : b !== undefined && !(b in Enums.ButtonSet) ? [a, b, undefined] : ['', a, b];
    this.env.ui.alerts.push(title ? `${title}: ${prompt}` : String(prompt));
    return positive(buttons);
  }
  prompt(a: string, b?: string, c?: string): EmuPromptResponse {
    const text = c !== undefined || (b !== undefined && !(b in Enums.ButtonSet)) ? `${a}: ${b}` : a;
    this.env.ui.alerts.push(String(text));
    return new EmuPromptResponse('', positive(c ?? b));
  }
  showSidebar(userInterface: EmuHtmlOutput): void {
    if (!(userInterface instanceof EmuHtmlOutput)) throw signatureError('Ui.showSidebar', [userInterface]);
    this.env.ui.sidebar = { title: userInterface.getTitle(), html: userInterface.getContent() };
  }
  showModalDialog(userInterface: EmuHtmlOutput, title: string): void {
    this.env.ui.dialog = { title: String(title), html: userInterface.getContent(), modal: true };
  }
  showModelessDialog(userInterface: EmuHtmlOutput, title: string): void {
    this.env.ui.dialog = { title: String(title), html: userInterface.getContent(), modal: false };
  }
}

registerService(EmuMenu, 'Menu', { local: ['addItem', 'addSeparator', 'addSubMenu'] });
registerService(EmuPromptResponse, 'PromptResponse', { allLocal: true });
registerService(EmuUi, 'Ui', { local: ['createMenu', 'createAddonMenu'] });
conforms<EmuMenu, GoogleAppsScript.Base.Menu>(true);
conforms<EmuPromptResponse, GoogleAppsScript.Base.PromptResponse>(true);
conforms<EmuUi, GoogleAppsScript.Base.Ui>(true);
