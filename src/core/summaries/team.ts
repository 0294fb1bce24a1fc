import { flagged, FOLLOW_UP_METHODS, STAGES, type Label } from '../../schema';
import { byText, col, section } from './build';
import { isPaid, num, paymentOwner, str, type Prepared, type Scope, type SummaryContext } from './data';
import type { SummaryFilters } from './filters';
import { L, optionText } from './labels';
import { cents, ratio, type Cell, type SummaryReport } from './model';
import { startReport } from './report';

const WON = new Set<string>(flagged(STAGES, 'won'));

const T = {
  perOwner: { zh: '按负责人', en: 'By owner' },
  customersFollowed: { zh: '跟进客户数', en: 'Customers followed' },
  followUps: { zh: '跟进次数', en: 'Follow-ups' },
  newOpps: { zh: '新增机会', en: 'New opportunities' },
  won: { zh: '赢单数', en: 'Won' },
  wonAmount: { zh: '赢单金额', en: 'Won amount' },
  due: { zh: '应收金额', en: 'Due' },
  collected: { zh: '已回款', en: 'Collected' },
  collectionRate: { zh: '回款率', en: 'Collection rate' },
  overdue: { zh: '逾期应收（截至今日）', en: 'Overdue receivables (today)' },
  wonChart: { zh: '赢单金额（按负责人）', en: 'Won amount by owner' },
  followChart: { zh: '跟进次数（按负责人）', en: 'Follow-ups by owner' },
  todos: { zh: '待办事项（按执行人，截至今日）', en: 'To-dos by assignee (today)' },
  assignee: { zh: '执行人', en: 'Assignee' },
  openTodos: { zh: '未完成', en: 'Open' },
  overdueTodos: { zh: '已逾期', en: 'Overdue' },
  todoNote: {
    zh: '未完成的待办事项；截止日期早于今天的为已逾期；不受统计期间限制',
    en: 'Open to-dos; those due before today are overdue; the period does not apply',
  },
  note: {
    zh: '回款率 = 期间内应收款项中已回款的金额 ÷ 应收金额；逾期应收不受期间限制',
    en: 'Collection rate = paid share of the amounts due in the period; overdue receivables ignore the period',
  },
} satisfies Record<string, Label>;

export interface OwnerRow {
  customers: number;
  followUps: number;
  byMethod: Map<string, number>;
  newOpps: number;
  won: number;
  wonAmount: number;
  due: number;
  collected: number;
  overdue: number;
}
const blankRow = (): OwnerRow => ({
  customers: 0,
  followUps: 0,
  byMethod: new Map(),
  newOpps: 0,
  won: 0,
  wonAmount: 0,
  due: 0,
  collected: 0,
  overdue: 0,
});

/** What the team report counts per owner over one period (the targets report reads it too). */
export interface OwnerTally {
  /** Owner cell (email or display name) → the owner's figures. */
  rows: Map<string, OwnerRow>;
  /** Customer → who followed it (one owner, or a set): distinct customers in the total. */
  followedBy: Map<string, string | Set<string>>;
}

/**
 * The per-owner figures of one scope (period, owner and kind filters): follow-ups (distinct
 * customers, by method), new and won opportunities and the won amount (by `wonAt`), payments due in
 * the period and those of them paid (回款), overdue receivables (any period). One pass over each
 * table; both the team report and the targets report take their actuals from here (`lean`: the
 * targets report's figures only, so follow-ups are counted without their method and only paid
 * payments are looked at: the rebuild reads no more of the other rows, see deferredRows).
 */
export function ownerTally(p: Prepared, ctx: SummaryContext, scope: Scope, lean = false): OwnerTally {
  const rows = new Map<string, OwnerRow>();
  const row = (owner: unknown) => {
    const key = str(owner);
    let r = rows.get(key);
    if (!r) {
      r = blankRow();
      rows.set(key, r);
    }
    return r;
  };
  // Who followed each customer: one owner (the usual case) or a set, so distinct (owner, customer)
  // pairs are counted without a set per owner.
  const followedBy = new Map<string, string | Set<string>>();
  const firstVisit = (customerId: string, owner: string): boolean => {
    const seen = followedBy.get(customerId);
    if (seen === undefined) followedBy.set(customerId, owner);
    else if (typeof seen === 'string') {
      if (seen === owner) return false;
      followedBy.set(customerId, new Set([seen, owner]));
    } else {
      if (seen.has(owner)) return false;
      seen.add(owner);
    }
    return true;
  };
  // The period first: the rebuild reads a follow-up's owner and method only in it (DEFERRED_COLUMNS).
  for (const f of p.data.followUps) {
    if (!scope.inPeriod(f.time) || !scope.ownerOk(f.owner) || !scope.kindOk(f.customerId)) continue;
    const r = row(f.owner);
    if (firstVisit(str(f.customerId), str(f.owner))) r.customers++;
    r.followUps++;
    // (The targets report counts follow-ups without their method: the rebuild reads only the owner
    // of those outside the team report's period, see ownerOnlyFollowUps.)
    if (lean) continue;
    const m = str(f.method);
    r.byMethod.set(m, (r.byMethod.get(m) ?? 0) + 1);
  }
  for (const o of p.data.opportunities) {
    if (!scope.ownerOk(o.owner) || !scope.kindOk(o.customerId)) continue;
    if (scope.inPeriod(o.createdAt)) row(o.owner).newOpps++;
    if (WON.has(str(o.stage)) && o.wonAt && scope.inPeriod(o.wonAt)) {
      const r = row(o.owner);
      r.won++;
      r.wonAmount += num(o.amount);
    }
  }
  // Only payments due in the period or overdue count, so those are picked first: the rebuild reads
  // the other fields of those alone (DEFERRED_COLUMNS).
  for (const pay of p.data.payments) {
    const paid = isPaid(pay);
    if (lean && !paid) continue;
    const dueDate = pay.dueDate ?? pay.paidDate;
    const due = scope.inPeriod(dueDate) && typeof dueDate === 'string';
    const overdue = !paid && typeof pay.dueDate === 'string' && pay.dueDate < ctx.today;
    if (!due && !overdue) continue;
    const owner = paymentOwner(p, pay);
    if (!scope.ownerOk(owner) || !scope.kindOk(pay.customerId)) continue;
    if (due) {
      const r = row(owner);
      r.due += num(pay.amount);
      if (paid) r.collected += num(pay.amount);
    }
    if (overdue) row(owner).overdue += num(pay.amount);
  }
  return { rows, followedBy };
}

