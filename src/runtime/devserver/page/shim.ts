/**
 * google.script.run inside the dev server's sidebar iframe, with Apps Script's rules: only the
 * bundle's top-level functions exist on it; arguments must be primitives, arrays and plain
 * objects (a Date, function, DOM element or class instance fails the call, as on Apps Script);
 * results arrive as JSON copies; a thrown error reaches withFailureHandler as an Error with its
 * message. Handlers always run asynchronously.
 */
import { checkArguments } from '../gasRules';
import type { RunReply } from '../protocol';

type Handler = (value: unknown, userObject?: unknown) => void;
interface RunnerState {
  success?: Handler;
  failure?: Handler;
  userObject?: unknown;
}
interface ShimWindow {
  __CRM_FUNCTIONS__?: string[];
  /** Where calls go: the sidebar's as the dev user, a web-app page's as its visitor. */
  __CRM_RUN_URL__?: string;
  /** Every call made, in order: browser tests count server round trips with it. */
  __CRM_CALLS__: { fn: string; args: unknown[] }[];
  google?: unknown;
}

const w = window as unknown as ShimWindow;
const functions = w.__CRM_FUNCTIONS__ ?? [];
w.__CRM_CALLS__ = [];

const tellParent = (type: string) => window.parent?.postMessage({ type }, '*');

/** A <form> may be the only argument: its named fields become an object. */
function formValues(form: HTMLFormElement): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  new FormData(form).forEach((v, k) => {
    const s = typeof v === 'string' ? v : v.name;
    const prev = out[k];
    out[k] = prev === undefined ? s : Array.isArray(prev) ? [...prev, s] : [prev, s];
  });
  return out;
}

function invoke(fn: string, raw: unknown[], s: RunnerState): void {
  const args = raw.length === 1 && raw[0] instanceof HTMLFormElement ? [formValues(raw[0])] : raw;
  const fail = (text: string) =>
    setTimeout(() => {
      if (s.failure) s.failure(new Error(text), s.userObject);
      else console.error(`google.script.run.${fn}: ${text}`);
    }, 0);
  const illegal = checkArguments(args);
  if (illegal) {
    fail(illegal);
    return;
  }
  w.__CRM_CALLS__.push({ fn, args: JSON.parse(JSON.stringify(args)) as unknown[] });
  fetch(w.__CRM_RUN_URL__ ?? '/api/run', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ fn, args }),
  })
    .then((r) => r.json() as Promise<RunReply>)
    .then(
      (reply) => {
        tellParent('crm-changed');
        if (!reply.ok) fail(reply.error);
        else if (s.success) s.success(reply.value, s.userObject);
      },
      () => fail('NetworkError: Connection failure due to HTTP 0'),
    );
}

function runner(s: RunnerState): Record<string, unknown> {
  const r: Record<string, unknown> = {
    withSuccessHandler: (h: Handler) => runner({ ...s, success: h }),
    withFailureHandler: (h: Handler) => runner({ ...s, failure: h }),
    withUserObject: (o: unknown) => runner({ ...s, userObject: o }),
  };
  for (const fn of functions)
    r[fn] = (...args: unknown[]) => {
      invoke(fn, args, s);
    };
  return r;
}

w.google = {
  script: {
    run: runner({}),
    host: {
      origin: location.origin,
      close: () => tellParent('crm-sidebar-close'),
      setHeight: () => undefined,
      setWidth: () => undefined,
      editor: { focus: () => window.parent?.focus() },
    },
  },
};
