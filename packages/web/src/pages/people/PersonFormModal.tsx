import { useQueryClient } from '@tanstack/react-query';
import { GENDER_LABELS, POLITICAL, ageOn, api, isBranchType, parseIdCard, type IdCardResult } from '@tuanjian/domain';
import { Alert, App, Col, DatePicker, Divider, Form, Input, Modal, Radio, Row, Select, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { call } from '../../api/client';
import { invalidate, useRules } from '../../api/hooks';
import { useAccount } from '../../auth/session';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useShowError } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { EDUCATION_OPTIONS, ETHNICITY_OPTIONS, POLITICAL_STATUS_OPTIONS, chinaToday } from '../../lib/people';
import { IdNumberInput, PhoneInput } from '../../components/KeypadInputs';

type PersonDetail = api.PersonDetail;
type Gender = keyof typeof GENDER_LABELS;

interface Values {
  name: string;
  idNumber: string;
  gender?: Gender;
  ethnicity: string;
  politicalStatus: string;
  education?: string | null;
  phone?: string;
  occupation?: string;
  isStudent: boolean;
  grade?: string;
  orgId?: number | null;
  pioneerJoinedOn?: Dayjs | null;
  isMember: boolean;
  memberNo?: string;
  joinedOn?: Dayjs | null;
}

const text = (v: string | undefined | null) => (v?.trim() ? v.trim() : null);
const dateOf = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/** Everything that shows people or counts them, refreshed after a change to one. */
export function refreshPeopleData(client: ReturnType<typeof useQueryClient>) {
  return invalidate(
    client,
    api.people.listPeople,
    api.people.getPerson,
    api.people.getPeopleOverview,
    api.development.listCases,
    api.development.getCase,
    api.development.getFunnel,
    api.development.getQuotas,
    api.audit.listAudit,
  );
}

/** What the ID number says, shown while it is typed. */
function IdCardHint({ raw, parsed, youth }: { raw: string; parsed: IdCardResult; youth?: { min: number; max: number } }) {
  // Problems are shown by the field's validator; this only tells what a valid number says.
  if (!raw.trim() || !parsed.ok) return null;
  const age = ageOn(parsed.info.birthDate, chinaToday());
  const outside = youth && (age < youth.min || age > youth.max);
  return (
    <span data-testid="id-derived">
      <Typography.Text type="success">校验通过</Typography.Text>
      <Typography.Text type="secondary">
        ：出生日期 {formatDate(parsed.info.birthDate)}，{GENDER_LABELS[parsed.info.gender]}，{age}周岁
      </Typography.Text>
      {outside && (
        <Typography.Text type="warning">
          {' '}
          （不在青年范围 {youth.min}—{youth.max} 周岁内，不能登记）
        </Typography.Text>
      )}
    </span>
  );
}

