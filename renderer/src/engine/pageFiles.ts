import type { ProjectFileRef } from '../../../shared/protocol/client';
import type { PageFiles } from './wsClient';

/**
 * Opening and saving project files inside a browser tab: a file picker to open, a download to save.
 * The path of a browser file is just its name (the page cannot know where it lives on disk).
 */
export const pageFiles: PageFiles = {
  openProjectFile(): Promise<ProjectFileRef | null> {
    return new Promise((resolve) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = '.json,application/json';
      input.style.display = 'none';
      const done = (result: ProjectFileRef | null) => {
        input.remove();
        resolve(result);
      };
      input.addEventListener('cancel', () => done(null));
      input.addEventListener('change', () => {
        const file = input.files?.[0];
        if (!file) return done(null);
        file.text().then(
          (text) => done({ path: file.name, text }),
          () => done(null),
        );
      });
      document.body.append(input);
      input.click();
    });
  },

  async saveProjectFile(path: string | null, text: string, suggestedName: string): Promise<{ path: string } | null> {
    const name = (path ?? suggestedName).split(/[/\\]/).pop() || 'project.deepwire.json';
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.style.display = 'none';
    document.body.append(link);
    link.click();
    link.remove();
    // Revoke later: some browsers start the download asynchronously.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return { path: name };
  },
};
