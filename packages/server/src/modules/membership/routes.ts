import { api } from '@tuanjian/domain';
import { scoped, type RouteDef } from '../../http/route.js';

export const membershipRoutes: RouteDef[] = [scoped(api.membership.MEMBERSHIP_PLACEHOLDER, async () => ({ ok: true as const }))];
