import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { RECOMMENDATION_KINDS, api, type DevelopmentStep, type RecommendationKind, type Rules } from '@tuanjian/domain';
import { Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Space, Typography, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useApi } from '../../api/hooks';

export type StepBody = api.BodyInput<typeof api.development.recordStep>;

export interface StepValues {
  actedOn: Dayjs;
  actor: string;
  note?: string;
  kind?: RecommendationKind;
  contactMemberId?: number;
  hours?: number;
  points?: number;
  sponsorIds?: number[];
  entitled?: number;
  present?: number;
  votesFor?: number;
}

/** Who signs each act, as the form asks for it. */
export const ACTOR_LABELS: Record<DevelopmentStep, string> = {
  application: '申请人',
  recommendation: '推荐人（推荐组织负责人）',
  activist: '决定人（团支部书记）',
  training: '授课人/考察人',
  candidate: '决定人（团支部书记）',
  application_form: '经办人',
  branch_meeting: '会议主持人',
  approval: '审批人（上级团委负责人）',
  oath: '仪式主持人',
};

export const DATE_LABELS: Record<DevelopmentStep, string> = {
  application: '申请日期',
  recommendation: '推荐日期',
  activist: '确定日期',
  training: '学习日期',
  candidate: '确定日期',
  application_form: '填写日期',
  branch_meeting: '会议日期',
  approval: '批准日期',
  oath: '仪式日期',
};

/** The request body for recording `step` from the form's values. */
export function toStepBody(step: DevelopmentStep, v: StepValues): StepBody {
  const body: StepBody = { step, actedOn: v.actedOn.format('YYYY-MM-DD'), actor: v.actor.trim() };
  if (v.note?.trim()) body.note = v.note.trim();
  if (step === 'recommendation') body.kind = v.kind;
  if (step === 'activist') body.contactMemberId = v.contactMemberId;
  if (step === 'training') body.hours = v.hours;
  if (step === 'candidate' && v.points !== undefined && v.points !== null) body.points = v.points;
  if (step === 'application_form') body.sponsorIds = v.sponsorIds;
  if (step === 'branch_meeting') {
    body.entitled = v.entitled;
    body.present = v.present;
    body.votesFor = v.votesFor;
  }
  return body;
}

/** Active members of the branch (sponsors, contact person), searchable by name. */
export function MemberSelect({
  branchId,
  excludeId,
  multiple = false,
  max,
  value,
  onChange,
  id,
  placeholder,
}: {
  branchId: number;
  excludeId?: number;
  multiple?: boolean;
  max?: number;
  value?: number | number[];
  onChange?: (v: number | number[] | undefined) => void;
  id?: string;
  placeholder?: string;
}) {
  const members = useApi(api.people.listPeople, { query: { under: branchId, kind: 'member', memberStatus: 'active', pageSize: 500 } });
  const options = useMemo(
    () =>
      (members.data?.items ?? [])
        .filter((p) => p.id !== excludeId)
        .map((p) => ({ value: p.id, label: `${p.name}（${p.memberNo ?? '无编号'}）`, name: p.name })),
    [members.data, excludeId],
  );
  return (
    <Select<number | number[]>
      id={id}
      mode={multiple ? 'multiple' : undefined}
      maxCount={multiple ? max : undefined}
      value={value}
      onChange={(v) => onChange?.(v)}
      loading={members.isLoading}
      options={options}
      showSearch={{ optionFilterProp: 'label' }}
      allowClear
      placeholder={placeholder ?? '输入姓名查找本支部团员'}
      notFoundContent={members.isLoading ? '加载中…' : members.error ? '团员名单加载失败' : '本支部没有符合条件的团员'}
      style={{ width: '100%' }}
    />
  );
}

function Check({ ok, children }: { ok: boolean; children: React.ReactNode }) {
  return (
    <Typography.Text type={ok ? 'success' : 'danger'}>
      {ok ? <CheckCircleFilled /> : <CloseCircleFilled />} {children}
    </Typography.Text>
  );
}

/** Quorum and majority of a branch meeting, as the numbers are typed. */
export function MeetingTally({ entitled, present, votesFor }: { entitled?: number | null; present?: number | null; votesFor?: number | null }) {
  if (!entitled) return <Typography.Text type="secondary">填写应到会人数后显示是否达到法定人数和表决多数。</Typography.Text>;
  const need = Math.floor(entitled / 2) + 1;
  const p = present ?? 0;
  const f = votesFor ?? 0;
  return (
    <Space orientation="vertical" size={2} data-testid="meeting-tally">
      <Check ok={p >= need && p <= entitled}>
        到会 {p} 人 / 应到 {entitled} 人：{p > entitled ? '到会人数不能多于应到人数' : p >= need ? '超过半数，会议有效' : `未超过半数，至少需到会 ${need} 人`}
      </Check>
      <Check ok={f >= need && f <= p}>
        赞成 {f} 票：{f > p ? '赞成票不能多于到会人数' : f >= need ? '超过应到会有表决权团员的半数，表决通过' : `未超过应到会人数的半数，至少需 ${need} 票`}
      </Check>
    </Space>
  );
}

