import type { Lang, TableDef } from '../../../schema';
import { fieldError, type FieldError } from '../../errors';
import { prepareCreate } from '../../records';
import { applyRules, type SaveContext } from '../../rules';
import type { Settings } from '../../settings';
import type { Values } from '../../validate';
import { duplicateIndex, duplicateKeys, findMatches, type DuplicateReason } from '../dedupe';
import { isBlank, str } from '../values';

/** What to do with a row that matches an existing one: leave it, overwrite it, or fill its blanks. */
export type DuplicatePolicy = 'skip' | 'update' | 'merge';
export const DUPLICATE_POLICIES: readonly DuplicatePolicy[] = ['skip', 'update', 'merge'];

export interface PlannedRow {
  /** Line in the file (header = 1). */
  line: number;
  action: 'create' | 'update' | 'merge' | 'skip' | 'error';
  errors: FieldError[];
  /** The existing row (or earlier line of the file) this one duplicates. */
  duplicateOf?: { id: string; reason: DuplicateReason } | { line: number; reason: DuplicateReason };
  /** Validated values (create), or the fields to change on duplicateOf.id (update/merge). */
  values?: Values;
  /** The file gave no owner (the importer is the default): the assignment rules may pick one at commit. */
  ownerDefaulted?: true;
}

export interface ImportContext {
  lang: Lang;
  lists: Settings['lists'];
  save: SaveContext;
  /** Checks that need other rows (foreign keys, unique fields), from the server. */
  crossErrors(values: Values): FieldError[];
}

/** Tables people recognise duplicates in by name, phone and email; others by their unique fields. */
const NAME_FIELD: Partial<Record<string, string>> = { customers: 'name', leads: 'company', contacts: 'name', products: 'name' };

function hasOwner(table: TableDef): boolean {
  return table.columns.some((c) => c.key === 'owner');
}

/** Fields of a validated row that would change `existing` under the policy. */
function changesFor(input: Values, validated: Values, existing: Values, policy: DuplicatePolicy): Values {
  const out: Values = {};
  for (const k of Object.keys(input)) {
    const v = validated[k];
    if (isBlank(v) || JSON.stringify(v) === JSON.stringify(existing[k])) continue;
    if (policy === 'update' || isBlank(existing[k])) out[k] = v;
  }
  return out;
}

/**
 * Validates every row with the same validateInput as the sidebar and typed edits, and matches it
 * against live rows (and earlier lines) by name, phone and email. Nothing is written here.
 */
export function planImport(
  table: TableDef,
  inputs: readonly { line: number; input: Values }[],
  existing: readonly Values[],
  policy: DuplicatePolicy,
  ctx: ImportContext,
): PlannedRow[] {
  const nameField = NAME_FIELD[table.key] ?? table.columns.find((c) => c.unique)?.key ?? null;
  const index = nameField ? duplicateIndex(existing, nameField) : new Map<string, string[]>();
  const byId = new Map(existing.map((r) => [str(r.id), r]));
  const seen = new Map<string, number>();
  return inputs.map(({ line, input }): PlannedRow => {
    const withOwner = hasOwner(table) && isBlank(input.owner) ? { ...input, owner: ctx.save.user } : input;
    const prepared = prepareCreate(table, withOwner, { lang: ctx.lang, lists: ctx.lists });
    if (!prepared.ok) return { line, action: 'error', errors: prepared.errors };
    const values = prepared.value;
    applyRules(table.key, values, null, ctx.save, hasOwner(table));
    if (!nameField) {
      const cross = ctx.crossErrors(values);
      return cross.length ? { line, action: 'error', errors: cross } : { line, action: 'create', errors: [], values };
    }
    const keys = duplicateKeys(values, nameField);
    const earlier = keys.find((k) => seen.has(k.key));
    if (earlier) {
      const first = seen.get(earlier.key) as number;
      return {
        line,
        action: 'error',
        errors: [
          fieldError(fieldOf(earlier.reason, nameField), 'duplicate', ctx.lang, {
            id: ctx.lang === 'zh' ? `第 ${first} 行` : `line ${first}`,
          }),
        ],
        duplicateOf: { line: first, reason: earlier.reason },
      };
    }
    for (const k of keys) seen.set(k.key, line);
    const match = findMatches(values, index, nameField)[0];
    if (!match) {
      const cross = ctx.crossErrors(values);
      if (cross.length) return { line, action: 'error', errors: cross };
      return { line, action: 'create', errors: [], values, ...(withOwner !== input ? { ownerDefaulted: true as const } : {}) };
    }
    if (policy === 'skip') return { line, action: 'skip', errors: [], duplicateOf: match };
    const current = byId.get(match.id) as Values;
    return { line, action: policy, errors: [], duplicateOf: match, values: changesFor(input, values, current, policy) };
  });
}

function fieldOf(reason: DuplicateReason, nameField: string): string {
  return reason === 'name' ? nameField : reason;
}
