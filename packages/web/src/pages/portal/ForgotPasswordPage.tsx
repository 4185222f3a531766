import { LockOutlined, MobileOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { api } from '@tuanjian/domain';
import { Alert, Button, Card, Form, Input, Result, Steps, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { call } from '../../api/client';
import { errorMessage } from '../../lib/errors';
import { PhoneInput } from '../../components/KeypadInputs';

const d = api.dailyWork;

interface RequestValues {
  username: string;
  phone: string;
}
interface RedeemValues {
  username: string;
  code: string;
  newPassword: string;
  confirm: string;
}

/**
 * 找回密码 (public): step 1 asks for a text-message code by username and phone;
 * step 2 sets a new password with a code — from the message or the one-time
 * code handed out by the branch secretary (then step 1 can be skipped).
 */
export default function ForgotPasswordPage() {
  const navigate = useNavigate();
  const [step, setStep] = useState(0);
  const [username, setUsername] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [redeemForm] = Form.useForm<RedeemValues>();

  async function request(values: RequestValues) {
    setBusy(true);
    setError(null);
    try {
      const res = await call(d.requestResetCode, { body: values });
      setUsername(values.username.trim());
      setNotice(res.message);
      setStep(1);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function redeem(values: RedeemValues) {
    setBusy(true);
    setError(null);
    try {
      await call(d.redeemResetCode, { body: { username: values.username, code: values.code, newPassword: values.newPassword } });
      setStep(2);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  function goStep(n: number) {
    setError(null);
    if (n === 1) setNotice(null);
    setStep(n);
  }

  return (
    <div className="tj-login-bg" style={{ padding: 12 }}>
      <Card style={{ width: 400, maxWidth: '100%' }} title={<><SafetyOutlined /> 找回密码</>}>
        <Steps size="small" orientation="horizontal" responsive={false} current={step} items={[{ title: '验证码' }, { title: '新密码' }, { title: '完成' }]} style={{ marginBottom: 20 }} />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        {step === 0 && (
          <Form layout="vertical" size="large" requiredMark={false} onFinish={request}>
            <Form.Item name="username" label="用户名（团员编号）" rules={[{ required: true, message: '请填写用户名' }]}>
              <Input prefix={<UserOutlined />} placeholder="用户名" autoComplete="username" />
            </Form.Item>
            <Form.Item name="phone" label="预留手机号" rules={[{ required: true, message: '请填写手机号' }]}>
              <PhoneInput prefix={<MobileOutlined />} placeholder="手机号" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              获取验证码
            </Button>
            <Button type="link" block onClick={() => goStep(1)} style={{ marginTop: 8 }}>
              已有团支部发放的重置码
            </Button>
          </Form>
        )}
        {step === 1 && (
          <Form form={redeemForm} layout="vertical" size="large" requiredMark={false} onFinish={redeem} initialValues={{ username }}>
            {notice && <Alert type="success" showIcon title={notice} style={{ marginBottom: 16 }} />}
            <Form.Item name="username" label="用户名（团员编号）" rules={[{ required: true, message: '请填写用户名' }]}>
              <Input prefix={<UserOutlined />} placeholder="用户名" autoComplete="username" />
            </Form.Item>
            <Form.Item name="code" label="验证码" rules={[{ required: true, message: '请填写验证码' }]}>
              <Input prefix={<SafetyOutlined />} placeholder="验证码或重置码" autoComplete="one-time-code" />
            </Form.Item>
            <Form.Item name="newPassword" label="新密码" rules={[{ required: true, message: '请填写新密码' }]} extra="至少8位，同时包含字母和数字；不能是常见密码、姓名拼音或用户名，建议12位以上">
              <Input.Password prefix={<LockOutlined />} placeholder="新密码" autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              name="confirm"
              label="确认新密码"
              dependencies={['newPassword']}
              rules={[
                { required: true, message: '请再次输入新密码' },
                ({ getFieldValue }) => ({
                  validator: (_, v) => (!v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致'))),
                }),
              ]}
            >
              <Input.Password prefix={<LockOutlined />} placeholder="再次输入新密码" autoComplete="new-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              设置新密码
            </Button>
            <Button type="link" block onClick={() => goStep(0)} style={{ marginTop: 8 }}>
              重新获取验证码
            </Button>
          </Form>
        )}
        {step === 2 && (
          <Result
            status="success"
            title="密码已重置"
            subTitle="请使用新密码登录"
            extra={
              <Button type="primary" size="large" onClick={() => navigate('/login', { replace: true })}>
                返回登录
              </Button>
            }
          />
        )}
        {step < 2 && (
          <Typography.Paragraph style={{ textAlign: 'center', marginTop: 12, marginBottom: 0 }}>
            <Link to="/login">返回登录</Link>
          </Typography.Paragraph>
        )}
      </Card>
    </div>
  );
}
