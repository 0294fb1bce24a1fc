import { hexOf } from '../../core';

/**
 * A contact's private portal link (docs/SELF_SERVICE.md). The token is two UUIDs (Apps Script's
 * getUuid: random version-4 UUIDs, 122 random bits each) as 64 hex characters: nothing of it comes
 * from the contact's or a ticket's ID. It is shown once to the person who grants access (and
 * optionally mailed to the contact); the CRM keeps only its SHA-256: on the contact's row (so
 * revoking knows which link to forget, and every call confirms it) and as the name of one document
 * property that points at the contact, so a call finds its contact in one property read, never by
 * reading a tab.
 */
export const PORTAL_PROPERTY_PREFIX = 'crm.portal.';

/** What a link's property points at: the contact, and its customer (whose tickets are read by key with the contact). */
export interface PortalEntry {
  contact: string;
  customer: string;
}

function documentProperties(): GoogleAppsScript.Properties.Properties {
  return PropertiesService.getDocumentProperties();
}

export function newToken(): string {
  return (Utilities.getUuid() + Utilities.getUuid()).replace(/-/g, '').toLowerCase();
}

export function tokenHash(token: string): string {
  return hexOf(Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, token, Utilities.Charset.UTF_8));
}

/** The contact a link's hash points at, or null (one property read). */
export function readEntry(hash: string): PortalEntry | null {
  const raw = documentProperties().getProperty(PORTAL_PROPERTY_PREFIX + hash);
  if (!raw) return null;
  try {
    const v: unknown = JSON.parse(raw);
    if (!v || typeof v !== 'object') return null;
    const { contact, customer } = v as Record<string, unknown>;
    return typeof contact === 'string' && typeof customer === 'string' ? { contact, customer } : null;
  } catch {
    return null;
  }
}

export function writeEntry(hash: string, entry: PortalEntry): void {
  documentProperties().setProperty(PORTAL_PROPERTY_PREFIX + hash, JSON.stringify(entry));
}

export function deleteEntry(hash: string): void {
  documentProperties().deleteProperty(PORTAL_PROPERTY_PREFIX + hash);
}

/**
 * The link a person opens: the portal deployment's address (the settings parameter portalUrl, else
 * the script's web-app address) with the token.
 */
export function portalLink(token: string, portalUrl = ''): string {
  let url = portalUrl.trim();
  if (!url) {
    try {
      url = ScriptApp.getService().getUrl() ?? '';
    } catch {
      url = '';
    }
  }
  return `${url}?portal=${token}`;
}
