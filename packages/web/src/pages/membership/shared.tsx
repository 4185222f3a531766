import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { GENDER_LABELS, api, type MemberFacts } from '@tuanjian/domain';
import { Alert, Button, Select, Space, Typography, type SelectProps, type TablePaginationConfig } from 'antd';
import type { TableRowSelection } from 'antd/es/table/interface';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { invalidate, useApi } from '../../api/hooks';
import { useAccount } from '../../auth/session';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { errorMessage } from '../../lib/errors';
import { chinaToday } from '../../lib/people';
import { GrowthDrawer } from './GrowthTimeline';

/** Shared pieces of the 团员管理 pages: scope and year selection, member picker, refusals. */

export type PersonItem = api.PersonItem;

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

/** Everything the membership pages show, refreshed after any change (and the registry it writes to). */
export function refreshMembership(client: QueryClient) {
  const m = api.membership;
  return invalidate(
    client,
    m.listTransfers,
    m.listRegistrations,
    m.registrationProgress,
    m.listAppraisals,
    m.appraisalSummary,
    m.listDueToLeave,
    m.listMembershipEvents,
    m.listPartyRecommendations,
    m.partyRecommendationSummary,
    m.listReviews,
    m.getReview,
    m.getGrowthRecord,
    api.people.listPeople,
    api.people.getPerson,
    api.people.getPeopleOverview,
    api.audit.listAudit,
  );
}

export function useRefreshMembership() {
  const client = useQueryClient();
  return () => refreshMembership(client);
}

/** What the shared rules need to know about a person of the registry. */
export function factsOf(p: { name: string; memberStatus: 'active' | 'left' | null; birthDate: string; joinedOn: string | null; politicalStatus?: string; partyJoinedOn?: string | null; leftOn?: string | null }): MemberFacts {
  return {
    name: p.name,
    memberStatus: p.memberStatus,
    birthDate: p.birthDate,
    joinedOn: p.joinedOn,
    politicalStatus: p.politicalStatus ?? null,
    partyJoinedOn: p.partyJoinedOn ?? null,
    leftOn: p.leftOn ?? null,
  };
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

function useDebounced<T>(value: T, ms = 300): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

interface MemberSelectProps {
  value?: number | null;
  onChange?: (id: number | null, person?: PersonItem) => void;
  /** Limit to this organization's subtree (default: the caller's scope). */
  under?: number | null;
  /** People who cannot be chosen here, with the reason shown next to them. */
  unavailable?: Map<number, string>;
  /** Active members only (default); false = also former members. */
  activeOnly?: boolean;
  placeholder?: string;
  id?: string;
}

/** Picks a member of the registry by name or ID number (searched on the server). */
export function MemberSelect({ value, onChange, under, unavailable, activeOnly = true, placeholder = '输入姓名或身份证号查找', id }: MemberSelectProps) {
  const [q, setQ] = useState('');
  const debounced = useDebounced(q.trim());
  const [picked, setPicked] = useState<PersonItem | undefined>();
  const people = useApi(api.people.listPeople, {
    query: { under: under ?? undefined, kind: 'member', memberStatus: activeOnly ? 'active' : undefined, q: debounced || undefined, pageSize: 30 },
  });
  const items = useMemo(() => {
    const list = people.data?.items ?? [];
    return picked && !list.some((p) => p.id === picked.id) ? [picked, ...list] : list;
  }, [people.data, picked]);
  const options: SelectProps['options'] = items.map((p) => {
    const why = unavailable?.get(p.id);
    return {
      value: p.id,
      disabled: !!why,
      label: (
        <Space size={6} style={{ width: '100%' }}>
          <span data-testid="member-option-name">{p.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {GENDER_LABELS[p.gender]} {p.age}岁 · {p.orgName}
          </Typography.Text>
          {why && (
            <Typography.Text type="warning" style={{ fontSize: 12 }}>
              （{why}）
            </Typography.Text>
          )}
        </Space>
      ),
      title: p.name,
    };
  });
  return (
    <Select
      id={id}
      data-testid="member-select"
      value={value ?? undefined}
      showSearch={{ filterOption: false, onSearch: setQ }}
      onChange={(v: number | undefined) => {
        const p = items.find((i) => i.id === v);
        setPicked(p);
        onChange?.(v ?? null, p);
      }}
      allowClear
      loading={people.isFetching}
      placeholder={placeholder}
      options={options}
      optionLabelProp="title"
      notFoundContent={people.isFetching ? '查找中…' : '没有找到在册团员'}
      popupMatchSelectWidth
    />
  );
}

/** A person's name that opens the growth record (成长档案). */
export function PersonName({ id, name }: { id: number; name: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => setOpen(true)} title="查看成长档案">
        {name}
      </Button>
      {open && <GrowthDrawer personId={id} onClose={() => setOpen(false)} />}
    </>
  );
}

/** The masked ID number with the member number under it (monospace, not wrapped). */
export function IdAndMemberNo({ masked, memberNo }: { masked: string; memberNo?: string | null }) {
  return (
    <div style={{ fontFamily: 'monospace', whiteSpace: 'nowrap', lineHeight: 1.5 }}>
      <div>{masked}</div>
      {memberNo !== undefined && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} title="团员编号">
          {memberNo ?? '无团员编号'}
        </Typography.Text>
      )}
    </div>
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

/** Server-side paging of a list of people; a new page size goes back to the first page. */
export function peoplePagination(page: number, pageSize: number, total: number, set: (page: number, pageSize: number) => void): TablePaginationConfig {
  return {
    current: page,
    pageSize,
    total,
    showSizeChanger: true,
    pageSizeOptions: [20, 50, 100, 200],
    showTotal: (t) => `共 ${t} 人`,
    onChange: (pg, size) => set(size !== pageSize ? 1 : pg, size),
  };
}
