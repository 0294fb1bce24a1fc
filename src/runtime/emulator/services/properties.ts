/** PropertiesService: script/document/user stores persisted in the workbook's runtime state. */
import { Env } from '../env';
import { gasError } from '../errors';
import { conforms, registerService, Service } from '../instrument';

export const MAX_PROPERTY_VALUE_BYTES = 9 * 1024;
export const MAX_PROPERTY_STORE_BYTES = 500 * 1024;

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

export class EmuProperties extends Service {
  /** `store` returns the live record so state survives save/load of the workbook. */
  constructor(private readonly store: () => Record<string, string>) {
    super();
  }

  private _check(next: Record<string, string>): void {
    for (const v of Object.values(next)) if (bytes(v) > MAX_PROPERTY_VALUE_BYTES) throw gasError('Argument too large: value');
    const total = Object.entries(next).reduce((n, [k, v]) => n + bytes(k) + bytes(v), 0);
    if (total > MAX_PROPERTY_STORE_BYTES) {
      throw gasError('You have exceeded the property storage quota. Please remove some properties and try again.');
    }
  }
  private _replace(next: Record<string, string>): void {
    this._check(next);
    const s = this.store();
    for (const k of Object.keys(s)) delete s[k];
    Object.assign(s, next);
  }

  getProperty(key: string): string | null {
    const s = this.store();
    return Object.prototype.hasOwnProperty.call(s, key) ? s[key] : null;
  }
  getProperties(): Record<string, string> {
    return { ...this.store() };
  }
  getKeys(): string[] {
    return Object.keys(this.store());
  }
  setProperty(key: string, value: string): this {
    if (key === null || key === undefined) throw gasError('Invalid argument: key');
    this._replace({ ...this.store(), [String(key)]: String(value) });
    return this;
  }
  setProperties(properties: Record<string, unknown>, deleteAllOthers = false): this {
    const incoming = Object.fromEntries(Object.entries(properties ?? {}).map(([k, v]) => [k, String(v)]));
    this._replace(deleteAllOthers ? incoming : { ...this.store(), ...incoming });
    return this;
  }
  deleteProperty(key: string): this {
    delete this.store()[String(key)];
    return this;
  }
  deleteAllProperties(): this {
    this._replace({});
    return this;
  }
}

export class EmuPropertiesService extends Service {
  constructor(private readonly env: Env) {
    super();
  }
  getScriptProperties(): EmuProperties {
    return new EmuProperties(() => this.env.workbook.state.scriptProperties);
  }
  getDocumentProperties(): EmuProperties {
    return new EmuProperties(() => this.env.workbook.state.documentProperties);
  }
  getUserProperties(): EmuProperties {
    const user = this.env.runAs;
    return new EmuProperties(() => {
      const all = this.env.workbook.state.userProperties;
      return all[user] ?? (all[user] = {});
    });
  }
}

registerService(EmuProperties, 'Properties');
registerService(EmuPropertiesService, 'PropertiesService', { allLocal: true });
conforms<EmuProperties, GoogleAppsScript.Properties.Properties>(true);
conforms<EmuPropertiesService, GoogleAppsScript.Properties.PropertiesService>(true);
