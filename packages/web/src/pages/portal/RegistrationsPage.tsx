import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@tuanjian/domain';
import { Alert, App, Button, Card, Empty, Form, Input, List, Tag } from 'antd';
import { call } from '../../api/client';
import { LoadError, PageLoading } from '../../components/PageState';
import { useShowError } from '../../lib/errors';
import { formatDate, formatTime } from '../../lib/format';

type Open = NonNullable<api.ResponseOf<typeof api.dailyWork.portalRegistrations>['open']>;

/** 团籍注册: registration by year (and this year's self-registration while the branch has it open), and the yearly appraisal grades. */
export default function RegistrationsPage() {
  const q = useQuery({ queryKey: ['portal', 'registrations'], queryFn: () => call(api.dailyWork.portalRegistrations) });
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const { registrations, appraisals, open } = q.data;
  return (
    <>
      {open && <SelfRegistration open={open} />}
      <Card title="团籍注册" size="small">
        <List
          dataSource={[...registrations].sort((a, b) => b.year - a.year)}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无注册记录" /> }}
          renderItem={(r) => (
            <List.Item extra={<Tag color={r.status === 'registered' ? 'success' : 'warning'}>{r.statusLabel}</Tag>}>
              <List.Item.Meta title={`${r.year}年`} description={[`办理日期 ${formatDate(r.decidedOn)}`, r.note].filter(Boolean).join(' · ')} />
            </List.Item>
          )}
        />
      </Card>
      <Card title="教育评议" size="small">
        <List
          dataSource={[...appraisals].sort((a, b) => b.year - a.year)}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无评议记录" /> }}
          renderItem={(a) => (
            <List.Item extra={<Tag color="blue">{a.gradeLabel}</Tag>}>
              <List.Item.Meta title={`${a.year}年`} />
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}

/** This year's registration: the member confirms their details; the branch then registers them. */
function SelfRegistration({ open }: { open: Open }) {
  const [form] = Form.useForm<{ note?: string }>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const submit = useMutation({
    mutationFn: (v: { note?: string }) => call(api.dailyWork.portalSelfRegister, { body: { year: open.year, note: v.note?.trim() || null } }),
    onSuccess: (data) => {
      message.success('已提交本年度团籍注册，团支部确认后生效');
      queryClient.setQueryData(['portal', 'registrations'], data);
    },
    onError: (err) => showError(err, form),
  });
  if (open.requestedAt) {
    return (
      <Alert
        type="success"
        showIcon
        message={`${open.year}年度团籍注册已提交（${formatTime(open.requestedAt)}）`}
        description={[open.note && `信息变化说明：${open.note}`, '团支部确认后生效。'].filter(Boolean).join(' ')}
      />
    );
  }
  return (
    <Card title={`${open.year}年度团籍注册`} size="small" extra={<Tag color="processing">截止 {formatDate(open.deadline)}</Tag>}>
      <Alert type="info" showIcon message="所在团支部已开展本年度团籍注册。请核对“我的信息”，确认后提交注册，由团支部确认。" style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" size="large" onFinish={(v) => submit.mutate(v)}>
        <Form.Item name="note" label="信息变化说明" rules={[{ max: 200, message: '信息变化说明不能超过200字' }]}>
          <Input.TextArea rows={2} placeholder="选填：如工作单位、居住地有变化请说明" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={submit.isPending} style={{ minHeight: 44 }}>
          确认信息，提交注册
        </Button>
      </Form>
    </Card>
  );
}
