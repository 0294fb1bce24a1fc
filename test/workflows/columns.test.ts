/**
 * The daily job reads only the columns its computations list (CUSTOMER_FACT_COLUMNS,
 * DOCUMENT_TOTAL_COLUMNS, ATTRIBUTION_COLUMNS, PAYMENT_STATUS_COLUMNS, CONTRACT_STATUS_COLUMNS, via
 * DAILY_COLUMNS), the duplicate finder DUPLICATE_COLUMNS: same results on rows cut to them.
 */
import { PAYMENT_STATUS_COLUMNS, paymentStatus, type Values } from '../../src/core';
import {
  ATTRIBUTION_COLUMNS,
  attributedRevenue,
  CONTRACT_STATUS_COLUMNS,
  contractStatus,
  DUPLICATE_COLUMNS,
  CUSTOMER_FACT_COLUMNS,
  deriveCustomers,
  DOCUMENT_TOTAL_COLUMNS,
  documentTotals,
  findDuplicateGroups,
  type FactTables,
} from '../../src/core/workflows';
import { DEFAULT_TODAY, generateDataset } from '../../src/runtime/demo';
import type { TableKey } from '../../src/schema';
import { DAILY_COLUMNS } from '../../src/server/workflows/dailyJobs';
import { cutTo } from '../core/columnGuard';

const ds = generateDataset({ customers: 300, seed: 5 });
const rows = (k: TableKey): Values[] =>
  (ds[k] ?? []).map((r, i) => {
    const row = { ...r };
    if (i % 11 === 4) row.deleted = true;
    if (k === 'orders' && i % 4 === 0) row.total = null;
    if (k === 'contracts' && i % 3 === 0) row.status = null;
    return row;
  });
const params = { churnDays: 90, gradeA: 100000, gradeB: 30000, gradeC: 5000, gradeRecencyDays: 365 };
const FACTS: FactTables[] = ['opportunities', 'followUps', 'orders', 'payments', 'contracts', 'tickets', 'feedback'];

describe('derived-field column lists', () => {
  it('deriveCustomers gives the same grades, lifecycles and amounts on rows cut to CUSTOMER_FACT_COLUMNS', () => {
    const unlisted = new Set<string>();
    const full = Object.fromEntries(FACTS.map((k) => [k, rows(k)]));
    const cut = Object.fromEntries(FACTS.map((k) => [k, cutTo(k, full[k], CUSTOMER_FACT_COLUMNS[k], unlisted)]));
    const customers = rows('customers');
    const expected = deriveCustomers(customers, full, params, DEFAULT_TODAY);
    expect(deriveCustomers(cutTo('customers', customers, CUSTOMER_FACT_COLUMNS.customers, unlisted), cut, params, DEFAULT_TODAY)).toEqual(
      expected,
    );
    expect([...unlisted]).toEqual([]);
    expect(new Set(expected.map((d) => d.lifecycle)).size).toBeGreaterThanOrEqual(3);
  });

  it('document totals, campaign revenue, payment and contract status on rows cut to their lists', () => {
    const unlisted = new Set<string>();
    const lines = rows('lineItems');
    expect(documentTotals(cutTo('lineItems', lines, DOCUMENT_TOTAL_COLUMNS, unlisted))).toEqual(documentTotals(lines));
    const [campaigns, members, orders] = [rows('campaigns'), rows('campaignMembers'), rows('orders')];
    const total = (o: Values) => (typeof o.total === 'number' ? o.total : 1);
    expect(
      attributedRevenue(
        cutTo('campaigns', campaigns, ATTRIBUTION_COLUMNS.campaigns, unlisted),
        cutTo('campaignMembers', members, ATTRIBUTION_COLUMNS.campaignMembers, unlisted),
        cutTo('orders', orders, [...ATTRIBUTION_COLUMNS.orders, 'total'], unlisted),
        total,
      ),
    ).toEqual(attributedRevenue(campaigns, members, orders, total));
    const payments = rows('payments');
    expect(cutTo('payments', payments, PAYMENT_STATUS_COLUMNS, unlisted).map((p) => paymentStatus(p, DEFAULT_TODAY))).toEqual(
      payments.map((p) => paymentStatus(p, DEFAULT_TODAY)),
    );
    const contracts = rows('contracts');
    expect(cutTo('contracts', contracts, CONTRACT_STATUS_COLUMNS, unlisted).map((c) => contractStatus(c, DEFAULT_TODAY))).toEqual(
      contracts.map((c) => contractStatus(c, DEFAULT_TODAY)),
    );
    expect([...unlisted]).toEqual([]);
  });

  it('DAILY_COLUMNS holds every list of the computations it runs', () => {
    for (const k of FACTS) expect(DAILY_COLUMNS[k]).toEqual(expect.arrayContaining([...CUSTOMER_FACT_COLUMNS[k]]));
    expect(DAILY_COLUMNS.customers).toEqual(
      expect.arrayContaining([...CUSTOMER_FACT_COLUMNS.customers, 'lifetimeAmount', 'firstDealDate', 'grade', 'lifecycle']),
    );
    expect(DAILY_COLUMNS.lineItems).toEqual(expect.arrayContaining([...DOCUMENT_TOTAL_COLUMNS]));
    for (const k of ['campaigns', 'campaignMembers', 'orders'] as const)
      expect(DAILY_COLUMNS[k]).toEqual(expect.arrayContaining([...ATTRIBUTION_COLUMNS[k]]));
    expect(DAILY_COLUMNS.payments).toEqual(expect.arrayContaining([...PAYMENT_STATUS_COLUMNS, 'status']));
    expect(DAILY_COLUMNS.contracts).toEqual(expect.arrayContaining([...CONTRACT_STATUS_COLUMNS]));
  });

  it('the duplicate finder groups the same customers on rows cut to its list', () => {
    const unlisted = new Set<string>();
    const customers = rows('customers');
    customers.slice(0, 20).forEach((c, i) => {
      customers[40 + i].name = c.name;
      if (i % 2) customers[80 + i].phone = c.phone;
    });
    expect(findDuplicateGroups(cutTo('customers', customers, DUPLICATE_COLUMNS, unlisted))).toEqual(findDuplicateGroups(customers));
    expect(findDuplicateGroups(customers).length).toBeGreaterThan(5);
    expect([...unlisted]).toEqual([]);
  });
});
