import { api } from '@tuanjian/domain';
import { Card, Col, Row, Table, Typography } from 'antd';
import { useApi } from '../../api/hooks';
import { LoadError } from '../../components/PageState';
import { Figure } from '../org-life/shared';

type Coverage = api.ResponseOf<typeof api.registries.getNewSectorCoverage>;
type Figures = Coverage['total'];

const pct = (v: number | null) => (v === null ? '—' : `${v}%`);

const FIGURE_COLUMNS = [
  { title: '应覆盖', dataIndex: 'shouldCover', width: 80, align: 'right' as const },
  { title: '已覆盖', dataIndex: 'covered', width: 80, align: 'right' as const },
  { title: '覆盖率', dataIndex: 'rate', width: 90, align: 'right' as const, render: pct },
  { title: '上年末已覆盖', dataIndex: 'coveredLastYear', width: 110, align: 'right' as const },
  { title: '较上年末增幅', key: 'growth', width: 110, align: 'right' as const, render: (_: unknown, f: Figures) => pct(f.growth.value) },
  { title: '本年新覆盖', dataIndex: 'newlyCovered', width: 100, align: 'right' as const },
  { title: '尚未覆盖', dataIndex: 'toReach', width: 90, align: 'right' as const },
];

/** Coverage of the organization's subtree: totals, by sector, by child organization, new members by sector. */
export function NewSectorCoverage({ orgId }: { orgId: number }) {
  const c = useApi(api.registries.getNewSectorCoverage, { query: { orgId } });
  if (c.error) return <LoadError error={c.error} onRetry={() => void c.refetch()} />;
  const d = c.data;
  const t = d?.total;
  return (
    <div>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} lg={4}>
          <Figure title="应覆盖单位" value={t?.shouldCover ?? '—'} suffix="个" testId="ns-should" />
        </Col>
        <Col xs={12} lg={4}>
          <Figure title="已建团组织" value={t?.covered ?? '—'} suffix="个" testId="ns-covered" />
        </Col>
        <Col xs={12} lg={4}>
          <Figure title="覆盖率" value={t ? pct(t.rate) : '—'} testId="ns-rate" />
        </Col>
        <Col xs={12} lg={4}>
          <Figure title="较上年末增幅" value={t ? pct(t.growth.value) : '—'} testId="ns-growth" extra={t && <Typography.Text type="secondary">上年末 {t.coveredLastYear} 个</Typography.Text>} />
        </Col>
        <Col xs={12} lg={4}>
          <Figure title="本年新覆盖" value={t?.newlyCovered ?? '—'} suffix="个" testId="ns-new" />
        </Col>
        <Col xs={12} lg={4}>
          <Figure title="尚未覆盖" value={t?.toReach ?? '—'} suffix="个" testId="ns-to-reach" danger={!!t?.toReach} />
        </Col>
      </Row>
      <Card size="small" title="按领域" style={{ marginBottom: 16 }} extra={d && <Typography.Text type="secondary">青年职工 {d.youngEmployees.total} 人，已覆盖单位中 {d.youngEmployees.covered} 人</Typography.Text>}>
        <Table<Coverage['byKind'][number]> rowKey="kind" size="small" pagination={false} loading={c.isLoading} dataSource={d?.byKind ?? []} scroll={{ x: 760 }} data-testid="ns-by-kind"
          columns={[{ title: '领域', dataIndex: 'label', width: 110 }, ...FIGURE_COLUMNS]} />
      </Card>
      <Card size="small" title="按下级组织" style={{ marginBottom: 16 }}>
        <Table<Coverage['byChild'][number]> rowKey="orgId" size="small" pagination={false} loading={c.isLoading} dataSource={d?.byChild ?? []} scroll={{ x: 900 }} data-testid="ns-by-child"
          columns={[{ title: '组织', dataIndex: 'orgName', width: 240, ellipsis: true }, ...FIGURE_COLUMNS]} />
      </Card>
      <Card size="small" title="新发展团员（按所在团组织的领域、入团年度）">
        <Table<Coverage['newMembers']['rows'][number]>
          rowKey="sector"
          size="small"
          pagination={false}
          loading={c.isLoading}
          dataSource={(d?.newMembers.rows ?? []).filter((r) => r.counts.some((n) => n > 0))}
          scroll={{ x: 600 }}
          data-testid="ns-new-members"
          columns={[{ title: '领域', dataIndex: 'label', width: 130 }, ...(d?.newMembers.years ?? []).map((y, i) => ({ title: `${y}年`, key: String(y), width: 80, align: 'right' as const, render: (_: unknown, r: { counts: number[] }) => r.counts[i] }))]}
          summary={() =>
            d && (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>社会领域（学校以外）</Table.Summary.Cell>
                {d.newMembers.social.map((n, i) => (
                  <Table.Summary.Cell key={i} index={i + 1} align="right">
                    <strong>{n}</strong>
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            )
          }
        />
      </Card>
    </div>
  );
}