/** New customers per owner (created in the scope's period): the targets report's fourth figure. */
export function newCustomersByOwner(p: Prepared, scope: Scope): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of p.data.customers) {
    if (!scope.inPeriod(c.createdAt) || !scope.ownerOk(c.owner) || !scope.kindOk(c.id)) continue;
    const key = str(c.owner);
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

/**
 * 3. Team performance per owner: customers followed and follow-ups by method, new and won
 * opportunities, payments collected vs due (回款率), overdue receivables; then open and overdue
 * to-dos per assignee.
 */
export function teamPerformance(p: Prepared, ctx: SummaryContext, filters: SummaryFilters): SummaryReport {
  const { tr, scope, finish } = startReport('team', p, ctx, filters);
  const { rows, followedBy } = ownerTally(p, ctx, scope);

  const methods = FOLLOW_UP_METHODS.map((m) => m.value);
  const cells = (name: string, r: OwnerRow, customers: number): Cell[] => [
    name,
    customers,
    r.followUps,
    ...methods.map((m) => r.byMethod.get(m) ?? 0),
    r.newOpps,
    r.won,
    cents(r.wonAmount),
    cents(r.due),
    cents(r.collected),
    ratio(r.collected, r.due),
    cents(r.overdue),
  ];
  const owners = [...rows.keys()].sort((a, b) => (rows.get(b) as OwnerRow).wonAmount - (rows.get(a) as OwnerRow).wonAmount || byText(a, b));
  const body: Cell[][] = owners.map((o) => cells(scope.ownerName(o), rows.get(o) as OwnerRow, (rows.get(o) as OwnerRow).customers));
  if (body.length) {
    const total = blankRow();
    for (const r of rows.values()) {
      total.followUps += r.followUps;
      total.newOpps += r.newOpps;
      total.won += r.won;
      total.wonAmount += r.wonAmount;
      total.due += r.due;
      total.collected += r.collected;
      total.overdue += r.overdue;
      for (const [m, n] of r.byMethod) total.byMethod.set(m, (total.byMethod.get(m) ?? 0) + n);
    }
    // A customer followed by two owners is one customer in the total.
    body.push(cells(tr(L.total), total, followedBy.size));
  }
  const columns = [
    col(tr(L.owner)),
    col(tr(T.customersFollowed), 'count'),
    col(tr(T.followUps), 'count'),
    ...FOLLOW_UP_METHODS.map((m) => col(optionText(FOLLOW_UP_METHODS, m.value, ctx.lang), 'count')),
    col(tr(T.newOpps), 'count'),
    col(tr(T.won), 'count'),
    col(tr(T.wonAmount), 'currency'),
    col(tr(T.due), 'currency'),
    col(tr(T.collected), 'currency'),
    col(tr(T.collectionRate), 'percent'),
    col(tr(T.overdue), 'currency'),
  ];
  const wonAt = 3 + methods.length + 2;
  // Open and overdue to-dos per assignee, as of today (like overdue receivables: no period).
  const todoRows = new Map<string, { open: number; overdue: number }>();
  for (const t of p.data.todos) {
    if (t.deleted || t.done === true || !scope.ownerOk(t.owner) || !scope.kindOk(t.customerId)) continue;
    const key = str(t.owner);
    const r = todoRows.get(key) ?? { open: 0, overdue: 0 };
    r.open++;
    if (typeof t.dueAt === 'string' && t.dueAt.slice(0, 10) < ctx.today) r.overdue++;
    todoRows.set(key, r);
  }
  const todoOwners = [...todoRows.keys()].sort((a, b) => (todoRows.get(b)?.overdue ?? 0) - (todoRows.get(a)?.overdue ?? 0) || byText(a, b));
  const todoBody: Cell[][] = todoOwners.map((o) => [scope.ownerName(o), todoRows.get(o)?.open ?? 0, todoRows.get(o)?.overdue ?? 0]);
  if (todoBody.length) {
    const sum = (k: 'open' | 'overdue') => [...todoRows.values()].reduce((n, r) => n + r[k], 0);
    todoBody.push([tr(L.total), sum('open'), sum('overdue')]);
  }
  return finish([
    section(
      tr,
      tr(T.perOwner),
      { columns, rows: body },
      [
        { type: 'column', title: tr(T.wonChart), valueColumns: [wonAt], skipLast: 1 },
        { type: 'bar', title: tr(T.followChart), valueColumns: methods.map((_, i) => 3 + i), skipLast: 1 },
      ],
      tr(T.note),
    ),
    section(
      tr,
      tr(T.todos),
      { columns: [col(tr(T.assignee)), col(tr(T.openTodos), 'count'), col(tr(T.overdueTodos), 'count')], rows: todoBody },
      [],
      tr(T.todoNote),
    ),
  ]);
}
