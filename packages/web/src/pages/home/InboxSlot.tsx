import { Alert, Card } from 'antd';

/**
 * 待办 on the home page. The inbox itself (GET /api/inbox, its list and the
 * header count) is built in modules/inbox; this slot embeds its list once it
 * is available.
 */
export function InboxSlot() {
  return (
    <Card size="small" title="我的待办" data-testid="home-inbox">
      <Alert type="info" showIcon title="待办事项即将接入" />
    </Card>
  );
}

/** The county's view of overdue items of its subtree (GET /api/inbox/overdue), once available. */
export function OverdueSlot() {
  return null;
}
