// Draws the app icons (packages/web/public/icons) by rendering HTML in the machine's Chromium:
// the league red with 团 in a Chinese font. Maskable icons keep the glyph inside the central
// 80 % safe zone and have no rounded corners (the launcher masks them).
// Run from the repository root: node packages/web/scripts/make-icons.mjs
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const OUT = 'packages/web/public/icons';
const RED = '#b81c22';
const ICONS = [
  { file: 'icon-192.png', size: 192, glyph: 0.66, radius: 0.2 },
  { file: 'icon-512.png', size: 512, glyph: 0.66, radius: 0.2 },
  { file: 'maskable-192.png', size: 192, glyph: 0.5, radius: 0 },
  { file: 'maskable-512.png', size: 512, glyph: 0.5, radius: 0 },
  { file: 'apple-touch-icon.png', size: 180, glyph: 0.62, radius: 0 },
];

mkdirSync(OUT, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const icon of ICONS) {
  const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
  await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">
    <div style="width:${icon.size}px;height:${icon.size}px;background:${RED};border-radius:${icon.radius * icon.size}px;
      display:flex;align-items:center;justify-content:center;color:#fff;font-weight:700;
      font-family:'Noto Sans CJK SC','WenQuanYi Micro Hei',sans-serif;font-size:${Math.round(icon.glyph * icon.size)}px;line-height:1">团</div>
  </body></html>`);
  await page.screenshot({ path: `${OUT}/${icon.file}`, omitBackground: true });
  await page.close();
}
await browser.close();
