/** The files table: a signed contract's scan (its document link) kept in the customer's Drive folder. */
import type { Values } from '../../core';
import { UNSTAMPED } from './builder';
import type { CustomerPlan, Gen } from './context';

const TOKEN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

function token(g: Gen): string {
  let s = '1';
  for (let i = 0; i < 32; i++) s += TOKEN_CHARS[g.filesRng.int(0, TOKEN_CHARS.length - 1)];
  return s;
}

/** A files row for a contract with a document link, in the customer's folder (its own draws: other tables stay as they were). */
export function addContractFile(g: Gen, plan: CustomerPlan, contract: Values, minute: number, user: string): void {
  const url = String(contract.documentUrl ?? '');
  const fileId = /\/file\/d\/([\w-]+)/.exec(url)?.[1];
  if (!fileId) return;
  let folderId = g.folders.get(plan.record);
  if (!folderId) {
    folderId = token(g);
    g.folders.set(plan.record, folderId);
  }
  const file: Values = {
    id: '',
    name: `合同 ${String(contract.contractNo)}.pdf`,
    customerId: plan.record,
    recordId: contract,
    url,
    fileId,
    mimeType: 'application/pdf',
    size: g.filesRng.int(80_000, 2_400_000),
    folderId,
    ...UNSTAMPED,
  };
  g.tables.files.add(g.cal, file, minute, minute, user);
}
