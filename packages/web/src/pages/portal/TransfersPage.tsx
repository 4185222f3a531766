import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, GRADUATE_DESTINATION_LABELS, TRANSFER_KIND_LABELS, TRANSFER_STATUS_LABELS } from '@tuanjian/domain';
import { App, Button, Card, Drawer, Empty, Form, Input, List, Select, Tag } from 'antd';
import { useState } from 'react';
import { call } from '../../api/client';
import { LoadError, PageLoading } from '../../components/PageState';
import { useShowError } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { useDebounced } from '../../lib/useDebounced';
import { PortalInterprovince, usePortalInterprovince } from './PortalInterprovince';

const d = api.dailyWork;
type ApplyBody = api.BodyInput<typeof d.portalApplyTransfer>;
const STATUS_COLORS: Record<string, string> = { pending: 'processing', accepted: 'success', rejected: 'error', cancelled: 'default' };

interface ApplyValues {
  toOrgId: number;
  reason: string;
  destination?: ApplyBody['destination'];
}

/** Search of the directory, debounced; needs at least two characters. */
function useDirectory(q: string) {
  const term = useDebounced(q.trim());
  return useQuery({
    queryKey: ['portal', 'directory', term],
    queryFn: () => call(d.portalOrgDirectory, { query: { q: term } }),
    enabled: term.length >= 2,
  });
}

/** 组织关系转接: the member's own transfers and 申请转接 to a branch found in the directory. */
export default function TransfersPage() {
  const q = useQuery({ queryKey: ['portal', 'transfers'], queryFn: () => call(d.portalTransfers) });
  const interprovince = usePortalInterprovince();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const directory = useDirectory(search);
  const [form] = Form.useForm<ApplyValues>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const apply = useMutation({
    mutationFn: (v: ApplyValues) => {
      const org = directory.data?.find((o) => o.id === v.toOrgId);
      return call(d.portalApplyTransfer, { body: { toOrgId: v.toOrgId, toOrgName: org?.name ?? '', reason: v.reason, destination: v.destination } });
    },
    onSuccess: () => {
      message.success('转接申请已提交，由所在团支部办理');
      setOpen(false);
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: ['portal'] });
    },
    onError: (err) => showError(err, form),
  });

  if (q.isPending) return <PageLoading />;
  if (q.isError) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const pending = q.data.some((t) => t.status === 'pending');
  const across = (interprovince.data?.items ?? []).some((t) => t.direction === 'out' && (t.status === 'requested' || t.status === 'pending'));

  return (
    <>
      <Card title="组织关系转接" size="small">
        <Button type="primary" block size="large" disabled={pending || across} onClick={() => setOpen(true)} style={{ marginBottom: 8 }}>
          {pending ? '有正在办理的转接' : across ? '有正在办理的跨省转接' : '申请转接'}
        </Button>
        <List
          dataSource={q.data}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无转接记录" /> }}
          renderItem={(t) => (
            <List.Item>
              <div style={{ width: '100%' }}>
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                  <span style={{ fontWeight: 500, minWidth: 0, wordBreak: 'break-all' }}>转入：{t.toOrgName ?? '—'}</span>
                  <Tag color={STATUS_COLORS[t.status]} style={{ marginInlineEnd: 0, flex: 'none' }}>
                    {TRANSFER_STATUS_LABELS[t.status]}
                  </Tag>
                </div>
                <div style={{ color: '#595959', fontSize: 13, wordBreak: 'break-all' }}>
                  转出：{t.fromOrgName ?? '—'} · {TRANSFER_KIND_LABELS[t.kind]}
                </div>
                <div style={{ color: '#8c8c8c', fontSize: 12 }}>
                  申请 {formatDate(t.requestedOn)}
                  {t.dueOn ? ` · 办理时限 ${formatDate(t.dueOn)}` : ''}
                  {t.decidedOn ? ` · 办结 ${formatDate(t.decidedOn)}` : ''}
                </div>
                <div style={{ color: '#8c8c8c', fontSize: 12, wordBreak: 'break-all' }}>原因：{t.reason}{t.note ? ` · ${t.note}` : ''}</div>
              </div>
            </List.Item>
          )}
        />
      </Card>
      <PortalInterprovince />
      <Drawer title="申请转接组织关系" placement="bottom" size="auto" open={open} onClose={() => setOpen(false)} destroyOnHidden>
        <Form form={form} layout="vertical" size="large" requiredMark={false} onFinish={(v) => apply.mutate(v)}>
          <Form.Item name="toOrgId" label="转入团支部" rules={[{ required: true, message: '请选择转入团支部' }]} extra="输入名称中的至少2个字查找">
            <Select
              showSearch
              filterOption={false}
              onSearch={setSearch}
              placeholder="搜索团支部名称"
              loading={directory.isFetching}
              notFoundContent={search.trim().length < 2 ? '请至少输入2个字' : directory.isFetching ? '查找中…' : '未找到'}
              options={(directory.data ?? []).map((o) => ({
                value: o.id,
                disabled: !o.canReceive,
                label: `${o.name}${o.parentName ? `（${o.parentName}）` : ''}${o.canReceive ? '' : ' 不可转入'}`,
              }))}
            />
          </Form.Item>
          <Form.Item name="reason" label="转接原因" rules={[{ required: true, message: '请填写转接原因' }, { min: 2, message: '至少2个字' }, { max: 200, message: '最多200字' }]}>
            <Input.TextArea rows={2} placeholder="例如：工作调动" />
          </Form.Item>
          <Form.Item name="destination" label="毕业去向（毕业生填写）">
            <Select
              allowClear
              placeholder="非毕业生不填"
              options={(['work', 'community', 'study'] as const).map((v) => ({ value: v, label: GRADUATE_DESTINATION_LABELS[v] }))}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={apply.isPending}>
            提交申请
          </Button>
        </Form>
      </Drawer>
    </>
  );
}
