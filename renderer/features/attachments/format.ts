/** Display helpers for attachments: sizes and which files can be previewed inline. */

const UNITS = ['KB', 'MB', 'GB'] as const;

/** "512 B", "1.5 KB", "24.8 MB": binary units, as file managers show them. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1024) return `${Math.max(0, Math.round(bytes || 0))} B`;
  let value = bytes;
  let unit: (typeof UNITS)[number] = 'KB';
  for (const next of UNITS) {
    value /= 1024;
    unit = next;
    // 1023.5 and up would round to "1024 KB": show the next unit instead.
    if (value < 1023.5) break;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${unit}`;
}

/**
 * Image types every Chromium decodes in an <img>. Others (HEIC, TIFF) would show a broken
 * image, so they get the generic file badge instead. SVG is safe here: an <img> never runs
 * its scripts.
 */
const PREVIEWABLE = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/bmp',
  'image/svg+xml',
  'image/x-icon',
  'image/vnd.microsoft.icon',
]);

export function isPreviewableImage(contentType: string): boolean {
  return PREVIEWABLE.has(contentType.split(';')[0]?.trim().toLowerCase() ?? '');
}

/** Short badge text for a file without a thumbnail: its extension, or FILE. */
export function extensionLabel(name: string): string {
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1) : '';
  return /^[a-z0-9]{1,5}$/i.test(ext) ? ext.toUpperCase() : 'FILE';
}
