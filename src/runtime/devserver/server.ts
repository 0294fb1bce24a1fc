/**
 * `npm start`'s local web app: the workbook as tabs and a grid whose
 * edits fire the edit triggers, the CRM menu, the sidebar in a 300-px panel with an Apps Script
 * faithful google.script.run, and a clock for time-driven triggers. Node's http module only.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { buildAssets, sidebarDocument, type Assets } from './assets';
import { field, HttpError, isArray, isNumber, isString, readJson, send, sendJson } from './http';
import { chartViews } from './chartData';
import { rowsPage } from './sheetData';
import { formPage } from './formPage';
import { webhooksPage } from './webhooksPage';
import { calendarPage } from './calendarPage';
import { drivePage } from './drivePage';
import { mailPage } from './mailPage';
import { DevSession, type DevSessionOptions } from './session';

export interface DevServerOptions {
  /** 0 picks a free port. Default 8080. */
  port?: number;
  host?: string;
  workbookPath?: string;
  bundlePath?: string;
  sidebarPath?: string;
  demoCustomers?: number;
  locale?: string;
  timeZone?: string;
  user?: string;
  saveDelayMs?: number;
  log?: (line: string) => void;
}

export interface DevServer {
  url: string;
  port: number;
  session: DevSession;
  /** Stops accepting requests and saves unsaved changes. */
  close(): Promise<void>;
}

/** The first demo team member: a manager who owns part of the demo data and runs setup (admin). */
export const DEV_USER = 'zhang.wei@example.com';

type Route = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void;

function routes(session: DevSession, assets: Assets): Record<string, Route> {
  return {
    'GET /': (_q, res) => send(res, 200, assets.page, 'text/html; charset=utf-8'),
    'GET /sidebar': (_q, res) => {
      const sidebar = session.rt.ui.sidebar;
      if (!sidebar) throw new HttpError(404, 'The sidebar is not open (CRM → Open sidebar)');
      send(res, 200, sidebarDocument(sidebar.html, assets.shim, session.functions), 'text/html; charset=utf-8');
    },
    // The web app (doGet) as a customer opens the self-service portal: /portal?portal=<token>.
    'GET /portal': (_q, res, url) => {
      const html = session.webPage(Object.fromEntries(url.searchParams));
      if (html === null) throw new HttpError(404, 'doGet answered no page');
      send(res, 200, sidebarDocument(html, assets.shim, session.functions, '/api/web/run'), 'text/html; charset=utf-8');
    },
    'POST /api/web/run': async (req, res) => {
      const b = await readJson(req);
      sendJson(res, session.runAsVisitor(field(b, 'fn', isString, 'a function name'), field(b, 'args', isArray, 'an array')));
    },
    // The phone web app (doGet) as the dev user; ?as=<email> opens it as someone else (e.g. not on the user list).
    'GET /app': (_q, res, url) => {
      const params = Object.fromEntries([...url.searchParams].filter(([k]) => k !== 'as'));
      const html = session.webApp(params, url.searchParams.get('as') ?? undefined);
      send(res, 200, sidebarDocument(html, assets.shim, session.functions), 'text/html; charset=utf-8');
    },
    'GET /favicon.ico': (_q, res) => {
      res.writeHead(204);
      res.end();
    },
    'GET /form': (_q, res) => send(res, 200, formPage(session.forms()), 'text/html; charset=utf-8'),
    'GET /calendar': (_q, res, url) => {
      const only = url.searchParams.get('user');
      const users = only ? [only] : session.rt.calendar.users();
      const calendars = users.map((user) => ({ user, events: session.rt.calendar.events(user) }));
      send(res, 200, calendarPage(calendars, session.rt.workbook.timeZone), 'text/html; charset=utf-8');
    },
    'GET /mail': (_q, res, url) => send(res, 200, mailPage(session.mailView(url.searchParams.get('user'))), 'text/html; charset=utf-8'),
    'GET /webhooks': (_q, res) =>
      send(res, 200, webhooksPage(session.rt.urlFetch.requests, session.rt.workbook.timeZone), 'text/html; charset=utf-8'),
    'GET /drive': (_q, res) =>
      send(res, 200, drivePage(session.rt.drive.folders(), session.rt.drive.files(), session.rt.mail), 'text/html; charset=utf-8'),
    'GET /drive/file': (_q, res, url) => {
      const id = url.searchParams.get('id') ?? '';
      const info = session.rt.drive.files().find((f) => f.id === id);
      const bytes = session.rt.drive.content(id);
      if (!info || !bytes) throw new HttpError(404, `No file ${id} with content in the runtime's Drive`);
      const type = info.mimeType === 'application/vnd.google-apps.document' ? 'application/pdf' : info.mimeType;
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', 'content-length': bytes.length });
      res.end(bytes);
    },
    'POST /form': async (req, res) => {
      const b = await readJson(req);
      const answers = field(
        b,
        'answers',
        (v): v is Record<string, string> =>
          !!v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string'),
        'answers by question title',
      );
      sendJson(res, session.submitForm(field(b, 'formId', isString, 'a form ID'), answers));
    },
    'GET /api/state': (_q, res) => sendJson(res, session.state()),
    'GET /api/rows': (_q, res, url) => {
      const sheet = url.searchParams.get('sheet') ?? '';
      sendJson(
        res,
        rowsPage(session.rt.workbook, sheet, Number(url.searchParams.get('from') ?? 1), Number(url.searchParams.get('count') ?? 100)),
      );
    },
    'GET /api/charts': (_q, res, url) => sendJson(res, chartViews(session.rt.workbook, url.searchParams.get('sheet') ?? '')),
    'POST /api/edit': async (req, res) => {
      const b = await readJson(req);
      sendJson(
        res,
        session.edit({
          sheet: field(b, 'sheet', isString, 'a sheet name'),
          row: field(b, 'row', isNumber, 'a row number'),
          column: field(b, 'column', isNumber, 'a column number'),
          value: field(b, 'value', isString, 'text'),
        }),
      );
    },
    'POST /api/menu': async (req, res) => sendJson(res, session.runMenuItem(field(await readJson(req), 'fn', isString, 'a function name'))),
    'POST /api/run': async (req, res) => {
      const b = await readJson(req);
      sendJson(res, session.run(field(b, 'fn', isString, 'a function name'), field(b, 'args', isArray, 'an array')));
    },
    'POST /api/triggers/run': (_q, res) => sendJson(res, session.runTimeTriggers()),
    'POST /api/clock': async (req, res) => {
      session.advanceClock(field(await readJson(req), 'ms', isNumber, 'milliseconds'));
      sendJson(res, { ok: true });
    },
    'POST /api/sidebar/close': (_q, res) => {
      session.closeSidebar();
      sendJson(res, { ok: true });
    },
    'POST /api/save': async (_q, res) => {
      await session.save();
      sendJson(res, { ok: true });
    },
  };
}

