import { useQueryClient } from '@tanstack/react-query';
import {
  ADMIN_UNIT_KIND_LABELS,
  ORG_TYPE_LABELS,
  SCHOOL_STAGES,
  SCHOOL_STAGE_LABELS,
  SECTORS,
  SECTOR_LABELS,
  allowedChildTypes,
  api,
  type OrgType,
  type SchoolStage,
  type Sector,
  shortOrgName,
} from '@tuanjian/domain';
import { App, Col, DatePicker, Form, Input, Modal, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { call } from '../../api/client';
import { refreshOrgData, useApi } from '../../api/hooks';
import { useShowError } from '../../lib/errors';
import type { OrgDetail } from './OrgDetailPanel';
import { PhoneInput } from '../../components/KeypadInputs';

export interface OrgFormValues {
  name: string;
  shortName?: string | null;
  type: OrgType;
  sector: Sector;
  schoolStage?: SchoolStage | null;
  adminUnitId?: number | null;
  foundedOn?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  address?: string | null;
}

/** Values to start a new organization with (e.g. a branch for an uncovered village). */
export type OrgFormPreset = Partial<OrgFormValues>;

type Props = { onClose(): void } & ({ mode: 'create'; parent: OrgDetail; preset?: OrgFormPreset } | { mode: 'edit'; org: OrgDetail });

const blankToNull = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);

/** Form values as the API expects them: empty text as null, fields that do not apply cleared. */
function toBody(v: OrgFormValues) {
  return {
    name: v.name.trim(),
    shortName: blankToNull(v.shortName),
    type: v.type,
    sector: v.sector,
    schoolStage: v.sector === 'school' ? (v.schoolStage ?? null) : null,
    adminUnitId: v.sector === 'village' || v.sector === 'community' ? (v.adminUnitId ?? null) : null,
    foundedOn: v.foundedOn ?? null,
    contactName: blankToNull(v.contactName),
    contactPhone: blankToNull(v.contactPhone),
    address: blankToNull(v.address),
  };
}

/** 新建下级组织 / 编辑: the same form for both. */
export function OrgFormModal(props: Props) {
  const [form] = Form.useForm<OrgFormValues>();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useShowError();
  const [saving, setSaving] = useState(false);
  const editing = props.mode === 'edit' ? props.org : null;
  const parentId = props.mode === 'create' ? props.parent.id : (editing!.parentId ?? undefined);

  // Which types fit: under the new parent, or (editing) under the current parent when it is visible.
  const parentDetail = useApi(api.orgs.getOrg, parentId ? { params: { id: parentId } } : undefined, {
    enabled: props.mode === 'edit' && !!parentId && (editing?.ancestors.length ?? 0) > 0,
  });
  const parentType = props.mode === 'create' ? props.parent.type : parentDetail.data?.type;
  const typeOptions: OrgType[] = parentType ? allowedChildTypes(parentType) : editing ? [editing.type] : [];

  const sector = Form.useWatch('sector', form);
  const fullName = Form.useWatch('name', form) as string | undefined;
  const units = useApi(api.orgs.listAdminUnits, { query: {} }, { enabled: sector === 'village' || sector === 'community' });
  const unitKind = sector === 'village' ? 'village' : 'community';
  const unitOptions = (units.data ?? [])
    .filter((u) => u.kind === unitKind)
    .map((u) => ({
      value: u.id,
      label: `${u.name}（${u.townshipOrgName}）${u.branchCount ? '' : ' · 尚未建团组织'}`,
    }));

  const initialValues: Partial<OrgFormValues> = editing
    ? {
        name: editing.name,
        shortName: editing.shortName,
        type: editing.type,
        sector: editing.sector,
        schoolStage: editing.schoolStage,
        adminUnitId: editing.adminUnitId,
        foundedOn: editing.foundedOn,
        contactName: editing.contactName,
        contactPhone: editing.contactPhone,
        address: editing.address,
      }
    : { type: typeOptions.includes('branch') ? 'branch' : typeOptions[0], ...(props.mode === 'create' ? props.preset : {}) };

  async function submit() {
    const values = await form.validateFields();
    setSaving(true);
    try {
      if (props.mode === 'create') {
        const created = await call(api.orgs.createOrg, { body: { parentId: props.parent.id, ...toBody(values) } });
        await refreshOrgData(queryClient);
        message.success(`已新建“${created.name}”`);
        props.onClose();
        navigate(`/orgs/${created.id}`);
      } else {
        await call(api.orgs.updateOrg, { params: { id: editing!.id }, body: { ...toBody(values), version: editing!.version } });
        await refreshOrgData(queryClient);
        message.success('组织信息已保存');
        props.onClose();
      }
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      width={720}
      title={props.mode === 'create' ? '新建下级组织' : `编辑“${editing!.name}”`}
      okText={props.mode === 'create' ? '新建' : '保存'}
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={props.onClose}
      destroyOnHidden
      maskClosable={false}
    >
      {props.mode === 'create' && (
        <Typography.Paragraph type="secondary">
          上级组织：<Typography.Text strong>{props.parent.name}</Typography.Text>
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" initialValues={initialValues} requiredMark="optional" name="org-form">
        <Row gutter={16}>
          <Col span={16}>
            <Form.Item name="name" label="组织名称" rules={[{ required: true, message: '请输入组织名称' }, { min: 2, message: '组织名称至少2个字' }, { max: 100 }]}>
              <Input placeholder="如：白泥镇某某有限公司团支部" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="shortName" label="简称" tooltip="图表和窄栏中使用，全称在悬停和文书中显示；留空则按规则生成">
              <Input maxLength={30} placeholder={fullName ? shortOrgName(fullName) : '留空按规则生成'} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="type" label="组织类型" rules={[{ required: true, message: '请选择组织类型' }]}>
              <Select
                placeholder="请选择"
                disabled={typeOptions.length <= 1 && !!editing}
                options={typeOptions.map((t) => ({ value: t, label: ORG_TYPE_LABELS[t] }))}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="sector" label="所属领域" rules={[{ required: true, message: '请选择所属领域' }]}>
              <Select placeholder="请选择" options={SECTORS.map((s) => ({ value: s, label: SECTOR_LABELS[s] }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            {sector === 'school' && (
              <Form.Item name="schoolStage" label="学段">
                <Select allowClear placeholder="请选择" options={SCHOOL_STAGES.map((s) => ({ value: s, label: SCHOOL_STAGE_LABELS[s] }))} />
              </Form.Item>
            )}
            {(sector === 'village' || sector === 'community') && (
              <Form.Item name="adminUnitId" label={`服务的${ADMIN_UNIT_KIND_LABELS[unitKind]}`}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={units.isLoading}
                  placeholder={`请选择${ADMIN_UNIT_KIND_LABELS[unitKind]}`}
                  options={unitOptions}
                  notFoundContent={`暂无登记的${ADMIN_UNIT_KIND_LABELS[unitKind]}`}
                />
              </Form.Item>
            )}
          </Col>
          <Col span={8}>
            <Form.Item
              name="foundedOn"
              label="成立日期"
              getValueProps={(v: string | null | undefined) => ({ value: v ? dayjs(v) : undefined })}
              normalize={(d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null)}
            >
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="contactName" label="联系人">
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="contactPhone" label="联系电话" rules={[{ pattern: /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, message: '电话号码格式不正确' }]}>
              <PhoneInput placeholder="手机或座机" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="address" label="地址">
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
