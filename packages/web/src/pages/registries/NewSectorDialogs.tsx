import { useQueryClient } from '@tanstack/react-query';
import { NEW_SECTOR_KINDS, NEW_SECTOR_KIND_LABELS, api, newSectorUnitProblems } from '@tuanjian/domain';
import { App, Button, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { call } from '../../api/client';
import { SheetImportModal } from './SheetImportModal';
import { invalidate } from '../../api/hooks';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { Problems, Refusal, useDialogSubmit, ymd } from '../../components/page';
import { PhoneInput } from '../../components/KeypadInputs';

type Unit = api.registries.NewSectorUnitItem;
export type EditingUnit = Unit | 'new';
const r = api.registries;
const refresh = (client: ReturnType<typeof useQueryClient>) => invalidate(client, r.listNewSectorUnits, r.getNewSectorCoverage, api.statTables.getStatTable);

interface Values {
  orgId: number | null;
  kind: Unit['kind'];
  name: string;
  creditCode?: string;
  platform?: string;
  station?: string;
  address?: string;
  employees?: number | null;
  youngEmployees?: number | null;
  leagueOrgId?: number | null;
  coveredOn?: Dayjs | null;
  registeredOn?: Dayjs | null;
  closedOn?: Dayjs | null;
  contactName?: string;
  contactPhone?: string;
}

/** Registers or edits a unit; linking its league organization covers it (from the organization's founding unless a date is given). */
export function NewSectorUnitModal({ unit, defaultOrgId, onClose }: { unit: EditingUnit; defaultOrgId: number | null; onClose(): void }) {
  const [form] = Form.useForm<Values>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const { saving, refusal, run } = useDialogSubmit(form);
  const kind = Form.useWatch('kind', form);
  const values = Form.useWatch([], form);
  const problems = values?.kind ? newSectorUnitProblems({ kind: values.kind, platform: values.platform, employees: values.employees, youngEmployees: values.youngEmployees }) : [];
  const u = unit === 'new' ? null : unit;
  const d = (s: string | null | undefined) => (s ? dayjs(s) : null);
  const submit = (v: Values) =>
    run(async () => {
      const body = {
        kind: v.kind,
        name: v.name,
        creditCode: v.creditCode || null,
        platform: v.platform || null,
        station: v.station || null,
        address: v.address || null,
        employees: v.employees ?? null,
        youngEmployees: v.youngEmployees ?? null,
        leagueOrgId: v.leagueOrgId ?? null,
        coveredOn: v.leagueOrgId && v.coveredOn ? ymd(v.coveredOn) : null,
        registeredOn: v.registeredOn ? ymd(v.registeredOn) : null,
        closedOn: v.closedOn ? ymd(v.closedOn) : null,
        contactName: v.contactName || null,
        contactPhone: v.contactPhone || null,
      };
      if (u) await call(r.updateNewSectorUnit, { params: { id: u.id }, body: { ...body, registeredOn: body.registeredOn ?? undefined } });
      else await call(r.createNewSectorUnit, { body: { ...body, orgId: v.orgId! } });
      await refresh(client);
      message.success(u ? '已保存' : '已登记');
      onClose();
    });
  return (
    <Modal open title={u ? `修改：${u.name}` : '登记应覆盖单位'} width={720} okText="保存" confirmLoading={saving} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={
          u
            ? { ...u, orgId: u.orgId, coveredOn: d(u.coveredOn), registeredOn: d(u.registeredOn), closedOn: d(u.closedOn) } as unknown as Values
            : { orgId: defaultOrgId, kind: 'non_public_enterprise' }
        }
      >
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="orgId" label="负责覆盖的组织" rules={[{ required: true, message: '请选择负责覆盖的组织' }]}>
              <OrgTreeSelect disabled={!!u} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="kind" label="领域" rules={[{ required: true }]}>
              <Select options={NEW_SECTOR_KINDS.map((k) => ({ value: k, label: NEW_SECTOR_KIND_LABELS[k] }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="name" label="单位名称" rules={[{ required: true, message: '请填写单位名称' }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="creditCode" label="统一社会信用代码">
              <Input maxLength={18} />
            </Form.Item>
          </Col>
          {kind === 'new_employment' && (
            <>
              <Col xs={12} md={12}>
                <Form.Item name="platform" label="所属平台" rules={[{ required: true, message: '请填写所属平台' }]}>
                  <Input maxLength={30} placeholder="美团、顺丰、滴滴…" />
                </Form.Item>
              </Col>
              <Col xs={12} md={12}>
                <Form.Item name="station" label="站点">
                  <Input maxLength={60} />
                </Form.Item>
              </Col>
            </>
          )}
          <Col xs={12} md={6}>
            <Form.Item name="employees" label="职工数">
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="youngEmployees" label="青年职工数">
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="contactName" label="联系人">
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="contactPhone" label="联系电话">
              <PhoneInput autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="leagueOrgId" label="已建团组织" extra="关联后即计为已覆盖">
              <OrgTreeSelect allowClear placeholder="尚未建立" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="coveredOn" label="建团日期" extra="空：取团组织成立日期">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="registeredOn" label="纳入名录日期">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {u && (
            <Col xs={12} md={6}>
              <Form.Item name="closedOn" label="注销日期">
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
      {problems.length > 0 && <Problems problems={problems} />}
      {refusal ? <Refusal error={refusal} /> : null}
    </Modal>
  );
}

/** Imports a list into a committee: checked row by row, written only when the whole file is clean. */
export function NewSectorImportModal({ defaultOrgId, onClose }: { defaultOrgId: number | null; onClose(): void }) {
  const client = useQueryClient();
  return (
    <SheetImportModal
      title="导入应覆盖单位名录"
      defaultOrgId={defaultOrgId}
      orgExtra="“所属乡镇（街道）”为空的行登记到此组织"
      template={{ contract: r.newSectorImportTemplate, fileName: '“三新”应覆盖单位导入模板.xlsx' }}
      send={(orgId, file) => call(r.importNewSectorUnits, { body: { orgId, ...file } })}
      dropText="点击或将市场监管、民政部门名录（按模板整理）拖到此处"
      hint="逐行校验；全部无误才写入，同一信用代码（或同名同站点）的单位更新。"
      written={(res) => `已导入：新登记 ${res.created} 个，更新 ${res.updated} 个`}
      onWritten={() => refresh(client)}
      testId="ns-import"
      onClose={onClose}
    />
  );
}
