import { useQueryClient } from '@tanstack/react-query';
import { COMMITTEE_ROLES, CONGRESS_LEVELS, CONGRESS_LEVEL_LABELS, DEPUTY_STATUSES, DEPUTY_STATUS_LABELS, ETHNICITIES, POLITICAL_STATUSES, api, deputyCategories } from '@tuanjian/domain';
import { App, Button, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { call } from '../../api/client';
import { invalidate, useApi, useRules } from '../../api/hooks';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PhoneInput } from '../../components/KeypadInputs';
import { Refusal, useDialogSubmit, ymd } from '../../components/page';
import { PersonPicker } from '../youth/shared';
import { SheetImportModal } from './SheetImportModal';

type Deputy = api.deputies.DeputyItem;
type Congress = api.deputies.CongressItem;
export type EditingDeputy = Deputy | 'new';
const d = api.deputies;
const refresh = (client: ReturnType<typeof useQueryClient>) => invalidate(client, d.listDeputies, d.getDeputy, d.getDeputyLiaison, d.listCongresses, d.listStations, d.listCommittees);

interface Values {
  orgId: number | null;
  personId?: number | null;
  name: string;
  gender: 'male' | 'female';
  birthDate?: Dayjs | null;
  ethnicity?: string | null;
  politicalStatus?: string | null;
  unitPost?: string;
  phone?: string;
  categories: string[];
  stationId?: number | null;
  committeeId?: number | null;
  committeeRole?: string | null;
  status: Deputy['status'];
  terminatedOn?: Dayjs | null;
  terminationReason?: string;
}

