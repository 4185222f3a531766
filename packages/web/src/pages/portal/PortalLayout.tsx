import { AuditOutlined, HistoryOutlined, KeyOutlined, LogoutOutlined, SwapOutlined, UserOutlined, WalletOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { Suspense, type ReactNode } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAccount, useSession } from '../../auth/session';
import { PageLoading } from '../../components/PageState';

interface Tab {
  path: string;
  label: string;
  icon: ReactNode;
}

/** The portal's bottom tabs; 修改密码 sits in the header. */
export const PORTAL_TABS: Tab[] = [
  { path: '/portal', label: '我的信息', icon: <UserOutlined /> },
  { path: '/portal/history', label: '入团经历', icon: <HistoryOutlined /> },
  { path: '/portal/registrations', label: '团籍注册', icon: <AuditOutlined /> },
  { path: '/portal/dues', label: '团费', icon: <WalletOutlined /> },
  { path: '/portal/transfers', label: '关系转接', icon: <SwapOutlined /> },
];

function activeTab(pathname: string): string {
  const match = PORTAL_TABS.filter((t) => t.path !== '/portal' && pathname.startsWith(t.path))[0];
  return match?.path ?? '/portal';
}

/** Phone-first frame for members (团员自助): a small header, the page, a bottom tab bar. */
export default function PortalLayout() {
  const account = useAccount();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const { message } = App.useApp();
  const active = activeTab(location.pathname);

  return (
    <div className="tj-portal">
      <header className="tj-portal-header">
        <div className="tj-portal-title">
          <span aria-hidden>★</span> 团员自助
        </div>
        <Space size={4}>
          <span className="tj-portal-name">{account.displayName}</span>
          <Button type="text" size="large" aria-label="修改密码" icon={<KeyOutlined />} style={{ color: '#fff' }} onClick={() => navigate('/change-password')} />
          <Button
            type="text"
            size="large"
            aria-label="退出登录"
            icon={<LogoutOutlined />}
            style={{ color: '#fff' }}
            onClick={() =>
              void signOut().finally(() => {
                message.success('已退出登录');
                navigate('/login', { replace: true });
              })
            }
          />
        </Space>
      </header>
      <main className="tj-portal-main">
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </main>
      <nav className="tj-portal-tabs" aria-label="团员自助">
        {PORTAL_TABS.map((t) => (
          <button
            key={t.path}
            type="button"
            className={t.path === active ? 'tj-portal-tab tj-portal-tab-active' : 'tj-portal-tab'}
            aria-current={t.path === active ? 'page' : undefined}
            onClick={() => navigate(t.path)}
          >
            <span className="tj-portal-tab-icon">{t.icon}</span>
            <span>{t.label}</span>
          </button>
        ))}
      </nav>
    </div>
  );
}
