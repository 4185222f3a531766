import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { ROLE_LABELS, isBranchType } from '@tuanjian/domain';
import { App, Avatar, ConfigProvider, Dropdown, Layout, Menu, Space, Tag, type MenuProps } from 'antd';
import { Suspense, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAccount, useCan, useSession } from '../auth/session';
import { PageLoading } from './PageState';
import { openGroup, selectedNav, sideMenuItems } from './sideMenu';
import { InboxBadge } from '../pages/inbox/InboxBadge';
import { PhoneMenuButton, PhoneTabBar, useIsPhone } from './PhoneNav';
import { DESKTOP_THEME, PHONE_THEME } from '../theme';

/**
 * The frame of every page after login: brand bar with the account, side menu, content.
 * On a phone (below md) the side menu is a drawer opened from the header, the header is
 * compact and controls are touch-sized (PHONE_THEME); the pages are the same.
 */
export function AppLayout() {
  const account = useAccount();
  const navigate = useNavigate();
  const location = useLocation();
  const phone = useIsPhone();
  const items = sideMenuItems(account.permissions, account.scopeOrgType);
  const [menuOpen, setMenuOpen] = useState(false);
  // A branch secretary's phone has bottom tabs for the daily destinations; 更多 opens the menu drawer.
  const tabs = phone && account.scopeOrgType !== null && isBranchType(account.scopeOrgType);
  const canInbox = useCan('inbox:read');
  const canPeople = useCan('person:read');

  const frame = (
    <Layout style={{ minHeight: '100vh' }} className={tabs ? 'tj-with-tabbar' : undefined}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', position: 'sticky', top: 0, zIndex: 10 }}>
        <Space size={4} style={{ minWidth: 0 }}>
          {phone && (
            <PhoneMenuButton items={items} selectedKey={selectedNav(location.pathname)} defaultOpenKeys={openGroup(location.pathname)} onNavigate={navigate} open={menuOpen} onOpenChange={setMenuOpen} />
          )}
          <div className="tj-brand">
            <span style={{ fontSize: 22 }} aria-hidden>
              ★
            </span>
            团建 <small>县域共青团基层组织管理平台</small>
          </div>
        </Space>
        <Space size={4}>
          <InboxBadge />
          <AccountMenu />
        </Space>
      </Layout.Header>
      <Layout>
        {!phone && (
          <Layout.Sider width={200} theme="light" breakpoint="md" collapsedWidth={0} style={{ borderRight: '1px solid #eceef2' }}>
            <Menu
              mode="inline"
              selectedKeys={[selectedNav(location.pathname)]}
              items={items}
              defaultOpenKeys={openGroup(location.pathname)}
              onClick={({ key }) => navigate(key)}
              style={{ borderInlineEnd: 'none', paddingTop: 8 }}
            />
          </Layout.Sider>
        )}
        <Layout.Content className="tj-content" style={{ padding: 24, minWidth: 0 }}>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
      {tabs && <PhoneTabBar can={{ inbox: canInbox, people: canPeople }} selectedKey={location.pathname} onNavigate={navigate} onMore={() => setMenuOpen(true)} />}
    </Layout>
  );
  // Always the same tree (crossing the breakpoint must not remount the page); the theme adds to the app's.
  // A list's pager on a phone: no page-size menu (a third line of controls); styles.css puts the total on its own line.
  return (
    <ConfigProvider theme={phone ? PHONE_THEME : DESKTOP_THEME} pagination={phone ? PHONE_PAGINATION : undefined}>
      {frame}
    </ConfigProvider>
  );
}

const PHONE_PAGINATION = { showSizeChanger: false } as const;

function AccountMenu() {
  const account = useAccount();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();

  const menu: MenuProps['items'] = [
    { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: '退出登录' },
  ];
  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') navigate('/change-password');
    if (key === 'logout') {
      void signOut().finally(() => {
        message.success('已退出登录');
        navigate('/login', { replace: true });
      });
    }
  };

  return (
    <Dropdown menu={{ items: menu, onClick }} trigger={['click']} placement="bottomRight">
      <Space style={{ color: '#fff', cursor: 'pointer' }} data-testid="account-menu">
        <Avatar size="small" icon={<UserOutlined />} style={{ background: 'rgba(255,255,255,0.25)' }} />
        <span className="tj-account-detail">{account.displayName}</span>
        <Tag color="gold" style={{ marginInlineEnd: 0 }} className="tj-account-detail">
          {ROLE_LABELS[account.role]}
        </Tag>
        <span style={{ opacity: 0.85 }} className="tj-account-detail">{account.scopeOrgName ?? '全部组织'}</span>
        <DownOutlined style={{ fontSize: 11 }} />
      </Space>
    </Dropdown>
  );
}
