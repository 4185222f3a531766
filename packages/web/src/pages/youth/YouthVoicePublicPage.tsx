import { MessageOutlined, SearchOutlined } from '@ant-design/icons';
import { APPEAL_CATEGORIES, APPEAL_CATEGORY_LABELS, APPEAL_EVENT_LABELS, APPEAL_RATING_LABELS, APPEAL_STATUS_LABELS, api, type AppealStatus } from '@tuanjian/domain';
import { Alert, Button, Card, Descriptions, Form, Input, Rate, Result, Segmented, Select, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { errorMessage } from '../../lib/errors';
import { formatTime } from '../../lib/format';
import { PhoneInput } from '../../components/KeypadInputs';

const o = api.orgLife;
type Submitted = api.ResponseOf<typeof o.submitPublicAppeal>;
type Status = api.ResponseOf<typeof o.lookupPublicAppeal>;
type SubmitValues = api.BodyInput<typeof o.submitPublicAppeal>;
type LookupValues = api.BodyInput<typeof o.lookupPublicAppeal>;

const STATUS_COLORS: Record<AppealStatus, string> = { submitted: 'orange', assigned: 'processing', answered: 'cyan', closed: 'success' };

/**
 * 青年之声 for young people, without an account (phones first): send a need
 * to the organization of one's town, keep the lookup code, and later look up
 * the answer with the code and the phone number and rate it.
 */
export default function YouthVoicePublicPage() {
  const [mode, setMode] = useState<'submit' | 'lookup'>('submit');
  const [last, setLast] = useState<{ code: string; phone: string } | null>(null);
  return (
    <div className="tj-login-bg" style={{ alignItems: 'flex-start', padding: '16px 8px', minHeight: '100vh', boxSizing: 'border-box' }}>
      <div style={{ width: 480, maxWidth: '100%', margin: '0 auto' }}>
        <div style={{ textAlign: 'center', color: '#fff', marginBottom: 12 }}>
          <div style={{ fontSize: 32, lineHeight: 1 }} aria-hidden>
            ★
          </div>
          <Typography.Title level={3} style={{ color: '#fff', margin: '6px 0 2px' }}>
            青年之声
          </Typography.Title>
          <Typography.Text style={{ color: 'rgba(255,255,255,0.85)' }}>有困难、有想法，说给团组织听</Typography.Text>
        </div>
        <Card styles={{ body: { padding: 16 } }}>
          <Segmented<'submit' | 'lookup'>
            block
            value={mode}
            onChange={setMode}
            style={{ marginBottom: 16 }}
            options={[
              { value: 'submit', label: '我要留言', icon: <MessageOutlined /> },
              { value: 'lookup', label: '查询答复', icon: <SearchOutlined /> },
            ]}
          />
          {mode === 'submit' ? (
            <SubmitForm
              onLookup={(code, phone) => {
                setLast({ code, phone });
                setMode('lookup');
              }}
            />
          ) : (
            <Lookup initial={last} />
          )}
        </Card>
        <Typography.Paragraph style={{ textAlign: 'center', marginTop: 12 }}>
          <Link to="/login" style={{ color: '#fff' }}>
            工作人员登录
          </Link>
        </Typography.Paragraph>
      </div>
    </div>
  );
}

function SubmitForm({ onLookup }: { onLookup(code: string, phone: string): void }) {
  const [form] = Form.useForm<SubmitValues>();
  const orgs = useApi(o.publicAppealOrgs, undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<(Submitted & { phone: string }) | null>(null);

  async function submit(values: SubmitValues) {
    setBusy(true);
    setError(null);
    try {
      const r = await call(o.submitPublicAppeal, { body: values });
      setDone({ ...r, phone: values.phone.trim() });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <Result
        status="success"
        style={{ padding: '8px 0' }}
        title="已提交"
        subTitle={`您的诉求已转交${done.orgName}，将在${done.deadline}前答复。`}
        extra={
          <Space orientation="vertical" style={{ width: '100%' }}>
            <div>
              <Typography.Text type="secondary">查询码（请截图或抄下保存）</Typography.Text>
              <Typography.Title level={3} copyable={{ text: done.trackingCode }} style={{ margin: '4px 0', fontFamily: 'monospace', letterSpacing: 1 }} data-testid="tracking-code">
                {done.trackingCode}
              </Typography.Title>
              <Typography.Text type="secondary">凭查询码和手机号可查看答复并评价</Typography.Text>
            </div>
            <Button type="primary" block onClick={() => onLookup(done.trackingCode, done.phone)}>
              查询答复
            </Button>
            <Button block onClick={() => (setDone(null), form.resetFields())}>
              再提一条
            </Button>
          </Space>
        }
      />
    );
  }

  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} initialValues={{ category: 'employment' }}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="submit-error" />}
      <Form.Item name="orgId" label="所在乡镇（街道）或团组织" rules={[{ required: true, message: '请选择所在乡镇（街道）或团组织' }]}>
        <Select
          showSearch={{ optionFilterProp: 'title' }}
          placeholder="请选择，可输入名称查找"
          loading={orgs.isLoading}
          notFoundContent={orgs.error ? errorMessage(orgs.error) : undefined}
          optionLabelProp="title"
          options={(orgs.data ?? []).map((g) => ({
            value: g.id,
            title: g.name,
            label: (
              <div style={{ whiteSpace: 'normal', lineHeight: 1.4 }}>
                {g.name}
                {g.parentName && (
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {g.parentName}
                    </Typography.Text>
                  </div>
                )}
              </div>
            ),
          }))}
        />
      </Form.Item>
      <Form.Item name="category" label="诉求类别" rules={[{ required: true, message: '请选择类别' }]}>
        <Select options={APPEAL_CATEGORIES.map((c) => ({ value: c, label: APPEAL_CATEGORY_LABELS[c] }))} />
      </Form.Item>
      <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }, { min: 2, message: '标题至少2个字' }]}>
        <Input maxLength={60} placeholder="一句话说明您的需求" />
      </Form.Item>
      <Form.Item name="content" label="具体内容" rules={[{ required: true, message: '请填写具体内容' }, { min: 5, message: '具体内容至少5个字' }]}>
        <Input.TextArea rows={5} maxLength={2000} showCount placeholder="请说明情况和希望得到的帮助" />
      </Form.Item>
      <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
        <Input maxLength={30} autoComplete="name" />
      </Form.Item>
      <Form.Item name="phone" label="手机号码" rules={[{ required: true, message: '请填写手机号码' }, { pattern: /^1\d{10}$/, message: '请填写11位手机号码' }]} extra="仅用于查询答复和联系您，不会公开">
        <PhoneInput maxLength={11} />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={busy}>
        提交
      </Button>
    </Form>
  );
}

