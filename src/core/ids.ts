/**
 * IDs are prefix + yyyyMMdd of creation (spreadsheet time zone) + a per-day sequence of at least
 * three digits. The caller holds the script lock and passes every ID already in the table, so two
 * saves can never draw the same number.
 */
export function nextIds(prefix: string, day: string, existing: Iterable<string>, count = 1): string[] {
  if (!/^[A-Z]{1,3}$/.test(prefix)) throw new Error(`Bad ID prefix: ${prefix}`);
  if (!/^\d{8}$/.test(day)) throw new Error(`Bad ID day: ${day}`);
  const stem = prefix + day;
  let max = 0;
  for (const id of existing) {
    if (typeof id !== 'string' || !id.startsWith(stem)) continue;
    const rest = id.slice(stem.length);
    if (/^\d{3,}$/.test(rest)) max = Math.max(max, Number(rest));
  }
  const out: string[] = [];
  for (let i = 1; i <= count; i++) out.push(stem + String(max + i).padStart(3, '0'));
  return out;
}

/** The yyyyMMdd part of a 'YYYY-MM-DD HH:mm' or 'YYYY-MM-DD' stamp. */
export function dayOf(stamp: string): string {
  return stamp.slice(0, 10).replace(/-/g, '');
}
