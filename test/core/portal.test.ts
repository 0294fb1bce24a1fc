import {
  hexOf,
  isTokenShape,
  tokenTarget,
  pickTicketOwner,
  portalFieldErrors,
  portalTickets,
  portalType,
  raisedOn,
  type TeamMember,
} from '../../src/core';

const member = (email: string, role: TeamMember['role'], name = ''): TeamMember => ({ email, name, role, team: '' });

describe('the self-service portal, pure', () => {
  const contact = { id: 'P20260101001', customerId: 'C20260101001' };
  const t = (id: string, extra: Record<string, unknown>) => ({
    id,
    customerId: 'C20260101001',
    contactId: 'P20260101001',
    subject: id,
    status: '新建',
    openedAt: '2026-01-02 10:00',
    deleted: false,
    ...extra,
  });

  it("shows the contact's own live tickets of its customer, newest first, and nothing of other rows", () => {
    const shown = portalTickets(
      [
        t('T1', { openedAt: '2026-01-01 09:00', status: '已解决', resolution: '已更换', owner: 'svc@example.com', priority: '高' }),
        t('T2', { openedAt: '2026-01-03 09:00' }),
        t('T3', { contactId: 'P20260101002' }),
        t('T4', { customerId: 'C20260101002' }),
        t('T5', { deleted: true }),
        t('T6', { contactId: 'p20260101001 ' }),
      ],
      contact,
    );
    expect(shown.map((x) => x.id)).toEqual(['T2', 'T6', 'T1']);
    expect(shown[2]).toMatchObject({ status: '已解决', closed: true, resolution: '已更换' });
    expect(Object.keys(shown[2]).sort()).toEqual(
      ['closed', 'closedAt', 'description', 'id', 'openedAt', 'resolution', 'status', 'subject', 'type', 'updatedAt'].sort(),
    );
  });

  it("counts the day's portal tickets of the contact, deleted ones included", () => {
    const rows = [
      t('T1', { channel: '门户', createdAt: '2026-01-02 10:00' }),
      t('T2', { channel: '门户', createdAt: '2026-01-02 11:00', deleted: true }),
      t('T3', { channel: '电话', createdAt: '2026-01-02 11:00' }),
      t('T4', { channel: '门户', createdAt: '2026-01-01 11:00' }),
      t('T5', { channel: '门户', createdAt: '2026-01-02 12:00', contactId: 'P20260101002' }),
    ];
    expect(raisedOn(rows, 'P20260101001', '2026-01-02')).toBe(2);
  });

  it('gives a ticket to the service team in turn, else the customer owner when listed, else nobody', () => {
    const users = [member('a@x.com', 'service'), member('rep@x.com', 'sales', '小王'), member('b@x.com', 'service')];
    expect(pickTicketOwner(users, null, '')).toEqual({ owner: 'a@x.com', next: 'a@x.com', how: 'service' });
    expect(pickTicketOwner(users, 'a@x.com', '')?.owner).toBe('b@x.com');
    expect(pickTicketOwner(users, 'B@X.com', '')?.owner).toBe('a@x.com');
    expect(pickTicketOwner(users, 'gone@x.com', '')?.owner).toBe('a@x.com');
    const sales = users.filter((u) => u.role === 'sales');
    expect(pickTicketOwner(sales, null, '小王')).toEqual({ owner: 'rep@x.com', next: null, how: 'customerOwner' });
    expect(pickTicketOwner(sales, null, 'stranger@x.com')).toBeNull();
    expect(pickTicketOwner(sales, null, '公海')).toBeNull();
  });

  it('checks the form: subject, type (zh or en), lengths with their limits in zh and en', () => {
    expect(portalType('repair')).toBe('维修');
    expect(portalType(' 咨询 ')).toBe('咨询');
    expect(portalType('=1+1')).toBeNull();
    expect(portalFieldErrors({ subject: 'ok', type: 'Inquiry', description: '' }, 'en')).toEqual([]);
    const errs = portalFieldErrors({ subject: 'x'.repeat(201), type: 'nope', description: 'y'.repeat(10001) }, 'zh');
    expect(errs.map((e) => [e.field, e.code])).toEqual([
      ['subject', 'portal_too_long'],
      ['description', 'portal_too_long'],
      ['type', 'enum'],
    ]);
    expect(errs[1].messages.en).toContain('at most 10000 characters; this one has 10001');
    expect(errs[1].messages.zh).toContain('最多 10000 字，收到 10001 字');
  });

  it('reads digest bytes as hex and knows a token by its shape only', () => {
    expect(hexOf([0, 15, -1, -128, 127])).toBe('000fff807f');
    expect(isTokenShape('a'.repeat(64))).toBe(true);
    expect(isTokenShape('A'.repeat(64))).toBe(false);
    expect(isTokenShape('a'.repeat(63))).toBe(false);
    expect(isTokenShape('g'.repeat(64))).toBe(false);
    const linked = `P20261201001.C20261201002.${'a'.repeat(64)}`;
    expect(isTokenShape(linked)).toBe(true);
    expect(tokenTarget(linked)).toEqual({ contact: 'P20261201001', customer: 'C20261201002' });
    expect(tokenTarget('a'.repeat(64))).toBeNull();
    expect(isTokenShape(`P1.C2.${'a'.repeat(63)}`)).toBe(false);
    expect(isTokenShape(`P1/x.C2.${'a'.repeat(64)}`)).toBe(false);
    expect(isTokenShape(`P1.C2.${'a'.repeat(64)}.x`)).toBe(false);
  });
});
