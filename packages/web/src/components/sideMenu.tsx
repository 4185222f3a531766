import {
  AimOutlined,
  BellOutlined,
  NotificationOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  ClusterOutlined,
  HeartOutlined,
  HomeOutlined,
  IdcardOutlined,
  ImportOutlined,
  RiseOutlined,
  ScheduleOutlined,
  SettingOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { MENU_GROUPS, menuEntryAt, menuFor, type MenuGroupKey, type OrgType, type Permission } from '@tuanjian/domain';
import type { MenuProps } from 'antd';
import type { ReactNode } from 'react';

/** Icons of the top-level entries and sub-menus (the entries themselves come from the domain's MENU). */
const ICONS: Record<string, ReactNode> = {
  '/': <HomeOutlined />,
  '/inbox': <BellOutlined />,
  notices: <NotificationOutlined />,
  '/orgs': <ApartmentOutlined />,
  '/new-sector': <ClusterOutlined />,
  '/people': <IdcardOutlined />,
  '/import': <ImportOutlined />,
  '/development': <RiseOutlined />,
  '/quotas': <AimOutlined />,
  '/accounts': <TeamOutlined />,
  '/audit': <AuditOutlined />,
  '/rules': <SettingOutlined />,
  membership: <SolutionOutlined />,
  cadres: <UserSwitchOutlined />,
  'org-life': <CalendarOutlined />,
  youth: <HeartOutlined />,
  daily: <ScheduleOutlined />,
  stats: <BarChartOutlined />,
};

/** The side menu of an account: the domain's menu for its permissions and level, groups as sub-menus in place. */
export function sideMenuItems(permissions: readonly Permission[], scopeOrgType: OrgType | null): NonNullable<MenuProps['items']> {
  const items: NonNullable<MenuProps['items']> = [];
  const groups = new Map<MenuGroupKey, { key: string; label: string; children: { key: string; label: string }[] }>();
  for (const entry of menuFor(permissions, scopeOrgType)) {
    if (!entry.group) {
      items.push({ key: entry.path, icon: ICONS[entry.path], label: entry.label });
      continue;
    }
    let group = groups.get(entry.group);
    if (!group) {
      const def = MENU_GROUPS.find((g) => g.key === entry.group)!;
      group = { key: def.key, label: def.label, children: [] };
      groups.set(entry.group, group);
      items.push({ key: def.key, icon: ICONS[def.key], label: def.label, children: group.children });
    }
    group.children.push({ key: entry.path, label: entry.label });
  }
  return items;
}

export function selectedNav(pathname: string): string {
  return menuEntryAt(pathname)?.path ?? '/';
}

export function openGroup(pathname: string): string[] {
  const group = MENU_GROUPS.find((g) => g.prefixes.some((p) => pathname.startsWith(p)));
  return group ? [group.key] : [];
}
