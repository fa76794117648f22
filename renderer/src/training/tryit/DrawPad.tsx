import { useEffect, useRef, useState } from 'react';
import { digitToInput } from './digitInput';

/** The pad's size in canvas pixels: ten per MNIST pixel. */
const PAD = 280;
/** Pen width, about MNIST's stroke (2–3 of its 28 pixels) once the digit is scaled to 20 pixels. */
const PEN = 22;

/**
 * A drawing pad for a digit, white on black as MNIST's: mouse, pen and touch (pointer events).
 * Each finished stroke sends the drawing, made MNIST-like (digitToInput), to `onInput`.
 */
export function DrawPad({ onInput }: { onInput(values: Float32Array | null): void }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number } | null>(null);
  const [empty, setEmpty] = useState(true);

  const context = () => ref.current?.getContext('2d') ?? null;
  const paintBlack = () => {
    const g = context();
    if (!g) return;
    g.fillStyle = '#000';
    g.fillRect(0, 0, PAD, PAD);
  };
  const clear = () => {
    paintBlack();
    setEmpty(true);
    onInput(null);
  };
  useEffect(paintBlack, []); // the pad starts black

  const at = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * PAD, y: ((e.clientY - r.top) / r.height) * PAD };
  };
  const line = (to: { x: number; y: number }) => {
    const g = context();
    if (!g) return;
    const from = last.current ?? to;
    g.strokeStyle = '#fff';
    g.lineWidth = PEN;
    g.lineCap = 'round';
    g.lineJoin = 'round';
    g.beginPath();
    g.moveTo(from.x, from.y);
    g.lineTo(to.x + (from === to ? 0.01 : 0), to.y);
    g.stroke();
    last.current = to;
  };
  const finish = () => {
    if (!last.current) return;
    last.current = null;
    const g = context();
    if (!g) return;
    const { data } = g.getImageData(0, 0, PAD, PAD);
    const ink = new Float32Array(PAD * PAD);
    for (let i = 0; i < ink.length; i++) ink[i] = data[i * 4] / 255;
    setEmpty(false);
    onInput(digitToInput(ink, PAD, PAD));
  };

  return (
    <div className="dw-try__pad">
      <canvas
        ref={ref}
        width={PAD}
        height={PAD}
        className="dw-try__canvas"
        data-testid="try-draw-pad"
        role="img"
        aria-label="Drawing pad: draw a digit with the mouse, a pen or a finger"
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture?.(e.pointerId);
          last.current = null;
          line(at(e));
        }}
        onPointerMove={(e) => {
          if (last.current) line(at(e));
        }}
        onPointerUp={finish}
        onPointerCancel={finish}
      />
      <div className="dw-try__pad-foot">
        <span className="dw-muted dw-small">
          {empty ? 'Draw a digit, large, in the middle.' : 'Made 28 × 28 as MNIST’s digits were.'}
        </span>
        <button type="button" className="dw-button dw-button--small" onClick={clear} data-testid="try-clear">
          Clear
        </button>
      </div>
    </div>
  );
}
