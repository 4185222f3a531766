import { useQueryClient } from '@tanstack/react-query';
import { CONTACT_METHODS, CONTACT_METHOD_LABELS, DEPUTY_STATUS_LABELS, api, ethnicityName, politicalStatusName, type ContactMethod } from '@tuanjian/domain';
import { App, Button, Card, DatePicker, Descriptions, Drawer, Form, Input, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { call } from '../../api/client';
import { invalidate, useApi } from '../../api/hooks';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { LoadError, PageLoading } from '../../components/PageState';
import { Refusal, todayDayjs, useDialogSubmit, ymd } from '../../components/page';
import { formatDate } from '../../lib/format';
import { PersonPicker } from '../youth/shared';

type Detail = api.ResponseOf<typeof api.deputies.getDeputy>;
const refresh = (client: ReturnType<typeof useQueryClient>) =>
  invalidate(client, api.deputies.getDeputy, api.deputies.listDeputies, api.deputies.getDeputyLiaison, api.cadres.listLiaisons, api.cadres.getLiaisonCoverage);

/** A deputy: the record, the branches and young people the deputy contacts (一专一站两联), new liaisons and contacts. */
export function DeputyDrawer({ id, canEdit, onEdit, onClose }: { id: number; canEdit: boolean; onEdit(d: Detail): void; onClose(): void }) {
  const detail = useApi(api.deputies.getDeputy, { params: { id } });
  const [contactFor, setContactFor] = useState<number | null>(null);
  const d = detail.data;
  return (
    <Drawer open onClose={onClose} size="large" title={d ? `团代会代表：${d.name}` : '团代会代表'} destroyOnHidden extra={canEdit && d && <Button onClick={() => onEdit(d)}>修改</Button>}>
      {detail.error ? (
        <LoadError error={detail.error} onRetry={() => void detail.refetch()} />
      ) : !d ? (
        <PageLoading />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label="团代会">{d.congressTitle}</Descriptions.Item>
            <Descriptions.Item label="选举单位">{d.orgName}</Descriptions.Item>
            <Descriptions.Item label="性别">{d.gender === 'male' ? '男' : '女'}</Descriptions.Item>
            <Descriptions.Item label="出生日期">{formatDate(d.birthDate)}</Descriptions.Item>
            <Descriptions.Item label="民族">{ethnicityName(d.ethnicity) ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="政治面貌">{politicalStatusName(d.politicalStatus) ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="工作单位及职务" span={2}>{d.unitPost ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="身份类别" span={2}>{d.categories.map((c) => <Tag key={c}>{c}</Tag>)}</Descriptions.Item>
            <Descriptions.Item label="代表联络站">{d.stationName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="专委会">{d.committeeName ? `${d.committeeName}（${d.committeeRole ?? '委员'}）` : '—'}</Descriptions.Item>
            <Descriptions.Item label="状态" span={2}>
              {DEPUTY_STATUS_LABELS[d.status]}
              {d.status === 'terminated' && `（${formatDate(d.terminatedOn)}，${d.terminationReason ?? ''}）`}
            </Descriptions.Item>
          </Descriptions>
          <Card size="small" title={`联系的团支部和青年（本年联系 ${d.contactsThisYear} 次）`}>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={d.liaisonList}
              data-testid="deputy-liaisons"
              columns={[
                { title: '联系对象', dataIndex: 'targetName', render: (v: string | null) => v ?? '（范围外）' },
                { title: '开始', dataIndex: 'since', width: 110, render: (v: string) => formatDate(v) },
                { title: '结束', dataIndex: 'until', width: 110, render: (v: string | null) => (v ? formatDate(v) : '联系中') },
                { title: '次数', dataIndex: 'contacts', width: 60, align: 'right' },
                { title: '最近联系', dataIndex: 'lastContactOn', width: 110, render: (v: string | null) => formatDate(v) },
                ...(canEdit ? [{ title: '', key: 'log', width: 90, render: (_: unknown, l: Detail['liaisonList'][number]) => !l.until && <a onClick={() => setContactFor(l.id)}>登记联系</a> }] : []),
              ]}
            />
          </Card>
          {canEdit && contactFor !== null && <ContactForm liaisonId={contactFor} onDone={() => setContactFor(null)} />}
          {canEdit && d.status === 'serving' && <NewLiaisonForm deputy={d} />}
        </Space>
      )}
    </Drawer>
  );
}

/** Assigns a branch and/or a young person to the deputy (a liaison of 一专一站两联). */
function NewLiaisonForm({ deputy }: { deputy: Detail }) {
  const [form] = Form.useForm<{ targetOrgId?: number | null; targetPersonId?: number | null; since: Dayjs }>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const { saving, refusal, run } = useDialogSubmit(form);
  return (
    <Card size="small" title="建立联系">
      <Form
        form={form}
        layout="vertical"
        initialValues={{ since: todayDayjs() }}
        onFinish={(v) =>
          void run(async () => {
            await call(api.deputies.createDeputyLiaison, { params: { id: deputy.id }, body: { targetOrgId: v.targetOrgId ?? undefined, targetPersonId: v.targetPersonId ?? undefined, since: ymd(v.since) } });
            await refresh(client);
            message.success('已建立联系');
            form.resetFields();
          })
        }
      >
        <Form.Item name="targetOrgId" label="联系的团支部">
          <OrgTreeSelect allowClear />
        </Form.Item>
        <Form.Item name="targetPersonId" label="联系的青年（可选）">
          <PersonPicker />
        </Form.Item>
        <Form.Item name="since" label="开始日期" rules={[{ required: true, message: '请填写开始日期' }]}>
          <DatePicker />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="deputy-liaison-add">
          建立联系
        </Button>
      </Form>
      {refusal ? <Refusal error={refusal} /> : null}
    </Card>
  );
}

/** Logs one contact on a liaison (the same record as 联系服务). */
function ContactForm({ liaisonId, onDone }: { liaisonId: number; onDone(): void }) {
  const [form] = Form.useForm<{ contactedOn: Dayjs; method: ContactMethod; content: string }>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const { saving, refusal, run } = useDialogSubmit(form);
  return (
    <Card size="small" title="登记一次联系">
      <Form
        form={form}
        layout="vertical"
        initialValues={{ contactedOn: todayDayjs(), method: 'visit' }}
        onFinish={(v) =>
          void run(async () => {
            await call(api.cadres.logContact, { params: { id: liaisonId }, body: { contactedOn: ymd(v.contactedOn), method: v.method, content: v.content } });
            await refresh(client);
            message.success('已登记');
            onDone();
          })
        }
      >
        <Space wrap>
          <Form.Item name="contactedOn" label="联系日期" rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="method" label="方式" rules={[{ required: true }]}>
            <Select style={{ width: 120 }} options={CONTACT_METHODS.map((m) => ({ value: m, label: CONTACT_METHOD_LABELS[m] }))} />
          </Form.Item>
        </Space>
        <Form.Item name="content" label="联系内容" rules={[{ required: true, message: '请填写联系内容' }]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={saving}>
            保存
          </Button>
          <Button onClick={onDone}>取消</Button>
        </Space>
      </Form>
      {refusal ? <Refusal error={refusal} /> : null}
    </Card>
  );
}
