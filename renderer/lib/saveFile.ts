/**
 * Saves a file the app made (CSV exports and reports, PDF reports and label sheets). The desktop
 * shell offers a save dialog that takes text: every such file is UTF-8 text or plain 7-bit
 * ASCII (the PDF writer emits ASCII only), so it goes through unchanged. In a browser, a Blob
 * URL download.
 */
import { desktopApi } from './desktop';

export type SaveOutcome = { kind: 'saved'; path: string } | { kind: 'downloaded' } | { kind: 'canceled' };

export async function saveTextFile(file: {
  name: string;
  mimeType: string;
  content: string;
}): Promise<SaveOutcome> {
  const api = desktopApi();
  if (api) {
    const result = await api['export:saveFile']({
      suggestedName: file.name,
      // The shell takes a bare type/subtype (it picks the dialog's file filter); parameters
      // such as charset would be refused by its argument check.
      mimeType: file.mimeType.split(';')[0]?.trim() ?? file.mimeType,
      content: file.content,
    });
    if (!result.ok) throw new Error(result.error.message);
    return result.value.canceled ? { kind: 'canceled' } : { kind: 'saved', path: result.value.path };
  }
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mimeType }));
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = file.name;
    link.click();
  } finally {
    // The download holds its own reference once started.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
  return { kind: 'downloaded' };
}

/** A file name safe on every OS: letters, digits, dot, dash and underscore. */
export function safeFileName(base: string, extension: string): string {
  const cleaned = base
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\w.-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80);
  return `${cleaned || 'outpost'}.${extension}`;
}

export function describeSave(outcome: SaveOutcome, what: string): string {
  if (outcome.kind === 'saved') return `${what} saved to ${outcome.path}.`;
  if (outcome.kind === 'downloaded') return `${what} downloaded.`;
  return 'Not saved.';
}
