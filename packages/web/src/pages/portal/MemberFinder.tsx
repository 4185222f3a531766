import { api } from '@tuanjian/domain';
import { Button, Empty, Input, Table, Typography } from 'antd';
import { useState } from 'react';
import { useApi } from '../../api/hooks';

type Person = api.PersonItem;

/**
 * 团员账号 above a branch: find a member by name across the subtree and open
 * their branch's accounts on them, instead of a blank page until a branch is picked.
 */
export function MemberFinder({ under, onOpen }: { under: number | null; onOpen: (orgId: number, name: string) => void }) {
  const [q, setQ] = useState('');
  const found = useApi(api.people.listPeople, { query: { under: under ?? undefined, kind: 'member', q, page: 1, pageSize: 20 } }, { enabled: q.length > 0 });
  return (
    <div data-testid="member-finder">
      <Input.Search allowClear enterButton="查找" placeholder="输入团员姓名或身份证号查找，或在上方选择团支部" style={{ maxWidth: 480, marginBottom: 12 }} onSearch={(v) => setQ(v.trim())} />
      {!q ? (
        <Empty description="按姓名查找团员，或选择一个团支部查看其全部团员账号" />
      ) : (
        <Table<Person>
          rowKey="id"
          size="small"
          loading={found.isFetching}
          dataSource={found.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: '没有找到' }}
          columns={[
            { title: '姓名', dataIndex: 'name', width: 120 },
            { title: '团员编号', dataIndex: 'memberNo', render: (v: string | null) => v ?? '—' },
            { title: '所在团支部', dataIndex: 'orgName', ellipsis: true },
            {
              title: '',
              key: 'open',
              width: 110,
              render: (_: unknown, p) => (
                <Button size="small" onClick={() => onOpen(p.orgId, p.name)}>
                  查看账号
                </Button>
              ),
            },
          ]}
        />
      )}
      {found.data && found.data.total > 20 && <Typography.Text type="secondary">只显示前 20 名，请输入更完整的姓名</Typography.Text>}
    </div>
  );
}
