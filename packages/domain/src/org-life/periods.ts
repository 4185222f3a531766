/**
 * Calendar periods (months, quarters) for organizational-life rules. Dates are
 * YYYY-MM-DD strings in China Standard Time, as everywhere in the code base.
 */

export type Cadence = 'month' | 'quarter';

export interface CalendarPeriod {
  /** "2026-03" (month) or "2026-Q1" (quarter). */
  key: string;
  /** Chinese label: "2026年3月", "2026年第一季度". */
  label: string;
  start: string;
  end: string;
}

const QUARTER_NAMES = ['一', '二', '三', '四'];
const pad = (n: number) => String(n).padStart(2, '0');

function lastDayOfMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The month or quarter containing `date`. */
export function calendarPeriodOf(date: string, cadence: Cadence): CalendarPeriod {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  if (cadence === 'month') {
    return { key: `${y}-${pad(m)}`, label: `${y}年${m}月`, start: `${y}-${pad(m)}-01`, end: `${y}-${pad(m)}-${pad(lastDayOfMonth(y, m))}` };
  }
  const q = Math.floor((m - 1) / 3);
  const first = q * 3 + 1;
  const last = first + 2;
  return { key: `${y}-Q${q + 1}`, label: `${y}年第${QUARTER_NAMES[q]}季度`, start: `${y}-${pad(first)}-01`, end: `${y}-${pad(last)}-${pad(lastDayOfMonth(y, last))}` };
}

/** Every month or quarter that overlaps [from, to], in order. */
export function calendarPeriodsBetween(from: string, to: string, cadence: Cadence): CalendarPeriod[] {
  const out: CalendarPeriod[] = [];
  if (to < from) return out;
  let p = calendarPeriodOf(from, cadence);
  while (p.start <= to) {
    out.push(p);
    p = calendarPeriodOf(shiftDays(p.end, 1), cadence);
  }
  return out;
}

/** A date plus (or minus) whole days. */
export function shiftDays(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysFromTo(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The first day of the year of `date`. */
export function yearStartOf(date: string): string {
  return `${date.slice(0, 4)}-01-01`;
}

/** n ÷ d rounded to four decimals, or null when there is nothing to divide by. */
export function shareOf(n: number, d: number): number | null {
  return d > 0 ? Math.round((n / d) * 10_000) / 10_000 : null;
}
