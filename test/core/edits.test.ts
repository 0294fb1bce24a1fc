import { customers } from '../../src/schema';
import { parseSettings, type Values } from '../../src/core';
import { planEdit, type EditInput } from '../../src/core/edits';

const present = customers.columns.map((c) => c.key);
const acme: Values = {
  id: 'C20240101001',
  name: 'Acme',
  email: 'a@acme.com',
  owner: 'rep@x.com',
  tags: [],
  lifecycle: '潜在',
  createdAt: '2024-01-01 10:00',
  createdBy: 'admin@x.com',
  updatedAt: '2024-01-01 10:00:07',
  updatedBy: 'admin@x.com',
  deleted: false,
};
function input(over: Partial<EditInput>): EditInput {
  return {
    table: customers,
    edited: [],
    present,
    rows: [],
    previous: null,
    idCounts: new Map([['C20240101001', 1]]),
    records: [acme],
    refState: () => 'ok',
    tableLabel: (t) => t,
    lang: 'en',
    lists: parseSettings([]).lists,
    now: '2024-03-05 09:30',
    editor: 'rep@x.com',
    permits: null,
    roleName: 'sales',
    clock: '2024-03-05 09:30:15',
    ...over,
  };
}
const writesOf = (plan: ReturnType<typeof planEdit>) => Object.fromEntries(plan.writes.map((w) => [w.field, w.value]));

describe('planEdit', () => {
  it('marks a bad typed email, keeps it, logs old and new, and still stamps the row', () => {
    const plan = planEdit(
      input({ edited: ['email'], rows: [{ rowNumber: 2, values: { ...acme, email: 'nope' } }], previous: { value: 'a@acme.com' } }),
    );
    expect(plan.marks).toEqual([{ rowNumber: 2, field: 'email', note: expect.stringMatching(/^⚠ CRM: Not a valid email/) }]);
    expect(plan.history).toEqual([
      expect.objectContaining({
        field: 'email',
        oldValue: 'a@acme.com',
        newValue: 'nope',
        source: 'edit',
        note: expect.stringMatching(/^invalid/),
      }),
    ]);
    expect(writesOf(plan)).toEqual({ updatedAt: '2024-03-05 09:30:15', updatedBy: 'rep@x.com' });
  });

  it('does nothing when a cell is typed over with the same value', () => {
    const plan = planEdit(input({ edited: ['email'], rows: [{ rowNumber: 2, values: acme }], previous: { value: 'a@acme.com' } }));
    expect(plan.writes).toEqual([]);
    expect(plan.history).toEqual([]);
  });

  it('makes a typed row a record: ID after the existing ones, created stamps, owner and defaults', () => {
    const plan = planEdit(
      input({ edited: ['name'], rows: [{ rowNumber: 3, values: { name: 'New Co', tags: [] } }], previous: { value: null } }),
    );
    expect(writesOf(plan)).toMatchObject({
      id: 'C20240305001',
      owner: 'rep@x.com',
      createdBy: 'rep@x.com',
      updatedAt: '2024-03-05 09:30:15',
      deleted: false,
      lifecycle: '潜在',
    });
    expect(writesOf(plan)).not.toHaveProperty('version');
    expect(plan.history[0]).toMatchObject({ recordId: 'C20240305001', field: '*', note: 'create' });
    expect(plan.counts).toMatchObject({ created: 1, invalid: 0 });
  });

  it('gives a pasted copy (duplicate ID) a new ID and says so on the ID cell', () => {
    const plan = planEdit(
      input({
        edited: present,
        idCounts: new Map([['C20240101001', 2]]),
        rows: [{ rowNumber: 9, values: { ...acme, name: 'Acme copy' } }],
      }),
    );
    expect(writesOf(plan).id).toBe('C20240305001');
    expect(plan.marks.find((m) => m.field === 'id')?.note).toContain('C20240101001');
  });

  it('restores a typed system cell and a refused change when the old value is known', () => {
    const sys = planEdit(
      input({
        edited: ['createdBy'],
        rows: [{ rowNumber: 2, values: { ...acme, createdBy: 'eve@x.com' } }],
        previous: { value: 'admin@x.com' },
      }),
    );
    expect(sys.writes).toEqual([{ rowNumber: 2, field: 'createdBy', value: 'admin@x.com' }]);
    expect(sys.counts.restored).toBe(1);
    const refused = planEdit(
      input({
        permits: () => false,
        edited: ['name'],
        rows: [{ rowNumber: 2, values: { ...acme, name: 'Mine' } }],
        previous: { value: 'Acme' },
      }),
    );
    expect(refused.writes).toEqual([{ rowNumber: 2, field: 'name', value: 'Acme' }]);
    expect(refused.marks[0].note).toContain('Mine');
  });

  it('stamps an updatedAt later than the one it replaces, even within the same second', () => {
    const soon = planEdit(
      input({
        edited: ['email'],
        rows: [{ rowNumber: 2, values: { ...acme, email: 'b@acme.com', updatedAt: '2024-03-05 09:30:15' } }],
        previous: { value: 'a@acme.com' },
      }),
    );
    expect(writesOf(soon).updatedAt).toBe('2024-03-05 09:30:16');
    const ahead = planEdit(
      input({
        edited: ['email'],
        rows: [{ rowNumber: 2, values: { ...acme, email: 'b@acme.com', updatedAt: '2024-03-05 09:31:02' } }],
        previous: { value: 'a@acme.com' },
      }),
    );
    expect(writesOf(ahead).updatedAt).toBe('2024-03-05 09:31:03');
  });

  it('restamps a pasted-over updatedAt past both the pasted value and now, and flags a whole cleared row', () => {
    // Pasting an old stamp back must not take the edit token back to a value a stale client holds.
    const old = planEdit(input({ edited: ['updatedAt'], rows: [{ rowNumber: 2, values: { ...acme, updatedAt: '2024-01-01 10:00:07' } }] }));
    expect(writesOf(old)).toMatchObject({ updatedAt: '2024-03-05 09:31:16', updatedBy: 'rep@x.com' });
    const future = planEdit(
      input({ edited: ['updatedBy', 'updatedAt'], rows: [{ rowNumber: 2, values: { ...acme, updatedAt: '2030-01-01 00:00' } }] }),
    );
    expect(writesOf(future).updatedAt).toBe('2030-01-01 00:00:01');
    const cleared = planEdit(input({ edited: present, rows: [{ rowNumber: 4, values: { tags: [], deleted: false } }] }));
    expect(cleared.marks).toEqual([{ rowNumber: 4, field: 'id', note: expect.stringMatching(/cleared/) }]);
    expect(cleared.writes).toEqual([]);
  });
});
