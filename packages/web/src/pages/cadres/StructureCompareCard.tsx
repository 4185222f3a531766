import {
  api,
  CADRE_EMPLOYMENT_LABELS,
  CADRE_EMPLOYMENTS,
  ORG_TYPE_LABELS,
  percentText,
  postTitleOptions,
  SECTOR_LABELS,
  SECTORS,
  type OrgType,
  type Sector,
} from '@tuanjian/domain';
import { Card, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useApi, useRules } from '../../api/hooks';
import { LoadError } from '../../components/PageState';

type Structure = api.ResponseOf<typeof api.cadres.getStructure>;
type Figures = Omit<Structure, 'on' | 'previous'>;
type Share = { count: number; share: number | null };

/** A chosen set of posts: the seeds' figures name them (e.g. the part-time cadres of street committees, village and community secretaries). */
interface CadreSet {
  title?: string;
  employment?: string;
  orgType?: OrgType;
  sectors?: Sector[];
}

const PRESETS: { label: string; set: CadreSet }[] = [
  { label: '全部团干部', set: {} },
  { label: '村、社区团支部书记', set: { title: 'secretary', sectors: ['village', 'community'] } },
  { label: '乡镇团委兼职干部', set: { orgType: 'township', employment: 'part_time' } },
  { label: '街道团工委兼职副书记、委员', set: { orgType: 'subdistrict', employment: 'part_time' } },
];

const COMMITTEE_TYPES: OrgType[] = ['county', 'township', 'subdistrict', 'unit_committee', 'general_branch', 'branch', 'joint_branch'];
const options = <K extends string>(keys: readonly K[], labels: Record<K, string>) => keys.map((k) => ({ value: k, label: labels[k] }));

/** The rows of the comparison: a label, how to read a share from the figures, and the list facet behind it. */
const ROWS: { key: string; label: string; of: (f: Figures) => Share; drill?: Record<string, string> }[] = [
  { key: 'male', label: '男性', of: (f) => f.male, drill: { gender: 'male' } },
  { key: 'female', label: '女性', of: (f) => f.female, drill: { gender: 'female' } },
  { key: 'college', label: '大专及以上学历', of: (f) => f.collegeOrAbove, drill: { collegeOrAbove: 'true' } },
  { key: 'party', label: '中共党员', of: (f) => f.partyMembers, drill: { politicalGroup: 'party' } },
  { key: 'league', label: '共青团员', of: (f) => f.leagueMembers, drill: { politicalGroup: 'league' } },
  { key: 'inside', label: '体制内', of: (f) => f.insideEstablishment, drill: { establishment: 'inside' } },
  { key: 'outside', label: '体制外', of: (f) => f.outsideEstablishment, drill: { establishment: 'outside' } },
  { key: 'civil', label: '公务员', of: (f) => f.civilServants, drill: { civilServant: 'true' } },
  ...CADRE_EMPLOYMENTS.map((e) => ({
    key: e,
    label: CADRE_EMPLOYMENT_LABELS[e],
    of: (f: Figures) => f.byEmployment.find((x) => x.employment === e) ?? { count: 0, share: null },
    drill: { employment: e },
  })),
];

interface Line {
  key: string;
  label: string;
  now: string;
  previous: string | null;
  change: string | null;
  drill?: Record<string, string>;
}

const shareText = (s: Share) => `${s.count}人（${percentText(s.share)}）`;
const points = (a: number | null, b: number | null) => (a === null || b === null ? null : `${a >= b ? '+' : ''}${((a - b) * 100).toFixed(1)}个百分点`);
const signed = (a: number | null, b: number | null, unit: string) => (a === null || b === null ? null : `${a >= b ? '+' : ''}${Math.round((a - b) * 10) / 10}${unit}`);

function linesOf(now: Figures, previous: Figures | null): Line[] {
  const head: Line[] = [
    { key: 'total', label: '人数', now: `${now.total}人`, previous: previous && `${previous.total}人`, change: previous && signed(now.total, previous.total, '人') },
    { key: 'orgs', label: '涉及组织', now: `${now.orgs}个`, previous: previous && `${previous.orgs}个`, change: null },
    { key: 'age', label: '平均年龄', now: `${now.averageAge ?? '—'}岁`, previous: previous && `${previous.averageAge ?? '—'}岁`, change: previous && signed(now.averageAge, previous.averageAge, '岁') },
    ...now.ageBands.map((b) => {
      const p = previous?.ageBands.find((x) => x.band === b.band) ?? null;
      return { key: b.band, label: b.label, now: shareText(b), previous: p && shareText(p), change: p && points(b.share, p.share), drill: { ageBand: b.band } };
    }),
  ];
  return [
    ...head,
    ...ROWS.map((r) => {
      const p = previous ? r.of(previous) : null;
      return { key: r.key, label: r.label, now: shareText(r.of(now)), previous: p && shareText(p), change: p && points(r.of(now).share, p.share), drill: r.drill };
    }),
  ];
}

