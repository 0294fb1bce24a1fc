/**
 * Deterministic demo data: a whole CRM history for N customers (contacts, leads, opportunities,
 * follow-ups, quotes, orders with lines, contracts, payments, campaigns, feedback, tickets) as the
 * canonical records the store returns, for demo workbooks and benchmarks.
 */
import type { SettingsRow, TableKey } from '../../schema';
import { roleLabel, type Values } from '../../core';
import { addFollowUps, addSupport } from './activity';
import { generateCampaigns } from './campaigns';
import { DEFAULT_TEAM, PRODUCTS } from './catalog';
import { Gen, GENERATED_TABLES, type CustomerPlan } from './context';
import { customerMinutes, generateCustomer, generateLeads } from './customers';
import { generateDeals } from './deals';
import { addFallbackPlan } from './documents';
import { deriveCustomer } from './derive';
import { UNSTAMPED } from './builder';

export interface DemoOptions {
  customers: number;
  /** PRNG seed (default 1): the same seed, size, day and team give the same data. */
  seed?: number;
  /** 'YYYY-MM-DD' the data is "as of" (default '2026-11-23'): payment status, plans, expiries follow it. */
  today?: string;
  /** Owner e-mails (default: a team of eight @example.com). */
  owners?: string[];
}

/** Canonical records per table, each table in creation (row) order. */
export type Dataset = Partial<Record<TableKey, Values[]>>;

export const DEFAULT_TODAY = '2026-11-23';

const TEAMS = ['华东组', '华南组', '华北组', '西部组'];

export function generateDataset(opts: DemoOptions): Dataset {
  if (!Number.isInteger(opts.customers) || opts.customers < 0)
    throw new Error(`customers must be a whole number >= 0, got ${opts.customers}`);
  const owners = opts.owners?.length ? opts.owners : DEFAULT_TEAM.map((m) => m.email);
  const g = new Gen(opts.seed ?? 1, opts.today ?? DEFAULT_TODAY, owners);
  addProducts(g);
  addTeam(g, owners);
  const plans: CustomerPlan[] = [];
  for (const created of customerMinutes(g, opts.customers)) {
    const plan = generateCustomer(g, created);
    generateDeals(g, plan);
    addFollowUps(g, plan);
    addSupport(g, plan);
    deriveCustomer(g, plan);
    plans.push(plan);
  }
  addFallbackPlan(g, plans);
  const openLeads = generateLeads(g, plans);
  generateCampaigns(g, plans, openLeads);
  addTargets(g, owners);
  const out: Dataset = {};
  for (const key of GENERATED_TABLES) g.tables[key].assignIds(g.cal);
  for (const key of GENERATED_TABLES) g.tables[key].resolveLinks();
  for (const key of GENERATED_TABLES) out[key] = g.tables[key].sortedRows();
  return out;
}

/** The product list, created on the first day of the history by the first team member. */
function addProducts(g: Gen): void {
  const minute = g.cal.at(0, 9 * 60);
  g.products = PRODUCTS.map((p) => {
    const record: Values = {
      id: '',
      name: p.name,
      code: p.code,
      category: p.category,
      unit: p.unit,
      unitPrice: p.unitPrice,
      active: p.active,
      description: p.description,
      ...UNSTAMPED,
    };
    return g.tables.products.add(g.cal, record, minute, minute, g.owners[0]);
  });
}

/**
 * 业绩目标: the manager sets every member a target for each month of this year up to next month
 * (won amount, collected, new customers, follow-ups; a little more for the later members), and a
 * team target for 华东组 this month. The figures only need to be plausible next to the demo's deals.
 */
function addTargets(g: Gen, owners: readonly string[]): void {
  const today = g.cal.date(g.cal.today);
  const year = Number(today.slice(0, 4));
  const last = Math.min(12, Number(today.slice(5, 7)) + 1);
  const minute = g.cal.nowMinute;
  const month = (m: number) => `${year}-${m < 10 ? '0' : ''}${m}`;
  for (let m = 1; m <= last; m++) {
    owners.forEach((email, i) => {
      g.tables.targets.add(
        g.cal,
        {
          id: '',
          rep: email,
          team: null,
          month: month(m),
          wonAmount: 150000 + 10000 * (i % 4),
          collectedAmount: 100000 + 10000 * (i % 3),
          newCustomers: 2 + (i % 2),
          followUps: 20 + 2 * (i % 5),
          note: null,
        },
        minute,
        minute,
        owners[0],
      );
    });
  }
  g.tables.targets.add(
    g.cal,
    {
      id: '',
      rep: null,
      team: TEAMS[0],
      month: month(Number(today.slice(5, 7))),
      wonAmount: 400000,
      collectedAmount: 250000,
      newCustomers: 5,
      followUps: 50,
      note: '团队冲刺目标',
    },
    minute,
    minute,
    owners[0],
  );
}

/** Users rows of the settings tab: the first owner manages, the rest sell. */
function addTeam(g: Gen, owners: readonly string[]): void {
  owners.forEach((email, i) => {
    const known = DEFAULT_TEAM.find((m) => m.email === email);
    g.tables.settings.addPlain({
      type: '用户' satisfies SettingsRow['type'],
      key: email,
      value: known?.name ?? email.split('@')[0],
      en: null,
      role: roleLabel(i === 0 ? 'manager' : 'sales').zh,
      team: TEAMS[i % TEAMS.length],
      note: null,
    });
  });
}
