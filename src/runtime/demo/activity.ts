/** Follow-ups (with next plans), customer feedback and service tickets of one customer. */
import {
  hasFlag,
  TICKET_STATUSES,
  type FeedbackStatus,
  type FeedbackTopic,
  type FollowUpMethod,
  type TicketPriority,
  type TicketStatus,
  type TicketType,
  type TodoPriority,
} from '../../schema';
import type { Values } from '../../core';
import {
  FEEDBACK_CONTENT,
  FOLLOW_UP_CONTENT,
  FOLLOW_UP_FEEDBACK,
  NEXT_PLANS,
  RESOLUTIONS,
  SUGGESTIONS,
  TICKET_DESCRIPTIONS,
  TICKET_SUBJECTS,
} from './catalog';
import { DAY_MINUTES } from './calendar';
import type { CustomerPlan, Fate, Gen } from './context';
import { cumulative } from './random';
import { UNSTAMPED } from './builder';

const METHODS = ['电话', '邮件', '面谈', '线上会议'] as const satisfies readonly FollowUpMethod[];
const METHOD_WEIGHTS = cumulative([40, 20, 20, 20]);
/** Mean follow-ups per customer by fate, before the age factor. */
const FOLLOW_UP_MEAN: Readonly<Record<Fate, number>> = { won: 11.5, interested: 8.5, prospect: 4, churned: 7.5 };
const FEEDBACK_MEAN: Readonly<Record<Fate, number>> = { won: 0.9, churned: 0.7, interested: 0, prospect: 0 };
const TICKET_MEAN: Readonly<Record<Fate, number>> = { won: 0.9, churned: 0.7, interested: 0, prospect: 0 };
const CHANNELS = ['电话', '邮件', '问卷', '面谈', '微信', '官网'];
const CHANNEL_WEIGHTS = cumulative([25, 15, 25, 10, 20, 5]);
const TOPICS = ['产品', '服务', '整体体验'] as const satisfies readonly FeedbackTopic[];
const TOPIC_WEIGHTS = cumulative([45, 35, 20]);
const SATISFACTION_WEIGHTS = cumulative([5, 8, 20, 40, 27]);
const TICKET_TYPES = ['咨询', '投诉', '维修', '服务请求'] as const satisfies readonly TicketType[];
const TICKET_TYPE_WEIGHTS = cumulative([35, 15, 20, 30]);
const PRIORITIES = ['低', '中', '高', '紧急'] as const satisfies readonly TicketPriority[];
const PRIORITY_WEIGHTS = cumulative([25, 45, 22, 8]);
const OLD_TICKET_STATUS = cumulative([3, 7, 20, 70]);
const NEW_TICKET_STATUS = cumulative([30, 40, 20, 10]);
// In the schema's order: the weights below follow it.
const TICKET_STATUS_VALUES = TICKET_STATUSES.map((s) => s.value);

/** A planned time on the half hour between 09:00 and 17:00. */
function planMinute(g: Gen, day: number): number {
  return g.cal.at(day, 9 * 60 + 30 * g.rng.int(0, 16));
}

export function addFollowUps(g: Gen, plan: CustomerPlan): void {
  const { rng, cal } = g;
  const ageFactor = Math.min(1.25, 0.35 + (cal.today - cal.dayOf(plan.created)) / 250);
  const count = rng.count(FOLLOW_UP_MEAN[plan.fate] * ageFactor);
  const times: number[] = [];
  for (let i = 0; i < count; i++) times.push(g.minuteBetween(plan.created, plan.end));
  times.sort((a, b) => a - b);
  for (let i = 0; i < count; i++) {
    const time = times[i];
    const method = METHODS[rng.weighted(METHOD_WEIGHTS)];
    let opp: Values | null = null;
    if (rng.chance(0.75))
      for (const s of plan.opportunities)
        if (s.from <= time && time <= s.to) {
          opp = s.record;
          break;
        }
    let nextPlanAt: number | null = null;
    let nextPlan: string | null = null;
    if (i === count - 1 && plan.fate !== 'churned') {
      // The latest follow-up holds the customer's current plan: some overdue, some today, most ahead.
      const day = cal.dayOf(time);
      const r = rng.next();
      const planDay = r < 0.25 && day < cal.today - 1 ? rng.int(day + 1, cal.today - 1) : r < 0.35 ? cal.today : cal.today + rng.int(1, 30);
      nextPlanAt = planMinute(g, planDay);
      nextPlan = rng.pick(NEXT_PLANS);
    } else if (rng.chance(0.55)) {
      nextPlanAt = planMinute(g, cal.dayOf(time) + rng.int(1, 14));
      nextPlan = rng.pick(NEXT_PLANS);
    } else if (rng.chance(0.55)) nextPlan = '无';
    const user = g.ownerFor(plan);
    const followUp: Values = {
      id: '',
      customerId: plan.record,
      opportunityId: opp,
      time: cal.stamp(time),
      method,
      owner: user,
      content: rng.pick(FOLLOW_UP_CONTENT[method]),
      feedback: rng.chance(0.6) ? rng.pick(FOLLOW_UP_FEEDBACK) : null,
      nextPlanAt: nextPlanAt === null ? null : cal.stamp(nextPlanAt),
      nextPlan,
      // Calendar events are made by each person's own sync once they turn it on, never generated.
      calendarEvent: null,
      calendarSync: false,
      // Logged emails (the demo's mailboxes, src/runtime/demo/mailbox.ts) come from the CRM's own logging.
      emailId: null,
      emailDirection: null,
      emailLink: null,
      ...UNSTAMPED,
    };
    g.tables.followUps.add(cal, followUp, time, time, user);
    if (nextPlanAt !== null && i === count - 1) addTodo(g, plan, followUp, opp, nextPlanAt, time, user);
  }
}

