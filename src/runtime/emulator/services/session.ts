/** Session and User. All local (no round trips): the user and locale are known to the execution. */
import { Env } from '../env';
import { conforms, registerService, Service } from '../instrument';
import { createHash } from 'node:crypto';

export class EmuUser extends Service {
  constructor(private readonly email: string) {
    super();
  }
  getEmail(): string {
    return this.email;
  }
}

/** Apps Script reports the user's language, e.g. 'en' or 'zh-CN'. */
export function userLocaleOf(spreadsheetLocale: string): string {
  const [lang, region] = spreadsheetLocale.split(/[_-]/);
  if (lang === 'zh') return `zh-${region === 'TW' || region === 'HK' ? region : 'CN'}`;
  return lang;
}

export class EmuSession extends Service {
  constructor(private readonly env: Env) {
    super();
  }
  getActiveUser(): EmuUser {
    return new EmuUser(this.env.user);
  }
  getEffectiveUser(): EmuUser {
    return new EmuUser(this.env.effectiveUser ?? this.env.user);
  }
  getActiveUserLocale(): string {
    return this.env.userLocale ?? userLocaleOf(this.env.workbook.locale);
  }
  getScriptTimeZone(): string {
    return this.env.scriptTimeZone;
  }
  /** Stable per user and script, opaque. */
  getTemporaryActiveUserKey(): string {
    return createHash('sha256').update(`${this.env.workbook.id}:${this.env.user}`).digest('base64url').slice(0, 43);
  }
}

registerService(EmuUser, 'User', { allLocal: true });
registerService(EmuSession, 'Session', { allLocal: true });
conforms<EmuUser, GoogleAppsScript.Base.User>(true);
conforms<EmuSession, GoogleAppsScript.Base.Session>(true);
