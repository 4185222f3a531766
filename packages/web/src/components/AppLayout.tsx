import {
  AimOutlined,
  ApartmentOutlined,
  AuditOutlined,
  IdcardOutlined,
  RiseOutlined,
  DownOutlined,
  HomeOutlined,
  KeyOutlined,
  LogoutOutlined,
  SettingOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { ROLE_LABELS, type Permission } from '@tuanjian/domain';
import { App, Avatar, Dropdown, Layout, Menu, Space, Tag, type MenuProps } from 'antd';
import { Suspense, type ReactNode } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAccount, useSession } from '../auth/session';
import { PageLoading } from './PageState';

interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
  permission?: Permission;
}

const NAV_ITEMS: NavItem[] = [
  { path: '/', label: '首页', icon: <HomeOutlined /> },
  { path: '/orgs', label: '组织管理', icon: <ApartmentOutlined /> },
  { path: '/people', label: '青年团员', icon: <IdcardOutlined />, permission: 'person:read' },
  { path: '/development', label: '团员发展', icon: <RiseOutlined />, permission: 'person:read' },
  { path: '/quotas', label: '发展指标', icon: <AimOutlined />, permission: 'person:read' },
  { path: '/accounts', label: '账号管理', icon: <TeamOutlined />, permission: 'account:read' },
  { path: '/audit', label: '操作日志', icon: <AuditOutlined />, permission: 'audit:read' },
  { path: '/rules', label: '规则配置', icon: <SettingOutlined />, permission: 'rules:write' },
];

/** 团员管理: members' life after joining, one sub-menu placed after the registry pages. */
const MEMBERSHIP_NAV: NavItem[] = [
  { path: '/membership/transfers', label: '组织关系转接', icon: null, permission: 'person:read' },
  { path: '/membership/registrations', label: '团籍注册', icon: null, permission: 'person:read' },
  { path: '/membership/appraisals', label: '教育评议', icon: null, permission: 'person:read' },
  { path: '/membership/leaving', label: '离团管理', icon: null, permission: 'person:read' },
  { path: '/membership/party', label: '推优入党', icon: null, permission: 'person:read' },
  { path: '/membership/reviews', label: '“回头看”', icon: null, permission: 'person:read' },
  { path: '/member-accounts', label: '团员账号', icon: null, permission: 'membership:write' },
];
const MEMBERSHIP_GROUP = 'membership';

function withMembershipGroup(items: { key: string; icon: ReactNode; label: string }[], permissions: readonly Permission[]): NonNullable<MenuProps['items']> {
  const children = MEMBERSHIP_NAV.filter((i) => !i.permission || permissions.includes(i.permission)).map((i) => ({ key: i.path, label: i.label }));
  if (!children.length) return items;
  const after = Math.max(...['/orgs', '/people', '/development', '/quotas'].map((k) => items.findIndex((i) => i.key === k)));
  const group = { key: MEMBERSHIP_GROUP, icon: <SolutionOutlined />, label: '团员管理', children };
  return [...items.slice(0, after + 1), group, ...items.slice(after + 1)];
}

/** 团干部: the cadre force, the registry and elections, one sub-menu after 团员管理. */
const CADRES_NAV: NavItem[] = [
  { path: '/cadres/overview', label: '团干部队伍', icon: null, permission: 'stats:read' },
  { path: '/cadres/list', label: '干部名册', icon: null, permission: 'person:read' },
  { path: '/cadres/elections', label: '换届选举', icon: null, permission: 'person:read' },
  { path: '/cadres/appraisals', label: '考核评议', icon: null, permission: 'person:read' },
  { path: '/cadres/trainings', label: '培训', icon: null, permission: 'person:read' },
  { path: '/cadres/reserve', label: '后备人才', icon: null, permission: 'person:read' },
  { path: '/cadres/liaisons', label: '联系服务', icon: null, permission: 'person:read' },
];
const CADRES_GROUP = 'cadres';

function withCadresGroup(items: NonNullable<MenuProps['items']>, permissions: readonly Permission[]): NonNullable<MenuProps['items']> {
  const children = CADRES_NAV.filter((i) => !i.permission || permissions.includes(i.permission)).map((i) => ({ key: i.path, label: i.label }));
  if (!children.length) return items;
  const keys = items.map((i) => (i && 'key' in i ? i.key : undefined));
  const after = Math.max(...[MEMBERSHIP_GROUP, '/orgs', '/people', '/development', '/quotas'].map((k) => keys.indexOf(k)));
  const group = { key: CADRES_GROUP, icon: <UserSwitchOutlined />, label: '团干部', children };
  return [...items.slice(0, after + 1), group, ...items.slice(after + 1)];
}

function selectedNav(pathname: string): string {
  const match = [...NAV_ITEMS, ...MEMBERSHIP_NAV, ...CADRES_NAV].filter((i) => i.path !== '/' && pathname.startsWith(i.path))[0];
  return match?.path ?? '/';
}

/** The frame of every page after login: brand bar with the account, side menu, content. */
export function AppLayout() {
  const account = useAccount();
  const navigate = useNavigate();
  const location = useLocation();

  const items = NAV_ITEMS.filter((i) => !i.permission || account.permissions.includes(i.permission)).map((i) => ({
    key: i.path,
    icon: i.icon,
    label: i.label,
  }));

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', position: 'sticky', top: 0, zIndex: 10 }}>
        <div className="tj-brand">
          <span style={{ fontSize: 22 }} aria-hidden>
            ★
          </span>
          团建 <small>县域共青团基层组织管理平台</small>
        </div>
        <AccountMenu />
      </Layout.Header>
      <Layout>
        <Layout.Sider width={200} theme="light" style={{ borderRight: '1px solid #eceef2' }}>
          <Menu
            mode="inline"
            selectedKeys={[selectedNav(location.pathname)]}
            items={withCadresGroup(withMembershipGroup(items, account.permissions), account.permissions)}
            defaultOpenKeys={location.pathname.startsWith('/membership') || location.pathname.startsWith('/member-accounts') ? [MEMBERSHIP_GROUP] : location.pathname.startsWith('/cadres') ? [CADRES_GROUP] : []}
            onClick={({ key }) => navigate(key)}
            style={{ borderInlineEnd: 'none', paddingTop: 8 }}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: 24, minWidth: 0 }}>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

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
        <span>{account.displayName}</span>
        <Tag color="gold" style={{ marginInlineEnd: 0 }}>
          {ROLE_LABELS[account.role]}
        </Tag>
        <span style={{ opacity: 0.85 }}>{account.scopeOrgName ?? '全部组织'}</span>
        <DownOutlined style={{ fontSize: 11 }} />
      </Space>
    </Dropdown>
  );
}
