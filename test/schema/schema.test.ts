import { foldKey, TABLES, TABLE_KEYS, tableDef, DATA_TABLE_KEYS, isDataTableKey } from '../../src/schema';
import { headerNames } from '../../src/store/layout';

describe('table schemas', () => {
  it('covers the twelve SPEC tables plus line items, campaign members, products, settings and history', () => {
    for (const k of [
      'customers',
      'contacts',
      'leads',
      'opportunities',
      'followUps',
      'quotes',
      'orders',
      'contracts',
      'payments',
      'campaigns',
      'feedback',
      'tickets',
    ]) {
      expect(DATA_TABLE_KEYS).toContain(k);
    }
    expect(isDataTableKey('settings')).toBe(false);
    expect(isDataTableKey('history')).toBe(false);
    expect(isDataTableKey('__proto__')).toBe(false);
  });

  it('gives every data table a distinct ID prefix and the SPEC prefixes', () => {
    const prefixes = DATA_TABLE_KEYS.map((k) => tableDef(k).prefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    expect(TABLES.customers.prefix).toBe('C');
    expect(TABLES.followUps.prefix).toBe('F');
    expect(TABLES.payments.prefix).toBe('R');
  });

  it.each(TABLE_KEYS)('%s: labels in both languages, no header name shared by two columns', (key) => {
    const def = tableDef(key);
    const owner = new Map<string, string>();
    for (const col of def.columns) {
      expect(col.label.zh.trim()).not.toBe('');
      expect(col.label.en.trim()).not.toBe('');
      // Key and both labels must be unambiguous; aliases may only repeat where a label wins.
      for (const name of headerNames(col).slice(0, 3)) {
        const prev = owner.get(name);
        if (prev && prev !== col.key) throw new Error(`${key}: "${name}" names both ${prev} and ${col.key}`);
        owner.set(name, col.key);
      }
    }
    expect(new Set(def.columns.map((c) => c.key)).size).toBe(def.columns.length);
  });

  it('points every foreign key at a table that exists', () => {
    for (const key of TABLE_KEYS) {
      for (const col of tableDef(key).columns) if (col.ref) expect(TABLE_KEYS).toContain(col.ref);
    }
  });

  it('folds case, width and spaces', () => {
    expect(foldKey(' Ａｃｍｅ  Co ')).toBe(foldKey('acmeco'));
  });
});
