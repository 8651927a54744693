// Renders build/icon.svg into the icon sets electron-builder picks up from build/:
// icons/<n>x<n>.png (Linux), icon.ico (Windows), icon.icns (macOS) and icon.png. Chromium does
// the rasterizing (the same one the E2E tests use), so no image tool or extra package is needed.
// Run after changing the SVG: `node scripts/make-icons.mjs`; the results are committed.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './lib/chromium.mjs';
import { icnsFromPngs, icoFromPngs } from './lib/icons.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const buildDir = path.join(root, 'build');
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
const ICNS_SIZES = [16, 32, 64, 128, 256, 512, 1024];

const svg = await readFile(path.join(buildDir, 'icon.svg'));
const source = `data:image/svg+xml;base64,${svg.toString('base64')}`;
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const pngs = new Map();
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const size of LINUX_SIZES) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<!doctype html><html><body style="margin:0;background:transparent">` +
        `<img id="icon" src="${source}" width="${size}" height="${size}" style="display:block"></body></html>`,
    );
    await page.locator('#icon').evaluate((img) => img.decode());
    pngs.set(
      size,
      await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }),
    );
  }
} finally {
  await browser.close();
}

await mkdir(path.join(buildDir, 'icons'), { recursive: true });
for (const size of LINUX_SIZES) {
  await writeFile(path.join(buildDir, 'icons', `${size}x${size}.png`), pngs.get(size));
}
await writeFile(path.join(buildDir, 'icon.png'), pngs.get(1024));
await writeFile(
  path.join(buildDir, 'icon.ico'),
  icoFromPngs(ICO_SIZES.map((size) => ({ size, png: pngs.get(size) }))),
);
await writeFile(
  path.join(buildDir, 'icon.icns'),
  icnsFromPngs(ICNS_SIZES.map((size) => ({ size, png: pngs.get(size) }))),
);
console.info(`Icons written to ${path.relative(root, buildDir)}/`);
