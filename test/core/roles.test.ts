import { actorFor, canWriteRecord, emailsWithRole, ownerOf, roleAllows, tableEditors, toRole, type TeamMember } from '../../src/core';

const users: TeamMember[] = [
  { email: 'boss@x.com', name: 'Boss', role: 'admin', team: '' },
  { email: 'mgr@x.com', name: 'Mgr', role: 'manager', team: 'East' },
  { email: 'amy@x.com', name: '王芳', role: 'sales', team: 'East' },
  { email: 'bob@x.com', name: 'Bob', role: 'sales', team: 'East' },
  { email: 'cat@x.com', name: 'Cat', role: 'sales', team: 'South' },
  { email: 'sam@x.com', name: 'Sam', role: 'service', team: '' },
  { email: 'vic@x.com', name: 'Vic', role: 'viewer', team: '' },
];
const customers: Record<string, Record<string, unknown>> = {
  C1: { id: 'C1', owner: 'amy@x.com' },
  C2: { id: 'C2', owner: 'Bob' },
  C3: { id: 'C3', owner: 'cat@x.com' },
};
const lookup = (_t: string, id: string) => customers[id];
const can = (email: string, table: string, before: Record<string, unknown> | null, after: Record<string, unknown>) =>
  canWriteRecord(actorFor(email, users), users, table, before, after, lookup);

describe('roles', () => {
  it('reads both role spellings and makes unknown users viewers', () => {
    expect(['管理员', 'admin', '经理', 'Manager', '销售', '客服', '只读', 'viewer', '', '老板'].map(toRole)).toEqual([
      'admin',
      'admin',
      'manager',
      'manager',
      'sales',
      'service',
      'viewer',
      'viewer',
      'viewer',
      'viewer',
    ]);
    expect(actorFor('nobody@x.com', users).role).toBe('viewer');
    expect(actorFor('', users).role).toBe('viewer');
    expect(actorFor('AMY@X.COM', users)).toEqual({ email: 'AMY@X.COM', role: 'sales', team: 'East' });
  });

  it('maps roles to entry-point permissions', () => {
    const table = (['admin', 'manager', 'sales', 'service', 'viewer'] as const).map((r) =>
      (['read', 'write', 'export', 'import', 'admin'] as const).map((p) => roleAllows(r, p)),
    );
    expect(table).toEqual([
      [true, true, true, true, true],
      [true, true, true, false, false],
      [true, true, false, false, false],
      [true, true, false, false, false],
      [true, false, false, false, false],
    ]);
  });

  it("lets sales change their own and their team's customers and children only", () => {
    expect(can('amy@x.com', 'customers', customers.C1, { ...customers.C1, notes: 'x' })).toBe(true);
    expect(can('amy@x.com', 'customers', customers.C2, { ...customers.C2, notes: 'x' })).toBe(true); // Bob, by name, same team
    expect(can('amy@x.com', 'customers', customers.C3, { ...customers.C3, notes: 'x' })).toBe(false);
    expect(can('amy@x.com', 'customers', customers.C1, { ...customers.C1, owner: 'cat@x.com' })).toBe(false); // hand-off out of the team
    expect(can('amy@x.com', 'contacts', null, { customerId: 'C2' })).toBe(true);
    expect(can('amy@x.com', 'contacts', null, { customerId: 'C3' })).toBe(false);
    expect(can('amy@x.com', 'contacts', { customerId: 'C1' }, { customerId: 'C3' })).toBe(false); // moving a child away
    expect(can('cat@x.com', 'products', null, { name: 'p' })).toBe(false);
    expect(can('amy@x.com', 'leads', null, { owner: 'amy@x.com' })).toBe(true);
  });

  it('lets service edit tickets and feedback only, managers and admins everything, viewers nothing', () => {
    expect(can('sam@x.com', 'tickets', null, { customerId: 'C3' })).toBe(true);
    expect(can('sam@x.com', 'feedback', null, { customerId: 'C1' })).toBe(true);
    expect(can('sam@x.com', 'customers', customers.C1, customers.C1)).toBe(false);
    expect(can('mgr@x.com', 'customers', customers.C3, customers.C3)).toBe(true);
    expect(can('boss@x.com', 'products', null, {})).toBe(true);
    expect(can('vic@x.com', 'tickets', null, { customerId: 'C1' })).toBe(false);
    expect(can('stranger@x.com', 'customers', null, { owner: 'stranger@x.com' })).toBe(false);
  });

  it('finds whose a child is through its customer, lead or campaign', () => {
    expect(ownerOf('followUps', { customerId: 'C3', owner: 'amy@x.com' }, lookup)).toBe('cat@x.com');
    expect(ownerOf('campaignMembers', { leadId: 'L1' }, () => ({ owner: 'bob@x.com' }))).toBe('bob@x.com');
    expect(ownerOf('campaigns', { owner: ' amy@x.com ' }, lookup)).toBe('amy@x.com');
    expect(ownerOf('contacts', { customerId: 'C404' }, lookup)).toBeNull();
  });

  it('lists editors for protections (real addresses only)', () => {
    expect(emailsWithRole([...users, { email: 'Not An Email', name: '', role: 'admin', team: '' }], ['admin'])).toEqual(['boss@x.com']);
    expect(tableEditors(users, 'tickets').sort()).toEqual(['amy@x.com', 'bob@x.com', 'boss@x.com', 'cat@x.com', 'mgr@x.com', 'sam@x.com']);
    expect(tableEditors(users, 'products').sort()).toEqual(['boss@x.com', 'mgr@x.com']);
  });

  it('to-dos are their assignee’s: managers assign anyone, sales and service only themselves', () => {
    const todo = (owner: string) => ({ title: 't', owner, customerId: 'C1' });
    expect(can('mgr@x.com', 'todos', null, todo('cat@x.com'))).toBe(true);
    expect(can('boss@x.com', 'todos', todo('amy@x.com'), todo('bob@x.com'))).toBe(true);
    expect(can('amy@x.com', 'todos', null, todo('amy@x.com'))).toBe(true);
    expect(can('amy@x.com', 'todos', null, todo('王芳'))).toBe(true);
    expect(can('sam@x.com', 'todos', null, todo('sam@x.com'))).toBe(true);
    // A teammate's, or one on the rep's own customer assigned to someone else: not theirs.
    expect(can('amy@x.com', 'todos', null, todo('bob@x.com'))).toBe(false);
    expect(can('bob@x.com', 'todos', todo('amy@x.com'), { ...todo('amy@x.com'), done: true })).toBe(false);
    expect(can('amy@x.com', 'todos', todo('amy@x.com'), todo('bob@x.com'))).toBe(false);
    expect(can('sam@x.com', 'todos', todo('amy@x.com'), { ...todo('amy@x.com'), done: true })).toBe(false);
    expect(can('vic@x.com', 'todos', null, todo('vic@x.com'))).toBe(false);
    expect(ownerOf('todos', todo('cat@x.com'), lookup)).toBe('cat@x.com');
  });
});
