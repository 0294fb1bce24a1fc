import type { Lang } from '../../schema';
import type { Reminder, ReminderKind } from '../reminders';
import { str } from './values';

export interface DigestMail {
  to: string;
  subject: string;
  body: string;
  count: number;
}

const KIND_LABEL: Record<ReminderKind, { zh: string; en: string }> = {
  followUp: { zh: '待跟进', en: 'Follow-ups due' },
  payment: { zh: '回款', en: 'Payments due' },
  contract: { zh: '即将到期的合同', en: 'Contracts ending soon' },
  stalled: { zh: '停滞的销售机会', en: 'Stalled opportunities' },
  ticket: { zh: '长时间未解决的工单', en: 'Tickets open too long' },
  todo: { zh: '到期的待办事项', en: 'To-dos due' },
};
const URGENCY = { overdue: { zh: '逾期', en: 'overdue' }, today: { zh: '今天', en: 'today' }, soon: { zh: '即将', en: 'soon' } };
const MAX_LINES_PER_KIND = 30;
const EMAIL = /^[^\s@,;<>()]+@[^\s@,;<>()]+\.[^\s@,;<>()]{2,}$/;

/** Reminders by owner; owners without a valid email address are reported, not mailed. */
export function groupByOwner(reminders: readonly Reminder[]): { mailable: Map<string, Reminder[]>; noAddress: string[] } {
  const mailable = new Map<string, Reminder[]>();
  const noAddress = new Set<string>();
  for (const r of reminders) {
    const owner = str(r.owner).trim();
    if (!EMAIL.test(owner)) {
      noAddress.add(owner || '—');
      continue;
    }
    const key = owner.toLowerCase();
    mailable.set(key, [...(mailable.get(key) ?? []), r]);
  }
  return { mailable, noAddress: [...noAddress].sort() };
}

/** One plain-text digest: reminders grouped by kind, most urgent first, long lists cut. */
export function composeDigest(to: string, items: readonly Reminder[], today: string, lang: Lang, sheetUrl: string): DigestMail {
  const zh = lang === 'zh';
  const lines: string[] = [
    zh ? `今天（${today}）需要处理的事项共 ${items.length} 项：` : `${items.length} item(s) need attention today (${today}):`,
    '',
  ];
  for (const kind of Object.keys(KIND_LABEL) as ReminderKind[]) {
    const mine = items.filter((r) => r.kind === kind);
    if (!mine.length) continue;
    lines.push(`${KIND_LABEL[kind][lang]} (${mine.length})`);
    for (const r of mine.slice(0, MAX_LINES_PER_KIND)) {
      const amount = r.amount === null ? '' : ` ¥${r.amount.toLocaleString('en-US')}`;
      lines.push(`  - [${URGENCY[r.urgency][lang]}] ${r.customerName}: ${r.title} (${r.date})${amount} ${r.id}`);
    }
    if (mine.length > MAX_LINES_PER_KIND)
      lines.push(zh ? `  …另有 ${mine.length - MAX_LINES_PER_KIND} 项` : `  … and ${mine.length - MAX_LINES_PER_KIND} more`);
    lines.push('');
  }
  if (sheetUrl) lines.push(zh ? `打开 CRM：${sheetUrl}` : `Open the CRM: ${sheetUrl}`);
  const subject = zh ? `CRM 每日提醒 ${today}：${items.length} 项` : `CRM daily reminders ${today}: ${items.length} item(s)`;
  return { to, subject, body: lines.join('\n'), count: items.length };
}
