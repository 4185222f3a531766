import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { api } from '@tuanjian/domain';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { call } from '../api/client';
import { useSession } from '../auth/session';
import { errorMessage } from '../lib/errors';

interface LoginState {
  from?: string;
  reason?: string;
}

export default function LoginPage() {
  const { state, signedIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const { from, reason } = (location.state ?? {}) as LoginState;
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  if (state.status === 'authenticated' && !submitting) return <Navigate to="/" replace />;

  async function onFinish(values: api.BodyInput<typeof api.auth.login>) {
    setSubmitting(true);
    setError(null);
    try {
      const session = await call(api.auth.login, { body: values });
      signedIn(session);
      const target = session.account.mustChangePassword ? '/change-password' : from && from !== '/login' ? from : '/';
      navigate(target, { replace: true });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <div className="tj-login-bg">
      <Card style={{ width: 400, maxWidth: 'calc(100vw - 24px)', boxShadow: '0 12px 40px rgba(0,0,0,0.25)' }} styles={{ body: { padding: '32px 32px 16px' } }}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <div style={{ fontSize: 40, color: '#b81c22', lineHeight: 1 }} aria-hidden>
            ★
          </div>
          <Typography.Title level={3} style={{ margin: '8px 0 4px' }}>
            团建
          </Typography.Title>
          <Typography.Text type="secondary">县域共青团基层组织管理平台</Typography.Text>
        </div>
        {error ? (
          <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />
        ) : reason ? (
          <Alert type="info" showIcon title={reason} style={{ marginBottom: 16 }} />
        ) : null}
        <Form layout="vertical" size="large" onFinish={onFinish} requiredMark={false} autoComplete="on">
          <Form.Item name="username" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} placeholder="用户名" autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} placeholder="密码" autoComplete="current-password" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" block loading={submitting}>
              登录
            </Button>
          </Form.Item>
        </Form>
        <Typography.Paragraph style={{ textAlign: 'center', marginBottom: 4 }}>
          <Link to="/forgot-password">找回密码</Link>　·　<Link to="/youth-voice">青年之声</Link>　·　<Link to="/join">入团申请</Link>
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', fontSize: 12, marginBottom: 8 }}>
          团员可凭短信验证码或团支部发放的重置码找回密码；其他账号请联系上级团组织管理员重置
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
