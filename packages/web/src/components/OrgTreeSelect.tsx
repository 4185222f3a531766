import { api } from '@tuanjian/domain';
import { TreeSelect } from 'antd';
import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import { useApi } from '../api/hooks';
import { OrgTypeTag } from './OrgTypeTag';
import { mayHaveChildren, useLazyOrgTree, type OrgSummary } from './useLazyOrgTree';

interface TreeSelectNode {
  value: number;
  key: number;
  title: React.ReactNode;
  label: string;
  isLeaf: boolean;
  disabled?: boolean;
  children?: TreeSelectNode[];
}

export interface OrgTreeSelectProps {
  value?: number | null;
  onChange?: (id: number | null, org?: OrgSummary) => void;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: CSSProperties;
  /** Which organizations may be picked (others are shown but greyed). */
  selectable?: (org: OrgSummary) => boolean;
  /** An organization whose subtree cannot be picked (moving it under itself). */
  excludeSubtreeOf?: number;
  id?: string;
}

/**
 * Picks one organization of the caller's tree, loading levels as they are
 * opened. Works as a controlled antd form control (value / onChange).
 */
export function OrgTreeSelect({
  value,
  onChange,
  placeholder = '请选择组织',
  allowClear = false,
  disabled,
  style,
  selectable,
  excludeSubtreeOf,
  id,
}: OrgTreeSelectProps) {
  const tree = useLazyOrgTree(false);
  const [expanded, setExpanded] = useState<number[]>([]);
  // Open the top level at first: most picks are one level below it.
  const rootIds = tree.roots.map((r) => r.id).join(',');
  useEffect(() => {
    const ids = tree.roots.map((r) => r.id);
    if (!ids.length) return;
    setExpanded((prev) => [...new Set([...prev, ...ids])]);
    void tree.load(ids);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rootIds]);
  const selected = value ? tree.known.get(value) : undefined;
  // A preset value deeper than what is loaded still needs its name.
  const detail = useApi(api.orgs.getOrg, value ? { params: { id: value } } : undefined, { enabled: !!value && !selected });
  const selectedLabel = selected?.name ?? detail.data?.name ?? (value ? '加载中…' : undefined);

  const treeData = useMemo(() => {
    const build = (org: OrgSummary): TreeSelectNode => {
      const excluded = excludeSubtreeOf === org.id;
      const loaded = excluded ? [] : tree.childrenOf.get(org.id);
      return {
        value: org.id,
        key: org.id,
        label: org.name,
        title: (
          <span>
            <OrgTypeTag type={org.type} />
            {org.name}
          </span>
        ),
        isLeaf: excluded || !mayHaveChildren(org, false, loaded),
        disabled: excluded || (selectable ? !selectable(org) : false),
        children: loaded?.map(build),
      };
    };
    return tree.roots.map(build);
  }, [tree.roots, tree.childrenOf, selectable, excludeSubtreeOf]);

  return (
    <TreeSelect<{ value: number; label: React.ReactNode } | undefined>
      id={id}
      labelInValue
      value={value ? { value, label: selectedLabel } : undefined}
      onChange={(v) => {
        const picked = v?.value;
        onChange?.(picked ?? null, picked ? tree.known.get(picked) : undefined);
      }}
      treeData={treeData}
      loadData={(node) => tree.load([Number(node.value)])}
      treeLoadedKeys={tree.loadedKeys}
      treeExpandedKeys={expanded}
      onTreeExpand={(keys) => setExpanded(keys.map(Number))}
      treeNodeLabelProp="label"
      showSearch
      treeNodeFilterProp="label"
      placeholder={placeholder}
      allowClear={allowClear}
      disabled={disabled}
      loading={tree.rootsLoading}
      style={{ width: '100%', ...style }}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxHeight: 420, overflow: 'auto', minWidth: 360 } } }}
      notFoundContent="暂无可选组织"
    />
  );
}
