import {
  AimOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  HeartOutlined,
  ScheduleOutlined,
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

interface NavGroup {
  key: string;
  label: string;
  icon: ReactNode;
  /** Paths whose pages belong to the group (its sub-menu opens on them). */
  prefixes: string[];
  items: NavItem[];
}

/** Sub-menus, each placed after the top-level entry named by `after` (in this order). */
const NAV_GROUPS: (NavGroup & { after: string })[] = [
  {
    key: 'membership',
    label: '团员管理',
    icon: <SolutionOutlined />,
    after: '/quotas',
    prefixes: ['/membership', '/member-accounts'],
    items: [
      { path: '/membership/transfers', label: '组织关系转接', icon: null, permission: 'person:read' },
      { path: '/membership/registrations', label: '团籍注册', icon: null, permission: 'person:read' },
      { path: '/membership/appraisals', label: '教育评议', icon: null, permission: 'person:read' },
      { path: '/membership/leaving', label: '离团管理', icon: null, permission: 'person:read' },
      { path: '/membership/party', label: '推优入党', icon: null, permission: 'person:read' },
      { path: '/membership/reviews', label: '“回头看”', icon: null, permission: 'person:read' },
      { path: '/member-accounts', label: '团员账号', icon: null, permission: 'membership:write' },
    ],
  },
  {
    key: 'cadres',
    label: '团干部',
    icon: <UserSwitchOutlined />,
    after: 'membership',
    prefixes: ['/cadres'],
    items: [
      { path: '/cadres/overview', label: '团干部队伍', icon: null, permission: 'stats:read' },
      { path: '/cadres/list', label: '干部名册', icon: null, permission: 'person:read' },
      { path: '/cadres/elections', label: '换届选举', icon: null, permission: 'person:read' },
      { path: '/cadres/appraisals', label: '考核评议', icon: null, permission: 'person:read' },
      { path: '/cadres/trainings', label: '培训', icon: null, permission: 'person:read' },
      { path: '/cadres/reserve', label: '后备人才', icon: null, permission: 'person:read' },
      { path: '/cadres/liaisons', label: '联系服务', icon: null, permission: 'person:read' },
    ],
  },
  {
    key: 'org-life',
    label: '组织生活',
    icon: <CalendarOutlined />,
    after: 'cadres',
    prefixes: ['/org-life'],
    items: [
      { path: '/org-life/meetings', label: '三会两制一课', icon: null, permission: 'person:read' },
      { path: '/org-life/compliance', label: '组织生活达标', icon: null, permission: 'person:read' },
      { path: '/org-life/activities', label: '团的活动', icon: null, permission: 'person:read' },
      { path: '/org-life/venues', label: '团属阵地', icon: null, permission: 'org:read' },
    ],
  },
  {
    key: 'youth',
    label: '青年工作',
    icon: <HeartOutlined />,
    after: 'org-life',
    prefixes: ['/youth'],
    items: [
      { path: '/youth/volunteers', label: '志愿服务', icon: null, permission: 'person:read' },
      { path: '/youth/study', label: '青年大学习', icon: null, permission: 'person:read' },
      { path: '/youth/aid', label: '帮扶项目', icon: null, permission: 'person:read' },
      { path: '/youth/honors', label: '评优表彰', icon: null, permission: 'person:read' },
      { path: '/youth/appeals', label: '青年之声', icon: null, permission: 'person:read' },
    ],
  },
  {
    key: 'daily',
    label: '日常工作',
    icon: <ScheduleOutlined />,
    after: 'youth',
    prefixes: ['/daily'],
    items: [
      { path: '/daily/dues', label: '团费收缴', icon: null, permission: 'person:read' },
      { path: '/daily/ratings', label: '对标定级', icon: null, permission: 'org:read' },
      { path: '/daily/graduates', label: '学社衔接', icon: null, permission: 'person:read' },
      { path: '/daily/quality', label: '数据质量', icon: null, permission: 'person:read' },
    ],
  },
  {
    key: 'stats',
    label: '统计报表',
    icon: <BarChartOutlined />,
    after: 'daily',
    prefixes: ['/stats'],
    items: [
      { path: '/stats/tables', label: '统计表', icon: null, permission: 'stats:read' },
      { path: '/stats/trends', label: '趋势与对比', icon: null, permission: 'stats:read' },
      { path: '/stats/ledgers', label: '工作台账', icon: null, permission: 'stats:read' },
      { path: '/stats/reports', label: '报送任务', icon: null, permission: 'stats:read' },
      { path: '/stats/assessment', label: '改革考核', icon: null, permission: 'stats:read' },
    ],
  },
];

/** The side menu: top-level entries, with each group's sub-menu placed after its anchor. */
function menuItems(items: { key: string; icon: ReactNode; label: string }[], permissions: readonly Permission[]): NonNullable<MenuProps['items']> {
  const menu: NonNullable<MenuProps['items']> = [...items];
  for (const group of NAV_GROUPS) {
    const children = group.items.filter((i) => !i.permission || permissions.includes(i.permission)).map((i) => ({ key: i.path, label: i.label }));
    if (!children.length) continue;
    const keys = menu.map((i) => (i && 'key' in i ? i.key : undefined));
    // The anchor may be hidden for this role: fall back to the last entry of the registry pages.
    const after = Math.max(keys.indexOf(group.after), ...['/orgs', '/people', '/development', '/quotas'].map((k) => keys.indexOf(k)));
    menu.splice(after + 1, 0, { key: group.key, icon: group.icon, label: group.label, children });
  }
  return menu;
}

function selectedNav(pathname: string): string {
  const match = [...NAV_ITEMS, ...NAV_GROUPS.flatMap((g) => g.items)].filter((i) => i.path !== '/' && pathname.startsWith(i.path))[0];
  return match?.path ?? '/';
}

function openGroup(pathname: string): string[] {
  const group = NAV_GROUPS.find((g) => g.prefixes.some((p) => pathname.startsWith(p)));
  return group ? [group.key] : [];
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
            items={menuItems(items, account.permissions)}
            defaultOpenKeys={openGroup(location.pathname)}
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
