/**
 * Pure summary computation at scale: 100,000 customers, 500,000 follow-ups, 50,000 opportunities
 * (plus proportional orders, lines, payments, contracts, tickets, feedback, campaigns and the stage
 * history). Target: all seven reports under 2 s in Node. Run: npx tsx bench/summaries.ts [scale]
 */
import {
  buildSummaries,
  buildSummary,
  parseFilters,
  prepare,
  SUMMARY_KEYS,
  type SummaryData,
  type SummaryFilters,
  type SummaryKey,
} from '../src/core/summaries';
import { ORDER_LINE } from '../src/core/workflows';
import {
  CONTRACT_STATUSES,
  CUSTOMER_KINDS,
  firstFlagged,
  DELIVERY_STATUSES,
  FOLLOW_UP_METHODS,
  GRADES,
  LIFECYCLES,
  MEMBER_KINDS,
  STAGES,
  TICKET_STATUSES,
  TICKET_TYPES,
} from '../src/schema';

type Row = Record<string, unknown>;
const scale = Number(process.argv[2] ?? 1);
let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const day = () => `${pick([2023, 2024])}-${pad(1 + Math.floor(rand() * 12))}-${pad(1 + Math.floor(rand() * 28))}`;
const time = () => `${day()} ${pad(Math.floor(rand() * 24))}:${pad(Math.floor(rand() * 60))}`;
const owners = Array.from({ length: 50 }, (_, i) => `rep${i}@example.com`);
const industries = ['制造业', '金融业', '软件和信息技术服务业', '批发和零售业', '教育', '建筑业'];
const n = (k: number) => Math.round(k * scale);

