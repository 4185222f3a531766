import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { NEW_SECTOR_KINDS, NEW_SECTOR_KIND_LABELS, api, newSectorUnitProblems } from '@tuanjian/domain';
import { Alert, App, Button, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Table, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { call, download } from '../../api/client';
import { invalidate } from '../../api/hooks';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { Problems, Refusal, useDialogSubmit, ymd } from '../../components/page';
import { useShowError } from '../../lib/errors';
import { readFileBase64 } from '../../lib/people';
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

const MAX_BYTES = api.IMPORT_FILE_MAX_MB * 1024 * 1024;

/** Imports a list into a committee: checked row by row, written only when the whole file is clean. */
export function NewSectorImportModal({ defaultOrgId, onClose }: { defaultOrgId: number | null; onClose(): void }) {
  const client = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const [orgId, setOrgId] = useState<number | null>(defaultOrgId);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<api.registries.NewSectorImportResult | null>(null);
  const upload = async (file: File) => {
    if (!orgId) return void message.warning('请先选择导入到的组织');
    if (!/\.(xlsx|csv)$/i.test(file.name)) return void message.error('请上传 .xlsx 或 CSV 文件（可先下载导入模板）');
    if (file.size > MAX_BYTES) return void message.error(api.IMPORT_TOO_LARGE);
    setBusy(true);
    setResult(null);
    try {
      const res = await call(r.importNewSectorUnits, { body: { orgId, fileName: file.name, contentBase64: await readFileBase64(file) } });
      setResult(res);
      if (res.written) await refresh(client);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title="导入应覆盖单位名录" width={760} footer={<Button onClick={onClose}>关闭</Button>} onCancel={onClose}>
      <Row gutter={12} align="bottom">
        <Col flex="auto">
          <Form layout="vertical">
            <Form.Item label="导入到" extra="“所属乡镇（街道）”为空的行登记到此组织">
              <OrgTreeSelect value={orgId} onChange={(id) => (setOrgId(id), setResult(null))} />
            </Form.Item>
          </Form>
        </Col>
        <Col>
          <Button icon={<DownloadOutlined />} style={{ marginBottom: 36 }} onClick={() => download(r.newSectorImportTemplate, {}, '“三新”应覆盖单位导入模板.xlsx').catch(showError)}>
            下载导入模板
          </Button>
        </Col>
      </Row>
      <Upload.Dragger accept=".xlsx,.csv" multiple={false} showUploadList={false} disabled={busy || !orgId} beforeUpload={(f) => (void upload(f), false)} data-testid="ns-import-upload">
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{busy ? '正在校验…' : '点击或将市场监管、民政部门名录（按模板整理）拖到此处'}</p>
        <p className="ant-upload-hint">逐行校验；全部无误才写入，同一信用代码（或同名同站点）的单位更新。</p>
      </Upload.Dragger>
      {result && (
        <div style={{ marginTop: 16 }} data-testid="ns-import-result">
          {result.written ? (
            <Alert type="success" showIcon title={`已导入：新登记 ${result.created} 个，更新 ${result.updated} 个`} />
          ) : (
            <Alert type={result.errors.length ? 'error' : 'info'} showIcon title={result.errors.length ? `共 ${result.total} 行，${result.errors.length} 处错误，未写入；请修改后重新上传` : '文件中没有数据行'} />
          )}
          {result.errors.length > 0 && (
            <Table size="small" rowKey={(e) => `${e.row}-${e.column}-${e.message}`} style={{ marginTop: 12 }} pagination={{ pageSize: 10 }} dataSource={result.errors}
              columns={[{ title: '行', dataIndex: 'row', width: 60 }, { title: '列', dataIndex: 'column', width: 140 }, { title: '问题', dataIndex: 'message' }]} />
          )}
        </div>
      )}
    </Modal>
  );
}
