import type { Permission } from '@tuanjian/domain';
import { Result } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { PageLoading } from '../components/PageState';
import { useCan, useSession } from './session';

/** Pages behind the login; an account that must change its password is sent to that form first. */
export function RequireLogin({ children, allowPasswordChange = false }: { children: ReactNode; allowPasswordChange?: boolean }) {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <PageLoading full />;
  if (state.status === 'anonymous') {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search, reason: state.reason }} />;
  }
  if (state.account.mustChangePassword && !allowPasswordChange) return <Navigate to="/change-password" replace />;
  return <>{children}</>;
}

export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const allowed = useCan(permission);
  if (!allowed) return <Result status="403" title="无权访问" subTitle="您的角色无权使用此功能，如需使用请联系上级管理员。" />;
  return <>{children}</>;
}
