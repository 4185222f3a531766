import { BellOutlined } from '@ant-design/icons';
import { api, hasPermission } from '@tuanjian/domain';
import { Badge, Button } from 'antd';
import { useEffect, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { useApi } from '../../api/hooks';
import { useAccount } from '../../auth/session';

/**
 * 待办 count in the header of every page. The count endpoint is cheap (one
 * count per source); it is polled every minute and refetched on each
 * navigation, so an action done on one page shows on the next. Not on the
 * first render: the query itself fetches then unless the count is fresh
 * (the home asked for it with the session, homeQueries.ts).
 */
export function InboxBadge() {
  const account = useAccount();
  const navigate = useNavigate();
  const location = useLocation();
  const allowed = hasPermission(account.role, 'inbox:read');
  const count = useApi(api.inbox.inboxCount, undefined, { enabled: allowed, refetchInterval: 60_000, staleTime: 10_000 });
  const { refetch } = count;
  const navigated = useRef(false);
  useEffect(() => {
    if (!navigated.current) {
      navigated.current = true;
      return;
    }
    if (allowed) void refetch();
  }, [location.pathname, location.search, allowed, refetch]);
  if (!allowed) return null;
  const total = count.data?.total ?? 0;
  return (
    <Button
      type="text"
      onClick={() => navigate('/inbox')}
      aria-label={`我的待办 ${total} 项`}
      data-testid="inbox-badge"
      style={{ color: '#fff', marginInlineEnd: 8 }}
    >
      <Badge count={total} overflowCount={99} size="small" offset={[4, -2]} color={count.data?.overdue ? '#faad14' : undefined}>
        <BellOutlined style={{ color: '#fff', fontSize: 18 }} />
      </Badge>
      <span className="tj-inbox-label" style={{ marginInlineStart: 6 }}>
        待办
      </span>
    </Button>
  );
}
