import { hexOf, isLegacyToken, isLinkableId, linkedToken, tokenTarget } from '../../core';

/**
 * A contact's private portal link (docs/SELF_SERVICE.md). The token names the contact and its
 * customer, then two UUIDs (Apps Script's getUuid: random version-4 UUIDs, 122 random bits each) as
 * 64 hex characters: the IDs say which row to read, the random part is what nobody can guess. It is
 * shown once to the person who grants access (and optionally mailed to the contact); the CRM keeps
 * only its SHA-256, on the contact's row: every call reads that row by key and opens nothing unless
 * the row holds the hash of the token it was given. Links granted before carried the random part
 * alone, and a document property named by the hash pointed at the contact: those still open (one
 * property read more) until revoked or granted anew.
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

/** A new link's token for the contact (of the older form only when an ID cannot be carried in a link). */
export function newToken(contactId: string, customerId: string): string {
  const random = (Utilities.getUuid() + Utilities.getUuid()).replace(/-/g, '').toLowerCase();
  return isLinkableId(contactId) && isLinkableId(customerId) ? linkedToken(contactId, customerId, random) : random;
}

/** Whether granting the token needs its document property (only a token of the older form does). */
export function needsEntry(token: string): boolean {
  return isLegacyToken(token);
}

/**
 * The contact a token points at, with its hash: from the token itself, or for an older link from
 * its property (one property read). null: a token of another shape or an older link none knows.
 */
export function linkOf(token: string): { hash: string; entry: PortalEntry } | null {
  const t = token.trim();
  const target = tokenTarget(t);
  if (target) return { hash: tokenHash(t), entry: target };
  const legacy = t.toLowerCase();
  if (!isLegacyToken(legacy)) return null;
  const hash = tokenHash(legacy);
  const entry = readEntry(hash);
  return entry ? { hash, entry } : null;
}

export function tokenHash(token: string): string {
  return hexOf(Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, token, Utilities.Charset.UTF_8));
}

/** The contact an older link's hash points at, or null (one property read). */
function readEntry(hash: string): PortalEntry | null {
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
