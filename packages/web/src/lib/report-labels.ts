import type { ReportStatus } from '@tuanjian/domain';

/** Tag colors of report statuses (labels come from the domain's REPORT_STATUS_LABELS). */
export const REPORT_STATUS_COLORS: Record<ReportStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  accepted: 'success',
};
