/**
 * The summary rebuild reads only SUMMARY_COLUMNS: every report must give the same output on rows
 * cut to those fields, and must not read any other column (a field read but not listed would make
 * the rebuild silently differ).
 */
import {
  buildSummaries,
  DEFERRED_COLUMNS,
  DEFERRED_TABLES,
  deferredNeeds,
  deferredRows,
  ownerOnlyFollowUps,
  LINE_PRICE_FIELDS,
  needsLinePrice,
  parseFilters,
  SUMMARY_COLUMNS,
  SUMMARY_KEYS,
  SUMMARY_SOURCES,
  type FilterKey,
  type SummaryData,
  type SummaryKey,
} from '../../../src/core/summaries';
import type { Values } from '../../../src/core';
import { tableDef } from '../../../src/schema';
import { DEFAULT_TODAY, generateDataset } from '../../../src/runtime/demo';
import { cutTo } from '../columnGuard';

function dataset(): SummaryData {
  const ds = generateDataset({ customers: 300, seed: 7 });
  const rows = (k: string) => (ds[k as keyof typeof ds] ?? []).map((r) => ({ ...r }));
  const data = Object.fromEntries(SUMMARY_SOURCES.map((k) => [k, rows(k)])) as unknown as Record<keyof SummaryData, Values[]>;
  // Vary what the demo keeps uniform, so every branch that reads a field runs.
  data.opportunities.forEach((o, i) => {
    if (i % 3 === 0) o.stageLog = null;
  });
  data.history = data.opportunities
    .filter((o) => o.stageLog === null)
    .flatMap((o, i) => [
      {
        time: o.createdAt,
        user: 'a@example.com',
        table: 'opportunities',
        recordId: o.id,
        field: '*',
        oldValue: '',
        newValue: JSON.stringify({ name: o.name, stage: '线索' }),
        source: 'script',
        note: '',
      },
      {
        time: o.stageChangedAt,
        user: 'a@example.com',
        table: 'opportunities',
        recordId: o.id,
        field: 'stage',
        oldValue: '线索',
        newValue: o.stage,
        source: 'script',
        note: '',
      },
      {
        time: o.createdAt,
        user: 'a@example.com',
        table: 'customers',
        recordId: o.customerId,
        field: 'phone',
        oldValue: '1',
        newValue: String(i),
        source: 'edit',
        note: '',
      },
    ]);
  data.lineItems.forEach((l, i) => {
    if (i % 4 === 0) l.amount = null;
  });
  data.orders.forEach((o, i) => {
    if (i % 5 === 0) o.total = null;
  });
  data.campaigns.forEach((c, i) => {
    if (i % 2 === 0) c.revenue = null;
    if (i % 3 === 0) c.actualCost = null;
  });
  data.campaignMembers.forEach((m, i) => {
    if (i % 6 === 0) {
      m.customerId = null;
      m.leadId = m.leadId ?? 'L1';
      m.memberKind = '潜在客户';
    }
  });
  for (const k of SUMMARY_SOURCES)
    if (k !== 'history')
      data[k].forEach((r, i) => {
        if (i % 17 === 5) r.deleted = true;
      });
  return data;
}

