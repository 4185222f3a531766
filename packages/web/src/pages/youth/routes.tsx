import { lazy } from 'react';
import { Navigate, Route } from 'react-router-dom';
import { RequirePermission } from '../../auth/guards';

const VolunteersPage = lazy(() => import('./VolunteersPage'));
const StudyPage = lazy(() => import('./StudyPage'));
const AidPage = lazy(() => import('./AidPage'));
const HonorsPage = lazy(() => import('./HonorsPage'));
const AppealsPage = lazy(() => import('./AppealsPage'));

/** The /youth pages, placed inside the signed-in layout by App. */
export function youthRoutes() {
  return (
    <>
      <Route path="youth" element={<Navigate to="/youth/volunteers" replace />} />
      <Route path="youth/volunteers" element={<RequirePermission permission="person:read"><VolunteersPage /></RequirePermission>} />
      <Route path="youth/study" element={<RequirePermission permission="person:read"><StudyPage /></RequirePermission>} />
      <Route path="youth/aid" element={<RequirePermission permission="person:read"><AidPage /></RequirePermission>} />
      <Route path="youth/honors" element={<RequirePermission permission="person:read"><HonorsPage /></RequirePermission>} />
      <Route path="youth/appeals" element={<RequirePermission permission="person:read"><AppealsPage /></RequirePermission>} />
    </>
  );
}
