import { lazy } from 'react';
import { Navigate, Route } from 'react-router-dom';
import { RequirePermission } from '../../auth/guards';

const TablesPage = lazy(() => import('./TablesPage'));
const TrendsPage = lazy(() => import('./TrendsPage'));
const LedgersPage = lazy(() => import('./LedgersPage'));
const ReportsPage = lazy(() => import('./ReportsPage'));
const AssessmentPage = lazy(() => import('./AssessmentPage'));

/** The /stats pages, placed inside the signed-in layout by App. */
export function statsRoutes() {
  return (
    <>
      <Route path="stats" element={<Navigate to="/stats/tables" replace />} />
      <Route path="stats/tables" element={<RequirePermission permission="stats:read"><TablesPage /></RequirePermission>} />
      <Route path="stats/trends" element={<RequirePermission permission="stats:read"><TrendsPage /></RequirePermission>} />
      <Route path="stats/ledgers" element={<RequirePermission permission="stats:read"><LedgersPage /></RequirePermission>} />
      <Route path="stats/reports" element={<RequirePermission permission="stats:read"><ReportsPage /></RequirePermission>} />
      <Route path="stats/assessment" element={<RequirePermission permission="stats:read"><AssessmentPage /></RequirePermission>} />
    </>
  );
}