describe('SUMMARY_COLUMNS lists every field the reports read', () => {
  const full = dataset();
  const owner = String(full.customers[0].owner);
  const filterSets: Partial<Record<FilterKey, string>>[] = [
    {},
    { period: 'all' },
    { period: 'year' },
    { owner, kind: '直接客户', stage: '线索', lifecycle: '成交' },
    { period: 'all', owner, kind: '代理商' },
  ];
  const ctx = {
    lang: 'zh' as const,
    today: DEFAULT_TODAY,
    now: `${DEFAULT_TODAY} 10:00`,
    params: { stalledDays: 14, churnDays: 90, contractExpiryDays: 30 },
    userNames: new Map([[owner, '某人']]),
  };

  it.each(filterSets.map((f) => [JSON.stringify(f), f] as const))(
    'same reports on rows cut to the listed fields, filters %s',
    (_name, cells) => {
      const filters = Object.fromEntries(SUMMARY_KEYS.map((k) => [k, parseFilters(k as SummaryKey, cells)]));
      const unlisted = new Set<string>();
      // A table listed with no fields is not read at all: the reports get none of its rows.
      const cut = {
        ...Object.fromEntries(
          SUMMARY_SOURCES.map((k) => [k, SUMMARY_COLUMNS[k].length ? cutTo(k, full[k], SUMMARY_COLUMNS[k], unlisted) : []]),
        ),
        // A line without an amount also has its price fields (the rebuild's second read), no other line.
        lineItems: full.lineItems.map(
          (l) => cutTo('lineItems', [l], [...SUMMARY_COLUMNS.lineItems, ...(needsLinePrice(l) ? LINE_PRICE_FIELDS : [])], unlisted)[0],
        ),
      } as unknown as SummaryData;
      const expected = buildSummaries(full, ctx, filters);
      const actual = buildSummaries(cut, ctx, filters);
      expect([...unlisted]).toEqual([]);
      expect(actual).toEqual(expected);
      // The data exercises the change-log path and the reports have content.
      expect(expected.every((r) => r.sections.length > 0)).toBe(true);
    },
  );

  // The rebuild's two reads: SUMMARY_COLUMNS less DEFERRED_COLUMNS of every row, then the deferred
  // fields of the rows deferredRows picks (every row when the need is 'all'), for the reports built.
  const pendingSets: SummaryKey[][] = [
    [...SUMMARY_KEYS],
    ['attention'],
    ['value', 'campaigns'],
    ['team'],
    ['distribution', 'funnel', 'service'],
  ];
  const cases = filterSets.flatMap((f) => pendingSets.map((keys) => [`${JSON.stringify(f)} ${keys.join(',')}`, f, keys] as const));
  it.each(cases)('same reports with the deferred fields of the picked rows only, filters %s', (_name, cells, keys) => {
    const filters = Object.fromEntries(keys.map((k) => [k, parseFilters(k, cells)]));
    const unlisted = new Set<string>();
    const needs = deferredNeeds(filters, ctx.today);
    const isDeferred = (k: string): k is keyof typeof DEFERRED_COLUMNS => (DEFERRED_TABLES as string[]).includes(k);
    const firstOf = (k: keyof SummaryData) =>
      isDeferred(k) && needs[k] !== 'all'
        ? SUMMARY_COLUMNS[k].filter((f) => !(DEFERRED_COLUMNS[k] as readonly string[]).includes(f))
        : SUMMARY_COLUMNS[k];
    const first = Object.fromEntries(
      SUMMARY_SOURCES.map((k) => [k, SUMMARY_COLUMNS[k].length ? cutTo(k, full[k], firstOf(k), unlisted) : []]),
    ) as unknown as SummaryData;
    const cut: Record<string, readonly Values[]> = { ...first };
    const pickedLines = new Set<number>();
    for (const t of DEFERRED_TABLES) {
      if (needs[t] === 'all') continue;
      const picked = new Set(needs[t] === 'none' ? [] : deferredRows(t, first, filters, ctx.today));
      if (t === 'lineItems') for (const i of picked) pickedLines.add(i);
      // Follow-ups only the targets report counts carry their owner alone (ownerOnlyFollowUps).
      const ownerOnly = t === 'followUps' ? ownerOnlyFollowUps(first, filters, ctx.today) : new Set<number>();
      cut[t] = full[t].map(
        (r, i) => cutTo(t, [r], ownerOnly.has(i) ? [...firstOf(t), 'owner'] : picked.has(i) ? SUMMARY_COLUMNS[t] : firstOf(t), unlisted)[0],
      );
      if (needs[t] === 'some' && t !== 'lineItems') expect(picked.size).toBeLessThan(full[t].length);
    }
    const lineRead = (i: number) => needs.lineItems === 'all' || pickedLines.has(i);
    cut.lineItems = full.lineItems.map((l, i) =>
      lineRead(i) && needsLinePrice(l)
        ? cutTo('lineItems', [l], [...SUMMARY_COLUMNS.lineItems, ...LINE_PRICE_FIELDS], unlisted)[0]
        : cut.lineItems[i],
    );
    const expected = buildSummaries(full, ctx, filters);
    const actual = buildSummaries(cut as unknown as SummaryData, ctx, filters);
    expect([...unlisted]).toEqual([]);
    expect(actual).toEqual(expected);
  });

  it('fails when a used column is left out (the guard works)', () => {
    const filters = Object.fromEntries(SUMMARY_KEYS.map((k) => [k, parseFilters(k as SummaryKey, { period: 'all' })]));
    for (const [key, field] of [
      ['lineItems', 'quantity'],
      ['payments', 'id'],
      ['followUps', 'time'],
    ] as const) {
      const unlisted = new Set<string>();
      const cut = {
        ...full,
        [key]: cutTo(
          key,
          full[key],
          SUMMARY_COLUMNS[key].filter((f) => f !== field),
          unlisted,
        ),
      } as SummaryData;
      buildSummaries(cut, ctx, filters);
      expect([...unlisted]).toContain(`${key}.${field}`);
    }
    // ...and a line without an amount read without its price.
    const unlisted = new Set<string>();
    buildSummaries({ ...full, lineItems: cutTo('lineItems', full.lineItems, SUMMARY_COLUMNS.lineItems, unlisted) }, ctx, filters);
    expect([...unlisted].sort()).toEqual(['lineItems.discount', 'lineItems.unitPrice']);
  });

  it('lists only columns the tables have', () => {
    for (const k of SUMMARY_SOURCES) {
      const keys = new Set(tableDef(k).columns.map((c) => c.key));
      expect(SUMMARY_COLUMNS[k].filter((f) => !keys.has(f))).toEqual([]);
    }
  });
});
