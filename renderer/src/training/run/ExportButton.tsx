import { useState } from 'react';
import { ExportDialog } from './ExportDialog';

/**
 * "Export…" in the toolbar: opens the Export dialog on the project's newest finished run (or, with
 * none, on the untrained network on the canvas).
 */
export function ExportButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="dw-button"
        onClick={() => setOpen(true)}
        title="Export the trained model (or the untrained network) to ONNX, PyTorch, Keras or TF.js, checked against Deepwire."
        data-testid="btn-export"
      >
        Export…
      </button>
      {open && <ExportDialog onClose={() => setOpen(false)} />}
    </>
  );
}
