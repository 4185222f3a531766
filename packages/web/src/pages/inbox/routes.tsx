import { lazy } from 'react';
import { Route } from 'react-router-dom';
import { RequirePermission } from '../../auth/guards';

const InboxPage = lazy(() => import('./InboxPage'));
const ReceivedNoticesPage = lazy(() => import('../notices/ReceivedNoticesPage'));
const SentNoticesPage = lazy(() => import('../notices/SentNoticesPage'));

/** 我的待办 and 通知公告. */
export function inboxRoutes() {
  return (
    <>
      <Route path="inbox" element={<RequirePermission permission="inbox:read"><InboxPage /></RequirePermission>} />
      <Route path="notices/received" element={<RequirePermission permission="notice:read"><ReceivedNoticesPage /></RequirePermission>} />
      <Route path="notices/sent" element={<RequirePermission permission="notice:read"><SentNoticesPage /></RequirePermission>} />
    </>
  );
}
