import { useEffect, useState } from 'react';

/** `value` once it has not changed for `ms`: a search asks the server when the typing pauses, not on every key. */
export function useDebounced<T>(value: T, ms = 300): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}
