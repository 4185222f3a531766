import { lazy } from 'react';
import { Navigate, Route } from 'react-router-dom';
import { RequirePermission } from '../../auth/guards';

const MeetingsPage = lazy(() => import('./MeetingsPage'));
const CompliancePage = lazy(() => import('./CompliancePage'));
const ActivitiesPage = lazy(() => import('./ActivitiesPage'));
const VenuesPage = lazy(() => import('./VenuesPage'));

/** The /org-life pages, placed inside the signed-in layout by App. */
export function orgLifeRoutes() {
  return (
    <>
      <Route path="org-life" element={<Navigate to="/org-life/meetings" replace />} />
      <Route path="org-life/meetings" element={<RequirePermission permission="person:read"><MeetingsPage /></RequirePermission>} />
      <Route path="org-life/compliance" element={<RequirePermission permission="person:read"><CompliancePage /></RequirePermission>} />
      <Route path="org-life/activities" element={<RequirePermission permission="person:read"><ActivitiesPage /></RequirePermission>} />
      <Route path="org-life/venues" element={<RequirePermission permission="org:read"><VenuesPage /></RequirePermission>} />
    </>
  );
}
