import { mkdtemp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { extensionOf, openWithSystemViewer, viewerFileName } from './open-file';

vi.mock('electron', () => ({}));

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'outpost-open-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('viewerFileName', () => {
  it.each([
    ['Invoice 2025-03.pdf', 'Invoice 2025-03.pdf'],
    ['photo.JPG', 'photo.jpg'],
    ['Report: Q3?.xlsx', 'Report_ Q3_.xlsx'],
    ['../../.bashrc.txt', '_.._.bashrc.txt'],
    ['C:\\Windows\\system32\\x.png', 'C__Windows_system32_x.png'],
    ['CON.txt', 'attachment.txt'],
    ['...pdf', 'attachment.pdf'],
    ['naïve résumé.docx', 'naïve résumé.docx'],
  ])('turns %j into %j', (name, expected) => expect(viewerFileName(name)).toBe(expected));

  it.each([
    'setup.exe',
    'run.bat',
    'script.ps1',
    'invoice.pdf.exe',
    'invoice\u202Efdp.exe',
    'page.html',
    'page.htm',
    'drawing.svg',
    'Outpost.desktop',
    'link.lnk',
    'app.AppImage',
    'pkg.deb',
    'install.msi',
    'macro.docm',
    'tool.jar',
    'shortcut.url',
    'noextension',
    'trailing.',
    '.pdf',
  ])('refuses %j', (name) => {
    expect(() => viewerFileName(name)).toThrow(expect.objectContaining({ code: 'not_allowed' }));
  });

  it('reads the extension the OS will use', () => {
    expect(extensionOf('a.tar.gz')).toBe('gz');
    expect(extensionOf('.bashrc')).toBe('');
    expect(extensionOf('x.PDF')).toBe('pdf');
  });
});

describe('openWithSystemViewer', () => {
  const fs = { mkdir, writeFile, rm };

  it('writes the bytes to a private folder of their own and opens that file', async () => {
    const openPath = vi.fn(async () => '');
    const data = new Uint8Array([37, 80, 68, 70]);
    const target = await openWithSystemViewer(
      { dir, fs, openPath, random: () => 'abc123' },
      { name: 'Report: Q3.pdf', data },
    );
    expect(target).toBe(path.join(dir, 'abc123', 'Report_ Q3.pdf'));
    expect(openPath).toHaveBeenCalledWith(target);
    expect(new Uint8Array(await readFile(target))).toEqual(data);
    if (process.platform !== 'win32') {
      expect((await stat(target)).mode & 0o077).toBe(0);
      expect((await stat(path.dirname(target))).mode & 0o077).toBe(0);
    }
  });

  it('never overwrites an existing file', async () => {
    const openPath = vi.fn(async () => '');
    await mkdir(path.join(dir, 'same'), { recursive: true });
    await writeFile(path.join(dir, 'same', 'a.pdf'), 'original');
    await expect(
      openWithSystemViewer(
        { dir, fs, openPath, random: () => 'same' },
        { name: 'a.pdf', data: new Uint8Array([1]) },
      ),
    ).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await readFile(path.join(dir, 'same', 'a.pdf'), 'utf8')).toBe('original');
    expect(openPath).not.toHaveBeenCalled();
  });

  it('writes nothing for a refused type, and reports a viewer that could not open it', async () => {
    const openPath = vi.fn(async () => 'No application is associated');
    await expect(
      openWithSystemViewer({ dir, fs, openPath }, { name: 'setup.exe', data: new Uint8Array([77, 90]) }),
    ).rejects.toMatchObject({ code: 'not_allowed' });
    expect(await readdir(dir)).toEqual([]);
    await expect(
      openWithSystemViewer({ dir, fs, openPath }, { name: 'scan.heic', data: new Uint8Array([1]) }),
    ).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/No application could open scan\.heic/),
    });
  });
});
