import { lazy } from 'react';
import { Navigate, Route } from 'react-router-dom';
import { RequirePermission } from '../../auth/guards';

const DuesPage = lazy(() => import('./DuesPage'));
const RatingsPage = lazy(() => import('./RatingsPage'));
const GraduatesPage = lazy(() => import('./GraduatesPage'));
const QualityPage = lazy(() => import('./QualityPage'));
const CorrectionsPage = lazy(() => import('./CorrectionsPage'));

/** The /daily pages, placed inside the signed-in layout by App. */
export function dailyRoutes() {
  return (
    <>
      <Route path="daily" element={<Navigate to="/daily/dues" replace />} />
      <Route path="daily/dues" element={<RequirePermission permission="person:read"><DuesPage /></RequirePermission>} />
      <Route path="daily/ratings" element={<RequirePermission permission="org:read"><RatingsPage /></RequirePermission>} />
      <Route path="daily/graduates" element={<RequirePermission permission="person:read"><GraduatesPage /></RequirePermission>} />
      <Route path="daily/quality" element={<RequirePermission permission="person:read"><QualityPage /></RequirePermission>} />
      <Route path="daily/corrections" element={<RequirePermission permission="person:read"><CorrectionsPage /></RequirePermission>} />
    </>
  );
}
