/** 'YYYY-MM-DD HH:mm' now in the spreadsheet's time zone (what the store writes and compares). */
export function nowIn(timeZone: string, at: Date = new Date()): string {
  try {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(at);
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
    return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
  } catch {
    return at.toISOString().slice(0, 16).replace('T', ' ');
  }
}

/** ¥1,234,567 (no decimals for whole yuan). */
export function money(n: unknown): string {
  if (typeof n !== 'number' || !Number.isFinite(n)) return '';
  return `¥${n.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;
}
