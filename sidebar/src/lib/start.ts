/**
 * How the page was opened. In the spreadsheet it is the sidebar; the web app (doGet, for phones)
 * serves the same page with a small script before it that sets `__CRM_START__`: that it is the web
 * app, and a deep link's customer (`?customer=C...`, from the digest or a team message).
 */
export interface StartInfo {
  surface: 'sidebar' | 'web';
  /** The customer a deep link opens (trimmed, upper case); null without one. */
  customer: string | null;
}

export function startInfo(): StartInfo {
  const raw = (globalThis as { __CRM_START__?: unknown }).__CRM_START__;
  if (!raw || typeof raw !== 'object') return { surface: 'sidebar', customer: null };
  const s = raw as { surface?: unknown; customer?: unknown };
  const customer = typeof s.customer === 'string' && s.customer.trim() ? s.customer.trim().toUpperCase().slice(0, 40) : null;
  return { surface: s.surface === 'web' ? 'web' : 'sidebar', customer };
}
