import { useQuery } from '@tanstack/react-query';
import { api } from '@tuanjian/domain';
import { Card, List, Tag, Typography } from 'antd';
import { call } from '../../api/client';
import { formatDate } from '../../lib/format';
import { INTERPROVINCE_STATUS_COLORS } from '../membership/interprovinceStatus';

const NOTE_LABELS: Partial<Record<string, string>> = { declined: '未予办理：', rejected: '退回原因：' };

/** The member's 跨省转接 (one query, shared by the card and the 申请转接 button). */
export function usePortalInterprovince() {
  return useQuery({ queryKey: ['portal', 'interprovince'], queryFn: () => call(api.dailyWork.portalInterprovince) });
}

/**
 * 跨省转接 on the member's portal, read-only: the branch asks for it and the receiving province decides, so the
 * member sees where it stands (and why it was declined). Shown when this province is linked to the national
 * tier or the member has such a transfer.
 */
export function PortalInterprovince() {
  const q = usePortalInterprovince();
  if (!q.data || (!q.data.national && q.data.items.length === 0)) return null;
  return (
    <Card title="跨省转接" size="small" style={{ marginTop: 12 }}>
      {q.data.items.length === 0 ? (
        <Typography.Text type="secondary">转往外省的组织关系，请联系所在团支部申请办理。</Typography.Text>
      ) : (
        <List
          dataSource={q.data.items}
          renderItem={(t) => (
            <List.Item>
              <div style={{ width: '100%' }}>
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                  <span style={{ fontWeight: 500, minWidth: 0, wordBreak: 'break-all' }}>
                    {t.direction === 'out' ? '转往' : '转自'}
                    {t.otherProvinceName ?? ''}
                    {t.otherOrgName ? `：${t.otherOrgName}` : ''}
                  </span>
                  <Tag color={INTERPROVINCE_STATUS_COLORS[t.status]} style={{ marginInlineEnd: 0, flex: 'none' }}>
                    {api.membership.INTERPROVINCE_STATUS_LABELS[t.status]}
                  </Tag>
                </div>
                <div style={{ color: '#595959', fontSize: 13, wordBreak: 'break-all' }}>{t.direction === 'out' ? `转出：${t.orgName}` : `转入：${t.orgName}`}</div>
                <div style={{ color: '#8c8c8c', fontSize: 12 }}>
                  {t.kind === 'request' ? '申请' : '开始办理'} {formatDate(t.createdAt)}
                  {t.decidedAt ? ` · 办结 ${formatDate(t.decidedAt)}` : ''}
                </div>
                {t.reason || t.decisionNote ? (
                  <div style={{ color: '#8c8c8c', fontSize: 12, wordBreak: 'break-all' }}>
                    {t.reason ? `原因：${t.reason}` : ''}
                    {t.decisionNote ? `${t.reason ? ' · ' : ''}${NOTE_LABELS[t.status] ?? ''}${t.decisionNote}` : ''}
                  </div>
                ) : null}
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
