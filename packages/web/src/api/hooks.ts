import { useQuery, type QueryClient, type UseQueryOptions } from '@tanstack/react-query';
import { api, resolveRules, type Rules } from '@tuanjian/domain';
import { useMemo } from 'react';
import { call, type ApiError, type CallArgs, type CallInput } from './client';

type Contract = api.Contract;

/** Query keys start with the contract's path, so all cached answers of one route can be invalidated together. */
export function keyOf<C extends Contract>(contract: C, input?: CallInput<C>): readonly unknown[] {
  return input === undefined ? [contract.path] : [contract.path, input];
}

/** Options for react-query (useQuery, useQueries, fetchQuery) calling one contract. */
export function apiQuery<C extends Contract>(contract: C, ...[input]: CallArgs<C>) {
  return {
    queryKey: keyOf(contract, input as CallInput<C>),
    queryFn: () => call(contract, ...([input] as CallArgs<C>)),
  };
}

type ExtraOptions<C extends Contract> = Omit<UseQueryOptions<api.ResponseOf<C>, ApiError>, 'queryKey' | 'queryFn'>;

/** useQuery over a contract: `useApi(api.orgs.getOrg, { params: { id } })`. */
export function useApi<C extends Contract>(contract: C, input: CallInput<C> | undefined, options?: ExtraOptions<C>) {
  return useQuery<api.ResponseOf<C>, ApiError>({
    ...apiQuery(contract, ...([input] as CallArgs<C>)),
    ...options,
  });
}

/** Marks every cached answer of these routes stale (refetching those on screen). */
export function invalidate(client: QueryClient, ...contracts: Contract[]) {
  return Promise.all(contracts.map((c) => client.invalidateQueries({ queryKey: [c.path] })));
}

/** Everything that shows organizations or their counts, refreshed after any change to one. */
export function refreshOrgData(client: QueryClient) {
  return invalidate(
    client,
    api.orgs.listRoots,
    api.orgs.listChildren,
    api.orgs.getOrg,
    api.orgs.searchOrgs,
    api.orgs.listAdminUnits,
    api.stats.getOrgOverview,
    api.audit.listAudit,
  );
}

/** The business rules in force (ages, periods, figures), typed through the domain's schema. */
export function useRules(): Rules | undefined {
  const rules = useApi(api.rules.getRules, undefined);
  return useMemo(() => {
    if (!rules.data) return undefined;
    try {
      return resolveRules(rules.data.rules);
    } catch {
      return undefined;
    }
  }, [rules.data]);
}
