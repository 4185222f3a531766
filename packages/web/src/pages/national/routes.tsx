import { lazy } from 'react';
import { Route } from 'react-router-dom';
import { RequirePermission } from '../../auth/guards';

const NationalPage = lazy(() => import('./NationalPage'));
const TransfersPage = lazy(() => import('./TransfersPage'));

/** The national tier's pages (a national server, docs/scaling.md), placed inside the signed-in layout by App. */
export function nationalRoutes() {
  return (
    <>
      <Route path="national" element={<RequirePermission permission="stats:read"><NationalPage /></RequirePermission>} />
      <Route path="national/transfers" element={<RequirePermission permission="stats:read"><TransfersPage /></RequirePermission>} />
    </>
  );
}
