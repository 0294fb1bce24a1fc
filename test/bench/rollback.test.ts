/**
 * bench/rollback.ts: after a write through the bundle, every tab (the key index included) and the
 * document properties are as generated again, so the next operation meets the same workbook.
 */
import { join } from 'node:path';
import { plain } from '../../bench/measure';
import { rollback, snapshot } from '../../bench/rollback';
import { buildWorkbook } from '../../bench/workbook';

const BUNDLE = join(__dirname, '..', '..', 'dist', 'Code.js');

describe('bench rollback', () => {
  const w = buildWorkbook(40, BUNDLE);
  const tabs = () =>
    Object.fromEntries(
      w.rt.workbook.sheets.map((s) => [s.name, JSON.stringify({ values: s.getValuesRaw(), rows: s.maxRows, columns: s.maxColumns })]),
    );
  const props = () =>
    JSON.stringify(
      (w.rt.globals.PropertiesService as GoogleAppsScript.Properties.PropertiesService).getDocumentProperties().getProperties(),
    );

  it('undoes appended rows, in-place edits, the _crm_index tab and the digest stamp', () => {
    // The bench workbook has had its daily job (and so today's digest): forget that stamp, so the
    // digest below sends and writes it again.
    (w.rt.globals.PropertiesService as GoogleAppsScript.Properties.PropertiesService)
      .getDocumentProperties()
      .deleteProperty('crm.digest.sent');
    const before = tabs();
    const beforeProps = props();
    expect(Object.keys(before)).toContain('_crm_index');
    const snap = snapshot(w.rt.workbook, w.rt);
    const keep = w.picks.merge.keepId;
    const merged = plain(w.api.mergeCustomers(keep, w.picks.merge.mergeId)) as { ok: boolean };
    expect(merged.ok).toBe(true);
    const created = plain(w.api.saveRecord('customers', { name: '回滚测试客户', owner: 'zhang.wei@example.com' })) as { ok: boolean };
    expect(created.ok).toBe(true);
    plain(w.api.sendReminderDigest());
    const after = tabs();
    const changed = Object.keys(before).filter((k) => before[k] !== after[k]);
    expect(changed).toContain('_crm_index');
    expect(props()).not.toBe(beforeProps);
    rollback(w.rt.workbook, snap, w.rt);
    const restored = tabs();
    expect(Object.keys(before).filter((k) => before[k] !== restored[k])).toEqual([]);
    expect(props()).toBe(beforeProps);
  });
});
