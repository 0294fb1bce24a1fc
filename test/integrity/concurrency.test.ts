import type { DataTableKey } from '../../src/schema';
import { as, audit, columnOf, created, editTokens, historyRows, rowsOf, seeded, tab, workbook, type Row, type Saved } from './helpers';

/**
 * Many writers on the same tables. Executions do not truly run in parallel (not on Apps Script
 * either, under the script lock), so they are interleaved the way real ones collide: clients that
 * read a record and save it later (stale versions), people typing into the tab between a read and
 * a save, a lock held by another execution, an admin's import landing in between. An oracle
 * applies every accepted change; after every 25 steps the workbook must equal it: zero lost rows,
 * zero duplicated rows, zero silent overwrites. The edit token (a record's version) is its
 * updatedAt to the second: the oracle cannot foresee it, so after each accepted change it takes the
 * token from the row and requires it to be strictly later than the one before.
 */
const CLIENTS = [
  'admin@example.com',
  'mgr@example.com',
  'rep1@example.com',
  'rep2@example.com',
  'rep1@example.com',
  'rep2@example.com',
  'mgr@example.com',
  'admin@example.com',
];
const STEPS = 600;
const FIELD: Record<'customers' | 'contacts' | 'followUps', string> = { customers: 'notes', contacts: 'title', followUps: 'feedback' };
type Table = keyof typeof FIELD;
const TAB: Record<Table, string> = { customers: '客户信息', contacts: '联系人', followUps: '跟进记录' };

interface Truth {
  table: Table;
  value: string | null;
  version: number;
  deleted: boolean;
}