/** Registers a deputy of the congress (a person of the registry or an outside person) or edits one; ends a deputy's status with date and reason. */
export function DeputyModal({ deputy, congress, defaultOrgId, onClose }: { deputy: EditingDeputy; congress: Congress; defaultOrgId: number | null; onClose(): void }) {
  const [form] = Form.useForm<Values>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const rules = useRules();
  const { saving, refusal, run } = useDialogSubmit(form);
  const stations = useApi(d.listStations, { query: { congressId: congress.id } });
  const committees = useApi(d.listCommittees, { query: { congressId: congress.id } });
  const status = Form.useWatch('status', form);
  const u = deputy === 'new' ? null : deputy;
  const submit = (v: Values) =>
    run(async () => {
      const body = {
        name: v.name,
        gender: v.gender,
        birthDate: v.birthDate ? ymd(v.birthDate) : null,
        ethnicity: v.ethnicity || null,
        politicalStatus: v.politicalStatus || null,
        unitPost: v.unitPost || null,
        phone: v.phone || null,
        categories: v.categories ?? [],
        stationId: v.stationId ?? null,
        committeeId: v.committeeId ?? null,
        committeeRole: v.committeeId ? v.committeeRole || null : null,
      };
      if (u) {
        await call(d.updateDeputy, {
          params: { id: u.id },
          body: { ...body, status: v.status, terminatedOn: v.status === 'terminated' && v.terminatedOn ? ymd(v.terminatedOn) : null, terminationReason: v.status === 'terminated' ? v.terminationReason || null : null },
        });
      } else {
        await call(d.createDeputy, { body: { ...body, congressId: congress.id, orgId: v.orgId!, personId: v.personId ?? null } });
      }
      await refresh(client);
      message.success(u ? '已保存' : '已登记');
      onClose();
    });
  const day = (s: string | null | undefined) => (s ? dayjs(s) : null);
  return (
    <Modal open title={u ? `修改代表：${u.name}` : `登记代表（${congress.title}）`} width={760} okText="保存" confirmLoading={saving} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={u ? ({ ...u, birthDate: day(u.birthDate), terminatedOn: day(u.terminatedOn) } as unknown as Values) : { orgId: defaultOrgId, gender: 'male', categories: [], status: 'serving' }}
      >
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="orgId" label="选举单位" rules={[{ required: true, message: '请选择选举单位' }]}>
              <OrgTreeSelect disabled={!!u} />
            </Form.Item>
          </Col>
          {!u && (
            <Col xs={24} md={12}>
              <Form.Item name="personId" label="系统中的青年（可选）" extra="选择后带入姓名和性别；系统外人员直接填写">
                <PersonPicker kind="all" onChange={(id, p) => form.setFieldsValue({ personId: id, ...(p ? { name: p.name, gender: p.gender } : {}) })} />
              </Form.Item>
            </Col>
          )}
          <Col xs={12} md={6}>
            <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="gender" label="性别" rules={[{ required: true }]}>
              <Select options={[{ value: 'male', label: '男' }, { value: 'female', label: '女' }]} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="birthDate" label="出生日期">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="ethnicity" label="民族">
              <Select allowClear showSearch optionFilterProp="label" options={ETHNICITIES.map((e) => ({ value: e.code, label: e.name }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="politicalStatus" label="政治面貌">
              <Select allowClear options={POLITICAL_STATUSES.map((p) => ({ value: p.code, label: p.name }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="phone" label="联系电话">
              <PhoneInput autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="unitPost" label="工作单位及职务">
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="categories" label="身份类别" rules={[{ required: true, message: '请至少选择一个身份类别' }]} extra="类别在“规则配置 → 团干部与换届”中维护">
              <Select mode="multiple" options={(rules ? deputyCategories(rules) : []).map((c) => ({ value: c, label: c }))} data-testid="deputy-categories" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="stationId" label="代表联络站">
              <Select allowClear options={(stations.data ?? []).map((s) => ({ value: s.id, label: s.name }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="committeeId" label="专委会">
              <Select allowClear options={(committees.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="committeeRole" label="专委会职务">
              <Select allowClear options={COMMITTEE_ROLES.map((r) => ({ value: r, label: r }))} />
            </Form.Item>
          </Col>
          {u && (
            <>
              <Col xs={12} md={6}>
                <Form.Item name="status" label="代表状态">
                  <Select options={DEPUTY_STATUSES.map((s) => ({ value: s, label: DEPUTY_STATUS_LABELS[s] }))} />
                </Form.Item>
              </Col>
              {status === 'terminated' && (
                <>
                  <Col xs={12} md={6}>
                    <Form.Item name="terminatedOn" label="终止日期" rules={[{ required: true, message: '请填写终止日期' }]}>
                      <DatePicker style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name="terminationReason" label="终止原因" rules={[{ required: true, message: '请填写终止原因' }]}>
                      <Input maxLength={100} placeholder="如：工作调动离开本县、辞去代表职务" />
                    </Form.Item>
                  </Col>
                </>
              )}
            </>
          )}
        </Row>
      </Form>
      {refusal ? <Refusal error={refusal} /> : null}
    </Modal>
  );
}

/** Registers a congress of a committee (level, term, dates). */
export function CongressModal({ defaultOrgId, onClose }: { defaultOrgId: number | null; onClose(): void }) {
  const [form] = Form.useForm<{ orgId: number; level: Congress['level']; term: number; openedOn: Dayjs; endsOn?: Dayjs | null }>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const { saving, refusal, run } = useDialogSubmit(form);
  return (
    <Modal open title="登记团代会" okText="保存" confirmLoading={saving} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ orgId: defaultOrgId, level: 'county' }}
        onFinish={(v) =>
          void run(async () => {
            await call(d.createCongress, { body: { orgId: v.orgId, level: v.level, term: v.term, openedOn: ymd(v.openedOn), endsOn: v.endsOn ? ymd(v.endsOn) : null } });
            await refresh(client);
            message.success('已登记');
            onClose();
          })
        }
      >
        <Form.Item name="orgId" label="召开单位" rules={[{ required: true, message: '请选择召开单位' }]}>
          <OrgTreeSelect />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="level" label="层级" rules={[{ required: true }]}>
              <Select options={CONGRESS_LEVELS.map((l) => ({ value: l, label: `${CONGRESS_LEVEL_LABELS[l]}团代会` }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="term" label="届次（第N次）" rules={[{ required: true, message: '请填写届次' }]}>
              <InputNumber min={1} max={99} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="openedOn" label="开幕日期" rules={[{ required: true, message: '请填写开幕日期' }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="endsOn" label="届满日期">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {refusal ? <Refusal error={refusal} /> : null}
    </Modal>
  );
}

/** Imports deputies of the congress: checked row by row, written only when the whole file is clean. */
export function DeputyImportModal({ congress, onClose }: { congress: Congress; onClose(): void }) {
  const client = useQueryClient();
  return (
    <SheetImportModal
      title={`导入代表（${congress.title}）`}
      defaultOrgId={congress.orgId}
      template={{ contract: d.deputyImportTemplate, fileName: '团代会代表导入模板.xlsx' }}
      send={(_, file) => call(d.importDeputies, { body: { congressId: congress.id, ...file } })}
      dropText="点击或将代表名册（按模板整理）拖到此处"
      hint="逐行校验；全部无误才写入，同名同出生日期的代表更新。"
      written={(r) => `已导入：新登记 ${r.created} 名，更新 ${r.updated} 名`}
      onWritten={() => refresh(client)}
      testId="deputies-import"
      onClose={onClose}
    />
  );
}