/** What the rules ask of this step, in one sentence. */
export function stepHint(step: DevelopmentStep, rules: Rules, trainingHours: number): string | null {
  const dev = rules.development;
  switch (step) {
    case 'application':
      return `申请人应年满${rules.ages.memberMin}周岁、不满${rules.ages.memberMax}周岁，并登记在所在团支部。`;
    case 'recommendation':
      return '14周岁以上的少先队员经少先队推优，或由团员、团支部推荐。';
    case 'activist':
      return '确定为入团积极分子，并指定一名本支部正式团员为培养联系人。';
    case 'training':
      return `团课学习累计不少于${dev.trainingHoursMin}学时（已学${trainingHours}学时），可分次登记。`;
    case 'candidate':
      return `考察期满${dev.observationMonthsMin}个月、团课满${dev.trainingHoursMin}学时后，确定为发展对象并公示${dev.candidatePublicityWorkdays}个工作日${dev.pointsSchemeEnabled ? `；积分入团须达到${dev.pointsThreshold}分` : ''}。`;
    case 'application_form':
      return `公示期满后填写入团志愿书，由${dev.sponsorsRequired}名正式团员作入团介绍人。`;
    case 'branch_meeting':
      return '到会有表决权的团员须超过半数，赞成票须超过应到会有表决权团员的半数。';
    case 'approval':
      return `上级团委在支部大会通过后${dev.approvalMonthsMax}个月内审批，批准后占用本年度发展指标并生成团员编号。`;
    case 'oath':
      return '举行入团仪式后，入团程序完成。';
  }
}

/**
 * The inputs for recording one step: date and signer, and what the step
 * itself needs (recommendation kind, contact member, hours, points, sponsors,
 * meeting figures).
 */
export function StepFields({
  step,
  form,
  rules,
  branchId,
  applicantId,
  notBefore,
}: {
  step: DevelopmentStep;
  form: FormInstance<StepValues>;
  rules?: Rules;
  branchId: number;
  applicantId?: number;
  /** The earliest date the act may carry (previous step, waiting period). */
  notBefore?: string | null;
}) {
  const entitled = Form.useWatch('entitled', form) as number | undefined;
  const present = Form.useWatch('present', form) as number | undefined;
  const votesFor = Form.useWatch('votesFor', form) as number | undefined;
  const dev = rules?.development;
  const sponsors = dev?.sponsorsRequired ?? 2;

  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item name="actedOn" label={DATE_LABELS[step]} rules={[{ required: true, message: `请选择${DATE_LABELS[step]}` }]}>
          <DatePicker
            style={{ width: '100%' }}
            format="YYYY-MM-DD"
            disabledDate={(d) => d.isAfter(dayjs(), 'day') || (!!notBefore && d.isBefore(dayjs(notBefore), 'day'))}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name="actor"
          label={ACTOR_LABELS[step]}
          rules={[
            { required: true, whitespace: true, message: '请填写经办人（签字人）姓名' },
            { min: 2, message: '姓名至少2个字' },
            { max: 30 },
          ]}
        >
          <Input placeholder="签字人姓名" autoComplete="off" />
        </Form.Item>
      </Col>

      {step === 'recommendation' && (
        <Col span={24}>
          <Form.Item name="kind" label="推荐方式" rules={[{ required: true, message: '请选择推荐方式' }]}>
            <Radio.Group options={(Object.keys(RECOMMENDATION_KINDS) as RecommendationKind[]).map((k) => ({ value: k, label: RECOMMENDATION_KINDS[k] }))} />
          </Form.Item>
        </Col>
      )}

      {step === 'activist' && (
        <Col span={24}>
          <Form.Item name="contactMemberId" label="培养联系人" rules={[{ required: true, message: '请指定培养联系人（本支部正式团员）' }]}>
            <MemberSelect branchId={branchId} excludeId={applicantId} />
          </Form.Item>
        </Col>
      )}

      {step === 'training' && (
        <Col xs={24} md={12}>
          <Form.Item name="hours" label="本次学时" rules={[{ required: true, message: '请填写学时' }]}>
            <InputNumber min={0.5} max={40} step={0.5} precision={1} suffix="学时" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      )}

      {step === 'candidate' && dev?.pointsSchemeEnabled && (
        <Col xs={24} md={12}>
          <Form.Item name="points" label="入团积分" extra={`积分入团分数线：${dev.pointsThreshold}分`} rules={[{ required: true, message: '请填写积分' }]}>
            <InputNumber min={0} max={1000} precision={0} suffix="分" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      )}

      {step === 'application_form' && (
        <Col span={24}>
          <Form.Item
            name="sponsorIds"
            label="入团介绍人"
            extra={`须${sponsors}名本支部正式团员`}
            rules={[
              { required: true, message: '请选择入团介绍人' },
              { type: 'array', len: sponsors, message: `需要${sponsors}名入团介绍人` },
            ]}
          >
            <MemberSelect branchId={branchId} excludeId={applicantId} multiple max={sponsors} placeholder={`选择${sponsors}名本支部团员`} />
          </Form.Item>
        </Col>
      )}

      {step === 'branch_meeting' && (
        <>
          <Col xs={24} md={8}>
            <Form.Item name="entitled" label="应到会有表决权团员" rules={[{ required: true, message: '请填写' }]}>
              <InputNumber min={1} max={1000} precision={0} suffix="人" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="present" label="实到会" rules={[{ required: true, message: '请填写' }]}>
              <InputNumber min={0} max={1000} precision={0} suffix="人" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="votesFor" label="赞成票" rules={[{ required: true, message: '请填写' }]}>
              <InputNumber min={0} max={1000} precision={0} suffix="票" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={24} style={{ marginBottom: 16 }}>
            <MeetingTally entitled={entitled} present={present} votesFor={votesFor} />
          </Col>
        </>
      )}

      <Col span={24}>
        <Form.Item name="note" label="备注" rules={[{ max: 500 }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder={step === 'training' ? '如：团章学习、团史教育' : undefined} />
        </Form.Item>
      </Col>
    </Row>
  );
}
