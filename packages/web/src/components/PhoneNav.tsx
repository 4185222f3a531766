import { AppstoreOutlined, BellOutlined, HomeOutlined, MenuOutlined, TeamOutlined } from '@ant-design/icons';
import { Button, Drawer, Grid, Menu, type MenuProps } from 'antd';
import { useState, type Key, type ReactNode } from 'react';

/** True below antd's md breakpoint (768 px): phones, where the side menu becomes a drawer. */
export function useIsPhone(): boolean {
  const screens = Grid.useBreakpoint();
  // Before the first measurement every breakpoint is undefined: treat as desktop only when md is known to match.
  return screens.md === false;
}

/**
 * The side menu on a phone: a button in the header opens it as a drawer from the left;
 * choosing a page navigates and closes it. Same items as the desktop side menu.
 */
export function PhoneMenuButton(props: {
  items: NonNullable<MenuProps['items']>;
  selectedKey: string;
  defaultOpenKeys: string[];
  onNavigate: (path: string) => void;
  /** Controlled by the frame when the bottom tabs' 更多 opens the same drawer. */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}) {
  const [own, setOwn] = useState(false);
  const open = props.open ?? own;
  const setOpen = props.onOpenChange ?? setOwn;
  return (
    <>
      <Button
        type="text"
        aria-label="打开菜单"
        data-testid="phone-menu-button"
        icon={<MenuOutlined style={{ color: '#fff', fontSize: 20 }} />}
        onClick={() => setOpen(true)}
        style={{ width: 44, height: 44 }}
      />
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        placement="left"
        size={280}
        title="团建"
        styles={{ body: { padding: 0 } }}
        data-testid="phone-menu"
      >
        <Menu
          mode="inline"
          selectedKeys={[props.selectedKey]}
          defaultOpenKeys={props.defaultOpenKeys}
          items={props.items}
          onClick={({ key }) => {
            setOpen(false);
            props.onNavigate(key);
          }}
          style={{ borderInlineEnd: 'none' }}
        />
      </Drawer>
    </>
  );
}

interface Tab {
  key: string;
  label: string;
  icon: ReactNode;
  path?: string;
}

/**
 * A branch secretary's bottom tabs on a phone: 首页, 待办, 团员 (those the account may open) and 更多,
 * which opens the menu drawer with every page. Fixed to the bottom, above the safe area.
 */
export function PhoneTabBar({ can, selectedKey, onNavigate, onMore }: { can: { inbox: boolean; people: boolean }; selectedKey: string; onNavigate: (path: string) => void; onMore: () => void }) {
  const tabs: Tab[] = [
    { key: 'home', label: '首页', icon: <HomeOutlined />, path: '/' },
    ...(can.inbox ? [{ key: 'inbox', label: '待办', icon: <BellOutlined />, path: '/inbox' }] : []),
    ...(can.people ? [{ key: 'people', label: '团员', icon: <TeamOutlined />, path: '/people' }] : []),
    { key: 'more', label: '更多', icon: <AppstoreOutlined /> },
  ];
  return (
    <nav className="tj-tabbar" aria-label="常用" data-testid="phone-tabbar">
      {tabs.map((t) => (
        <button
          key={t.key}
          type="button"
          className={t.path !== undefined && t.path === selectedKey ? 'tj-tabbar-item tj-tabbar-active' : 'tj-tabbar-item'}
          aria-current={t.path !== undefined && t.path === selectedKey ? 'page' : undefined}
          onClick={() => (t.path === undefined ? onMore() : onNavigate(t.path))}
          data-testid={`tab-${t.key}`}
        >
          <span className="tj-tabbar-icon">{t.icon}</span>
          {t.label}
        </button>
      ))}
    </nav>
  );
}

/**
 * A table's columns on a phone (`phone` from useIsPhone), with the named ones (by dataIndex or key) moved right after the first
 * (the name): what the row is about is on the screen, the rest scrolls sideways. Unchanged on the desktop.
 */
export function keyColumnsFirst<C extends { key?: Key; dataIndex?: unknown }>(phone: boolean, columns: C[], keys: string[]): C[] {
  if (!phone || columns.length < 2) return columns;
  const id = (c: C) => String(c.key ?? c.dataIndex ?? '');
  const first = keys.map((k) => columns.find((c) => id(c) === k)).filter((c): c is C => !!c);
  return [columns[0]!, ...first, ...columns.slice(1).filter((c) => !first.includes(c))];
}