/**
 * 队伍结构（按条件）: the structure of any chosen set of posts, and the same set in the previous term (the day before each
 * organization's current term began), row by row; a figure of this term opens the 干部名册 with the same conditions.
 */
export function StructureCompareCard({ orgId, onDrill }: { orgId: number; onDrill: (q: Record<string, string>) => void }) {
  const [set, setSet] = useState<CadreSet>(PRESETS[1]!.set);
  const [compare, setCompare] = useState(true);
  const rules = useRules();
  const query = { under: orgId, ...set, sectors: set.sectors?.join(','), compare: compare ? 'true' : undefined } as api.QueryInput<typeof api.cadres.getStructure>;
  const structure = useApi(api.cadres.getStructure, { query });
  const patch = (p: Partial<CadreSet>) => setSet((s) => ({ ...s, ...p }));
  const setQuery = (): Record<string, string> => {
    const q: Record<string, string> = {};
    if (set.title) q.title = set.title;
    if (set.employment) q.employment = set.employment;
    if (set.orgType) q.orgType = set.orgType;
    if (set.sectors?.length) q.sectors = set.sectors.join(',');
    return q;
  };
  const s = structure.data;
  const lines = s ? linesOf(s, compare ? s.previous : null) : [];
  return (
    <Card title="队伍结构（按条件，对比上届）" size="small" data-testid="structure-compare">
      <Space wrap style={{ marginBottom: 8 }}>
        {PRESETS.map((p) => (
          <Tag.CheckableTag key={p.label} checked={JSON.stringify(p.set) === JSON.stringify(set)} onChange={() => setSet(p.set)} style={{ padding: '4px 8px' }}>
            {p.label}
          </Tag.CheckableTag>
        ))}
      </Space>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear placeholder="职务" style={{ width: 120 }} value={set.title} options={rules ? postTitleOptions(rules) : []} onChange={(v) => patch({ title: v })} data-testid="set-title" />
        <Select allowClear placeholder="任职方式" style={{ width: 110 }} value={set.employment} options={options(CADRE_EMPLOYMENTS, CADRE_EMPLOYMENT_LABELS)} onChange={(v) => patch({ employment: v })} />
        <Select allowClear placeholder="组织类型" style={{ width: 140 }} value={set.orgType} options={options(COMMITTEE_TYPES, ORG_TYPE_LABELS)} onChange={(v) => patch({ orgType: v })} />
        <Select allowClear mode="multiple" placeholder="领域" style={{ minWidth: 160 }} value={set.sectors ?? []} options={options(SECTORS, SECTOR_LABELS)} onChange={(v: Sector[]) => patch({ sectors: v.length ? v : undefined })} />
        <Space size={4}>
          <Switch checked={compare} onChange={setCompare} data-testid="set-compare" />
          对比上届
        </Space>
      </Space>
      {structure.error ? (
        <LoadError error={structure.error} onRetry={() => void structure.refetch()} />
      ) : (
        <Table<Line>
          rowKey="key"
          size="small"
          pagination={false}
          loading={structure.isLoading}
          dataSource={lines}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: '指标', dataIndex: 'label' },
            {
              title: '本届（现任）',
              dataIndex: 'now',
              render: (v: string, r) => (r.drill || r.key === 'total' ? <a onClick={() => onDrill({ ...setQuery(), ...(r.drill ?? {}) })}>{v}</a> : v),
            },
            ...(compare ? [{ title: '上届', dataIndex: 'previous', render: (v: string | null) => v ?? '—' }, { title: '变化', dataIndex: 'change', render: (v: string | null) => v ?? '' }] : []),
          ]}
        />
      )}
      {compare && s?.previous && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          上届按各组织本届开始前一天在任的人员统计（任职经历），年龄按当日计算；学历、政治面貌为现有档案记载。没有届次记录的组织不计入上届。
        </Typography.Paragraph>
      )}
    </Card>
  );
}

/** 配备率、在岗率按领域（村、社区…）: each rate opens the organizations or cadres behind it. */
export function RatesBySectorCard({ orgId, onDrill }: { orgId: number; onDrill: (q: Record<string, string>) => void }) {
  const rates = useApi(api.cadres.getRates, { query: { orgId } });
  const rows = rates.data?.bySector ?? [];
  const rate = (r: { numerator: number; denominator: number; rate: number | null }) => `${r.numerator}/${r.denominator}（${percentText(r.rate)}）`;
  return (
    <Card title="配备率、在岗率（按领域）" size="small" data-testid="rates-by-sector">
      <Table
        rowKey="sector"
        size="small"
        pagination={false}
        loading={rates.isLoading}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '领域', dataIndex: 'sector', render: (v: Sector) => SECTOR_LABELS[v] },
          { title: '配备率（书记）', dataIndex: 'staffing', render: rate },
          { title: '在岗率', dataIndex: 'onDuty', render: (v, r) => <a onClick={() => onDrill({ sectors: r.sector, onDuty: 'false' })}>{rate(v)}</a> },
        ]}
      />
    </Card>
  );
}
