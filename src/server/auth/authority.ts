import type { Lang } from '../../schema';
import {
  actorFor,
  canWriteRecord,
  CrmError,
  roleAllows,
  roleLabel,
  roleWritesTable,
  type Actor,
  type Permission,
  type RecordLookup,
  type Role,
  type Settings,
  type Values,
} from '../../core';

/**
 * What an entry point requires: a permission, or (for workflows with finer rules) the roles it is
 * for. Admins pass every requirement that names 'admin'.
 */
export type Requirement = Permission | readonly Role[];

/** The spreadsheet owner's email, or '' (a file in a shared drive has no owner). */
export type OwnerLookup = () => string;

export function spreadsheetOwner(): string {
  const owner = SpreadsheetApp.getActiveSpreadsheet().getOwner();
  return owner ? owner.getEmail() : '';
}

/**
 * The roles of one execution's user. The settings tab is read once per execution already; the
 * owner (always admin) costs a round trip, so it is asked only when the settings role falls short.
 */
export class Authority {
  readonly actor: Actor;
  private owner: boolean | null = null;

  constructor(
    email: string,
    private readonly settings: Settings,
    private readonly lang: Lang,
    private readonly ownerEmail: OwnerLookup = spreadsheetOwner,
  ) {
    this.actor = actorFor(email, settings.users);
  }

  /** True when the user is the spreadsheet's owner (asked once, only when needed). */
  isOwner(): boolean {
    if (this.owner === null) {
      const owner = this.actor.email ? this.ownerEmail() : '';
      this.owner = owner !== '' && owner.toLowerCase() === this.actor.email.toLowerCase();
    }
    return this.owner;
  }

  /** The effective role: the owner is an admin whatever the settings tab says. */
  role(): Role {
    if (this.actor.role === 'admin') return 'admin';
    return this.isOwner() ? 'admin' : this.actor.role;
  }

  allows(req: Requirement): boolean {
    if (req === 'public' || req === 'read') return true;
    // The first setup of a workbook has nobody to ask: its runner becomes the first admin.
    if (req === 'setup' && !this.settings.users.length) return true;
    const fits = (role: Role) => (typeof req === 'string' ? roleAllows(role, req) : req.includes(role));
    if (fits(this.actor.role)) return true;
    return this.actor.role !== 'admin' && fits('admin') && this.isOwner();
  }

  require(req: Requirement): void {
    if (!this.allows(req)) throw this.refusal('forbidden_action');
  }

  /**
   * Every write to a data table passes here (the store calls it): the table must be one the role
   * writes, and for sales both the old and the new state must be their own or their team's.
   */
  checkWrite(table: string, before: Values | null, after: Values, lookup: RecordLookup, tableLabel: string): void {
    if (this.canWrite(table, before, after, lookup)) return;
    if (!roleWritesTable(this.actor.role, table)) throw this.refusal('forbidden_table', { table: tableLabel });
    throw this.refusal('forbidden_record', { table: tableLabel, id: String(after.id ?? before?.id ?? '') });
  }

  /** The same check as checkWrite, as a yes or no (the owner counts as admin). */
  canWrite(table: string, before: Values | null, after: Values, lookup: RecordLookup): boolean {
    if (canWriteRecord(this.actor, this.settings.users, table, before, after, lookup)) return true;
    return this.actor.role !== 'admin' && this.isOwner();
  }

  private refusal(code: 'forbidden_action' | 'forbidden_table' | 'forbidden_record', params: Record<string, string> = {}): CrmError {
    const label = roleLabel(this.actor.role);
    return CrmError.of(code, this.lang, { roleZh: label.zh, roleEn: label.en, ...params });
  }
}
