import type { api } from '@tuanjian/domain';
import { AutoComplete, Table, Tag, Typography } from 'antd';
import { useIsPhone } from '../../components/PhoneNav';

type RosterRow = api.orgLife.MeetingDetail['roster'][number];

const ABSENCE_REASONS = ['请假', '病假', '外出务工', '在外求学', '工作冲突'].map((value) => ({ value }));

/**
 * 出席情况 of a meeting being recorded: tick who attended, give a reason for who did not.
 * On a phone the table keeps its key columns (姓名, 情况, 缺席原因; the 团员编号 goes under the name)
 * and fits the screen, so the reason's suggestions open under a field that is on the screen and never
 * reach past it.
 */
export function AttendanceTable(props: {
  roster: RosterRow[];
  allExpected: boolean;
  present: Set<number>;
  onPresent(ids: Set<number>): void;
  reasons: Record<number, string>;
  onReason(personId: number, reason: string): void;
}) {
  const { roster, allExpected, present, reasons } = props;
  const phone = useIsPhone();
  return (
    <Table<RosterRow>
      rowKey="personId"
      size="small"
      data-testid="attendance-table"
      dataSource={roster}
      pagination={false}
      scroll={{ y: 300 }}
      tableLayout={phone ? 'fixed' : undefined}
      locale={{ emptyText: '本支部没有在册团员' }}
      rowSelection={{
        selectedRowKeys: [...present],
        onChange: (keys) => props.onPresent(new Set(keys as number[])),
        columnTitle: undefined,
        columnWidth: phone ? 40 : undefined,
      }}
      columns={[
        phone
          ? {
              title: '姓名',
              dataIndex: 'name',
              width: 88,
              render: (name: string, p) => (
                <>
                  <div style={{ overflowWrap: 'anywhere' }}>{name}</div>
                  {p.memberNo && (
                    <Typography.Text type="secondary" style={{ fontSize: 14, overflowWrap: 'anywhere' }}>
                      {p.memberNo}
                    </Typography.Text>
                  )}
                </>
              ),
            }
          : { title: '姓名', dataIndex: 'name', width: 120 },
        ...(phone ? [] : [{ title: '团员编号', dataIndex: 'memberNo', width: 160, render: (v: string | null) => v ?? '—' }]),
        {
          title: '情况',
          key: 'state',
          width: phone ? 64 : 90,
          render: (_, p) =>
            present.has(p.personId) ? (
              <Tag color="success">出席</Tag>
            ) : allExpected || reasons[p.personId]?.trim() ? (
              <Tag color={reasons[p.personId]?.trim() ? 'warning' : 'error'}>缺席</Tag>
            ) : (
              <Typography.Text type="secondary">未参会</Typography.Text>
            ),
        },
        {
          title: '缺席原因',
          key: 'reason',
          render: (_, p) =>
            present.has(p.personId) ? null : (
              <AutoComplete
                size="small"
                style={{ width: phone ? '100%' : 180 }}
                options={ABSENCE_REASONS}
                value={reasons[p.personId] ?? ''}
                placeholder="如：请假"
                maxLength={100}
                onChange={(v: string) => props.onReason(p.personId, v)}
              />
            ),
        },
      ]}
    />
  );
}
