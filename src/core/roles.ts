import { DATA_TABLE_KEYS, foldKey, isDataTableKey, isTableKey, ROLES, tableDef, type DataTableKey } from '../schema';
import type { Role, TeamMember } from './settings';
import type { Values } from './validate';

/**
 * What an entry point needs from its caller. 'public' runs without a check (simple triggers, opening
 * the sidebar); 'read' is everyone's (unknown users are viewers, and viewers read); 'write' is any
 * role that may change some table, the record itself being checked on every write; 'setup' is an
 * admin, or anyone while the settings tab has no users yet (the first run makes its runner admin).
 */
export type Permission = 'public' | 'read' | 'write' | 'export' | 'import' | 'admin' | 'setup';

/** The person an execution acts for, as the settings tab knows them. */
export interface Actor {
  email: string;
  role: Role;
  team: string;
}

const RANK: Readonly<Record<Permission, readonly Role[]>> = {
  public: ['admin', 'manager', 'sales', 'service', 'viewer'],
  read: ['admin', 'manager', 'sales', 'service', 'viewer'],
  write: ['admin', 'manager', 'sales', 'service'],
  export: ['admin', 'manager'],
  import: ['admin'],
  admin: ['admin'],
  setup: ['admin'],
};

export function roleAllows(role: Role, permission: Permission): boolean {
  return RANK[permission].includes(role);
}

export function roleLabel(role: Role): { zh: string; en: string } {
  const hit = ROLES.find((r) => r.en === role);
  return { zh: hit?.value ?? role, en: role };
}

function sameUser(a: string, b: string): boolean {
  return a !== '' && foldKey(a) === foldKey(b);
}

/** The settings-tab member an email or display name refers to (owner cells hold either). */
export function findMember(users: readonly TeamMember[], who: string): TeamMember | undefined {
  return users.find((u) => sameUser(u.email, who) || (u.name !== '' && sameUser(u.name, who)));
}

/** Unknown or empty emails are viewers: nobody gains rights by not being listed. */
export function actorFor(email: string, users: readonly TeamMember[]): Actor {
  const member = email ? users.find((u) => sameUser(u.email, email)) : undefined;
  return { email, role: member?.role ?? 'viewer', team: member?.team.trim() ?? '' };
}

/** Whether a role may change rows of a table at all (before looking at whose rows they are). */
export function roleWritesTable(role: Role, table: string): boolean {
  if (role === 'admin' || role === 'manager') return true;
  if (role !== 'sales' && role !== 'service') return false;
  // The schema says who else writes each table (service: tickets and feedback; products: nobody else).
  return isTableKey(table) && tableDef(table).writers.includes(role);
}

/** A record's owner as a sales rep's rights see it: self or someone of the same team. */
export function ownsOrTeam(actor: Actor, owner: string | null, users: readonly TeamMember[]): boolean {
  if (!owner) return false;
  if (sameUser(actor.email, owner)) return true;
  const member = findMember(users, owner);
  if (member && sameUser(member.email, actor.email)) return true;
  return actor.team !== '' && !!member && foldKey(member.team) === foldKey(actor.team);
}

/** Whether an owner cell naming a display name names the actor. */
function selfByName(actor: Actor, owner: unknown, users: readonly TeamMember[]): boolean {
  if (typeof owner !== 'string' || owner.trim() === '') return false;
  const member = findMember(users, owner.trim());
  return !!member && sameUser(member.email, actor.email);
}

/** Looks up a record of another table (customers, leads, campaigns) by ID. */
export type RecordLookup = (table: DataTableKey, id: string) => Values | undefined;

/** The tables whose owner owns the rows pointing at them, in tab order (customers, leads, campaigns). */
const OWNING_TABLES = DATA_TABLE_KEYS.filter((k) => tableDef(k).ownsChildren);

/**
 * A table's references to an owning table, as [field, table], the owning tables in tab order: whose
 * a child row is. An owning table's own rows are their owner's.
 */
function parentsOf(table: DataTableKey): readonly (readonly [string, DataTableKey])[] {
  // Self-assigned rows (to-dos) are their assignee's, whatever they point at.
  if (tableDef(table).ownsChildren || tableDef(table).selfAssigned) return [];
  const refs = tableDef(table).columns.filter((c) => isDataTableKey(c.ref) && tableDef(c.ref).ownsChildren);
  return OWNING_TABLES.flatMap((parent) => refs.filter((c) => c.ref === parent).map((c) => [c.key, parent] as const));
}
const PARENTS = new Map(DATA_TABLE_KEYS.map((k) => [k, parentsOf(k)]));

/** The fields of a record ownerOf reads (a writer that reads columns keeps these for the role check). */
export const OWNERSHIP_COLUMNS: readonly string[] = [
  'owner',
  ...new Set([...PARENTS.values()].flatMap((list) => list.map(([field]) => field))),
];

/**
 * Whose a record is, for the sales rule "own and team customers and their children": an owning
 * table's (customer, lead, campaign) owner field; for a child, the owner of the owning row it
 * references (the first set, the owning tables in tab order); else the record's own owner field.
 */
export function ownerOf(table: string, record: Values, lookup: RecordLookup): string | null {
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  for (const [field, parent] of PARENTS.get(table as DataTableKey) ?? []) {
    const id = text(record[field]);
    if (id) return text(lookup(parent, id)?.owner);
  }
  return text(record.owner);
}

/**
 * Whether `actor` may turn `before` (null for a create) into `after` in `table`: admins and managers
 * always, service on tickets and feedback, sales when both states are their own or their team's.
 */
export function canWriteRecord(
  actor: Actor,
  users: readonly TeamMember[],
  table: string,
  before: Values | null,
  after: Values,
  lookup: RecordLookup,
): boolean {
  if (!roleWritesTable(actor.role, table)) return false;
  // Self-assigned rows (to-dos): managers assign to anyone; sales and service only to themselves.
  if (isTableKey(table) && tableDef(table).selfAssigned && actor.role !== 'admin' && actor.role !== 'manager') {
    const own = (r: Values) => (typeof r.owner === 'string' && sameUser(actor.email, r.owner.trim())) || selfByName(actor, r.owner, users);
    return (before === null || own(before)) && own(after);
  }
  if (actor.role !== 'sales') return true;
  const mine = (r: Values) => ownsOrTeam(actor, ownerOf(table, r, lookup), users);
  return (before === null || mine(before)) && mine(after);
}

/** Emails with a role (used for protections: Apps Script needs real addresses there). */
export function emailsWithRole(users: readonly TeamMember[], roles: readonly Role[]): string[] {
  const out = new Set<string>();
  for (const u of users) if (roles.includes(u.role) && /^[^\s@]+@[^\s@]+$/.test(u.email)) out.add(u.email.toLowerCase());
  return [...out];
}

/**
 * Who may edit a table's tab (its protection): admins, every role that writes the table, and the
 * roles whose workflows maintain some of its columns (the store checks each of their writes).
 */
export function tableEditors(users: readonly TeamMember[], table: string): string[] {
  const maintains = (r: Role) => isTableKey(table) && (tableDef(table).maintainers as readonly string[]).includes(r);
  const roles = (['admin', 'manager', 'sales', 'service'] as Role[]).filter((r) => roleWritesTable(r, table) || maintains(r));
  return emailsWithRole(users, roles);
}
