import { useQueries, useQueryClient } from '@tanstack/react-query';
import { allowedChildTypes, api, orgChildrenInput } from '@tuanjian/domain';
import { useCallback, useMemo, useState } from 'react';
import { apiQuery, useApi } from '../api/hooks';

export type OrgSummary = api.OrgSummary;

export interface LazyOrgTree {
  roots: OrgSummary[];
  rootsLoading: boolean;
  rootsError: unknown;
  /** Children of each organization whose children have been loaded. */
  childrenOf: Map<number, OrgSummary[]>;
  /** Every organization seen so far, by id. */
  known: Map<number, OrgSummary>;
  loadedKeys: number[];
  /** Loads the children of these organizations (kept in step with the query cache afterwards). */
  load(ids: number[]): Promise<void>;
}

/** The query of an organization's children in the tree (its key too; the home prefetches it, pages/home/homeQueries.ts). */
export const orgChildrenQuery = (id: number, includeDissolved = false) =>
  apiQuery(api.orgs.listChildren, orgChildrenInput(id, includeDissolved));

/**
 * The caller's organization tree, loaded one level at a time from
 * listRoots / listChildren. Children live in the react-query cache, so any
 * invalidation after a change (new, moved, dissolved organization) shows up
 * in every tree on screen.
 */
export function useLazyOrgTree(includeDissolved = false): LazyOrgTree {
  const queryClient = useQueryClient();
  const roots = useApi(api.orgs.listRoots, undefined);
  const [requested, setRequested] = useState<number[]>([]);

  const childQuery = useCallback((id: number) => orgChildrenQuery(id, includeDissolved), [includeDissolved]);
  const results = useQueries({ queries: requested.map((id) => childQuery(id)) });

  const load = useCallback(
    async (ids: number[]) => {
      setRequested((prev) => {
        const missing = ids.filter((id) => !prev.includes(id));
        return missing.length ? [...prev, ...missing] : prev;
      });
      await Promise.all(ids.map((id) => queryClient.fetchQuery(childQuery(id)).catch(() => undefined)));
    },
    [queryClient, childQuery],
  );

  const dataKey = results.map((r) => r.dataUpdatedAt).join(',');
  const { childrenOf, known, loadedKeys } = useMemo(() => {
    const childrenOf = new Map<number, OrgSummary[]>();
    const known = new Map<number, OrgSummary>();
    for (const r of roots.data ?? []) known.set(r.id, r);
    requested.forEach((id, i) => {
      const data = results[i]?.data;
      if (!data) return;
      childrenOf.set(id, data);
      for (const c of data) known.set(c.id, c);
    });
    return { childrenOf, known, loadedKeys: [...childrenOf.keys()] };
    // results change identity on every render; dataKey tracks their content.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [roots.data, requested, dataKey]);

  return {
    roots: roots.data ?? [],
    rootsLoading: roots.isLoading,
    rootsError: roots.error,
    childrenOf,
    known,
    loadedKeys,
    load,
  };
}

/** Whether an organization can have children to show. */
export function mayHaveChildren(org: OrgSummary, includeDissolved: boolean, loaded?: OrgSummary[]): boolean {
  if (loaded) return loaded.length > 0;
  if (allowedChildTypes(org.type).length === 0) return false; // branches have no subordinates
  // childCount counts active children only; dissolved ones may still be there.
  return includeDissolved || org.childCount > 0;
}
