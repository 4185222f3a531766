import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Grid, Menu, type MenuProps, type ThemeConfig } from 'antd';
import { useState } from 'react';

/** True below antd's md breakpoint (768 px): phones, where the side menu becomes a drawer. */
export function useIsPhone(): boolean {
  const screens = Grid.useBreakpoint();
  // Before the first measurement every breakpoint is undefined: treat as desktop only when md is known to match.
  return screens.md === false;
}

/**
 * Component sizes on a phone: 44-px controls (touch targets) and no text below 14 px.
 * Applied by a nested ConfigProvider, so dialogs and drawers (portals) get them too.
 */
export const PHONE_THEME: ThemeConfig = {
  token: { controlHeight: 44, controlHeightSM: 32, controlHeightLG: 48, fontSize: 15, fontSizeSM: 14 },
  components: {
    Menu: { itemHeight: 44, subMenuItemBg: '#ffffff' },
    Table: { cellPaddingInline: 8, cellPaddingBlock: 10 },
  },
};

/**
 * The side menu on a phone: a button in the header opens it as a drawer from the left;
 * choosing a page navigates and closes it. Same items as the desktop side menu.
 */
export function PhoneMenuButton(props: {
  items: NonNullable<MenuProps['items']>;
  selectedKey: string;
  defaultOpenKeys: string[];
  onNavigate: (path: string) => void;
}) {
  const [open, setOpen] = useState(false);
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
