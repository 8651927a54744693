import { describe, expect, it } from 'vitest';
import { extensionLabel, formatBytes, isPreviewableImage } from './format';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 KB'],
    [1536, '1.5 KB'],
    [10 * 1024, '10 KB'],
    [1024 * 1024 - 1, '1.0 MB'],
    [25 * 1024 * 1024, '25 MB'],
    [3 * 1024 * 1024 * 1024, '3.0 GB'],
  ])('%d bytes is %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('isPreviewableImage', () => {
  it('accepts images Chromium decodes, with or without parameters', () => {
    expect(isPreviewableImage('image/png')).toBe(true);
    expect(isPreviewableImage('IMAGE/JPEG; q=1')).toBe(true);
    expect(isPreviewableImage('image/heic')).toBe(false);
    expect(isPreviewableImage('application/pdf')).toBe(false);
  });
});

describe('extensionLabel', () => {
  it('shows a short extension or FILE', () => {
    expect(extensionLabel('report.pdf')).toBe('PDF');
    expect(extensionLabel('archive.tar.gz')).toBe('GZ');
    expect(extensionLabel('.bashrc')).toBe('FILE');
    expect(extensionLabel('README')).toBe('FILE');
    expect(extensionLabel('x.<script>')).toBe('FILE');
  });
});
