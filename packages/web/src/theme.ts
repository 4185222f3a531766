import type { ThemeConfig } from 'antd';

/** League red for the brand bar, a calm official blue for actions. */
export const BRAND_RED = '#b81c22';
export const BRAND_RED_DARK = '#8f1117';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f5fae',
    colorLink: '#1f5fae',
    borderRadius: 6,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif',
  },
  components: {
    Layout: { headerBg: BRAND_RED, headerHeight: 56, headerPadding: '0 24px', siderBg: '#ffffff', bodyBg: '#f3f4f7' },
    Menu: { itemSelectedBg: '#fdecec', itemSelectedColor: BRAND_RED, itemBorderRadius: 6 },
  },
};

/** Colours for charts, starting with the brand colours. */
export const CHART_COLORS = ['#b81c22', '#1f5fae', '#e8a33d', '#3a9d5d', '#7b4fb8', '#13a8a8', '#d4622b', '#5b6b82', '#c0457f', '#8c8c8c'];
