import { useSearchParams } from 'react-router-dom';

/**
 * The record a page has open (its drawer), kept in the URL as `?<key>=<id>`,
 * so that a link (a 待办 item, a shared address) opens the page on that
 * record. A drop-in for `useState<number | null>(null)`.
 */
export function useRecordParam(key: string): [number | null, (id: number | null) => void] {
  const [search, setSearch] = useSearchParams();
  const id = Number(search.get(key)) || null;
  const set = (next: number | null) => {
    const params = new URLSearchParams(search);
    if (next) params.set(key, String(next));
    else params.delete(key);
    setSearch(params, { replace: next === null });
  };
  return [id, set];
}

/** Marks the row of a table that `?<key>=<id>` names (the record a link points at), as a selected row. */
export function useFocusedRow(key: string): (row: { id: number }) => string {
  const [id] = useRecordParam(key);
  return (row) => (id !== null && row.id === id ? 'ant-table-row-selected' : '');
}
