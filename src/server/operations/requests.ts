/** How long a create's request ID is remembered: longer than anyone retries a save. */
const REMEMBER_S = 6 * 60 * 60;
const key = (requestId: string) => `save:${requestId}`;

/**
 * Creates sent again after a lost reply (the sidebar's Retry after a time-out or a dropped
 * connection) must not make a second record: the first attempt remembers its request ID with the
 * new record's ID (before its write goes out, in the same lock), and a retry of the same request
 * finds that record instead of creating another. The document cache is enough: a retry comes
 * seconds or minutes later, and a record it cannot find (an attempt whose write failed) is simply
 * created again.
 */
export function rememberCreate(requestId: string, recordId: string): void {
  CacheService.getDocumentCache()?.put(key(requestId), recordId, REMEMBER_S);
}

/** The record an earlier attempt of this request created, if it exists. */
export function createdBefore(requestId: string, find: (id: string) => unknown): string | null {
  const id = CacheService.getDocumentCache()?.get(key(requestId)) ?? null;
  return id && find(id) ? id : null;
}
