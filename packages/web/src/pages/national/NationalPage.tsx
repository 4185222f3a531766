import { api } from '@tuanjian/domain';
import { Card, Table, Typography } from 'antd';
import { useApi } from '../../api/hooks';
import { LoadError, PageLoading } from '../../components/PageState';

type Figures = api.national.NationalOverview['total'];
interface Row {
  key: string;
  name: string;
  figures: Figures;
}

const inProgress = (f: Figures) => f.development.stages.reduce((s, x) => s + x.count, 0);
const branches = (f: Figures) => f.orgs.byType.filter((t) => t.type === 'branch' || t.type === 'joint_branch').reduce((s, t) => s + t.count, 0);
const ratioText = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
const n = (v: number) => v.toLocaleString('zh-CN');

/** 全国概况: every province's organizations, youth, members and development, and the total (one query on the national server). */
export default function NationalPage() {
  const overview = useApi(api.national.getOverview, undefined);
  if (overview.error) return <LoadError error={overview.error} onRetry={() => void overview.refetch()} />;
  if (!overview.data) return <PageLoading />;
  const d = overview.data;
  const rows: Row[] = [...d.provinces.map((p) => ({ key: p.code, name: p.name, figures: p })), { key: 'total', name: '全国合计', figures: d.total }];
  return (
    <div>
      <h1 className="tj-page-title">全国概况</h1>
      <Card>
        <Typography.Paragraph type="secondary">
          {d.year} 年，{d.provinces.length} 个省级团委的汇总（各省数据库的实时汇总，一次查询）。
        </Typography.Paragraph>
        <Table<Row>
          size="small"
          pagination={false}
          scroll={{ x: true }}
          dataSource={rows}
          rowClassName={(r) => (r.key === 'total' ? 'tj-total-row' : '')}
          columns={[
            { title: '省份', dataIndex: 'name', fixed: 'left' },
            { title: '组织', align: 'right', render: (_, r) => n(r.figures.orgs.total) },
            { title: '团支部', align: 'right', render: (_, r) => n(branches(r.figures)) },
            { title: '登记青年', align: 'right', render: (_, r) => n(r.figures.people.registered) },
            { title: '团员', align: 'right', render: (_, r) => n(r.figures.people.members) },
            { title: '团青比', align: 'right', render: (_, r) => ratioText(r.figures.people.memberYouthRatio) },
            { title: '发展中', align: 'right', render: (_, r) => n(inProgress(r.figures)) },
            { title: '今年发展', align: 'right', render: (_, r) => n(r.figures.development.approvedThisYear) },
          ]}
        />
      </Card>
    </div>
  );
}

