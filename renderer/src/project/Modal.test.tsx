// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Modal } from './Modal';

afterEach(() => cleanup());

function setup() {
  const onClose = vi.fn();
  render(
    <>
      <button type="button">behind</button>
      <Modal title="Templates" onClose={onClose}>
        <button type="button">one</button>
        <button type="button">two</button>
      </Modal>
    </>,
  );
  return onClose;
}

describe('Modal (issue 14.7: Tab escaped the template dialog, then Escape did nothing)', () => {
  it('keeps Tab and Shift+Tab inside the dialog', () => {
    setup();
    const [one, two] = [screen.getByText('one'), screen.getByText('two')];
    expect(document.activeElement).toBe(one);
    fireEvent.keyDown(document.activeElement!, { key: 'Tab' });
    expect(document.activeElement).toBe(two);
    fireEvent.keyDown(document.activeElement!, { key: 'Tab' });
    expect(document.activeElement).toBe(one);
    fireEvent.keyDown(document.activeElement!, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(two);
  });

  it('closes on Escape wherever focus is', () => {
    const onClose = setup();
    screen.getByText('behind').focus();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('lets only the innermost of two dialogs take Escape', () => {
    const outer = vi.fn();
    const inner = vi.fn();
    render(
      <Modal title="Outer" onClose={outer}>
        <button type="button">a</button>
        <Modal title="Inner" onClose={inner}>
          <button type="button">b</button>
        </Modal>
      </Modal>,
    );
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(inner).toHaveBeenCalledTimes(1);
    expect(outer).not.toHaveBeenCalled();
  });
});