export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const sessionOptions: DevSessionOptions = {
    workbookPath: resolve(options.workbookPath ?? '.crm/demo.xlsx'),
    bundlePath: resolve(options.bundlePath ?? 'dist/Code.js'),
    sidebarPath: resolve(options.sidebarPath ?? 'dist/Sidebar.html'),
    demoCustomers: options.demoCustomers ?? 300,
    locale: options.locale ?? 'zh_CN',
    timeZone: options.timeZone ?? 'Asia/Shanghai',
    user: options.user ?? DEV_USER,
    saveDelayMs: options.saveDelayMs ?? 2000,
    log,
  };
  const [assets, session] = await Promise.all([buildAssets(), DevSession.open(sessionOptions)]);
  const table = routes(session, assets);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = table[`${req.method} ${url.pathname}`];
    Promise.resolve()
      .then(() => {
        if (!route) throw new HttpError(404, `No route ${req.method} ${url.pathname}`);
        return route(req, res, url);
      })
      .catch((e: unknown) => {
        const status = e instanceof HttpError ? e.status : 500;
        if (!res.headersSent) send(res, status, e instanceof Error ? e.message : String(e), 'text/plain; charset=utf-8');
        if (status === 500) log(`${req.method} ${url.pathname}: ${e instanceof Error ? e.stack : String(e)}`);
      });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 8080, host, () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  const base = `http://${host === '127.0.0.1' || host === '0.0.0.0' ? 'localhost' : host}:${port}/`;
  // Links made by grantSelfService open the portal here.
  session.rt.setWebAppUrl(`${base}portal`);
  let closing: Promise<void> | null = null;
  return {
    url: base,
    port,
    session,
    close: () => {
      closing ??= (async () => {
        server.closeAllConnections();
        await new Promise<void>((ok) => server.close(() => ok()));
        await session.save();
      })();
      return closing;
    },
  };
}
