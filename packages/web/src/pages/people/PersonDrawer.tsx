import { EditOutlined, EyeOutlined, RiseOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  DEVELOPMENT_STAGE_LABELS,
  GENDER_LABELS,
  SECTOR_LABELS,
  api,
  educationName,
  ethnicityName,
  politicalStatusName,
} from '@tuanjian/domain';
import { Alert, App, Button, Card, Descriptions, Drawer, Form, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { GrowthTimeline } from '../membership/GrowthTimeline';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { call } from '../../api/client';
import { useApi, useRules } from '../../api/hooks';
import { LoadError, PageLoading } from '../../components/PageState';
import { OrgTypeTag } from '../../components/OrgTypeTag';
import { useShowError } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { MEMBER_STATUS_LABELS, REGISTRY_STATUS_LABELS } from '../../lib/people';
import { StepFields, stepHint, toStepBody, type StepValues } from '../development/StepFields';
import { PersonFormModal, refreshPeopleData } from './PersonFormModal';
import { PersonRecords } from './PersonRecords';
import { HonorsOfList } from '../registries/HonorAwardDialogs';
import { PersonDocumentButtons } from '../documents/DocumentButtons';
import { ArchiveCard, VerifiedTag } from '../archive/ArchiveCard';

type PersonDetail = api.PersonDetail;

/** One person of the registry: all fields, the audited full ID number, edit, and the way into the development pipeline. */
export function PersonDrawer({ id, onClose }: { id: number; onClose(): void }) {
  const person = useApi(api.people.getPerson, { params: { id } });
  const [editing, setEditing] = useState(false);
  const p = person.data;
  return (
    <Drawer
      open
      size={760}
      onClose={onClose}
      title={
        p ? (
          <Space>
            <span data-testid="person-title">{p.name}</span>
            {p.memberStatus === 'active' ? <Tag color="red">团员</Tag> : p.memberStatus === 'left' ? <Tag>已离团</Tag> : <Tag>青年</Tag>}
            <VerifiedTag on={p.identityVerifiedOn} />
          </Space>
        ) : (
          '人员详情'
        )
      }
      extra={
        p?.can.edit ? (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            编辑
          </Button>
        ) : undefined
      }
    >
      {person.isLoading ? (
        <PageLoading />
      ) : person.error || !p ? (
        <LoadError error={person.error} title="无法查看该人员" onRetry={() => void person.refetch()} />
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {/* Documents as PDF (downloads): 团员证明 with its verification code, 团员档案. */}
          {p.memberStatus !== null && (
            <Space wrap data-testid="person-documents">
              <PersonDocumentButtons person={p} />
            </Space>
          )}
          <PersonFields person={p} />
          <DevelopmentCard person={p} />
          {(p.memberStatus !== null || p.openCaseId !== null) && <ArchiveCard personId={p.id} caseId={p.openCaseId ?? undefined} canUpload={p.can.edit} />}
          {/* The whole history, from the same record the member's own portal and 成长档案 read. */}
          {p.memberStatus !== null && (
            <Card size="small" title="成长档案" data-testid="person-growth">
              <GrowthTimeline personId={p.id} showSummary={false} />
            </Card>
          )}
          {p.memberStatus !== null && <PersonRecords personId={p.id} />}
          {/* Every honor: recorded awards of any level and what the campaigns (评优表彰) awarded (issue 17). */}
          <Card size="small" title="荣誉" data-testid="person-honors">
            <HonorsOfList personId={p.id} />
          </Card>
        </Space>
      )}
      {editing && p && <PersonFormModal person={p} onClose={() => setEditing(false)} />}
    </Drawer>
  );
}

function PersonFields({ person: p }: { person: PersonDetail }) {
  const items = [
    { key: 'name', label: '姓名', children: p.name },
    { key: 'gender', label: '性别', children: GENDER_LABELS[p.gender] },
    { key: 'id', label: '身份证号', span: 2, children: <IdNumber person={p} /> },
    { key: 'birth', label: '出生日期', children: formatDate(p.birthDate) },
    { key: 'age', label: '年龄', children: `${p.age}周岁` },
    { key: 'ethnicity', label: '民族', children: ethnicityName(p.ethnicity) ?? p.ethnicity },
    { key: 'political', label: '政治面貌', children: politicalStatusName(p.politicalStatus) ?? p.politicalStatus },
    { key: 'education', label: '学历', children: educationName(p.education) ?? '—' },
    { key: 'phone', label: '联系电话', children: p.phone ?? '—' },
    { key: 'occupation', label: '工作单位/职业', span: 2, children: p.occupation ?? '—' },
    {
      key: 'org',
      label: '所在组织',
      span: 2,
      children: (
        <Space size={4}>
          <OrgTypeTag type={p.orgType} />
          <Link to={`/orgs/${p.orgId}`}>{p.orgName}</Link>
        </Space>
      ),
    },
    { key: 'sector', label: '所属领域', children: SECTOR_LABELS[p.sector] },
    { key: 'student', label: '在校学生', children: p.isStudent ? `是${p.grade ? `（${p.grade}）` : ''}` : '否' },
    { key: 'pioneer', label: '入队时间', children: formatDate(p.pioneerJoinedOn) },
    { key: 'registry', label: '登记状态', children: REGISTRY_STATUS_LABELS[p.registryStatus] },
    { key: 'memberNo', label: '团员编号', children: p.memberNo ? <span style={{ fontFamily: 'monospace' }} data-testid="person-member-no">{p.memberNo}</span> : '—' },
    { key: 'joined', label: '入团时间', children: formatDate(p.joinedOn) },
    { key: 'memberStatus', label: '团籍状态', children: p.memberStatus ? MEMBER_STATUS_LABELS[p.memberStatus] : '非团员' },
    { key: 'party', label: '入党时间', children: formatDate(p.partyJoinedOn) },
    ...(p.memberStatus === 'left'
      ? [
          { key: 'leftOn', label: '离团时间', children: formatDate(p.leftOn) },
          { key: 'leftReason', label: '离团原因', children: p.leftReason ?? '—' },
        ]
      : []),
  ];
  return <Descriptions bordered size="small" column={2} items={items} styles={{ label: { width: 130 } }} />;
}

/** The masked number, and the full one on request (each view is written to the operation log). */
function IdNumber({ person }: { person: PersonDetail }) {
  const showError = useShowError();
  const [full, setFull] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const reveal = async () => {
    setLoading(true);
    try {
      setFull((await call(api.people.revealIdNumber, { params: { id: person.id } })).idNumber);
    } catch (err) {
      showError(err);
    } finally {
      setLoading(false);
    }
  };
  if (full) {
    return (
      <Space wrap>
        <Typography.Text copyable style={{ fontFamily: 'monospace' }} data-testid="full-id-number">
          {full}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          本次查看已记入操作日志
        </Typography.Text>
      </Space>
    );
  }
  return (
    <Space wrap>
      <span style={{ fontFamily: 'monospace' }}>{person.idNumberMasked}</span>
      {person.can.revealId && (
        <Popconfirm
          title="查看完整身份证号"
          description={
            <div style={{ maxWidth: 280 }}>
              身份证号属于个人敏感信息。查看操作将记入操作日志（查看人、时间、查看对象），请仅在工作需要时查看。
            </div>
          }
          okText="确认查看"
          cancelText="取消"
          onConfirm={() => void reveal()}
        >
          <Button size="small" type="link" icon={<EyeOutlined />} loading={loading}>
            查看完整身份证号
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}

function DevelopmentCard({ person: p }: { person: PersonDetail }) {
  const [starting, setStarting] = useState(false);
  let body: React.ReactNode;
  if (p.openCaseId) {
    body = (
      <Space wrap>
        <span>正在进行入团程序，当前阶段：</span>
        {p.stage && <Tag color="processing">{DEVELOPMENT_STAGE_LABELS[p.stage]}</Tag>}
        <Link to={`/development/cases/${p.openCaseId}`} data-testid="person-case-link">
          查看发展程序
        </Link>
      </Space>
    );
  } else if (p.memberStatus === 'active') {
    body = (
      <Typography.Text>
        已于{formatDate(p.joinedOn)}入团，团员编号 <span style={{ fontFamily: 'monospace' }}>{p.memberNo}</span>。
      </Typography.Text>
    );
  } else if (p.can.startDevelopment) {
    body = (
      <Space orientation="vertical">
        <Typography.Text type="secondary">尚未入团。收到本人的入团申请书后，可在此登记申请，开始发展程序。</Typography.Text>
        <Button type="primary" icon={<RiseOutlined />} onClick={() => setStarting(true)}>
          发起入团申请
        </Button>
      </Space>
    );
  } else {
    body = <Typography.Text type="secondary">尚未入团。</Typography.Text>;
  }
  return (
    <Card size="small" title="入团情况">
      {body}
      {starting && <StartCaseModal person={p} onClose={() => setStarting(false)} />}
    </Card>
  );
}

/** 发起入团申请: records the application (the first step) and opens the new case. */
function StartCaseModal({ person, onClose }: { person: PersonDetail; onClose(): void }) {
  const [form] = Form.useForm<StepValues>();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useShowError();
  const rules = useRules();
  const [saving, setSaving] = useState(false);

  async function submit() {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const { step: _step, ...application } = toStepBody('application', v);
      const result = await call(api.development.startCase, { body: { personId: person.id, application } });
      await refreshPeopleData(queryClient);
      message.success('已登记入团申请');
      onClose();
      navigate(`/development/cases/${result.id}`);
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={`发起入团申请：${person.name}`}
      okText="登记申请"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={600}
    >
      {rules && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={stepHint('application', rules, 0)} />}
      <Form form={form} layout="vertical" requiredMark="optional" initialValues={{ actedOn: dayjs(), actor: person.name }}>
        <StepFields step="application" form={form} rules={rules} branchId={person.orgId} applicantId={person.id} />
      </Form>
    </Modal>
  );
}