function Lookup({ initial }: { initial: { code: string; phone: string } | null }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [creds, setCreds] = useState<LookupValues | null>(null);

  async function lookup(values: LookupValues) {
    setBusy(true);
    setError(null);
    try {
      const body = { trackingCode: values.trackingCode.trim(), phone: values.phone.trim() };
      setStatus(await call(o.lookupPublicAppeal, { body }));
      setCreds(body);
    } catch (err) {
      setStatus(null);
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Form layout="vertical" requiredMark={false} onFinish={lookup} initialValues={initial ? { trackingCode: initial.code, phone: initial.phone } : undefined}>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form.Item name="trackingCode" label="查询码" rules={[{ required: true, message: '请输入查询码' }]}>
          <Input maxLength={30} style={{ fontFamily: 'monospace' }} autoCapitalize="characters" placeholder="如 QS261127K7M2PX" />
        </Form.Item>
        <Form.Item name="phone" label="提交时的手机号码" rules={[{ required: true, message: '请填写手机号码' }]}>
          <PhoneInput maxLength={11} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={busy}>
          查询
        </Button>
      </Form>
      {status && creds && <StatusView status={status} creds={creds} onRated={setStatus} />}
    </>
  );
}

function StatusView({ status: s, creds, onRated }: { status: Status; creds: LookupValues; onRated(s: Status): void }) {
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const canRate = (s.status === 'answered' || s.status === 'closed') && s.rating === null;

  async function rate() {
    setBusy(true);
    setError(null);
    try {
      onRated(await call(o.ratePublicAppeal, { body: { ...creds, rating, comment: comment.trim() || null } }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div style={{ marginTop: 16 }} data-testid="appeal-status">
      <Descriptions
        size="small"
        column={1}
        bordered
        title={s.title}
        extra={<Tag color={STATUS_COLORS[s.status]}>{APPEAL_STATUS_LABELS[s.status]}</Tag>}
        styles={{ label: { width: 92, whiteSpace: 'nowrap' } }}
      >
        <Descriptions.Item label="类别">{APPEAL_CATEGORY_LABELS[s.category]}</Descriptions.Item>
        <Descriptions.Item label="承办组织">{s.orgName}</Descriptions.Item>
        <Descriptions.Item label="提交日期">{s.submittedOn}</Descriptions.Item>
        <Descriptions.Item label="答复时限">{s.deadline}</Descriptions.Item>
        <Descriptions.Item label="诉求内容">
          <span style={{ whiteSpace: 'pre-line' }}>{s.content}</span>
        </Descriptions.Item>
      </Descriptions>
      <Card size="small" title="答复" style={{ marginTop: 12 }}>
        {s.answer ? (
          <>
            <Typography.Paragraph style={{ whiteSpace: 'pre-line', marginBottom: 4 }} data-testid="public-answer">
              {s.answer}
            </Typography.Paragraph>
            <Typography.Text type="secondary">{s.answeredOn} 答复</Typography.Text>
          </>
        ) : (
          <Typography.Text type="secondary">正在办理，将在{s.deadline}前答复，请耐心等待。</Typography.Text>
        )}
      </Card>
      {canRate && (
        <Card size="small" title="评价本次答复" style={{ marginTop: 12 }}>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Space wrap>
              <Rate value={rating} onChange={setRating} aria-label="评分" />
              <Typography.Text type="secondary">{APPEAL_RATING_LABELS[rating] ?? '请打分'}</Typography.Text>
            </Space>
            <Input.TextArea rows={3} maxLength={500} placeholder="评价意见（可不填）" value={comment} onChange={(e) => setComment(e.target.value)} />
            <Button type="primary" block disabled={!rating} loading={busy} onClick={() => void rate()}>
              提交评价
            </Button>
          </Space>
        </Card>
      )}
      {s.rating !== null && (
        <Card size="small" title="您的评价" style={{ marginTop: 12 }} data-testid="public-rating">
          <Space wrap>
            <Rate disabled value={s.rating} />
            {APPEAL_RATING_LABELS[s.rating]}
          </Space>
          {s.ratingComment && <Typography.Paragraph style={{ margin: '4px 0 0' }}>{s.ratingComment}</Typography.Paragraph>}
        </Card>
      )}
      <Card size="small" title="办理进度" style={{ marginTop: 12 }}>
        <Timeline
          items={s.events.map((e) => ({
            color: e.kind === 'closed' || e.kind === 'rated' ? 'green' : 'blue',
            content: (
              <>
                {APPEAL_EVENT_LABELS[e.kind]}
                <Typography.Text type="secondary"> {formatTime(e.at)}</Typography.Text>
              </>
            ),
          }))}
        />
      </Card>
    </div>
  );
}
