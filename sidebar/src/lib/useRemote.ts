import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { toFailure } from './failure';

/** A server call's state as the UI shows it: spinner, error with Retry, or the data. */
export type Remote<T> = { status: 'loading' } | { status: 'error'; error: Error } | { status: 'ok'; data: T };

export interface RemoteHandle<T> {
  remote: Remote<T>;
  retry: () => void;
  /** Replaces the data locally (after a save), without a server call. */
  set: (data: T) => void;
}

/** Runs `load` whenever `deps` change; a late answer to an older request is dropped. */
export function useRemote<T>(load: () => Promise<T>, deps: readonly unknown[]): RemoteHandle<T> {
  const [remote, setRemote] = useState<Remote<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    const ticket = ++latest.current;
    setRemote({ status: 'loading' });
    load().then(
      (data) => {
        if (ticket === latest.current) setRemote({ status: 'ok', data });
      },
      (e: unknown) => {
        if (ticket === latest.current) setRemote({ status: 'error', error: toFailure(e) });
      },
    );
  }, [...deps, attempt]); // `load` changes every render; `deps` say when to reload
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const set = useCallback((data: T) => setRemote({ status: 'ok', data }), []);
  return { remote, retry, set };
}
