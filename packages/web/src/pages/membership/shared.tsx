import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { GENDER_LABELS, api, type MemberFacts } from '@tuanjian/domain';
import { Button, Select, Space, Typography, type SelectProps } from 'antd';
import { useMemo, useState } from 'react';
import { invalidate, useApi } from '../../api/hooks';
import { GrowthDrawer } from './GrowthTimeline';
import { useDebounced } from '../../lib/useDebounced';

/** Shared pieces of the 团员管理 pages: member picker, facts for the rules, refreshing after a change. */

export {
  crossPageSelection,
  defaultDateIn,
  isRefusal,
  notAfterToday,
  PageHeader,
  peoplePagination,
  Problems,
  Refusal,
  thisYear,
  todayDayjs,
  useScopeOrg,
  useYearParam,
  YearSelect,
  ymd,
} from '../../components/page';

export type PersonItem = api.PersonItem;

/** Everything the membership pages show, refreshed after any change (and the registry it writes to). */
export function refreshMembership(client: QueryClient) {
  const m = api.membership;
  return invalidate(
    client,
    m.listTransfers,
    m.listInterprovinceTransfers,
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

