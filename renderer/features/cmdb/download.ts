/** The CMDB export's file name, dated. */
export function exportFileName(now = new Date()): string {
  return `cmdb-export-${now.toISOString().slice(0, 10)}.csv`;
}
