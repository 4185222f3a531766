import { lazy } from 'react';
import { Route } from 'react-router-dom';
import { RequirePermission } from '../../../auth/guards';

const SupervisionPage = lazy(() => import('./SupervisionPage'));
const PartyMeetingsPage = lazy(() => import('./PartyMeetingsPage'));
const SocietiesPage = lazy(() => import('./SocietiesPage'));
const PlanPage = lazy(() => import('./PlanPage'));
const ProgramsPage = lazy(() => import('./ProgramsPage'));

/** The smaller registries of issue 17 (item 6), placed inside the signed-in layout by App. */
export function registrySmallRoutes() {
  return (
    <>
      <Route path="daily/supervision" element={<RequirePermission permission="org:read"><SupervisionPage /></RequirePermission>} />
      <Route path="daily/party-meetings" element={<RequirePermission permission="org:read"><PartyMeetingsPage /></RequirePermission>} />
      <Route path="youth/societies" element={<RequirePermission permission="org:read"><SocietiesPage /></RequirePermission>} />
      <Route path="youth/plan" element={<RequirePermission permission="org:read"><PlanPage /></RequirePermission>} />
      <Route path="youth/programs" element={<RequirePermission permission="person:read"><ProgramsPage /></RequirePermission>} />
    </>
  );
}
