/**
 * Pure coercions from what people type (sidebar strings, sheet cells, CSV text) to the canonical
 * value of each field kind. They never throw: a value that cannot be coerced is returned unchanged
 * so that the zod check after them reports it with a clear message.
 */

/** Empty means absent: undefined, null, '' and whitespace-only strings. */
export function emptyToNull(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' && value.trim() === '') return null;
  return value;
}

export function toText(value: unknown): unknown {
  const v = emptyToNull(value);
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'boolean') return String(v);
  return typeof v === 'string' ? v.trim() : v;
}

/** Accepts 1234.5, '1,234.50', '¥1234', ' 12 '; full-width digits are folded first. */
export function toNumber(value: unknown): unknown {
  const v = emptyToNull(value);
  if (typeof v !== 'string') return v;
  const folded = v
    .normalize('NFKC')
    .trim()
    .replace(/^[¥￥$]/, '')
    .replace(/,(?=\d{3}(\D|$))/g, '');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(folded)) return v;
  return Number(folded);
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', '是', '对', '√', '✓']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', '否', '不是', '×']);
export function toBoolean(value: unknown): unknown {
  const v = emptyToNull(value);
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : v;
  if (typeof v === 'string') {
    const w = v.trim().toLowerCase();
    if (TRUE_WORDS.has(w)) return true;
    if (FALSE_WORDS.has(w)) return false;
  }
  return v;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * '2026-03', '2026/3', '2026.3', '2026年3月' become '2026-03'; so does '2026-03-01 00:00' or
 * '2026-03-01' (a typed month Sheets made a date). Anything else is returned as typed.
 */
export function toMonth(value: unknown): unknown {
  const v = emptyToNull(value);
  if (typeof v !== 'string') return v;
  const t = v.normalize('NFKC').trim();
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(t) ?? /^(\d{4})-(\d{2})-01( 00:00(:00)?)?$/.exec(t);
  return m ? `${m[1]}-${pad2(Number(m[2]))}` : t;
}

/** '2024/3/5', '2024.03.05', '2024年3月5日' and '2024-3-5' all become '2024-03-05'. */
export function toDate(value: unknown): unknown {
  const v = emptyToNull(value);
  if (typeof v !== 'string') return v;
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(v.normalize('NFKC').trim());
  return m ? `${m[1]}-${pad2(Number(m[2]))}-${pad2(Number(m[3]))}` : v.trim();
}

/** Date-times keep minutes: '2024/3/5 9:05' becomes '2024-03-05 09:05'; seconds are dropped. */
export function toDateTime(value: unknown): unknown {
  return dateTimeText(value, false);
}

/** A date-time to the second (the system's updatedAt): '2024/3/5 9:05' becomes '2024-03-05 09:05:00'. */
export function toDateTimeSeconds(value: unknown): unknown {
  return dateTimeText(value, true);
}

function dateTimeText(value: unknown, seconds: boolean): unknown {
  const v = emptyToNull(value);
  if (typeof v !== 'string') return v;
  const m = /^(.+?)[\sT]+(\d{1,2}):(\d{2})(:(\d{2})(\.\d+)?)?$/.exec(v.normalize('NFKC').trim());
  if (!m) return v.trim();
  const day = toDate(m[1]);
  if (typeof day !== 'string') return v;
  return `${day} ${pad2(Number(m[2]))}:${m[3]}${seconds ? `:${m[5] ?? '00'}` : ''}`;
}

/** Comma, Chinese comma, semicolon or newline separated; trimmed, de-duplicated, order kept. */
export function toList(value: unknown): unknown {
  const v = emptyToNull(value);
  if (v === null) return [];
  const parts = Array.isArray(v) ? v : typeof v === 'string' ? v.split(/[,，;；、\n]/) : null;
  if (!parts) return v;
  const out: unknown[] = [];
  for (const p of parts) {
    const t = typeof p === 'string' ? p.trim() : p;
    if (t !== '' && !out.includes(t)) out.push(t);
  }
  return out;
}
