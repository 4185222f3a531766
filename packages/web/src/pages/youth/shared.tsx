import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { cadreTitleLabel, GENDER_LABELS, api } from '@tuanjian/domain';
import { Card, Col, Row, Select, Space, Statistic, Typography } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { invalidate, useApi } from '../../api/hooks';
import { useDebounced } from '../../lib/useDebounced';

/** Pieces the 青年工作 pages share: export buttons, figure rows, pickers and refreshing after a change. */

export { ExportButton } from '../../components/ExportButton';
export {
  defaultDateIn,
  isRefusal,
  notAfterToday,
  PageHeader,
  Problems,
  Refusal,
  thisYear,
  todayDayjs,
  useScopeOrg,
  useYearParam,
  YearSelect,
  ymd,
} from '../../components/page';

const o = api.orgLife;

/** Width of the detail drawers (tables of names and amounts need the room). */
export const DRAWER_WIDTH = 960;

/** Everything the youth-work pages show, refreshed after any change to one of their records. */
export function refreshYouth(client: QueryClient) {
  return invalidate(
    client,
    o.listVolunteerTeams,
    o.listVolunteers,
    o.getVolunteer,
    o.listServiceProjects,
    o.listServiceRecords,
    o.listStudyRounds,
    o.getStudyRound,
    o.studyStats,
    o.listAidProjects,
    o.getAidProject,
    o.listHonorCampaigns,
    o.getHonorCampaign,
    o.honorsOfPerson,
    o.honorsOfOrg,
    o.listAppeals,
    o.getAppeal,
    o.getOrgLifeOverview,
    api.audit.listAudit,
  );
}

export function useRefreshYouth() {
  const client = useQueryClient();
  return () => refreshYouth(client);
}

export interface Figure {
  title: ReactNode;
  value: ReactNode;
  suffix?: ReactNode;
  testId?: string;
  hint?: ReactNode;
  color?: string;
}

/** A row of headline figures in small cards. */
export function Figures({ items, loading }: { items: Figure[]; loading?: boolean }) {
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
      {items.map((f, i) => (
        <Col key={i} flex="1 1 160px">
          <Card size="small" loading={loading} style={{ height: '100%' }}>
            <Statistic title={f.title} value={f.value as string | number} suffix={f.suffix} data-testid={f.testId} styles={f.color ? { content: { color: f.color } } : undefined} />
            {f.hint && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {f.hint}
              </Typography.Text>
            )}
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** A filter bar above a table: filters on the left, buttons on the right. */
export function Toolbar({ children, extra }: { children?: ReactNode; extra?: ReactNode }) {
  return (
    <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
      <Space wrap>{children}</Space>
      <Space wrap>{extra}</Space>
    </Space>
  );
}

/** Paging of a server-side list. */
export function pagination(page: number, pageSize: number, total: number, set: (page: number, pageSize: number) => void, unit = '条') {
  return {
    current: page,
    pageSize,
    total,
    showSizeChanger: true,
    pageSizeOptions: [20, 50, 100],
    showTotal: (t: number) => `共 ${t} ${unit}`,
    onChange: (pg: number, size: number) => set(size !== pageSize ? 1 : pg, size),
  };
}


type PersonItem = api.PersonItem;

interface PersonPickerProps {
  value?: number | null;
  onChange?: (id: number | null, person?: PersonItem) => void;
  under?: number | null;
  /** Which part of the registry: youth (14—35), members, or everyone. */
  kind?: 'all' | 'youth' | 'member';
  placeholder?: string;
  id?: string;
}

/** Picks a person of the youth / member registry by name or ID number (searched on the server). */
export function PersonPicker({ value, onChange, under, kind = 'youth', placeholder = '输入姓名或身份证号查找', id }: PersonPickerProps) {
  const [q, setQ] = useState('');
  const debounced = useDebounced(q.trim());
  const [picked, setPicked] = useState<PersonItem | undefined>();
  const people = useApi(api.people.listPeople, {
    query: { under: under ?? undefined, kind, memberStatus: kind === 'member' ? 'active' : undefined, q: debounced || undefined, pageSize: 30 },
  });
  const items = useMemo(() => {
    const list = people.data?.items ?? [];
    return picked && !list.some((p) => p.id === picked.id) ? [picked, ...list] : list;
  }, [people.data, picked]);
  return (
    <Select
      id={id}
      data-testid="person-picker"
      style={{ width: '100%' }}
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
      optionLabelProp="title"
      notFoundContent={people.isFetching ? '查找中…' : '没有找到'}
      options={items.map((p) => ({
        value: p.id,
        title: p.name,
        label: (
          <Space size={6}>
            <span>{p.name}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {GENDER_LABELS[p.gender]} {p.age}岁 · {p.orgName}
            </Typography.Text>
          </Space>
        ),
      }))}
    />
  );
}

/** Picks a cadre on record by name (searched on the server). */
export function CadrePicker({ value, onChange, under, id }: { value?: number | null; onChange?: (id: number | null) => void; under?: number | null; id?: string }) {
  const [q, setQ] = useState('');
  const debounced = useDebounced(q.trim());
  const cadres = useApi(api.cadres.listCadres, { query: { under: under ?? undefined, q: debounced || undefined, pageSize: 30 } });
  return (
    <Select
      id={id}
      style={{ width: '100%' }}
      value={value ?? undefined}
      showSearch={{ filterOption: false, onSearch: setQ }}
      onChange={(v: number | undefined) => onChange?.(v ?? null)}
      allowClear
      loading={cadres.isFetching}
      placeholder="输入团干部姓名查找"
      optionLabelProp="title"
      notFoundContent={cadres.isFetching ? '查找中…' : '没有找到团干部'}
      options={(cadres.data?.items ?? []).map((c) => ({
        value: c.id,
        title: c.name,
        label: (
          <Space size={6}>
            <span>{c.name}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.age}岁 · {c.posts.map((p) => `${p.orgName}${cadreTitleLabel(p.title)}`).join('、') || c.orgName}
            </Typography.Text>
          </Space>
        ),
      }))}
    />
  );
}
