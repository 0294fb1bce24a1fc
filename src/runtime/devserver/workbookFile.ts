/**
 * Where the dev server's workbook comes from: the saved .xlsx when there is one, else a fresh
 * spreadsheet set up by the bundle's own setupWorkbook() and filled with generated demo data.
 */
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRuntime, loadBundle, loadWorkbookXlsx, saveWorkbookXlsx, type BundleContext, type Runtime } from '..';
import { generateDataset } from '../demo/generate';
import { writeDataset } from '../demo/write';
import { fillDemoMailboxes } from '../demo/mailbox';

export interface WorkbookSource {
  workbookPath: string;
  bundlePath: string;
  sidebarPath: string;
  /** Demo customers generated on first run (each with a full history). */
  demoCustomers: number;
  /** Locale and time zone of a new workbook. */
  locale: string;
  timeZone: string;
  user: string;
}

export interface Opened {
  rt: Runtime;
  api: BundleContext;
  /** True when the workbook was generated (and not yet saved). */
  created: boolean;
}

/** 'YYYY-MM-DD' of `at` in a time zone: the demo data is "as of" the day the server starts. */
function dayIn(timeZone: string, at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

export async function openWorkbook(src: WorkbookSource): Promise<Opened> {
  const htmlFiles: Record<string, string> = existsSync(src.sidebarPath) ? { Sidebar: readFileSync(src.sidebarPath, 'utf8') } : {};
  if (existsSync(src.workbookPath)) {
    const workbook = await loadWorkbookXlsx(src.workbookPath);
    const rt = createRuntime({ workbook, user: src.user, htmlFiles });
    // Mailboxes are not saved with the workbook: made again, with the same message IDs.
    fillDemoMailboxes(rt);
    return { rt, api: loadBundle(rt, src.bundlePath), created: false };
  }
  const rt = createRuntime({
    locale: src.locale,
    timeZone: src.timeZone,
    user: src.user,
    owner: src.user,
    spreadsheetName: 'sheets-crm demo',
    htmlFiles,
  });
  const api = loadBundle(rt, src.bundlePath);
  api.setupWorkbook();
  if (src.demoCustomers > 0) {
    const dataset = generateDataset({ customers: src.demoCustomers, today: dayIn(src.timeZone, rt.now()) });
    writeDataset(rt.workbook, dataset);
    // Rows written straight into the model bypass the CRM: build its key index from them.
    api.rebuildIndex({ all: true });
    // The summary tabs (values and native charts) are filled at once, so the file shows them too.
    api.rebuildSummaries({ force: true });
    fillDemoMailboxes(rt);
  }
  return { rt, api, created: true };
}

/** Writes next to the target and renames, so a crash mid-save never leaves half a file. */
export async function saveWorkbook(rt: Runtime, path: string): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.saving.xlsx`;
  await saveWorkbookXlsx(rt.workbook, tmp);
  renameSync(tmp, path);
}
