import type { api } from '@tuanjian/domain';

/** The tag colour of each 跨省转接 status (the branch's card and the member's portal). */
export const INTERPROVINCE_STATUS_COLORS: Record<api.membership.InterprovinceTransferItem['status'], string> = {
  requested: 'warning',
  pending: 'processing',
  accepted: 'success',
  rejected: 'error',
  withdrawn: 'default',
  declined: 'error',
};
