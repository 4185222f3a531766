import { extractStyle } from '@ant-design/static-style-extract';
import { ConfigProvider } from 'antd';
import { createElement, type ReactElement } from 'react';
import type { Plugin } from 'vite';
import { NESTED_THEMES, theme } from './src/theme';

/** The module main.tsx imports for antd's styles. */
const ID = 'virtual:antd-styles.css';

/**
 * antd's styles for the app's themes, made once by the build instead of in every browser (the app runs antd with
 * zeroRuntime, src/theme.ts): @ant-design/static-style-extract renders every antd component under the app's theme
 * and under each nested theme (NESTED_THEMES) on the server side and collects the CSS they register; main.tsx
 * imports it as a stylesheet. The same theme objects as the browser's, so the CSS-variable keys and tokens agree.
 */
export function antdStaticStyles(): Plugin {
  let css: string | undefined;
  return {
    name: 'tj-antd-static-styles',
    resolveId: (id) => (id === ID ? `\0${ID}` : undefined),
    load(id) {
      if (id !== `\0${ID}`) return undefined;
      // Styles are registered only where they are made at run time: zeroRuntime off for the extraction.
      const app = { ...theme, zeroRuntime: false };
      css ??= extractStyle((node: ReactElement) =>
        createElement(ConfigProvider, { theme: app }, node, ...NESTED_THEMES.map((t, i) => createElement(ConfigProvider, { key: i, theme: t }, node))),
      );
      return css;
    },
  };
}