describe('interleaved writers (seeded simulation)', () => {
  const crm = workbook();
  const random = seeded(20240601);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const truth = new Map<string, Truth>();
  const seen: Map<string, number>[] = CLIENTS.map(() => new Map());
  const stats = { saves: 0, accepted: 0, stale: 0, busy: 0, typed: 0, pasted: 0, created: 0, imported: 0, deleted: 0 };
  const root = created(crm, 'customers', { name: 'Shared Co', owner: 'rep1@example.com' });
  let step = 0;
  /** The token a row holds now (from its updatedAt cell). */
  const tokens = editTokens(crm);
  const tokenOf = tokens.of;
  /** After an accepted change: the row's token moved strictly on; the oracle takes it. */
  const moved = (t: Truth, id: string) => {
    const now = tokenOf(t.table, id);
    expect(now).toBeGreaterThan(t.version);
    t.version = now;
  };
  const fresh = (table: Table, id: string): Truth => ({ table, value: null, version: tokenOf(table, id), deleted: false });

  const live = (table?: Table) => [...truth].filter(([, t]) => !t.deleted && (!table || t.table === table)).map(([id]) => id);
  truth.set(String(root.id), fresh('customers', String(root.id)));
  const rowOf = (table: Table, id: string) => rowsOf(crm, table).find((r) => r.cells.id === id)?.rowNumber as number;

  function verify(): void {
    const a = audit(crm, ['customers', 'contacts', 'followUps']);
    expect(a.problems).toEqual([]);
    expect(a.pending).toBe(0);
    expect(a.ids.size).toBe(truth.size);
    for (const table of Object.keys(FIELD) as Table[]) {
      for (const { cells } of rowsOf(crm, table)) {
        const t = truth.get(String(cells.id));
        const field = FIELD[table];
        expect({
          id: cells.id,
          value: cells[field] === '' ? null : cells[field],
          version: tokens.ofCells(cells),
          deleted: cells.deleted,
        }).toEqual({ id: cells.id, value: t?.value, version: t?.version, deleted: t?.deleted });
      }
    }
  }

  function save(client: number, id: string): void {
    const t = truth.get(id) as Truth;
    const version = seen[client].get(id) ?? t.version;
    const value = `c${client} s${step}`;
    stats.saves++;
    const r = as(crm, CLIENTS[client], () => crm.call<Saved>('saveRecord', t.table, { id, version, [FIELD[t.table]]: value }));
    if (version === t.version) {
      expect(r).toMatchObject({ ok: true });
      t.value = value;
      moved(t, id);
      expect(r.ok && r.record.version).toBe(t.version);
      seen[client].set(id, t.version);
      stats.accepted++;
    } else {
      // Refused with who changed it and when: never applied over the newer version.
      expect(r).toMatchObject({ ok: false, errors: [{ code: 'stale', message: expect.stringMatching(/@example\.com/) }] });
      seen[client].delete(id);
      stats.stale++;
    }
  }

  function typed(client: number, id: string, lockHeld: boolean): void {
    const t = truth.get(id) as Truth;
    const value = `typed ${step}`;
    const row = rowOf(t.table, id);
    const col = columnOf(crm, t.table, FIELD[t.table]);
    as(crm, CLIENTS[client], () => {
      let report = crm.call<{ ok: boolean }>('handleEdit', crm.rt.userEdit(TAB[t.table], row, col, [[value]]));
      if (lockHeld) {
        expect(report.ok).toBe(false);
        crm.rt.faults.releaseHeldLock('script');
        // The note says "edit again": the person types the same value once more.
        report = crm.call<{ ok: boolean }>('handleEdit', crm.rt.userEdit(TAB[t.table], row, col, [[value]]));
      }
      expect(report.ok).toBe(true);
    });
    t.value = value;
    moved(t, id);
    stats.typed++;
  }

  function create(client: number, table: Table, viaPaste: boolean): void {
    const customerId = pick(live('customers'));
    const values: Row =
      table === 'customers'
        ? { name: `Co ${step}`, owner: 'rep1@example.com' }
        : table === 'contacts'
          ? { customerId, name: `P ${step}` }
          : { customerId, time: '2024-03-01 10:00', method: '电话', content: `F ${step}` };
    if (!viaPaste) {
      const r = as(crm, CLIENTS[client], () => crm.call<Saved>('saveRecord', table, values));
      expect(r.ok).toBe(true);
      if (r.ok) truth.set(String(r.record.id), fresh(table, String(r.record.id)));
      stats.created++;
      return;
    }
    // Typed rows: a block pasted below the last row, as people add several at once.
    const sheet = tab(crm, table as DataTableKey);
    const keys = Object.keys(values);
    const cols = keys.map((k) => columnOf(crm, table, k));
    const first = Math.min(...cols);
    const width = Math.max(...cols) - first + 1;
    const rows = [0, 1].map((i) => {
      const l: unknown[] = new Array(width).fill('');
      keys.forEach((k, j) => {
        l[cols[j] - first] =
          i && k !== 'customerId' && k !== 'owner' && k !== 'time' && k !== 'method' ? `${String(values[k])}-${i}` : values[k];
      });
      return l;
    });
    const at = sheet.getValuesRaw().length + 1;
    as(crm, CLIENTS[client], () => crm.call('handleEdit', crm.rt.userEdit(TAB[table], at, first, rows)));
    for (const r of rowsOf(crm, table).filter((x) => x.rowNumber >= at)) truth.set(String(r.cells.id), fresh(table, String(r.cells.id)));
    stats.pasted += 2;
  }

  /** An admin's CSV import: all or nothing, under the same lock, IDs from the same sequence. */
  function importCsv(lockHeld: boolean): void {
    const names = [`Imp ${step} a`, `Imp ${step} b`];
    const csv = ['客户名称,负责人', ...names.map((n) => `${n},rep1@example.com`)].join('\n');
    const r = crm.call<{ ok: boolean; errors?: { code: string }[] }>('importRecords', 'customers', csv, { mode: 'commit' });
    if (lockHeld) {
      expect(r).toMatchObject({ ok: false, errors: [{ code: 'busy' }] });
      stats.busy++;
      return;
    }
    expect(r.ok).toBe(true);
    for (const row of rowsOf(crm, 'customers').filter((x) => names.includes(String(x.cells.name))))
      truth.set(String(row.cells.id), fresh('customers', String(row.cells.id)));
    stats.imported += 2;
  }

  function remove(client: number, id: string): void {
    const t = truth.get(id) as Truth;
    if (t.table === 'customers') return;
    const version = seen[client].get(id) ?? t.version;
    const r = as(crm, CLIENTS[client], () =>
      crm.call<{ ok: boolean; errors?: { code: string }[] }>('deleteRecord', t.table, id, { version }),
    );
    if (version === t.version) {
      expect(r.ok).toBe(true);
      t.deleted = true;
      moved(t, id);
      stats.deleted++;
    } else {
      expect(r).toMatchObject({ ok: false, errors: [{ code: 'stale' }] });
      stats.stale++;
    }
  }

  it(`${CLIENTS.length} clients, ${STEPS} interleaved steps: the workbook always equals the oracle`, () => {
    for (step = 0; step < STEPS; step++) {
      const client = Math.floor(random() * CLIENTS.length);
      const roll = random();
      const lockHeld = random() < 0.08;
      if (lockHeld) crm.rt.faults.holdLock('script');
      const ids = live();
      if (roll < 0.25) {
        // A read: the client remembers the version it saw, and may save much later.
        const id = pick(ids);
        seen[client].set(id, crm.call<Row>('getRecord', truth.get(id)?.table, id).version as number);
      } else if (roll < 0.55) {
        if (lockHeld) {
          const t = truth.get(pick(ids)) as Truth;
          expect(
            as(crm, CLIENTS[client], () =>
              crm.call<Saved>('saveRecord', t.table, { id: pick(live(t.table)), version: 1, [FIELD[t.table]]: 'x' }),
            ),
          ).toMatchObject({ ok: false, errors: [{ code: 'busy' }] });
          stats.busy++;
        } else save(client, pick(ids));
      } else if (roll < 0.75) {
        typed(client, pick(ids), lockHeld);
        if (lockHeld) stats.busy++;
      } else if (roll < 0.78) {
        importCsv(lockHeld);
      } else if (!lockHeld && roll < 0.9) {
        create(client, pick(['customers', 'contacts', 'followUps'] as const), random() < 0.4);
      } else if (!lockHeld) {
        remove(client, pick(ids));
      }
      crm.rt.faults.clear();
      if (step % 25 === 0 || step === STEPS - 1) verify();
    }
    verify();
    expect(stats.stale).toBeGreaterThan(20);
    expect(stats.accepted).toBeGreaterThan(20);
    expect(stats.typed).toBeGreaterThan(50);
    if (process.env.INTEGRITY_FIGURES)
      console.log(`interleaved writers: ${CLIENTS.length} clients, ${STEPS} steps`, JSON.stringify(stats), `records ${truth.size}`);
  });

  it('the history has one entry per accepted change and none for refused ones', () => {
    const log = historyRows(crm);
    const fields = Object.values(FIELD);
    expect(log.filter((h) => fields.includes(String(h.field)) && h.source === 'sidebar')).toHaveLength(stats.accepted);
    expect(log.filter((h) => fields.includes(String(h.field)) && h.source === 'edit')).toHaveLength(stats.typed);
    expect(log.filter((h) => h.field === 'deleted')).toHaveLength(stats.deleted);
    expect(log.filter((h) => h.field === '*')).toHaveLength(1 + stats.created + stats.pasted + stats.imported);
  });
});
