/** Hands a text file to the browser's download (a save dialog in the desktop app). */
export function downloadText(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.click();
  } finally {
    // The download holds its own reference once started.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}

export function exportFileName(now = new Date()): string {
  return `cmdb-export-${now.toISOString().slice(0, 10)}.csv`;
}