const TODO_PRIORITIES: readonly TodoPriority[] = ['高', '普通', '普通', '普通', '低'];

/**
 * Half of the customers' current plans are also a to-do for the rep (as Log follow-up's "also a
 * to-do" makes them): due at the plan, about the opportunity when there is one; a third of those
 * already past are done.
 */
function addTodo(g: Gen, plan: CustomerPlan, followUp: Values, opp: Values | null, due: number, made: number, user: string): void {
  const r = g.todoRng;
  if (!r.chance(0.5)) return;
  const cal = g.cal;
  const done = due < cal.nowMinute && r.chance(0.33);
  const doneAt = done ? Math.min(cal.nowMinute, due + r.int(0, 600)) : null;
  const todo: Values = {
    id: '',
    title: String(followUp.nextPlan ?? '回访'),
    dueAt: cal.stamp(due),
    owner: user,
    priority: r.pick(TODO_PRIORITIES),
    customerId: plan.record,
    linkId: opp,
    done,
    doneAt: doneAt === null ? null : cal.stamp(doneAt),
    notes: null,
    ...UNSTAMPED,
  };
  g.tables.todos.add(cal, todo, made, doneAt ?? made, user);
}

/** Feedback and tickets come from customers who bought something. */
export function addSupport(g: Gen, plan: CustomerPlan): void {
  if (!plan.orders.length) return;
  const { rng, cal } = g;
  const from = g.cal.at(
    plan.orderDays.reduce((a, b) => Math.min(a, b)),
    0,
  );
  const feedbackCount = rng.count(FEEDBACK_MEAN[plan.fate]);
  for (let i = 0; i < feedbackCount; i++) {
    const minute = g.minuteBetween(Math.max(from, plan.created), plan.end);
    const day = cal.dayOf(minute);
    const topic = TOPICS[rng.weighted(TOPIC_WEIGHTS)];
    const satisfaction = 1 + rng.weighted(SATISFACTION_WEIGHTS);
    const handled: FeedbackStatus =
      day < cal.today - 14 ? (rng.chance(0.9) ? '已处理' : '处理中') : rng.pick<FeedbackStatus>(['待处理', '待处理', '处理中', '已处理']);
    const record: Values = {
      id: '',
      customerId: plan.record,
      date: cal.date(day),
      channel: CHANNELS[rng.weighted(CHANNEL_WEIGHTS)],
      topic,
      satisfaction,
      content: rng.pick(FEEDBACK_CONTENT[topic]),
      suggestion: rng.chance(satisfaction <= 3 ? 0.8 : 0.2) ? rng.pick(SUGGESTIONS) : null,
      status: handled,
      ...UNSTAMPED,
    };
    g.tables.feedback.add(cal, record, minute, minute, plan.owner);
  }
  const ticketCount = rng.count(TICKET_MEAN[plan.fate]);
  for (let i = 0; i < ticketCount; i++) addTicket(g, plan, g.minuteBetween(Math.max(from, plan.created), plan.end));
}

function addTicket(g: Gen, plan: CustomerPlan, opened: number): void {
  const { rng, cal } = g;
  const type = TICKET_TYPES[rng.weighted(TICKET_TYPE_WEIGHTS)];
  const room = cal.nowMinute - opened;
  let status: TicketStatus = TICKET_STATUS_VALUES[rng.weighted(cal.dayOf(opened) < cal.today - 7 ? OLD_TICKET_STATUS : NEW_TICKET_STATUS)];
  if (room < 30) status = '新建';
  const closed = hasFlag(TICKET_STATUSES, status, 'closed') ? opened + rng.int(30, Math.min(room, 14 * DAY_MINUTES)) : null;
  const user = g.owner();
  const record: Values = {
    id: '',
    customerId: plan.record,
    contactId: rng.chance(0.8) ? rng.pick(plan.contacts) : null,
    subject: rng.pick(TICKET_SUBJECTS[type]),
    type,
    priority: PRIORITIES[rng.weighted(PRIORITY_WEIGHTS)],
    openedAt: cal.stamp(opened),
    owner: user,
    status,
    description: rng.chance(0.7) ? rng.pick(TICKET_DESCRIPTIONS) : null,
    resolution: closed !== null ? rng.pick(RESOLUTIONS) : status === '处理中' && rng.chance(0.3) ? '已联系客户，正在排查' : null,
    closedAt: closed === null ? null : cal.stamp(closed),
    // Without a draw of its own (the generator's sequence stays as it was): repairs on site, the rest by phone.
    channel: type === '维修' ? '现场' : '电话',
    ...UNSTAMPED,
  };
  g.tables.tickets.add(cal, record, opened, closed ?? opened, user);
}
