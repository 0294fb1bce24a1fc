/**
 * 查重 while typing: as the name, phone or email of a customer, contact or lead is typed, once the
 * typing pauses (one call per pause, not per key), the records it matches and who owns them,
 * shown above the Save button before anything is saved. A rep sees only the name and owner of a
 * record that is not theirs or their team's (the server decides: findDuplicates).
 */
import { useEffect, useState } from 'preact/hooks';
import { DUPLICATE_FIELDS, DUPLICATE_TABLES, tableDef, type DataTableKey, type DuplicateTable } from '../../../src/schema';
import { useDebounced } from '../lib/useDebounced';
import type { FormState } from '../lib/formValues';
import { useI18n } from '../useI18n';
import { call, type Reply } from '../rpc';

/** How long typing must pause before the check runs. */
export const DUPLICATE_PAUSE_MS = 450;

const isDuplicateTable = (t: DataTableKey): t is DuplicateTable => (DUPLICATE_TABLES as readonly string[]).includes(t);
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

export function DuplicateHints({ table, state, recordId }: { table: DataTableKey; state: FormState; recordId: string | null }) {
  const { lang } = useI18n();
  const fields = isDuplicateTable(table) ? DUPLICATE_FIELDS[table] : null;
  // A contact's own customer (often the same switchboard or domain) is no duplicate of it.
  const parent = table === 'contacts' ? text(state.customerId) : '';
  const typed = fields ? JSON.stringify([text(state[fields.name]), text(state[fields.phone]), text(state[fields.email]), parent]) : '';
  const settled = useDebounced(typed, DUPLICATE_PAUSE_MS);
  const [report, setReport] = useState<Reply<'findDuplicates'> | null>(null);

  useEffect(() => {
    if (!fields || !isDuplicateTable(table)) return undefined;
    const [name, phone, email, customerId] = JSON.parse(settled || '["","","",""]') as [string, string, string, string];
    if (!name && !phone && !email) {
      setReport(null);
      return undefined;
    }
    let live = true;
    const query: { name?: string; phone?: string; email?: string; id?: string; customerId?: string } = {};
    if (name) query.name = name;
    if (phone) query.phone = phone;
    if (email) query.email = email;
    if (recordId) query.id = recordId;
    if (customerId) query.customerId = customerId;
    call('findDuplicates', table, query).then(
      (r) => {
        if (live) setReport(r);
      },
      () => {
        if (live) setReport(null);
      },
    );
    return () => {
      live = false;
    };
  }, [settled, table, recordId]);

  if (!report || !report.matches.length) return null;
  const zh = lang === 'zh';
  const why = { name: zh ? '名称' : 'name', phone: zh ? '电话' : 'phone', email: zh ? '邮箱' : 'email' };
  const title = zh ? '可能重复' : 'Possible duplicates';
  return (
    <section class="dup-hints" role="status" aria-label={title}>
      <strong>
        {title}
        {report.total > report.matches.length ? ` (${report.matches.length}/${report.total})` : ''}
      </strong>
      <ul>
        {report.matches.map((m) => (
          <li key={`${m.table}:${m.id}`}>
            <span>
              {tableDef(m.table).record[lang]} · {m.name}
            </span>
            <span class="muted small">
              {' '}
              · {zh ? '负责人' : 'Owner'}: {m.owner ?? '—'} · {zh ? '相同' : 'same'} {m.reasons.map((r) => why[r]).join(', ')}
            </span>
            {m.full && (m.phone || m.email) && <span class="muted small"> · {[m.phone, m.email].filter(Boolean).join(' · ')}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
