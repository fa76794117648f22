// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { withProjectId } from '../../../shared/project';
import { resetEditor, useEditor } from '../store';
import { tinyCnn } from '../testing/fixtures';
import { OpenError } from './OpenError';
import { recoveryText, type RecoveryStorage } from './recovery';
import { formatSavedAt, RecoveryOffer } from './RecoveryOffer';

function memoryStorage(initial: string | null) {
  const box = { text: initial, writes: 0 };
  const storage: RecoveryStorage = {
    read: async () => box.text,
    write: async (t) => {
      box.writes++;
      box.text = t;
    },
    clear: async () => void (box.text = null),
  };
  return { storage, box };
}

const savedAt = new Date(2026, 10, 28, 10, 14);
const work = () => ({ ...withProjectId(tinyCnn(), 'kept-id'), name: 'Galaxy CNN' });

function mount(storage: RecoveryStorage) {
  render(
    <>
      <RecoveryOffer storage={storage} />
      <OpenError />
    </>,
  );
  return userEvent.setup();
}

beforeEach(() => resetEditor());
afterEach(cleanup);

describe('RecoveryOffer (issue 13, item 5)', () => {
  it('offers the unsaved work back; Restore opens it as unsaved, with its identity and file', async () => {
    const { storage, box } = memoryStorage(recoveryText(work(), '/home/ana/galaxy.deepwire.json', savedAt));
    const user = mount(storage);
    const offer = await screen.findByTestId('recovery-offer');
    expect(offer.textContent).toContain(`Restore your unsaved work on “Galaxy CNN” from ${formatSavedAt(savedAt)}?`);
    expect(offer.textContent).toContain('not saved to galaxy.deepwire.json');
    // Enter keeps the work: Restore has the focus, not Discard.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('recovery-restore')));
    // Nothing was replaced before the user chose.
    expect(useEditor.getState().project.name).toBe('Untitled');
    await user.click(screen.getByTestId('recovery-restore'));
    const s = useEditor.getState();
    expect(s).toMatchObject({ dirty: true, filePath: '/home/ana/galaxy.deepwire.json' });
    expect(s.project).toMatchObject({ name: 'Galaxy CNN', id: 'kept-id' });
    expect(screen.queryByTestId('recovery-offer')).toBeNull();
    // Still unsaved, so still kept: the copy stays until a save.
    expect(box.text).not.toBeNull();
    act(() => useEditor.getState().markSaved('/home/ana/galaxy.deepwire.json'));
    await waitFor(() => expect(box.text).toBeNull());
  });

  it('Discard removes the copy and leaves the empty project', async () => {
    const { storage, box } = memoryStorage(recoveryText(work(), null, savedAt));
    const user = mount(storage);
    expect((await screen.findByTestId('recovery-offer')).textContent).toContain('before this project was ever saved');
    await user.click(screen.getByTestId('recovery-discard'));
    await waitFor(() => expect(box.text).toBeNull());
    expect(useEditor.getState()).toMatchObject({ dirty: false, project: { name: 'Untitled' } });
  });

  it('ignores a corrupt copy with a message, removes it, and keeps the next edits', async () => {
    const { storage, box } = memoryStorage('{"format":"deepwire-recovery","version":1,"savedAt":"2026-');
    mount(storage);
    const alert = await screen.findByTestId('open-error');
    expect(alert.textContent).toContain('Your unsaved work from last time could not be restored');
    expect(alert.textContent).toContain('not complete JSON');
    expect(screen.queryByTestId('recovery-offer')).toBeNull();
    await waitFor(() => expect(box.text).toBeNull());
    act(() => useEditor.getState().renameProject('Edited after'));
    await waitFor(() => expect(box.text).toContain('Edited after'), { timeout: 3000 });
  });

  it('with nothing kept, offers nothing and starts keeping unsaved edits', async () => {
    const { storage, box } = memoryStorage(null);
    mount(storage);
    await waitFor(() => expect(box.writes).toBe(0));
    act(() => useEditor.getState().renameProject('First edit'));
    await waitFor(() => expect(box.text).toContain('First edit'), { timeout: 3000 });
    expect(screen.queryByTestId('recovery-offer')).toBeNull();
  });
});