function generate(): SummaryData {
  const t0 = Date.now();
  const customers: Row[] = Array.from({ length: n(100000) }, (_, i) => ({
    id: `C${i}`,
    name: `客户${i}`,
    industry: pick(industries),
    region: pick(['上海', '北京', '广东', '浙江']),
    size: pick(['1-19', '20-99', '1000+']),
    grade: pick(GRADES).value,
    lifecycle: pick(LIFECYCLES).value,
    kind: pick(CUSTOMER_KINDS).value,
    owner: pick(owners),
    tags: rand() < 0.1 ? ['高潜力客户'] : [],
    createdAt: time(),
    deleted: rand() < 0.01,
  }));
  const cid = () => `C${Math.floor(rand() * customers.length)}`;
  const stages = STAGES.map((s) => s.value);
  const opportunities: Row[] = [];
  const history: Row[] = [];
  for (let i = 0; i < n(50000); i++) {
    const createdAt = time();
    const stage = pick(stages);
    opportunities.push({
      id: `O${i}`,
      name: `机会${i}`,
      customerId: cid(),
      stage,
      amount: Math.floor(rand() * 1e6),
      owner: pick(owners),
      createdAt,
      stageChangedAt: createdAt,
      expectedCloseDate: day(),
      wonAt: stage === firstFlagged(STAGES, 'won') ? day() : null,
      deleted: false,
    });
    history.push({
      time: createdAt,
      table: 'opportunities',
      recordId: `O${i}`,
      field: '*',
      oldValue: '',
      newValue: JSON.stringify({ name: `机会${i}`, stage: firstFlagged(STAGES, 'initial') }),
    });
    history.push({
      time: time(),
      table: 'opportunities',
      recordId: `O${i}`,
      field: 'stage',
      oldValue: firstFlagged(STAGES, 'initial'),
      newValue: stage,
    });
    history.push({ time: time(), table: 'customers', recordId: cid(), field: 'phone', oldValue: '1', newValue: '2' });
  }
  const followUps: Row[] = Array.from({ length: n(500000) }, (_, i) => ({
    id: `F${i}`,
    customerId: cid(),
    opportunityId: rand() < 0.3 ? `O${Math.floor(rand() * opportunities.length)}` : null,
    time: time(),
    method: pick(FOLLOW_UP_METHODS).value,
    owner: pick(owners),
    content: 'x',
    deleted: false,
  }));
  const orders: Row[] = Array.from({ length: n(50000) }, (_, i) => ({
    id: `S${i}`,
    customerId: cid(),
    total: rand() < 0.5 ? null : Math.floor(rand() * 1e5),
    orderDate: day(),
    owner: pick(owners),
    deliveryStatus: pick(DELIVERY_STATUSES).value,
    deleted: false,
  }));
  const lineItems: Row[] = Array.from({ length: n(100000) }, (_, i) => ({
    id: `D${i}`,
    docType: ORDER_LINE,
    docId: `S${Math.floor(rand() * orders.length)}`,
    product: `产品${Math.floor(rand() * 40)}`,
    quantity: 2,
    unitPrice: 100,
    discount: 0,
    amount: 200,
    deleted: false,
  }));
  const deliveryNotes: Row[] = Array.from({ length: n(40000) }, (_, i) => ({
    id: `DN${i}`,
    noteNo: `N${Math.floor(i / 2)}`,
    orderId: `S${Math.floor(rand() * orders.length)}`,
    quantity: 1,
    shipDate: day(),
    receivedDate: rand() < 0.7 ? day() : null,
    deleted: false,
  }));
  const payments: Row[] = Array.from({ length: n(50000) }, (_, i) => ({
    id: `R${i}`,
    customerId: cid(),
    orderId: `S${Math.floor(rand() * orders.length)}`,
    amount: 1000,
    dueDate: day(),
    paidDate: rand() < 0.6 ? day() : null,
    deleted: false,
  }));
  const contracts: Row[] = Array.from({ length: n(10000) }, (_, i) => ({
    id: `K${i}`,
    customerId: cid(),
    amount: 5000,
    signDate: day(),
    endDate: day(),
    status: firstFlagged(CONTRACT_STATUSES, 'active'),
    owner: pick(owners),
    deleted: false,
  }));
  const tickets: Row[] = Array.from({ length: n(20000) }, (_, i) => ({
    id: `T${i}`,
    customerId: cid(),
    type: pick(TICKET_TYPES).value,
    status: pick(TICKET_STATUSES).value,
    openedAt: time(),
    closedAt: time(),
    owner: pick(owners),
    deleted: false,
  }));
  const feedback: Row[] = Array.from({ length: n(20000) }, (_, i) => ({
    id: `B${i}`,
    customerId: cid(),
    date: day(),
    satisfaction: 1 + Math.floor(rand() * 5),
    topic: '产品',
    deleted: false,
  }));
  const campaigns: Row[] = Array.from({ length: 100 }, (_, i) => ({
    id: `M${i}`,
    name: `活动${i}`,
    startDate: day(),
    endDate: day(),
    budget: 10000,
    owner: pick(owners),
    revenue: null,
    deleted: false,
  }));
  const campaignMembers: Row[] = Array.from({ length: n(10000) }, (_, i) => ({
    id: `A${i}`,
    campaignId: `M${Math.floor(rand() * 100)}`,
    memberKind: firstFlagged(MEMBER_KINDS, 'customerMember'),
    customerId: cid(),
    deleted: false,
  }));
  const leads: Row[] = [];
  const todos: Row[] = Array.from({ length: n(20000) }, (_, i) => ({
    id: `TD${i}`,
    customerId: cid(),
    owner: pick(owners),
    dueAt: `${day()} 10:00`,
    done: rand() < 0.5,
    deleted: false,
  }));
  console.log(
    `generated in ${Date.now() - t0} ms: ${customers.length} customers, ${followUps.length} follow-ups, ${opportunities.length} opportunities, ${history.length} history rows`,
  );
  return {
    customers,
    leads,
    opportunities,
    followUps,
    orders,
    lineItems,
    contracts,
    payments,
    campaigns,
    campaignMembers,
    feedback,
    tickets,
    todos,
    deliveryNotes,
    history,
    targets: [],
  };
}

const data = generate();
const ctx = {
  lang: 'zh' as const,
  today: '2024-12-15',
  now: '2024-12-15 10:00',
  params: { stalledDays: 14, churnDays: 90, contractExpiryDays: 30 },
};
const filters = Object.fromEntries(SUMMARY_KEYS.map((k) => [k, parseFilters(k, { period: '全部' })])) as Record<SummaryKey, SummaryFilters>;
// Wall time depends on what else the machine runs; CPU time (this process, GC threads included) less so.
for (let run = 1; run <= 5; run++) {
  const t = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const reports = buildSummaries(data, ctx, filters);
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const used = process.cpuUsage(cpu);
  const rows = reports.reduce((s, r) => s + r.sections.reduce((a, x) => a + x.table.rows.length, 0), 0);
  console.log(
    `run ${run}: all 7 reports in ${ms.toFixed(0)} ms wall, ${((used.user + used.system) / 1000).toFixed(0)} ms CPU (${rows} output rows)`,
  );
}
const t0 = process.hrtime.bigint();
const prepared = prepare(data);
console.log(`  prepare      ${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(0)} ms (live rows, lookups)`);
for (const key of SUMMARY_KEYS) {
  const t = process.hrtime.bigint();
  buildSummary(key, prepared, ctx, filters[key]);
  console.log(`  ${key.padEnd(12)} ${(Number(process.hrtime.bigint() - t) / 1e6).toFixed(0)} ms`);
}
