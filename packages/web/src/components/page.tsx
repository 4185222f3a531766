import { api } from '@tuanjian/domain';
import { Alert, Select, Space, Typography, type FormInstance, type TablePaginationConfig } from 'antd';
import type { TableRowSelection } from 'antd/es/table/interface';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError } from '../api/client';
import { useApi } from '../api/hooks';
import { useAccount } from '../auth/session';
import { errorMessage, useShowError } from '../lib/errors';
import { chinaToday } from '../lib/people';
import { OrgTreeSelect } from './OrgTreeSelect';

/**
 * Pieces every list page shares: the organization it looks at (?org=), the
 * year (?year=), the header with the organization picker, refusals shown in
 * dialogs, and server-side paging.
 */

/** A date as the API takes it. */
export const ymd = (d: Dayjs) => d.format('YYYY-MM-DD');

/** Today (China Standard Time) as the default for dates. */
export const todayDayjs = () => dayjs(chinaToday());

export const thisYear = () => Number(chinaToday().slice(0, 4));

/** The default date for a decision in `year`: today, or the last day of a past year. */
export function defaultDateIn(year: number): Dayjs {
  const today = chinaToday();
  return dayjs(year < Number(today.slice(0, 4)) ? `${year}-12-31` : today);
}

/** Dates after today cannot be chosen; nor before `notBefore`. */
export function notAfterToday(notBefore?: string | null) {
  const today = todayDayjs();
  return (d: Dayjs) => d.isAfter(today, 'day') || (!!notBefore && d.isBefore(dayjs(notBefore), 'day'));
}

/**
 * The organization a page looks at: `?org=` in the URL, else the account's
 * scope (or the first top-level organization for a platform administrator).
 * `orgId` is null only while the roots are loading.
 */
export function useScopeOrg() {
  const account = useAccount();
  const [search, setSearch] = useSearchParams();
  const roots = useApi(api.orgs.listRoots, undefined, { enabled: account.scopeOrgId === null });
  const orgId = Number(search.get('org')) || account.scopeOrgId || roots.data?.[0]?.id || null;
  const setOrg = (id: number | null) => {
    const next = new URLSearchParams(search);
    if (id) next.set('org', String(id));
    else next.delete('org');
    setSearch(next, { replace: true });
  };
  return { orgId, setOrg, search, setSearch };
}

/** `?year=` in the URL, default this year. */
export function useYearParam(): [number, (y: number) => void] {
  const [search, setSearch] = useSearchParams();
  const y = Number(search.get('year'));
  const year = y >= 1950 && y <= 2100 ? y : thisYear();
  const setYear = (v: number) => {
    const next = new URLSearchParams(search);
    if (v === thisYear()) next.delete('year');
    else next.set('year', String(v));
    setSearch(next, { replace: true });
  };
  return [year, setYear];
}

export function YearSelect({ value, onChange, back = 5, forward = 0 }: { value: number; onChange(y: number): void; back?: number; forward?: number }) {
  const now = thisYear();
  const years = Array.from({ length: back + forward + 1 }, (_, i) => now + forward - i);
  if (!years.includes(value)) years.push(value);
  return (
    <Select
      aria-label="年度"
      data-testid="year-select"
      value={value}
      onChange={onChange}
      style={{ width: 110 }}
      options={years.sort((a, b) => b - a).map((y) => ({ value: y, label: `${y}年度` }))}
    />
  );
}

/** Page title on the left, the scope (and more controls) on the right. */
export function PageHeader({ title, orgId, onOrg, children }: { title: string; orgId: number | null; onOrg(id: number | null): void; children?: ReactNode }) {
  return (
    <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
      <h1 className="tj-page-title" style={{ margin: 0 }}>
        {title}
      </h1>
      <Space wrap>
        {children}
        <Typography.Text type="secondary">组织</Typography.Text>
        <OrgTreeSelect value={orgId} onChange={(id) => id && onOrg(id)} style={{ width: 320 }} placeholder="请选择组织" />
      </Space>
    </Space>
  );
}

/** The server's refusal, kept on screen inside a dialog (the toast alone is too easy to miss). */
export function Refusal({ error, title = '未能办理' }: { error: unknown; title?: string }) {
  if (!error) return null;
  return <Alert type="error" showIcon style={{ marginBottom: 16 }} title={title} description={errorMessage(error)} data-testid="refusal" />;
}

/** A refusal worth showing in the dialog (not a lost session). */
export function isRefusal(err: unknown) {
  return err instanceof ApiError && err.status !== 0 && err.status !== 401 && err.code !== 'must_change_password';
}

/**
 * A dialog's submit: `run(action)` marks it saving, clears the last refusal,
 * and on failure keeps a refusal on screen (<Refusal error={refusal} />) and
 * shows the error (on the form's fields when a form is given).
 */
export function useDialogSubmit(form?: FormInstance) {
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<unknown>(null);
  const showError = useShowError();
  const run = async (action: () => Promise<unknown>) => {
    setSaving(true);
    setRefusal(null);
    try {
      await action();
    } catch (err) {
      if (isRefusal(err)) setRefusal(err);
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };
  return { saving, refusal, setRefusal, run };
}

/** Problems found by the shared rules before sending: shown as a warning list. */
export function Problems({ problems, title = '不符合办理条件', testId = 'problems' }: { problems: string[]; title?: string; testId?: string }) {
  if (!problems.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={title}
      data-testid={testId}
      description={
        problems.length === 1 ? (
          problems[0]
        ) : (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )
      }
    />
  );
}

/**
 * Row selection that survives paging: rows chosen on other pages stay chosen,
 * the current page's choice replaces what was chosen on it.
 */
export function crossPageSelection<T extends { personId: number }>(
  pageItems: T[],
  selected: Map<number, T>,
  setSelected: (next: Map<number, T>) => void,
  getCheckboxProps?: (row: T) => { disabled?: boolean },
): TableRowSelection<T> {
  return {
    selectedRowKeys: [...selected.keys()],
    preserveSelectedRowKeys: true,
    getCheckboxProps,
    onChange: (_keys, rows) => {
      const onPage = new Set(pageItems.map((r) => r.personId));
      const next = new Map([...selected].filter(([id]) => !onPage.has(id)));
      for (const r of rows) if (r) next.set(r.personId, r);
      setSelected(next);
    },
  };
}

/**
 * Server-side paging of a list; a new page size goes back to the first page.
 * `unit` counts the rows (人, 项, 个团支部 …). `lowerBound`: the server stopped
 * counting (a very large filtered list), so the total reads "more than", with `hint`.
 * The page-size menu is antd's: from 50 rows on, never on a phone (AppLayout's ConfigProvider).
 */
export function listPagination(
  page: number,
  pageSize: number,
  total: number,
  set: (page: number, pageSize: number) => void,
  unit = '人',
  lowerBound = false,
  hint = '可缩小筛选范围',
): TablePaginationConfig {
  return {
    current: page,
    pageSize,
    total,
    pageSizeOptions: [20, 50, 100, 200],
    showTotal: (t) => (lowerBound ? `超过 ${t.toLocaleString('zh-CN')} ${unit}（${hint}）` : `共 ${t} ${unit}`),
    onChange: (pg, size) => set(size !== pageSize ? 1 : pg, size),
  };
}

/** Paging of a list of people (the unit 人). */
export function peoplePagination(page: number, pageSize: number, total: number, set: (page: number, pageSize: number) => void, lowerBound = false): TablePaginationConfig {
  return listPagination(page, pageSize, total, set, '人', lowerBound, '可缩小筛选范围，精确人数见首页统计');
}
