import { ID_PATTERN, isDateTimeString, recordColumns, tableDef, VERSION, type TableKey } from '../../src/schema';
import { parseSettings, validateInput, versionOf, type Values } from '../../src/core';
import { generateDataset, type Dataset } from '../../src/runtime/demo/generate';

const small = generateDataset({ customers: 300, seed: 42 });
const medium = generateDataset({ customers: 2000, seed: 7 });
const lists = parseSettings([]).lists;

const rows = (ds: Dataset, key: TableKey): Values[] => ds[key] ?? [];
const tables = (ds: Dataset) => Object.keys(ds) as TableKey[];
/** The non-system fields (what a person may send), derived fields included. */
const userFields = (key: TableKey, record: Values): Values =>
  Object.fromEntries(
    tableDef(key)
      .columns.filter((c) => !c.system)
      .map((c) => [c.key, record[c.key]]),
  );

describe('generateDataset: shape', () => {
  test('is deterministic for a seed and differs between seeds', () => {
    expect(generateDataset({ customers: 300, seed: 42 })).toEqual(small);
    const other = generateDataset({ customers: 300, seed: 43 });
    expect(other.customers?.[0].name).not.toEqual(small.customers?.[0].name);
  });

  test('every record of every table passes its schema and validateInput, and is already canonical', () => {
    const problems: string[] = [];
    for (const key of tables(small)) {
      const def = tableDef(key);
      // Data records carry their edit token as records read from a tab do (no column of its own).
      const keys = JSON.stringify([...recordColumns(def).map((c) => c.key), ...(def.kind === 'data' ? [VERSION] : [])].sort());
      expect(rows(small, key).length).toBeGreaterThan(0);
      for (const record of rows(small, key)) {
        const where = `${key} ${String(record.id ?? record.key)}`;
        if (JSON.stringify(Object.keys(record).sort()) !== keys) problems.push(`${where}: columns ${Object.keys(record).join()}`);
        const input = userFields(key, record);
        const parsed = def.input.safeParse(input);
        if (!parsed.success) problems.push(`${where}: ${JSON.stringify(parsed.error.issues)}`);
        else if (JSON.stringify(parsed.data) !== JSON.stringify(input))
          problems.push(`${where}: not canonical ${JSON.stringify(parsed.data)}`);
        const checked = validateInput(def, input, { lang: 'zh', lists });
        if (!checked.ok) problems.push(`${where}: ${JSON.stringify(checked.errors)}`);
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  test('IDs have the real format, are unique, follow creation order and number each day from 001', () => {
    const problems: string[] = [];
    for (const key of tables(small)) {
      const prefix = tableDef(key).prefix;
      if (!prefix) continue;
      const seen = new Set<string>();
      let last = '';
      let lastDay = '';
      let seq = 0;
      for (const r of rows(small, key)) {
        const id = r.id as string;
        const created = r.createdAt as string;
        const day = created.slice(0, 10).replace(/-/g, '');
        seq = day === lastDay ? seq + 1 : 1;
        lastDay = day;
        const ok =
          ID_PATTERN.test(id) &&
          id === prefix + day + String(seq).padStart(3, '0') &&
          !seen.has(id) &&
          created >= last &&
          isDateTimeString(created) &&
          /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:00$/.test(r.updatedAt as string) &&
          (r.updatedAt as string) >= created &&
          r.version === versionOf(r.updatedAt) &&
          (r.version as number) > 0 &&
          r.deleted === false &&
          typeof r.createdBy === 'string' &&
          r.createdBy === r.updatedBy;
        if (!ok) problems.push(`${key} ${id} created ${created}`);
        seen.add(id);
        last = created;
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  test('every foreign key points at an existing row of the same customer', () => {
    for (const ds of [small, medium]) {
      const problems: string[] = [];
      const ids = Object.fromEntries(tables(ds).map((k) => [k, new Map(rows(ds, k).map((r) => [r.id as string, r]))])) as Record<
        TableKey,
        Map<string, Values>
      >;
      for (const key of tables(ds)) {
        for (const col of tableDef(key).columns) {
          if (!col.ref) continue;
          for (const r of rows(ds, key)) {
            const v = r[col.key];
            if (v === null) continue;
            const target = ids[col.ref as TableKey].get(v as string);
            if (!target) problems.push(`${key}.${col.key} ${String(v)} missing in ${col.ref}`);
            else if (col.ref !== 'customers' && 'customerId' in target && 'customerId' in r && target.customerId !== r.customerId) {
              problems.push(`${key} ${String(r.id)}.${col.key} belongs to another customer`);
            }
          }
        }
      }
      for (const line of rows(ds, 'lineItems')) {
        const doc = (line.docType === '报价单' ? ids.quotes : ids.orders).get(line.docId as string);
        if (doc?.customerId !== line.customerId) problems.push(`line ${String(line.id)} doc ${String(line.docId)}`);
      }
      for (const m of rows(ds, 'campaignMembers')) {
        const ok = m.memberKind === '客户' ? m.customerId !== null && m.leadId === null : m.leadId !== null && m.customerId === null;
        if (!ok) problems.push(`member ${String(m.id)}`);
      }
      expect(problems.slice(0, 10)).toEqual([]);
    }
  });
});
