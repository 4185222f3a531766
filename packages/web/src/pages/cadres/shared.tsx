import type { TermStatus } from '@tuanjian/domain';
import type { ReactNode } from 'react';
import { PageHeader as SharedPageHeader, useScopeOrg as useSharedScopeOrg } from '../../components/page';

/** The organization a cadre page looks at (the shared ?org= rule), as a pair. */
export function useScopeOrg(): [number | null, (id: number | null) => void] {
  const { orgId, setOrg } = useSharedScopeOrg();
  return [orgId, (id) => id && setOrg(id)];
}

/** Page title with the organization picker on the right. */
export function PageHeader({ title, orgId, onOrg, extra }: { title: string; orgId: number | null; onOrg: (id: number | null) => void; extra?: ReactNode }) {
  return (
    <SharedPageHeader title={title} orgId={orgId} onOrg={onOrg}>
      {extra}
    </SharedPageHeader>
  );
}

export const TERM_STATUS_COLORS: Record<TermStatus, string> = {
  never: 'magenta',
  current: 'success',
  due: 'warning',
  overdue: 'orange',
  long_overdue: 'error',
};

export const ELECTION_STATUS_COLORS: Record<string, string> = { in_progress: 'processing', completed: 'success', cancelled: 'default' };

/** Today in China (YYYY-MM-DD). */
export { chinaToday } from '../../lib/people';
