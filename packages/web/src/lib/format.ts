import dayjs from 'dayjs';

/**
 * The server sends PostgreSQL timestamps ("2026-11-27 18:54:51.715+00") as
 * well as ISO strings; both become a dayjs in local time.
 */
export function parseTime(value: string | null | undefined) {
  if (!value) return null;
  const iso = value.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00');
  const d = dayjs(iso);
  return d.isValid() ? d : null;
}

export function formatTime(value: string | null | undefined, empty = '—'): string {
  return parseTime(value)?.format('YYYY-MM-DD HH:mm:ss') ?? empty;
}

export function formatDate(value: string | null | undefined, empty = '—'): string {
  if (!value) return empty;
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY年M月D日') : value;
}

export function percent(part: number, whole: number): string {
  if (!whole) return '—';
  return `${((part / whole) * 100).toFixed(1)}%`;
}
