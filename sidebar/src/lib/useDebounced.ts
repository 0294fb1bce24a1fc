import { useEffect, useState } from 'preact/hooks';

/** `value`, once it has stopped changing for `ms`: typing "acme" makes one search, not four. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
