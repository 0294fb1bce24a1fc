/** Logger and console: recorded in runtime.logs (echoed to stdout when asked). Not counted. */
import { format } from 'node:util';
import { Env } from '../env';
import { conforms, registerService, Service } from '../instrument';
import { formatJava } from './utilities';

export class EmuLogger extends Service {
  private readonly lines: string[] = [];
  constructor(private readonly env: Env) {
    super();
  }
  /** log(data) or log(format, ...values) with Java-style placeholders. */
  log(data: unknown, ...values: unknown[]): this {
    const line = values.length && typeof data === 'string' ? formatJava(data, values) : stringify(data);
    this.lines.push(line);
    this.env.log(line);
    return this;
  }
  getLog(): string {
    return this.lines.map((l) => `${l}\n`).join('');
  }
  clear(): void {
    this.lines.length = 0;
  }
}

function stringify(v: unknown): string {
  if (typeof v === 'string') return v;
  try {
    return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
  } catch {
    return String(v);
  }
}

/** console for the bundle: a plain object (the DOM Console type is not an Apps Script class). */
export function makeConsole(env: Env): Record<string, (...args: unknown[]) => void> {
  const timers = new Map<string, number>();
  const out =
    (level: string) =>
    (...args: unknown[]): void =>
      env.log(level ? `${level}: ${format(...args)}` : format(...args));
  return {
    log: out(''),
    info: out(''),
    debug: out(''),
    warn: out('WARN'),
    error: out('ERROR'),
    time: (label = 'default') => {
      timers.set(String(label), env.nowMs);
    },
    timeEnd: (label = 'default') => {
      env.log(`${String(label)}: ${env.nowMs - (timers.get(String(label)) ?? env.nowMs)}ms`);
    },
  };
}

registerService(EmuLogger, 'Logger', { counted: false });
conforms<EmuLogger, GoogleAppsScript.Base.Logger>(true);
