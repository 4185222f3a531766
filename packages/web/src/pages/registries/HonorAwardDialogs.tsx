import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { HONOR_LEVELS, HONOR_LEVEL_LABELS, RECIPIENT_KINDS, RECIPIENT_KIND_LABELS, api, honorAwardTypes, type RecipientKind } from '@tuanjian/domain';
import { App, Button, Col, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, List, Modal, Row, Select, Tag, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { call, urlOf } from '../../api/client';
import { invalidate, useApi, useRules } from '../../api/hooks';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { LoadError, PageLoading } from '../../components/PageState';
import { Refusal, thisYear, useDialogSubmit, ymd } from '../../components/page';
import { useShowError } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { readFileBase64 } from '../../lib/people';
import { PeopleMultiSelect } from '../org-life/shared';
import { SheetImportModal } from './SheetImportModal';

const r = api.registries;

interface Values {
  recipientKind: RecipientKind;
  personIds?: number[];
  recipientOrgId?: number | null;
  orgId?: number | null;
  recipientName?: string;
  awardType: string;
  title: string;
  level: (typeof HONOR_LEVELS)[number];
  awardingBody: string;
  year: number;
  awardedOn?: Dayjs | null;
  certificateNo?: string;
  note?: string;
}

/** Records an honor: a person, a league organization or another collective; type from the configured list. */
export function HonorAwardModal({ defaultOrgId, onClose, onCreated }: { defaultOrgId: number | null; onClose(): void; onCreated(id: number): void }) {
  const [form] = Form.useForm<Values>();
  const client = useQueryClient();
  const rules = useRules();
  const { saving, refusal, run } = useDialogSubmit(form);
  const kind = Form.useWatch('recipientKind', form);
  const submit = (v: Values) =>
    run(async () => {
      const created = await call(r.createHonorAward, {
        body: {
          recipientKind: v.recipientKind,
          personId: v.recipientKind === 'person' ? v.personIds?.at(-1) : null,
          recipientOrgId: v.recipientKind === 'org' ? v.recipientOrgId : null,
          orgId: v.recipientKind === 'collective' ? v.orgId : null,
          recipientName: v.recipientKind === 'collective' ? v.recipientName : null,
          awardType: v.awardType,
          title: v.title,
          level: v.level,
          awardingBody: v.awardingBody,
          year: v.year,
          awardedOn: v.awardedOn ? ymd(v.awardedOn) : null,
          certificateNo: v.certificateNo || null,
          note: v.note || null,
        },
      });
      await invalidate(client, r.listHonorAwards, r.getHonorsOf);
      onClose();
      onCreated(created.id);
    });
  return (
    <Modal open title="登记荣誉" width={720} okText="保存" confirmLoading={saving} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ recipientKind: 'person', level: 'city', year: thisYear(), orgId: defaultOrgId }}>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="recipientKind" label="获得者类别" rules={[{ required: true }]}>
              <Select options={RECIPIENT_KINDS.map((k) => ({ value: k, label: RECIPIENT_KIND_LABELS[k] }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            {kind === 'person' && (
              <Form.Item name="personIds" label="获得者" rules={[{ required: true, message: '请选择获得者' }]} getValueFromEvent={(ids: number[]) => ids.slice(-1)}>
                <PeopleMultiSelect under={defaultOrgId} />
              </Form.Item>
            )}
            {kind === 'org' && (
              <Form.Item name="recipientOrgId" label="获得的团组织" rules={[{ required: true, message: '请选择获得的团组织' }]}>
                <OrgTreeSelect />
              </Form.Item>
            )}
            {kind === 'collective' && (
              <Row gutter={12}>
                <Col span={12}>
                  <Form.Item name="recipientName" label="获得集体" rules={[{ required: true, message: '请填写获得集体的名称' }]}>
                    <Input maxLength={100} placeholder="如：某公司青年突击队" />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="orgId" label="所属组织" rules={[{ required: true, message: '请选择所属组织' }]}>
                    <OrgTreeSelect />
                  </Form.Item>
                </Col>
              </Row>
            )}
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="awardType" label="荣誉类型" rules={[{ required: true, message: '请选择荣誉类型' }]} extra="类型在规则配置中维护">
              <Select showSearch options={(rules ? honorAwardTypes(rules) : []).map((t) => ({ value: t, label: t }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="title" label="荣誉名称" rules={[{ required: true, message: '请填写荣誉名称' }]}>
              <Input maxLength={100} placeholder="如：全国五四红旗团支部" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="level" label="授予层级" rules={[{ required: true }]}>
              <Select options={HONOR_LEVELS.map((l) => ({ value: l, label: HONOR_LEVEL_LABELS[l] }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={16}>
            <Form.Item name="awardingBody" label="授予机关" rules={[{ required: true, message: '请填写授予机关' }]}>
              <Input maxLength={100} placeholder="如：共青团中央" />
            </Form.Item>
          </Col>
          <Col xs={8} md={8}>
            <Form.Item name="year" label="年度" rules={[{ required: true }]}>
              <InputNumber min={1950} max={thisYear()} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={8} md={8}>
            <Form.Item name="awardedOn" label="授予日期">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={8} md={8}>
            <Form.Item name="certificateNo" label="证书编号">
              <Input maxLength={50} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {refusal ? <Refusal error={refusal} /> : null}
    </Modal>
  );
}

/** All honors of a person or an organization: recorded awards and what the campaigns (评优表彰) awarded. */
export function HonorsOfList({ personId, orgId }: { personId?: number | null; orgId?: number | null }) {
  const of = useApi(r.getHonorsOf, { query: { personId: personId ?? undefined, orgId: orgId ?? undefined } }, { enabled: !!(personId || orgId) });
  if (of.error) return <LoadError error={of.error} />;
  return (
    <List
      size="small"
      loading={of.isLoading}
      dataSource={of.data?.items ?? []}
      locale={{ emptyText: '暂无荣誉' }}
      data-testid="honors-of"
      renderItem={(h) => (
        <List.Item>
          <span>
            {h.year}年 {h.title} <Tag>{h.awardType}</Tag>
            <span style={{ color: '#888' }}>
              {h.level ? HONOR_LEVEL_LABELS[h.level] : ''} · {h.awardingBody}
              {h.source === 'campaign' ? '（评优表彰）' : ''}
            </span>
          </span>
        </List.Item>
      )}
    />
  );
}

/** One honor: its facts, certificate scans (upload, download) and all honors of the same recipient. */
export function HonorAwardDrawer({ id, canUpload, onClose }: { id: number; canUpload: boolean; onClose(): void }) {
  const detail = useApi(r.getHonorAward, { params: { id } });
  const client = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const h = detail.data;
  const upload = async (file: File) => {
    try {
      await call(r.uploadHonorCertificate, { params: { id }, body: { fileName: file.name, mimeType: file.type, contentBase64: await readFileBase64(file) } });
      message.success('证书已上传');
      await invalidate(client, r.getHonorAward, r.listHonorAwards);
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Drawer open width={560} title={h ? h.title : '荣誉'} onClose={onClose}>
      {detail.error && <LoadError error={detail.error} />}
      {!h ? (
        <PageLoading />
      ) : (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="获得者">{h.recipientName}（{RECIPIENT_KIND_LABELS[h.recipientKind]}）</Descriptions.Item>
            <Descriptions.Item label="荣誉类型">{h.awardType}</Descriptions.Item>
            <Descriptions.Item label="授予层级">{HONOR_LEVEL_LABELS[h.level]}</Descriptions.Item>
            <Descriptions.Item label="授予机关">{h.awardingBody}</Descriptions.Item>
            <Descriptions.Item label="年度 / 日期">{h.year}年 {formatDate(h.awardedOn, '')}</Descriptions.Item>
            <Descriptions.Item label="证书编号">{h.certificateNo ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="所属组织">{h.orgName}</Descriptions.Item>
          </Descriptions>
          <h4 style={{ marginTop: 16 }}>证书扫描件</h4>
          <List
            size="small"
            dataSource={h.attachments}
            locale={{ emptyText: '尚未上传' }}
            renderItem={(a) => (
              <List.Item>
                <a href={urlOf(api.orgLife.downloadAttachment, { params: { id: a.id } })}>{a.fileName}</a>
              </List.Item>
            )}
          />
          {canUpload && (
            <Upload accept=".jpg,.jpeg,.png,.pdf" showUploadList={false} beforeUpload={(f) => (void upload(f), false)}>
              <Button icon={<UploadOutlined />} style={{ marginTop: 8 }}>
                上传证书
              </Button>
            </Upload>
          )}
          <h4 style={{ marginTop: 16 }}>{h.recipientName}的全部荣誉</h4>
          {h.recipientKind !== 'collective' ? <HonorsOfList personId={h.personId} orgId={h.recipientOrgId} /> : <span style={{ color: '#888' }}>其他集体不在组织树中，仅此一项</span>}
        </>
      )}
    </Drawer>
  );
}

/** Imports honors (xlsx/CSV): checked row by row, written only when the whole file is clean; the same honor again is updated. */
export function HonorImportModal({ defaultOrgId, onClose }: { defaultOrgId: number | null; onClose(): void }) {
  const client = useQueryClient();
  return (
    <SheetImportModal
      title="导入荣誉记录"
      defaultOrgId={defaultOrgId}
      orgExtra="个人按身份证号（或本组织内唯一的姓名）、团组织按全称或简称在此组织之下查找；其他集体记在“所属组织”（为空时记在此组织）"
      template={{ contract: r.honorImportTemplate, fileName: '荣誉记录导入模板.xlsx' }}
      send={(orgId, file) => call(r.importHonorAwards, { body: { orgId, ...file } })}
      dropText="点击或将荣誉名单（按模板整理）拖到此处"
      hint="逐行校验；全部无误才写入；同一获得者同年度的同一荣誉再次导入时更新，不重复登记。"
      written={(res) => `已导入：新登记 ${res.created} 项，更新 ${res.updated} 项`}
      onWritten={() => invalidate(client, r.listHonorAwards, r.getHonorsOf)}
      testId="honor-import"
      onClose={onClose}
    />
  );
}
