/** Types of coverageTable.mjs (a plain Node script, so the coverage command needs no build step). */
export interface FolderLines {
  folder: string;
  covered: number;
  total: number;
  files: number;
}
export function folderOf(file: string): string | null;
export function linesByFolder(
  summary: Record<string, { lines: { covered: number; total: number } }>,
  root: string,
): FolderLines[];
export function formatTable(rows: FolderLines[]): string;
