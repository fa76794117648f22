import { readFileSync } from 'node:fs';
import { writeFileAtomicSync } from '../engine/files/atomicWrite';

const MAX_RECENT = 10;

/** The File → Open Recent list, most recent first, kept in a small JSON file in the user's data folder. */
export class RecentFiles {
  private paths: string[];

  constructor(private readonly file: string) {
    try {
      const value = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      this.paths = Array.isArray(value)
        ? value.filter((p): p is string => typeof p === 'string').slice(0, MAX_RECENT)
        : [];
    } catch {
      this.paths = [];
    }
  }

  list(): readonly string[] {
    return this.paths;
  }

  add(path: string): void {
    this.paths = [path, ...this.paths.filter((p) => p !== path)].slice(0, MAX_RECENT);
    this.save();
  }

  remove(path: string): void {
    this.paths = this.paths.filter((p) => p !== path);
    this.save();
  }

  clear(): void {
    this.paths = [];
    this.save();
  }

  private save(): void {
    try {
      writeFileAtomicSync(this.file, `${JSON.stringify(this.paths, null, 2)}\n`);
    } catch (error) {
      console.error('Deepwire: could not save the recent files list:', error);
    }
  }
}
