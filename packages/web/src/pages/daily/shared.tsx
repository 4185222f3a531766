import { useQueryClient } from '@tanstack/react-query';
import { api, duesPeriodLabel, isDuesPeriod, yuanToFen } from '@tuanjian/domain';
import { DatePicker, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { invalidate } from '../../api/hooks';
import { chinaToday } from '../../lib/people';

/** Pieces shared by the 日常工作 pages: URL state for tabs and months, refreshing after writes. */

const d = api.dailyWork;

/** The fen of a typed amount; null while it is empty or not an amount (parsed as text, never as a float). */
export const typedFen = (text: string | null | undefined) => (text?.trim() ? yuanToFen(text) : null);

/** This month as a dues period "YYYY-MM" (China time). */
export const currentPeriod = () => chinaToday().slice(0, 7);

/** A search parameter of the URL, with a setter that keeps the others (and drops the value equal to the default). */
export function useSearchValue<T extends string>(key: string, fallback: T, allowed?: readonly T[]): [T, (v: T) => void] {
  const [search, setSearch] = useSearchParams();
  const raw = search.get(key);
  const value = raw !== null && (!allowed || (allowed as readonly string[]).includes(raw)) ? (raw as T) : fallback;
  const set = (v: T) => {
    const next = new URLSearchParams(search);
    if (v === fallback) next.delete(key);
    else next.set(key, v);
    setSearch(next, { replace: true });
  };
  return [value, set];
}

/** A month "YYYY-MM" in the URL (`?month=`), default this month. */
export function useMonthParam(key = 'month'): [string, (p: string) => void] {
  const [search, setSearch] = useSearchParams();
  const raw = search.get(key) ?? '';
  const value = isDuesPeriod(raw) ? raw : currentPeriod();
  const set = (p: string) => {
    const next = new URLSearchParams(search);
    if (p === currentPeriod()) next.delete(key);
    else next.set(key, p);
    setSearch(next, { replace: true });
  };
  return [value, set];
}

/** A range of months in the URL (`?from=&to=`), default January of this year to this month. */
export function useMonthRange(): [{ from: string; to: string }, (from: string, to: string) => void] {
  const [search, setSearch] = useSearchParams();
  const now = currentPeriod();
  const f = search.get('from') ?? '';
  const t = search.get('to') ?? '';
  const to = isDuesPeriod(t) ? t : now;
  const from = isDuesPeriod(f) && f <= to ? f : `${to.slice(0, 4)}-01`;
  const set = (a: string, b: string) => {
    const next = new URLSearchParams(search);
    next.set('from', a);
    next.set('to', b);
    setSearch(next, { replace: true });
  };
  return [{ from, to }, set];
}

export function MonthPicker({ value, onChange, allowFuture = false }: { value: string; onChange(p: string): void; allowFuture?: boolean }) {
  return (
    <DatePicker
      picker="month"
      aria-label="月份"
      data-testid="month-picker"
      allowClear={false}
      value={dayjs(`${value}-01`)}
      format="YYYY年M月"
      disabledDate={allowFuture ? undefined : (d) => d.format('YYYY-MM') > currentPeriod()}
      onChange={(v) => v && onChange(v.format('YYYY-MM'))}
      style={{ width: 140 }}
    />
  );
}

export function MonthRangePicker({ value, onChange }: { value: { from: string; to: string }; onChange(from: string, to: string): void }) {
  return (
    <DatePicker.RangePicker
      picker="month"
      aria-label="起止月份"
      allowClear={false}
      format="YYYY年M月"
      value={[dayjs(`${value.from}-01`), dayjs(`${value.to}-01`)]}
      disabledDate={(d) => d.format('YYYY-MM') > currentPeriod()}
      onChange={(v) => v?.[0] && v[1] && onChange(v[0].format('YYYY-MM'), v[1].format('YYYY-MM'))}
      style={{ width: 250 }}
    />
  );
}

/** Months as compact tags: all of them when few, else the first ones and a count. */
export function MonthTags({ months, max = 4 }: { months: string[]; max?: number }) {
  const shown = months.slice(0, max);
  return (
    <span>
      {shown.map((m) => (
        <Tag key={m} style={{ marginInlineEnd: 4 }}>
          {duesPeriodLabel(m)}
        </Tag>
      ))}
      {months.length > max && (
        <Tooltip title={months.map(duesPeriodLabel).join('、')}>
          <Tag color="orange">等{months.length}个月</Tag>
        </Tooltip>
      )}
    </span>
  );
}

/** Everything the dues tabs show, refreshed after a payment, a profile, an import or a remittance. */
export function useRefreshDues() {
  const client = useQueryClient();
  return () => invalidate(client, d.getDuesLedger, d.listUnpaidDues, d.duesReport, d.listRemittances, d.remittancePreview, api.audit.listAudit);
}

/** Everything the rating tabs show. */
export function useRefreshRatings() {
  const client = useQueryClient();
  return () => invalidate(client, d.listStarRatings, d.getStarRating, d.listStarEntries, d.getStarEntry, d.starHistory, d.listRectifications);
}

/** Everything the graduates' page shows (and the transfers page it feeds). */
export function useRefreshGraduates() {
  const client = useQueryClient();
  return () =>
    invalidate(client, d.listGraduateClasses, d.listClassGraduates, d.listOverdueTransfers, api.membership.listTransfers, api.people.listPeople, api.orgs.getOrg, api.orgs.listChildren);
}
