import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, educationName, politicalStatusName } from '@tuanjian/domain';
import { App, Button, Card, Descriptions, Drawer, Empty, Form, Input, List, Select, Tag } from 'antd';
import { PdfButton } from '../documents/DocumentButtons';
import { useState } from 'react';
import { call } from '../../api/client';
import { LoadError, PageLoading } from '../../components/PageState';
import { useShowError } from '../../lib/errors';
import { formatDate, formatTime } from '../../lib/format';
import { yuan } from './portal';
import { PortalNotices } from './PortalNotices';

const d = api.dailyWork;
type CorrectionField = api.BodyInput<typeof d.portalRequestCorrection>['field'];
const CORRECTION_STATUS: Record<string, { label: string; color: string }> = {
  open: { label: '待核实', color: 'processing' },
  accepted: { label: '已更正', color: 'success' },
  declined: { label: '未采纳', color: 'default' },
};

interface CorrectionValues {
  field: CorrectionField;
  value: string;
  note?: string;
}

/** 我的信息: the member's own record, with 申请更正. */
export default function MePage() {
  const me = useQuery({ queryKey: ['portal', 'me'], queryFn: () => call(d.portalMe) });
  const corrections = useQuery({ queryKey: ['portal', 'corrections'], queryFn: () => call(d.portalCorrections) });
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<CorrectionValues>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const submit = useMutation({
    mutationFn: (body: CorrectionValues) => call(d.portalRequestCorrection, { body }),
    onSuccess: () => {
      message.success('更正申请已提交，团支部核实后修改');
      setOpen(false);
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: ['portal', 'corrections'] });
    },
    onError: (err) => showError(err, form),
  });

  if (me.isPending) return <PageLoading />;
  if (me.isError) return <LoadError error={me.error} onRetry={() => void me.refetch()} />;
  const p = me.data;

  return (
    <>
      <Card
        title={<span data-testid="portal-name">{p.name}</span>}
        extra={<Tag color="red">{politicalStatusName(p.politicalStatus) ?? p.politicalStatus}</Tag>}
        size="small"
      >
        <Descriptions column={1} size="small" styles={{ label: { width: 88 } }}>
          <Descriptions.Item label="团员编号">{p.memberNo ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="性别">{p.gender === 'male' ? '男' : '女'}</Descriptions.Item>
          <Descriptions.Item label="出生日期">{formatDate(p.birthDate)}</Descriptions.Item>
          <Descriptions.Item label="身份证号">{p.idNumberMasked}</Descriptions.Item>
          <Descriptions.Item label="联系电话">{p.phone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="学历">{p.education ? (educationName(p.education) ?? p.education) : '—'}</Descriptions.Item>
          <Descriptions.Item label="入团时间">{formatDate(p.joinedOn)}</Descriptions.Item>
          <Descriptions.Item label="所在团组织">{p.orgName}</Descriptions.Item>
          <Descriptions.Item label="登录账号">{p.username}</Descriptions.Item>
        </Descriptions>
        {p.memberStatus === 'active' && (
          <PdfButton block size="large" style={{ marginTop: 12 }} contract={api.documents.portalCertificate} input={{}} fileName={`团员证明-${p.name}.pdf`} data-testid="portal-certificate">
            下载团员证明
          </PdfButton>
        )}
        <Button block size="large" style={{ marginTop: 12 }} onClick={() => setOpen(true)}>
          申请更正
        </Button>
      </Card>
      <Card title={`${p.dues.year}年团费`} size="small">
        <Descriptions column={1} size="small" styles={{ label: { width: 88 } }}>
          <Descriptions.Item label="应交">{yuan(p.dues.dueFen)}</Descriptions.Item>
          <Descriptions.Item label="已交">{yuan(p.dues.paidFen)}</Descriptions.Item>
          <Descriptions.Item label="未交月份">{p.dues.unpaidMonths ? <Tag color="warning">{p.dues.unpaidMonths}个月</Tag> : '无'}</Descriptions.Item>
        </Descriptions>
        {p.pendingTransfer && <Tag color="processing" style={{ marginTop: 8 }}>有正在办理的组织关系转接</Tag>}
      </Card>
      <Card title="我的更正申请" size="small">
        {corrections.isError ? (
          <LoadError error={corrections.error} onRetry={() => void corrections.refetch()} />
        ) : (
          <List
            loading={corrections.isPending}
            dataSource={corrections.data ?? []}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无更正申请" /> }}
            renderItem={(c) => (
              <List.Item extra={<Tag color={CORRECTION_STATUS[c.status]?.color}>{CORRECTION_STATUS[c.status]?.label ?? c.status}</Tag>}>
                <List.Item.Meta
                  title={`${d.CORRECTION_FIELD_LABELS[c.field]}：${c.value}`}
                  description={[formatTime(c.requestedAt), c.note, c.resolution && `办理说明：${c.resolution}`].filter(Boolean).join(' · ')}
                />
              </List.Item>
            )}
          />
        )}
      </Card>
      <Drawer title="申请更正我的信息" placement="bottom" size="auto" open={open} onClose={() => setOpen(false)} destroyOnHidden>
        <Form form={form} layout="vertical" size="large" requiredMark={false} onFinish={(v) => submit.mutate(v)}>
          <Form.Item name="field" label="更正项目" rules={[{ required: true, message: '请选择要更正的项目' }]}>
            <Select
              placeholder="请选择"
              options={d.CORRECTION_FIELDS.map((f) => ({ value: f, label: d.CORRECTION_FIELD_LABELS[f] }))}
            />
          </Form.Item>
          <Form.Item name="value" label="正确内容" rules={[{ required: true, message: '请填写正确内容' }, { max: 100, message: '最多100字' }]}>
            <Input placeholder="例如：13800000000" />
          </Form.Item>
          <Form.Item name="note" label="说明（可选）" rules={[{ max: 200, message: '最多200字' }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submit.isPending}>
            提交申请
          </Button>
        </Form>
      </Drawer>
      <PortalNotices />
    </>
  );
}
