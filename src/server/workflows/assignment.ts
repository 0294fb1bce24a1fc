import { foldKey, isPoolTable, poolOwner, type DataTableKey } from '../../schema';
import {
  assignmentNote,
  firstMatch,
  numberParam,
  openLeadCounts,
  parseRules,
  pickOwner,
  pickTicketOwner,
  type Assignment,
  type Values,
} from '../../core';
import type { HistoryEntry } from '../../store';
import { loadColumns } from '../../store';
import type { Context } from '../context';

/**
 * Round-robin positions (team → the email last picked) in one document property. Why a property
 * and not a settings row: it changes with every assignment, and a settings row would be a cell
 * people can type over and one more write per save; the property is the script's own, survives
 * executions, and is read and written only inside the script lock (every caller of assignOwner
 * holds it), so two executions never pick from the same position. A write that fails after the
 * property moved on only makes the next pick skip one rep once.
 */
export const ROUND_ROBIN_PROPERTY = 'crm.assign.roundRobin';

function properties(): GoogleAppsScript.Properties.Properties | null {
  return typeof PropertiesService === 'undefined' ? null : PropertiesService.getDocumentProperties();
}

function readPositions(): Record<string, string> {
  try {
    const raw = properties()?.getProperty(ROUND_ROBIN_PROPERTY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** The industry option's zh value and English label, for rules written in either. */
function industryLabels(ctx: Context) {
  return (v: string): readonly string[] => {
    const k = foldKey(v);
    const hit = ctx.settings.lists.industry.find((o) => foldKey(o.value) === k || foldKey(o.en) === k);
    return hit ? [hit.value, hit.en] : [v];
  };
}

export interface Assigned {
  owner: string;
  assignment: Assignment;
}

/**
 * Assigns many records in one step (an import's rows, one form submission): the rules parsed, the
 * open leads counted (when a cap is set) and the round-robin positions read once; each pick moves
 * the positions and counts the lead it gives. `save()` writes the positions back (once). The
 * caller holds the lock.
 */
export function assigner(ctx: Context, key: DataTableKey): { pick(values: Values): Assigned | null; save(): void } {
  if (!isPoolTable(key) || !ctx.settings.rules.length) return { pick: () => null, save: () => undefined };
  const { rules } = parseRules(ctx.settings.rules, ctx.settings.users);
  const labels = industryLabels(ctx);
  const cap = numberParam(ctx.settings, 'assignLeadCap');
  let open: Map<string, number> | null = null;
  let positions: Record<string, string> | null = null;
  let moved = false;
  return {
    pick(values) {
      const rule = firstMatch(rules, values, labels);
      if (!rule) return null;
      // Open leads per rep: the leads' owner and status columns, read only when a cap is set.
      open ??= cap > 0 ? openLeadCounts(loadColumns(ctx.store, 'leads', ['owner', 'status']).records, ctx.settings.users) : new Map();
      const team = rule.target.kind === 'team' ? foldKey(rule.target.team) : '';
      if (rule.target.kind === 'team') positions ??= readPositions();
      const assignment = pickOwner(rule, ctx.settings.users, positions?.[team] ?? null, open, cap);
      if (assignment.to === 'rep') {
        if (assignment.next !== null && positions) {
          positions[team] = assignment.next;
          moved = true;
        }
        if (key === 'leads') open.set(foldKey(assignment.owner), (open.get(foldKey(assignment.owner)) ?? 0) + 1);
      }
      return { owner: assignment.to === 'rep' ? assignment.owner : poolOwner(ctx.lang), assignment };
    },
    save() {
      if (moved && positions) properties()?.setProperty(ROUND_ROBIN_PROPERTY, JSON.stringify(positions));
      moved = false;
    },
  };
}

/**
 * The owner the settings tab's rules give one new customer or lead (`values` as the person gave
 * them), or null when no rule matches (the caller keeps its default owner). The caller holds the lock.
 */
export function assignOwner(ctx: Context, key: DataTableKey, values: Values): Assigned | null {
  const a = assigner(ctx, key);
  const picked = a.pick(values);
  a.save();
  return picked;
}

/** The change-log row and the event of an assignment, once the record has its ID. */
export function recordAssignment(ctx: Context, key: DataTableKey, record: Values, assigned: Assigned): HistoryEntry {
  const note = assignmentNote(assigned.assignment, ctx.lang);
  const title = String(record[key === 'customers' ? 'name' : 'company'] ?? record.id);
  if (assigned.assignment.to === 'rep') {
    ctx.events.push({ kind: 'assigned', to: assigned.owner, table: key, recordId: String(record.id), title, detail: note });
  }
  return {
    time: ctx.now,
    user: ctx.user,
    table: key,
    recordId: String(record.id),
    field: 'owner',
    oldValue: '',
    newValue: assigned.owner,
    source: 'assign',
    note,
  };
}

/** The round-robin position of the service team (a key no sales team can have: team names are folded text, never '#'). */
const SERVICE_POSITION = '#service';

/**
 * The owner of a ticket a customer raised through the portal (core's pickTicketOwner): the service
 * team in turn (the position kept with the sales teams' in the same property), else the customer's
 * owner, else null (the caller names the spreadsheet owner). Returns the owner and the history note.
 * The caller holds the lock.
 */
export function assignTicket(ctx: Context, customerOwner: string): { owner: string; note: string } | null {
  // The position is read only when there is a service team to take turns.
  const positions = ctx.settings.users.some((u) => u.role === 'service') ? readPositions() : {};
  const picked = pickTicketOwner(ctx.settings.users, positions[SERVICE_POSITION] ?? null, customerOwner);
  if (!picked) return null;
  if (picked.next !== null) {
    positions[SERVICE_POSITION] = picked.next;
    properties()?.setProperty(ROUND_ROBIN_PROPERTY, JSON.stringify(positions));
  }
  const zh = picked.how === 'service' ? '客服轮流分配' : '客户负责人';
  const en = picked.how === 'service' ? 'service team, in turn' : "the customer's owner";
  return { owner: picked.owner, note: ctx.lang === 'zh' ? zh : en };
}
