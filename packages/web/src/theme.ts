import type { ThemeConfig } from 'antd';

/** League red for the brand bar, a calm official blue for actions. */
export const BRAND_RED = '#b81c22';
export const BRAND_RED_DARK = '#8f1117';

/**
 * The app's theme. Its styles are made at build time, not in the browser (zeroRuntime): antd's own CSS for these
 * themes is extracted once by the build (vite-antd-styles.ts) and loaded as a stylesheet, which spares each page
 * load ~0.1–0.2 s of style computation. A nested theme therefore names its CSS-variable key (cssVar.key), the same
 * at build time and in the browser, and is listed in NESTED_THEMES.
 */
export const theme: ThemeConfig = {
  zeroRuntime: true,
  hashed: false,
  cssVar: { key: 'tj-antd' },
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

/**
 * Component sizes on a phone (AppLayout's nested ConfigProvider, so dialogs and drawers get them too): 44-px
 * controls (touch targets) and no text below 14 px.
 */
export const PHONE_THEME: ThemeConfig = {
  cssVar: { key: 'tj-antd-phone' },
  // Small controls too (a row's 记录召开, a card's 安排): every button a thumb can hit.
  token: { controlHeight: 44, controlHeightSM: 44, controlHeightLG: 48, fontSize: 15, fontSizeSM: 14 },
  components: {
    Menu: { itemHeight: 44, subMenuItemBg: '#ffffff' },
    Table: { cellPaddingInline: 8, cellPaddingBlock: 10 },
  },
};

/** The desktop frame's nested theme: nothing changed (the same key: the same styles apply). */
export const DESKTOP_THEME: ThemeConfig = { cssVar: { key: 'tj-antd' } };

/** The themes nested inside the app's, whose styles the build extracts too. */
export const NESTED_THEMES: ThemeConfig[] = [PHONE_THEME];
