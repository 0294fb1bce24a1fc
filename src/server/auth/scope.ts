import type { Requirement } from './authority';

/**
 * One entry-point execution: what it requires and the context it opened. openContext() reuses the
 * scope's context, so the role check and the entry point's own work share one settings read.
 * Apps Script runs one execution at a time per global scope; a nested entry call keeps the outer
 * scope (depth) so its context is not dropped halfway.
 */
export interface Scope<C> {
  requirement: Requirement;
  depth: number;
  ctx: C | null;
}

let current: Scope<unknown> | null = null;

export function currentScope<C>(): Scope<C> | null {
  return current as Scope<C> | null;
}

export function enterScope(requirement: Requirement): void {
  if (current) current.depth++;
  else current = { requirement, depth: 1, ctx: null };
}

export function leaveScope(): void {
  if (current && --current.depth <= 0) current = null;
}
