import { KeyOutlined } from '@ant-design/icons';
import { api } from '@tuanjian/domain';
import { Alert, App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { call } from '../api/client';
import { useAccount, useSession } from '../auth/session';
import { useShowError } from '../lib/errors';

interface FormValues {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

export default function ChangePasswordPage() {
  const account = useAccount();
  const { signedIn, signOut } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<FormValues>();
  const [submitting, setSubmitting] = useState(false);
  const forced = account.mustChangePassword;

  async function onFinish({ oldPassword, newPassword }: FormValues) {
    setSubmitting(true);
    try {
      signedIn(await call(api.auth.changePassword, { body: { oldPassword, newPassword } }));
      message.success('密码已修改');
      navigate('/', { replace: true });
    } catch (err) {
      showError(err, form);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <div className="tj-login-bg" style={{ padding: 12 }}>
      <Card style={{ width: 440, maxWidth: '100%' }} title={<Space><KeyOutlined />修改密码</Space>}>
        {forced && (
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="为了账号安全，首次登录或密码被重置后须先修改密码。" />
        )}
        <Typography.Paragraph type="secondary">
          当前账号：{account.displayName}（{account.username}）。新密码须同时包含字母和数字，达到规定的最短长度（默认8位），且不易被猜到：不能是常见密码、姓名拼音、用户名或公开的演示密码。建议用12位以上、由几个互不相关的词语或拼音加数字和符号组成。
        </Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item name="oldPassword" label="原密码" rules={[{ required: true, message: '请输入原密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="newPassword" label="新密码" rules={[{ required: true, message: '请输入新密码' }]}>
            <Input.Password autoComplete="new-password" />
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
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={submitting}>
              确认修改
            </Button>
            {forced ? (
              <Button onClick={() => void signOut().then(() => navigate('/login', { replace: true }))}>退出登录</Button>
            ) : (
              <Button onClick={() => navigate(-1)}>返回</Button>
            )}
          </Space>
        </Form>
      </Card>
    </div>
  );
}
