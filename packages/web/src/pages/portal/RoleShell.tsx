import type { ReactNode } from 'react';
import { Navigate } from 'react-router-dom';
import { useAccount } from '../../auth/session';

/** Members get the phone portal (团员自助) instead of the admin shell. */
export function AdminOnly({ children }: { children: ReactNode }) {
  const account = useAccount();
  if (account.role === 'member') return <Navigate to="/portal" replace />;
  return <>{children}</>;
}

/** The portal is for member accounts; everybody else goes to the admin shell. */
export function MemberOnly({ children }: { children: ReactNode }) {
  const account = useAccount();
  if (account.role !== 'member') return <Navigate to="/" replace />;
  return <>{children}</>;
}
