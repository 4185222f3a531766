import { lazy } from 'react';
import { Route } from 'react-router-dom';
import { RequirePermission } from '../../auth/guards';

const NewSectorPage = lazy(() => import('./NewSectorPage'));
const HonorAwardsPage = lazy(() => import('./HonorAwardsPage'));
const CampaignsPage = lazy(() => import('./CampaignsPage'));
const DeputiesPage = lazy(() => import('./DeputiesPage'));

/** The registries of issue 17, placed inside the signed-in layout by App. */
export function registryRoutes() {
  return (
    <>
      <Route path="new-sector" element={<RequirePermission permission="org:read"><NewSectorPage /></RequirePermission>} />
      <Route path="youth/honor-awards" element={<RequirePermission permission="person:read"><HonorAwardsPage /></RequirePermission>} />
      <Route path="cadres/campaigns" element={<RequirePermission permission="org:read"><CampaignsPage /></RequirePermission>} />
      <Route path="cadres/deputies" element={<RequirePermission permission="org:read"><DeputiesPage /></RequirePermission>} />
    </>
  );
}
