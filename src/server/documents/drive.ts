/**
 * Where the CRM keeps files in Drive: one CRM folder (the settings' crmFolderId, else a folder made
 * next to the spreadsheet on first use and remembered in the document properties), and in it one
 * folder per customer, `C000123 客户名称`, made on first use; its ID is kept on each of the
 * customer's files rows (files.folderId), read by key with the customer's rows.
 */
import { CrmError, type Values } from '../../core';
import { customerFolderName } from '../../core/workflows';
import type { Context } from '../context';

const ROOT_PROPERTY = 'crm.files.folder';
const ROOT_NAME = 'CRM 客户文件 Customer files';

function properties(): GoogleAppsScript.Properties.Properties {
  return PropertiesService.getDocumentProperties();
}

function liveFolder(id: string): GoogleAppsScript.Drive.Folder | null {
  try {
    const f = DriveApp.getFolderById(id);
    return f.isTrashed() ? null : f;
  } catch {
    return null;
  }
}

/** The folder holding every customer's folder. */
export function crmFolder(ctx: Context): GoogleAppsScript.Drive.Folder {
  const set = String(ctx.settings.params.crmFolderId ?? '').trim();
  if (set) {
    const f = liveFolder(set);
    if (!f) throw CrmError.of('crm_folder_unreadable', ctx.lang, { id: set });
    return f;
  }
  const props = properties();
  const kept = props.getProperty(ROOT_PROPERTY);
  const found = kept ? liveFolder(kept) : null;
  if (found) return found;
  const parents = DriveApp.getFileById(SpreadsheetApp.getActiveSpreadsheet().getId()).getParents();
  const parent = parents.hasNext() ? parents.next() : DriveApp.getRootFolder();
  const made = parent.createFolder(ROOT_NAME);
  props.setProperty(ROOT_PROPERTY, made.getId());
  return made;
}

/**
 * The customer's folder: the one its files rows name, else a folder of the customer's name in the
 * CRM folder (made by a run whose row did not land: reused, never doubled), else a new one.
 */
export function customerFolder(ctx: Context, customer: Values): GoogleAppsScript.Drive.Folder {
  const rows = ctx.store.lookups.withKey('files', 'customerId', customer.id).filter((r) => !r.deleted && r.folderId);
  for (const id of new Set(rows.map((r) => String(r.folderId)))) {
    const f = liveFolder(id);
    if (f) return f;
  }
  const root = crmFolder(ctx);
  const name = customerFolderName(customer);
  const same = root.getFoldersByName(name);
  return same.hasNext() ? same.next() : root.createFolder(name);
}

/** Trashes what a failed step made, quietly (the step's own error is the one to report). */
export function trashAll(files: readonly (GoogleAppsScript.Drive.File | null)[]): void {
  for (const f of files) {
    if (!f) continue;
    try {
      f.setTrashed(true);
    } catch {
      // Left in Drive; its name says what it is. The step's own error is reported.
    }
  }
}

/** An Apps Script error's message without its "Exception: " prefix. */
export function detailOf(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.replace(/^Exception:\s*/, '').slice(0, 200);
}
