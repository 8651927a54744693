// Opening an attachment with the system viewer. The bytes come from the team's shared data, so
// anyone with a team account could have attached them: only document, image, media and archive
// types a viewer displays are handed to the OS. Executables, scripts, installers, shortcuts and
// HTML (which a browser would run from file://) are refused: for those the user saves the file
// and decides what to do with it.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { IpcFailure } from './validate';

/** Extensions the OS opens in a viewer, never as a program (lower case, without the dot). */
export const VIEWABLE_EXTENSIONS: ReadonlySet<string> = new Set([
  // documents
  'pdf',
  'txt',
  'log',
  'csv',
  'md',
  'rtf',
  'odt',
  'ods',
  'odp',
  'docx',
  'xlsx',
  'pptx',
  'doc',
  'xls',
  'ppt',
  'eml',
  // images
  'png',
  'jpg',
  'jpeg',
  'gif',
  'webp',
  'bmp',
  'tif',
  'tiff',
  'heic',
  // audio and video
  'mp3',
  'wav',
  'ogg',
  'm4a',
  'mp4',
  'mov',
  'webm',
  // archives (opened by an archive viewer, not unpacked and run)
  'zip',
  '7z',
]);

/** The extension as the OS sees it: after the last dot, lower case. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 || dot === name.length - 1 ? '' : name.slice(dot + 1).toLowerCase();
}

const MAX_BASE = 80;

/**
 * The name of the temporary copy: the attachment's own extension (checked against the
 * allow-list) after a base name reduced to letters, digits and a few safe signs. Right-to-left
 * overrides ("invoice\u202Efdp.exe"), trailing dots or spaces, reserved Windows device names and
 * path parts cannot survive this.
 */
export function viewerFileName(name: string): string {
  const extension = extensionOf(name);
  if (!VIEWABLE_EXTENSIONS.has(extension)) {
    throw new IpcFailure(
      'not_allowed',
      extension === ''
        ? 'Files without a type cannot be opened from Outpost. Save the file instead.'
        : `.${extension} files are not opened from Outpost. Save the file and open it yourself if you trust it.`,
    );
  }
  const base = name
    .slice(0, name.length - extension.length - 1)
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
    .replace(/^[ .]+|[ .]+$/g, '')
    .slice(0, MAX_BASE);
  const safeBase = base === '' || /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(base) ? 'attachment' : base;
  return `${safeBase}.${extension}`;
}

export type OpenFileFs = {
  mkdir(dir: string, options: { recursive: true; mode: number }): Promise<unknown>;
  writeFile(filePath: string, data: Uint8Array, options: { mode: number; flag: 'wx' }): Promise<void>;
  rm(target: string, options: { recursive: true; force: true }): Promise<void>;
};

export type OpenFileDeps = {
  /** <userData>/opened-files: cleared at every start and quit. */
  dir: string;
  fs: OpenFileFs;
  /** Electron's shell.openPath: '' on success, otherwise the OS's reason. */
  openPath: (filePath: string) => Promise<string>;
  random?: () => string;
};

/**
 * Writes the bytes into a fresh folder of their own (so two attachments with one name never
 * meet, and nothing else can be overwritten: 'wx' fails on an existing file) and opens it.
 */
export async function openWithSystemViewer(
  deps: OpenFileDeps,
  request: { name: string; data: Uint8Array },
): Promise<string> {
  const fileName = viewerFileName(request.name);
  const folder = path.join(deps.dir, (deps.random ?? (() => randomBytes(12).toString('hex')))());
  await deps.fs.mkdir(folder, { recursive: true, mode: 0o700 });
  const target = path.join(folder, fileName);
  await deps.fs.writeFile(target, request.data, { mode: 0o600, flag: 'wx' });
  const problem = await deps.openPath(target);
  if (problem !== '') {
    throw new IpcFailure('unavailable', `No application could open ${fileName}: ${problem.slice(0, 200)}`);
  }
  return target;
}
