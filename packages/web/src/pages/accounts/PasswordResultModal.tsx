import { CopyOutlined } from '@ant-design/icons';
import { api } from '@tuanjian/domain';
import { App, Button, Modal, Result, Space, Typography } from 'antd';

export interface IssuedPassword {
  account: api.AccountItem;
  password: string;
  reason: 'created' | 'reset';
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Without a secure context (plain http on an intranet address) the clipboard API is absent.
    const area = document.createElement('textarea');
    area.value = text;
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

/** Shows a one-time password exactly once, with a copy button. */
export function PasswordResultModal({ issued, onClose }: { issued: IssuedPassword; onClose(): void }) {
  const { message } = App.useApp();
  const created = issued.reason === 'created';
  return (
    <Modal open footer={null} onCancel={onClose} maskClosable={false} width={520}>
      <Result
        status="success"
        title={created ? `账号“${issued.account.username}”已创建` : `“${issued.account.displayName}”的密码已重置`}
        subTitle="以下一次性密码只显示这一次，请复制后通过安全方式告知本人；首次登录时须修改密码。"
        extra={
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Typography.Text code style={{ fontSize: 22, letterSpacing: 2 }} data-testid="one-time-password">
              {issued.password}
            </Typography.Text>
            <Space>
              <Button
                type="primary"
                icon={<CopyOutlined />}
                onClick={() => void copyText(issued.password).then((ok) => (ok ? message.success('已复制到剪贴板') : message.warning('复制失败，请手动抄录')))}
              >
                复制密码
              </Button>
              <Button onClick={onClose}>我已记下</Button>
            </Space>
          </Space>
        }
      />
    </Modal>
  );
}
