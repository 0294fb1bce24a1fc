/**
 * LockService. Nothing else runs concurrently in the emulator, so a lock is only ever contended when
 * a test says so (faults.holdLock); waiting then advances the virtual clock: to the other
 * execution's release when it comes within the timeout (the lock is then had), else by the timeout.
 */
import { LockKind } from '../../types';
import { Env } from '../env';
import { gasError } from '../errors';
import { conforms, registerService, Service } from '../instrument';

export class EmuLock extends Service {
  private held = false;
  constructor(
    private readonly env: Env,
    private readonly kind: LockKind,
  ) {
    super();
  }
  tryLock(timeoutInMillis: number): boolean {
    const until = this.env.heldLocks.get(this.kind);
    if (until !== undefined) {
      const timeout = Math.max(0, Number(timeoutInMillis) || 0);
      if (until - this.env.nowMs > timeout) {
        this.env.nowMs += timeout;
        return false;
      }
      // The other execution releases it within the wait.
      this.env.nowMs = Math.max(this.env.nowMs, until);
      this.env.heldLocks.delete(this.kind);
    }
    this.held = true;
    return true;
  }
  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis)) throw gasError('Lock timeout: another process was holding the lock for too long.');
  }
  hasLock(): boolean {
    return this.held;
  }
  releaseLock(): void {
    this.held = false;
  }
}

export class EmuLockService extends Service {
  constructor(private readonly env: Env) {
    super();
  }
  getScriptLock(): EmuLock {
    return new EmuLock(this.env, 'script');
  }
  getDocumentLock(): EmuLock {
    return new EmuLock(this.env, 'document');
  }
  getUserLock(): EmuLock {
    return new EmuLock(this.env, 'user');
  }
}

registerService(EmuLock, 'Lock', { local: ['hasLock', 'releaseLock'] });
registerService(EmuLockService, 'LockService', { allLocal: true });
conforms<EmuLock, GoogleAppsScript.Lock.Lock>(true);
conforms<EmuLockService, GoogleAppsScript.Lock.LockService>(true);
