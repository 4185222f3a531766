import { api } from '@tuanjian/domain';
import { Alert, Button, Card, Form, Input, Result, Select, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { errorMessage } from '../../lib/errors';
import { ETHNICITY_OPTIONS } from '../../lib/people';
import { IdNumberInput, PhoneInput } from '../../components/KeypadInputs';

const d = api.dailyWork;
type Values = api.BodyInput<typeof d.submitJoinApplication>;
type Done = api.ResponseOf<typeof d.submitJoinApplication>;

/**
 * 入团申请 online for a young person without an account (phones first): find
 * the branch of one's school, village or workplace by name, fill in the
 * application; it arrives in that branch, which accepts it and starts the
 * development case. Reached from the login page and shareable as a link.
 */
export default function JoinApplyPage() {
  const [form] = Form.useForm<Values>();
  const [q, setQ] = useState('');
  const branches = useApi(d.publicJoinBranches, q.trim().length >= 2 ? { query: { q: q.trim() } } : undefined, { enabled: q.trim().length >= 2 });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Done | null>(null);

  async function submit(values: Values) {
    setBusy(true);
    setError(null);
    try {
      setDone(await call(d.submitJoinApplication, { body: values }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const big = { size: 'large' as const };
  return (
    <div className="tj-login-bg" style={{ alignItems: 'flex-start', padding: '16px 8px', minHeight: '100vh', boxSizing: 'border-box' }}>
      <div style={{ width: 480, maxWidth: '100%', margin: '0 auto' }}>
        <div style={{ textAlign: 'center', color: '#fff', marginBottom: 12 }}>
          <div style={{ fontSize: 32, lineHeight: 1 }} aria-hidden>
            ★
          </div>
          <Typography.Title level={3} style={{ color: '#fff', margin: '6px 0 2px' }}>
            入团申请
          </Typography.Title>
          <Typography.Text style={{ color: 'rgba(255,255,255,0.85)' }}>年满14周岁、不满28周岁的中国青年可申请加入共青团</Typography.Text>
        </div>
        <Card styles={{ body: { padding: 16 } }}>
          {done ? (
            <Result
              status="success"
              style={{ padding: '8px 0' }}
              title="申请已提交"
              subTitle={`您的入团申请已送达${done.orgName}，团支部受理后会与您联系。`}
              extra={
                <Button block {...big} onClick={() => (setDone(null), form.resetFields())}>
                  返回
                </Button>
              }
            />
          ) : (
            <Form form={form} layout="vertical" requiredMark={false} onFinish={submit}>
              {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="join-error" />}
              <Form.Item name="orgId" label="申请加入的团支部" rules={[{ required: true, message: '请查找并选择团支部' }]} extra="输入学校、村（社区）或单位名称查找">
                <Select
                  {...big}
                  showSearch={{ filterOption: false, onSearch: setQ }}
                  placeholder="输入名称查找团支部"
                  loading={branches.isFetching}
                  notFoundContent={q.trim().length < 2 ? '请至少输入2个字' : branches.error ? errorMessage(branches.error) : '没有找到，请换个名称试试'}
                  options={(branches.data ?? []).map((b) => ({ value: b.id, label: b.parentName ? `${b.name}（${b.parentName}）` : b.name }))}
                  data-testid="join-branch"
                />
              </Form.Item>
              <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
                <Input {...big} maxLength={30} autoComplete="name" />
              </Form.Item>
              <Form.Item name="idNumber" label="身份证号" rules={[{ required: true, whitespace: true, message: '请填写身份证号' }, { pattern: /^\s*\d{17}[\dXx]\s*$/, message: '身份证号应为18位，最后一位可为X' }]}>
                <IdNumberInput {...big} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="ethnicity" label="民族" rules={[{ required: true, message: '请选择民族' }]}>
                <Select {...big} showSearch={{ optionFilterProp: 'label' }} options={ETHNICITY_OPTIONS} placeholder="请选择" />
              </Form.Item>
              <Form.Item name="phone" label="手机号码" rules={[{ required: true, whitespace: true, message: '请填写手机号码' }]}>
                <PhoneInput {...big} />
              </Form.Item>
              <Form.Item name="school" label="学校或工作单位" rules={[{ required: true, whitespace: true, min: 2, message: '请填写学校或工作单位' }]}>
                <Input {...big} maxLength={100} />
              </Form.Item>
              <Form.Item name="content" label="入团申请书" rules={[{ required: true, whitespace: true, min: 20, message: '入团申请书至少20个字' }]}>
                <Input.TextArea rows={6} maxLength={5000} showCount placeholder="写明对团的认识、入团动机和今后的打算" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block {...big} loading={busy}>
                提交申请
              </Button>
            </Form>
          )}
        </Card>
        <Typography.Paragraph style={{ textAlign: 'center', marginTop: 12 }}>
          <Link to="/login" style={{ color: '#fff' }}>
            已有账号，登录
          </Link>
        </Typography.Paragraph>
      </div>
    </div>
  );
}