/** 登记 (new person, optionally an existing member) or 编辑 (with the version read). */
export function PersonFormModal({ person, onClose, onSaved }: { person: PersonDetail | null; onClose(): void; onSaved?(p: PersonDetail): void }) {
  const account = useAccount();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const [saving, setSaving] = useState(false);
  const ages = useRules()?.ages;
  const youth = ages ? { min: ages.youthMin, max: ages.youthMax } : undefined;

  const idNumber = (Form.useWatch('idNumber', form) as string | undefined) ?? '';
  const gender = Form.useWatch('gender', form) as Gender | undefined;
  const isStudent = Form.useWatch('isStudent', form) as boolean | undefined;
  const isMember = Form.useWatch('isMember', form) as boolean | undefined;
  const parsed = parseIdCard(idNumber, chinaToday());
  const mismatch = parsed.ok && gender && parsed.info.gender !== gender;

  const initialValues: Partial<Values> = person
    ? {
        name: person.name,
        idNumber: '',
        gender: person.gender,
        ethnicity: person.ethnicity,
        politicalStatus: person.politicalStatus,
        education: person.education,
        phone: person.phone ?? undefined,
        occupation: person.occupation ?? undefined,
        isStudent: person.isStudent,
        grade: person.grade ?? undefined,
        pioneerJoinedOn: person.pioneerJoinedOn ? dayjs(person.pioneerJoinedOn) : null,
        isMember: false,
      }
    : {
        ethnicity: '01',
        politicalStatus: POLITICAL.masses,
        isStudent: false,
        isMember: false,
        orgId: account.scopeOrgType && isBranchType(account.scopeOrgType) ? account.scopeOrgId : undefined,
      };

  async function submit() {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const fields = {
        name: v.name.trim(),
        gender: v.gender!,
        ethnicity: v.ethnicity,
        politicalStatus: v.politicalStatus,
        education: v.education ?? null,
        phone: text(v.phone),
        occupation: text(v.occupation),
        isStudent: v.isStudent,
        grade: v.isStudent ? text(v.grade) : null,
        pioneerJoinedOn: dateOf(v.pioneerJoinedOn),
      };
      let saved: PersonDetail;
      if (person) {
        // The full ID number is not sent back to the form; an empty field keeps the registered one.
        const id = v.idNumber?.trim().toUpperCase();
        saved = await call(api.people.updatePerson, {
          params: { id: person.id },
          body: { ...fields, ...(id ? { idNumber: id } : {}), version: person.version },
        });
        message.success('人员信息已保存');
      } else {
        saved = await call(api.people.createPerson, {
          body: {
            ...fields,
            idNumber: v.idNumber.trim().toUpperCase(),
            orgId: v.orgId!,
            memberNo: v.isMember ? text(v.memberNo?.toUpperCase()) : null,
            joinedOn: v.isMember ? dateOf(v.joinedOn) : null,
          },
        });
        message.success(`已登记${saved.name}`);
      }
      await refreshPeopleData(queryClient);
      onClose();
      onSaved?.(saved);
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={person ? `编辑“${person.name}”的信息` : '登记青年'}
      okText={person ? '保存' : '登记'}
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={760}
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={initialValues}
        onValuesChange={(changed: Partial<Values>) => {
          // Gender follows the ID number until the user picks one.
          if ('idNumber' in changed) {
            const p = parseIdCard(changed.idNumber ?? '', chinaToday());
            if (p.ok && !form.isFieldTouched('gender')) form.setFieldValue('gender', p.info.gender);
            if (p.ok && form.isFieldTouched('gender')) void form.validateFields(['gender']).catch(() => undefined);
          }
          if (changed.isMember && form.getFieldValue('politicalStatus') === POLITICAL.masses) form.setFieldValue('politicalStatus', POLITICAL.leagueMember);
        }}
      >
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请输入姓名' }, { min: 2, message: '姓名至少2个字' }, { max: 30, message: '姓名不能超过30个字' }]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item
              name="idNumber"
              label="身份证号"
              extra={
                parsed.ok ? (
                  <IdCardHint raw={idNumber} parsed={parsed} youth={youth} />
                ) : idNumber ? undefined : person ? (
                  `已登记：${person.idNumberMasked}。如需更正请输入完整的新号码，不修改请留空。`
                ) : (
                  '18位居民身份证号，出生日期和性别由号码自动识别'
                )
              }
              rules={[
                { required: !person, whitespace: true, message: '请输入身份证号' },
                {
                  validator: async (_, value: string | undefined) => {
                    const id = value?.trim() ?? '';
                    if (!id) return;
                    if (id.length < 18 && id.length !== 15) throw new Error(`身份证号应为18位（已输入${id.length}位）`);
                    const r = parseIdCard(id, chinaToday());
                    if (!r.ok) throw new Error(r.reason);
                  },
                },
              ]}
              normalize={(v: string) => v.replace(/\s/g, '').toUpperCase()}
            >
              <IdNumberInput style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="gender"
              label="性别"
              dependencies={['idNumber']}
              rules={[
                { required: true, message: '请选择性别' },
                {
                  validator: async (_, value: Gender | undefined) => {
                    const r = parseIdCard(form.getFieldValue('idNumber') ?? '', chinaToday());
                    if (value && r.ok && r.info.gender !== value) throw new Error(`性别与身份证号不符（身份证号显示为${GENDER_LABELS[r.info.gender]}）`);
                  },
                },
              ]}
            >
              <Radio.Group options={(Object.keys(GENDER_LABELS) as Gender[]).map((g) => ({ value: g, label: GENDER_LABELS[g] }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="ethnicity" label="民族" rules={[{ required: true, message: '请选择民族' }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={ETHNICITY_OPTIONS} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="politicalStatus" label="政治面貌" rules={[{ required: true, message: '请选择政治面貌' }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={POLITICAL_STATUS_OPTIONS} />
            </Form.Item>
          </Col>
          {mismatch && (
            <Col span={24}>
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 16 }}
                title={`所选性别（${GENDER_LABELS[gender]}）与身份证号显示的性别（${GENDER_LABELS[parsed.info.gender]}）不一致，请核对后再提交。`}
              />
            </Col>
          )}
          <Col span={8}>
            <Form.Item name="education" label="学历">
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={EDUCATION_OPTIONS} placeholder="请选择" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="phone" label="联系电话" rules={[{ pattern: /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, message: '电话号码格式不正确' }]}>
              <PhoneInput autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="occupation" label="工作单位/职业" rules={[{ max: 60 }]}>
              <Input />
            </Form.Item>
          </Col>
          {!person && (
            <Col span={16}>
              <Form.Item
                name="orgId"
                label="所在组织"
                extra={isMember ? '团员须编入团支部（或联合团支部）' : '申请入团的青年须登记在所在团支部'}
                rules={[
                  { required: true, message: '请选择所在组织' },
                ]}
              >
                <OrgTreeSelect selectable={isMember ? (o) => isBranchType(o.type) : undefined} placeholder="请选择团支部" />
              </Form.Item>
            </Col>
          )}
          <Col span={8}>
            <Form.Item name="pioneerJoinedOn" label="入队时间">
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs())} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="isStudent" label="在校学生" valuePropName="checked">
              <Switch checkedChildren="是" unCheckedChildren="否" />
            </Form.Item>
          </Col>
          {isStudent && (
            <Col span={8}>
              <Form.Item name="grade" label="年级班级" rules={[{ max: 30 }]}>
                <Input placeholder="如：九年级（2）班" />
              </Form.Item>
            </Col>
          )}
        </Row>
        {!person && (
          <>
            <Divider titlePlacement="start" plain style={{ margin: '4px 0 12px' }}>
              已是团员
            </Divider>
            <Row gutter={16}>
              <Col span={8}>
                <Form.Item name="isMember" label="登记现有团员" valuePropName="checked" extra="已经入团的，登记团员编号和入团时间">
                  <Switch checkedChildren="是" unCheckedChildren="否" />
                </Form.Item>
              </Col>
              {isMember && (
                <>
                  <Col span={8}>
                    <Form.Item
                      name="memberNo"
                      label="团员编号"
                      normalize={(v: string) => v.replace(/\s/g, '').toUpperCase()}
                      rules={[
                        { required: true, message: '请输入团员编号' },
                        { pattern: /^[0-9A-Z]{8,20}$/, message: '团员编号应为8—20位数字或大写字母' },
                      ]}
                    >
                      <Input style={{ fontFamily: 'monospace' }} />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item name="joinedOn" label="入团时间" rules={[{ required: true, message: '请选择入团时间' }]}>
                      <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs())} />
                    </Form.Item>
                  </Col>
                </>
              )}
            </Row>
          </>
        )}
      </Form>
    </Modal>
  );
}
