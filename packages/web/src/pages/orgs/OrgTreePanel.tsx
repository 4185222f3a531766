import { api } from '@tuanjian/domain';
import { Button, Card, Empty, Input, List, Space, Switch, Tag, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useApi } from '../../api/hooks';
import { OrgTypeTag } from '../../components/OrgTypeTag';
import { LoadError } from '../../components/PageState';
import { mayHaveChildren, useLazyOrgTree, type OrgSummary } from '../../components/useLazyOrgTree';

interface Props {
  selectedId: number | null;
  /** Ancestors of the selected organization, to open down to it. */
  expandTo: number[];
  showDissolved: boolean;
  onShowDissolvedChange(v: boolean): void;
  onSelect(id: number): void;
}

const TREE_HEIGHT = 'calc(100vh - 250px)';

/** The caller's organizations as a lazily opened tree, with a name search. */
export function OrgTreePanel({ selectedId, expandTo, showDissolved, onShowDissolvedChange, onSelect }: Props) {
  const [query, setQuery] = useState('');
  return (
    <Card
      size="small"
      title="组织树"
      extra={
        <Space size={6}>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            显示已撤销
          </Typography.Text>
          <Switch size="small" checked={showDissolved} onChange={onShowDissolvedChange} aria-label="显示已撤销" />
        </Space>
      }
      styles={{ body: { padding: 12 } }}
    >
      <Input.Search
        placeholder="按名称查找组织"
        allowClear
        enterButton="查找"
        onSearch={(v) => setQuery(v.trim())}
        onChange={(e) => !e.target.value && setQuery('')}
        style={{ marginBottom: 12 }}
      />
      {query ? (
        <SearchResults q={query} selectedId={selectedId} onSelect={onSelect} onBack={() => setQuery('')} />
      ) : (
        <OrgTree selectedId={selectedId} expandTo={expandTo} showDissolved={showDissolved} onSelect={onSelect} />
      )}
    </Card>
  );
}

function nodeTitle(org: OrgSummary) {
  const dissolved = org.status === 'dissolved';
  return (
    <span data-org-id={org.id}>
      <OrgTypeTag type={org.type} dissolved={dissolved} />
      <span className={dissolved ? 'tj-tree-dissolved' : undefined}>{org.name}</span>
      {dissolved && (
        <Tag style={{ marginInlineStart: 6 }} bordered={false}>
          已撤销
        </Tag>
      )}
    </span>
  );
}

function OrgTree({ selectedId, expandTo, showDissolved, onSelect }: Omit<Props, 'onShowDissolvedChange'>) {
  const tree = useLazyOrgTree(showDissolved);
  const [expanded, setExpanded] = useState<number[]>([]);
  const boxRef = useRef<HTMLDivElement>(null);

  // Open the roots at first, and the path down to the selected organization whenever it changes.
  const rootIds = tree.roots.map((r) => r.id).join(',');
  const expandKey = expandTo.join(',');
  useEffect(() => {
    const wanted = [...tree.roots.map((r) => r.id), ...expandTo];
    if (!wanted.length) return;
    setExpanded((prev) => {
      const missing = wanted.filter((id) => !prev.includes(id));
      return missing.length ? [...prev, ...missing] : prev;
    });
    void tree.load(wanted);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rootIds, expandKey]);

  // Bring the selected node into view once it is in the tree.
  const selectedVisible = selectedId !== null && tree.known.has(selectedId);
  useEffect(() => {
    if (selectedId !== null && selectedVisible) {
      const t = setTimeout(() => boxRef.current?.querySelector(`[data-org-id="${selectedId}"]`)?.scrollIntoView({ block: 'nearest' }), 80);
      return () => clearTimeout(t);
    }
  }, [selectedId, selectedVisible]);

  const treeData = useMemo(() => {
    const build = (org: OrgSummary): DataNode => {
      const loaded = tree.childrenOf.get(org.id);
      return {
        key: org.id,
        title: nodeTitle(org),
        isLeaf: !mayHaveChildren(org, showDissolved, loaded),
        children: loaded?.map(build),
      };
    };
    return tree.roots.map(build);
  }, [tree.roots, tree.childrenOf, showDissolved]);

  if (tree.rootsError) return <LoadError error={tree.rootsError} />;
  if (!tree.rootsLoading && tree.roots.length === 0) return <Empty description="暂无可管理的组织" />;

  return (
    <div ref={boxRef} style={{ maxHeight: TREE_HEIGHT, overflow: 'auto' }} data-testid="org-tree">
    <Tree
      blockNode
      showLine={{ showLeafIcon: false }}
      treeData={treeData}
      expandedKeys={expanded}
      onExpand={(keys) => setExpanded(keys.map(Number))}
      loadData={(node) => tree.load([Number(node.key)])}
      loadedKeys={tree.loadedKeys}
      selectedKeys={selectedId ? [selectedId] : []}
      onSelect={(keys, info) => {
        const key = Number(info.node.key);
        if (keys.length || key === selectedId) onSelect(key);
      }}
    />
    </div>
  );
}

function SearchResults({ q, selectedId, onSelect, onBack }: { q: string; selectedId: number | null; onSelect(id: number): void; onBack(): void }) {
  const [page, setPage] = useState(1);
  useEffect(() => setPage(1), [q]);
  const result = useApi(api.orgs.searchOrgs, { query: { q, page, pageSize: 15 } });
  if (result.error) return <LoadError error={result.error} onRetry={() => void result.refetch()} />;
  return (
    <div data-testid="org-search-results">
      <Space style={{ marginBottom: 8, justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text type="secondary">{result.data ? `找到 ${result.data.total} 个组织` : '查找中…'}</Typography.Text>
        <Button type="link" size="small" onClick={onBack}>
          返回组织树
        </Button>
      </Space>
      <List
        size="small"
        loading={result.isLoading}
        dataSource={result.data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`没有找到名称包含“${q}”的组织`} /> }}
        pagination={
          result.data && result.data.total > result.data.pageSize
            ? { current: page, pageSize: result.data.pageSize, total: result.data.total, onChange: setPage, size: 'small', showSizeChanger: false }
            : false
        }
        renderItem={(o) => (
          <List.Item
            onClick={() => onSelect(o.id)}
            style={{ cursor: 'pointer', background: o.id === selectedId ? '#e8f0fb' : undefined, paddingInline: 8 }}
          >
            <div>
              <div>
                <OrgTypeTag type={o.type} />
                <Typography.Link>{o.name}</Typography.Link>
              </div>
              {o.parentName && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  上级：{o.parentName}
                </Typography.Text>
              )}
            </div>
          </List.Item>
        )}
      />
    </div>
  );
}
