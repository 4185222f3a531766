import { DownloadOutlined } from '@ant-design/icons';
import {
  ageBands,
  CADRE_EMPLOYMENT_LABELS,
  CADRE_EMPLOYMENTS,
  CADRE_GRADE_LABELS,
  cadreTitleLabel,
  EDUCATION_GROUP_LABELS,
  EDUCATION_GROUPS,
  ESTABLISHMENT_LABELS,
  ORG_TYPE_LABELS,
  ORG_TYPES,
  SECTOR_LABELS,
  SECTORS,
  POLITICAL_GROUP_LABELS,
  POLITICAL_GROUPS,
  api,
  educationName,
  politicalStatusName,
  postTitleOptions,
  servicePrograms,
} from '@tuanjian/domain';
import { App, Button, Card, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { download } from '../../api/client';
import { useApi, useRules } from '../../api/hooks';
import { LoadError } from '../../components/PageState';
import { useShowError } from '../../lib/errors';
import { CadreDrawer } from './CadreDrawer';
import { PageHeader, useScopeOrg } from './shared';


const FILTER_KEYS = ['q', 'title', 'employment', 'orgType', 'sectors', 'onDuty', 'ageBand', 'gender', 'educationGroup', 'politicalGroup', 'establishment', 'civilServant', 'withoutPost', 'program'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

const opts = <T extends string>(values: readonly T[], labels: Record<T, string>) => values.map((v) => ({ value: v, label: labels[v] }));
const BOOL = (yes: string, no: string) => [
  { value: 'true', label: yes },
  { value: 'false', label: no },
];

/** 干部名册: the cadres holding posts under an organization, filtered by the same facets as the structure figures. */
export default function CadreListPage() {
  const [orgId, select] = useScopeOrg();
  const [search, setSearch] = useSearchParams();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [open, setOpen] = useState<number | null>(null);
  const rules = useRules();
  const ageOptions = rules ? ageBands(rules).map((b) => ({ value: b.band, label: b.label })) : [];
  const showError = useShowError();
  const { message } = App.useApp();
  const filters: Partial<Record<FilterKey, string>> = {};
  for (const k of FILTER_KEYS) {
    const v = search.get(k);
    if (v) filters[k] = v;
  }
  const setFilter = (k: FilterKey, v: string | undefined) => {
    const next = new URLSearchParams(search);
    if (v) next.set(k, v);
    else next.delete(k);
    setSearch(next);
    setPage(1);
  };
  const query = { under: orgId ?? undefined, ...filters } as api.QueryInput<typeof api.cadres.listCadres>;
  const list = useApi(api.cadres.listCadres, { query: { ...query, page, pageSize } }, { enabled: orgId !== null });

  const sel = (k: FilterKey, placeholder: string, options: { value: string; label: string }[], width = 130) => (
    <Select allowClear placeholder={placeholder} style={{ width }} value={filters[k]} options={options} onChange={(v) => setFilter(k, v)} data-testid={`filter-${k}`} />
  );

  return (
    <div>
      <PageHeader
        title="干部名册"
        orgId={orgId}
        onOrg={select}
        extra={
          <Button
            icon={<DownloadOutlined />}
            onClick={() =>
              download(api.cadres.exportCadres, { query }, '团干部名册.xlsx')
                .then((name) => message.success(`已导出 ${name}`))
                .catch(showError)
            }
          >
            导出
          </Button>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap>
          <Input.Search allowClear placeholder="姓名或身份证号" style={{ width: 200 }} defaultValue={filters.q} onSearch={(v) => setFilter('q', v.trim() || undefined)} />
          {sel('title', '职务', rules ? postTitleOptions(rules) : [])}
          {sel('program', '专项计划', (rules ? servicePrograms(rules) : []).map((p) => ({ value: p, label: p })), 160)}
          {sel('employment', '任职方式', opts(CADRE_EMPLOYMENTS, CADRE_EMPLOYMENT_LABELS))}
          {sel('orgType', '组织类型', opts(ORG_TYPES, ORG_TYPE_LABELS), 140)}
          <Select
            allowClear
            mode="multiple"
            placeholder="领域"
            style={{ minWidth: 140 }}
            value={filters.sectors ? filters.sectors.split(',') : []}
            options={opts(SECTORS, SECTOR_LABELS)}
            onChange={(v: string[]) => setFilter('sectors', v.length ? v.join(',') : undefined)}
            data-testid="filter-sectors"
          />
          {sel('onDuty', '在岗情况', BOOL('在岗', '不在岗'))}
          {sel('ageBand', '年龄段', ageOptions, 140)}
          {sel('gender', '性别', [
            { value: 'male', label: '男' },
            { value: 'female', label: '女' },
          ], 90)}
          {sel('educationGroup', '学历', opts(EDUCATION_GROUPS, EDUCATION_GROUP_LABELS))}
          {sel('politicalGroup', '政治面貌', opts(POLITICAL_GROUPS, POLITICAL_GROUP_LABELS), 170)}
          {sel('establishment', '编制', opts(['inside', 'outside'] as const, ESTABLISHMENT_LABELS), 100)}
          {sel('civilServant', '公务员', BOOL('公务员', '非公务员'), 110)}
          {sel('withoutPost', '任职', BOOL('无现任职务', '有现任职务'), 130)}
          {Object.keys(filters).length > 0 && <Button onClick={() => setSearch(orgId ? { org: String(orgId) } : {})}>清除筛选</Button>}
        </Space>
      </Card>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (t) => `共 ${t} 人`,
            onChange: (p, s) => {
              setPage(p);
              setPageSize(s);
            },
          }}
          columns={[
            { title: '姓名', dataIndex: 'name', render: (v: string) => <a>{v}</a> },
            { title: '性别', dataIndex: 'gender', width: 60, render: (g) => (g === 'male' ? '男' : '女') },
            { title: '年龄', dataIndex: 'age', width: 60 },
            { title: '学历', dataIndex: 'education', render: (v) => educationName(v) ?? '—' },
            { title: '政治面貌', dataIndex: 'politicalStatus', render: (v) => politicalStatusName(v) ?? v },
            {
              title: '现任职务',
              dataIndex: 'posts',
              render: (posts: api.cadres.CadreItem['posts']) =>
                posts.length ? (
                  <Space orientation="vertical" size={0}>
                    {posts.map((p) => (
                      <span key={p.id}>
                        {p.orgName} {cadreTitleLabel(p.title)}（{CADRE_EMPLOYMENT_LABELS[p.employment]}）
                      </span>
                    ))}
                  </Space>
                ) : (
                  '—'
                ),
            },
            { title: '编制', dataIndex: 'establishment', width: 80, render: (v: 'inside' | 'outside', r) => `${ESTABLISHMENT_LABELS[v]}${r.civilServant ? '·公务员' : ''}` },
            { title: '在岗', dataIndex: 'onDuty', width: 80, render: (v: boolean, r) => (r.posts.length ? <Tag color={v ? 'success' : 'warning'}>{v ? '在岗' : '不在岗'}</Tag> : '—') },
            { title: '考核', dataIndex: 'latestGrade', width: 90, render: (g: keyof typeof CADRE_GRADE_LABELS | null) => (g ? CADRE_GRADE_LABELS[g] : '—') },
            { title: '电话', dataIndex: 'phoneMasked', render: (v) => v ?? '—' },
          ]}
        />
      )}
      <CadreDrawer id={open} onClose={() => setOpen(null)} />
    </div>
  );
}
