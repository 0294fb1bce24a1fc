/**
 * A create sent again after its reply was lost (the sidebar's Retry after a time-out or a dropped
 * connection) makes one record, not two: the sidebar sends the same request ID with every attempt
 * of one form's save and marks the later ones as retries (see saveRecord's options).
 */
const FAULT = 'Service Spreadsheets failed while accessing document with id 1x2y3z.';
import { created, fork, rowsOf, workbook, type Row, type Saved } from './helpers';

const base = workbook();
const customer = created(base, 'customers', { name: 'Retry Co', phone: '13800138001' });
const input = { customerId: customer.id, time: '2024-03-02 10:00', method: '电话', content: 'sent twice' };
const saved = (crm: ReturnType<typeof fork>) => rowsOf(crm, 'followUps').filter((r) => r.cells.content === 'sent twice');

describe('retried creates (built bundle)', () => {
  it('a retry after a lost reply returns the record the first attempt made', () => {
    const crm = fork(base);
    const first = crm.call<Saved>('saveRecord', 'followUps', input, { requestId: 'req-lost-reply-1', retry: false });
    expect(first.ok).toBe(true);
    // The reply never reached the sidebar; the person presses Retry.
    const again = crm.call<Saved>('saveRecord', 'followUps', input, { requestId: 'req-lost-reply-1', retry: true });
    expect(again.ok).toBe(true);
    expect((again as { record: Row }).record.id).toBe((first as { record: Row }).record.id);
    expect(saved(crm)).toHaveLength(1);
    const view = crm.call<{ history: Row[] }>('getCustomer360', customer.id);
    const log = view.history.filter((h) => h.recordId === (first as { record: Row }).record.id);
    expect(log.filter((h) => h.field === '*')).toHaveLength(1);
  });

  it('another form (another request ID) still creates its own record', () => {
    const crm = fork(base);
    crm.call('saveRecord', 'followUps', input, { requestId: 'req-form-a-1', retry: false });
    crm.call('saveRecord', 'followUps', input, { requestId: 'req-form-b-1', retry: false });
    expect(saved(crm)).toHaveLength(2);
  });

  it('a retry after a failed write creates the record once', () => {
    const probe = fork(base);
    probe.rt.resetStats();
    probe.call('saveRecord', 'followUps', input, { requestId: 'req-probe-0001', retry: false });
    const calls = probe.rt.stats().roundTrips;
    for (let k = 1; k <= calls; k++) {
      const crm = fork(base);
      crm.rt.faults.failAfter(k - 1, FAULT);
      try {
        crm.call('saveRecord', 'followUps', input, { requestId: `req-fault-${k}`, retry: false });
      } catch {
        /* a clear error */
      }
      crm.rt.faults.clear();
      const retried = crm.call<Saved>('saveRecord', 'followUps', input, { requestId: `req-fault-${k}`, retry: true });
      expect(retried.ok).toBe(true);
      expect(saved(crm)).toHaveLength(1);
    }
  });

  it('refuses a malformed request ID and changes nothing', () => {
    const crm = fork(base);
    const r = crm.call<Saved>('saveRecord', 'followUps', input, { requestId: 'x', retry: false });
    expect(r.ok).toBe(false);
    expect(saved(crm)).toHaveLength(0);
  });
});
