// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { NumberField, numberRule } from './NumberField';

afterEach(() => cleanup());

describe('NumberField', () => {
  it('refuses Epochs 0 visibly and keeps it on screen after leaving the field (issue 14.5)', () => {
    const onChange = vi.fn();
    render(<NumberField label="Epochs" value={5} min={1} max={10000} integer testId="epochs" onChange={onChange} />);
    const input = screen.getByTestId('epochs') as HTMLInputElement;
    fireEvent.change(input, { target: { value: '0' } });
    fireEvent.blur(input);
    expect(onChange).not.toHaveBeenCalled();
    expect(input.value).toBe('0');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const error = screen.getByTestId('epochs-error');
    expect(error.textContent).toBe('0 is not used: enter a whole number from 1 to 10000.');
    expect(input.getAttribute('aria-describedby')).toBe(error.id);
    fireEvent.change(input, { target: { value: '3' } });
    expect(onChange).toHaveBeenCalledWith(3);
    expect(screen.queryByTestId('epochs-error')).toBeNull();
  });

  it.each([
    [{ min: 1, integer: true }, 'a whole number of at least 1'],
    [{ positive: true }, 'a number above 0'],
    [{ min: 0, below: 1 }, 'a number from 0 to below 1'],
    [{}, 'a number'],
  ])('says what %j accepts', (props, words) => {
    expect(numberRule(props)).toBe(words);
  });
});
