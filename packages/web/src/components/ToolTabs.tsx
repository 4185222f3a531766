import { Tabs, type TabsProps } from 'antd';
import type { ReactNode } from 'react';
import { useIsPhone } from './PhoneNav';

/**
 * antd Tabs with tools (filters, search, export) beside the tab bar on a desktop and below it on a phone:
 * beside it at 375 px they leave the tabs no room, and antd folds every tab into its "…" menu.
 */
export function ToolTabs({ tools, ...props }: Omit<TabsProps, 'tabBarExtraContent' | 'renderTabBar'> & { tools?: ReactNode }) {
  const phone = useIsPhone();
  if (!phone || !tools) return <Tabs {...props} tabBarExtraContent={tools} />;
  return (
    <Tabs
      {...props}
      renderTabBar={(barProps, Bar) => (
        <div>
          <Bar {...barProps} />
          <div style={{ marginBottom: 12 }}>{tools}</div>
        </div>
      )}
    />
  );
}
