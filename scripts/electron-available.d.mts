/** Absolute path of the installed Electron binary, or null; never loads the electron package. */
export function electronBinaryPath(root?: string): string | null;
