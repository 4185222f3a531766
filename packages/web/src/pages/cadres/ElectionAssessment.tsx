import { ASSESSMENT_COMPONENT_LABELS, CADRE_TITLE_LABELS, INSPECTION_CONCLUSIONS, SCORED_COMPONENTS, api } from '@tuanjian/domain';
import { Col, Form, Input, InputNumber, Row, Select, Tag, Typography } from 'antd';

/* 选配 考试考察 (笔试、面试、演讲 scores and the 考察 conclusion) on the election page; rules in domain/cadres/election.ts. */

type Detail = api.cadres.ElectionDetail;
type Candidate = api.cadres.CandidateItem;
type StepBody = api.BodyInput<typeof api.cadres.recordElectionStep>;
export type AssessmentValues = Record<string, NonNullable<StepBody['assessments']>[number]>;

/** The form fields of the 考试考察 step: per standing candidate its scores and the 考察 conclusion (one column on a phone). */
export function AssessmentFields({ e, final }: { e: Detail; final: Candidate[] }) {
  const components = e.assessmentComponents;
  const scored = SCORED_COMPONENTS.filter((k) => components.includes(k));
  return (
    <div data-testid="assessment-form">
      <Typography.Paragraph type="secondary">
        考试考察项目：{components.map((k) => ASSESSMENT_COMPONENT_LABELS[k]).join('、')}（成绩0—100分，总成绩为各项成绩的平均分）。
      </Typography.Paragraph>
      {final.map((c) => (
        <div key={c.id} style={{ borderTop: '1px solid rgba(5,5,5,0.06)', paddingTop: 8, marginBottom: 8 }}>
          <Typography.Text strong>
            {c.name}（{CADRE_TITLE_LABELS[c.postTitle]}）
          </Typography.Text>
          <Row gutter={12} style={{ marginTop: 8 }}>
            {scored.map((k) => (
              <Col key={k} xs={24} sm={8}>
                <Form.Item name={['assess', String(c.id), k]} label={`${ASSESSMENT_COMPONENT_LABELS[k]}成绩`} rules={[{ required: true, message: `请填写${c.name}的${ASSESSMENT_COMPONENT_LABELS[k]}成绩` }]}>
                  <InputNumber min={0} max={100} precision={1} suffix="分" style={{ width: '100%' }} data-testid={`assess-${k}-${c.id}`} />
                </Form.Item>
              </Col>
            ))}
            {components.includes('inspection') && (
              <>
                <Col xs={24} sm={8}>
                  <Form.Item name={['assess', String(c.id), 'inspection']} label="考察结论" rules={[{ required: true, message: `请选择${c.name}的考察结论` }]}>
                    <Select options={INSPECTION_CONCLUSIONS.map((v) => ({ value: v, label: v }))} data-testid={`assess-inspection-${c.id}`} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={16}>
                  <Form.Item name={['assess', String(c.id), 'inspectionNote']} label="考察意见">
                    <Input.TextArea rows={1} maxLength={500} placeholder="考察不合格的须填写" />
                  </Form.Item>
                </Col>
              </>
            )}
          </Row>
        </div>
      ))}
    </div>
  );
}

/** The step body's candidateIds and assessments (same positions) from the form values. */
export function assessmentBody(final: Candidate[], values: AssessmentValues | undefined): Pick<StepBody, 'candidateIds' | 'assessments'> {
  return {
    candidateIds: final.map((c) => c.id),
    assessments: final.map((c) => {
      const v = values?.[String(c.id)] ?? {};
      return { written: v.written ?? null, interview: v.interview ?? null, speech: v.speech ?? null, inspection: v.inspection ?? null, inspectionNote: v.inspectionNote || null };
    }),
  };
}

/** The 考试考察 cell of the candidates table: total, the scores, the 考察 conclusion. */
export function AssessmentCell({ c }: { c: Candidate }) {
  const a = c.assessment;
  if (!a) return <>—</>;
  const scores = SCORED_COMPONENTS.filter((k) => typeof a[k] === 'number').map((k) => `${ASSESSMENT_COMPONENT_LABELS[k]}${a[k]}`);
  return (
    <span data-testid={`assessment-${c.id}`}>
      {a.total !== null && <Typography.Text strong>总{a.total}分 </Typography.Text>}
      {scores.length > 0 && <Typography.Text type="secondary">{scores.join(' ')} </Typography.Text>}
      {a.inspection && (
        <span title={a.inspectionNote ?? ''}>
          <Tag color={a.inspection === '不合格' ? 'error' : a.inspection === '优秀' ? 'success' : 'default'}>考察{a.inspection}</Tag>
        </span>
      )}
    </span>
  );
}
