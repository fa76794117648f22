import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles/app.css';
import { App } from './app/App';
import { createBrowserClient } from './engine/browserClient';
import { EngineProvider } from './engine/EngineProvider';

// The shells (Electron IPC, `deepwire serve` over a WebSocket) swap in their own client here;
// on its own the renderer uses the in-browser one (bundled templates, browser files, no training).
const client = createBrowserClient();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <EngineProvider client={client}>
      <App />
    </EngineProvider>
  </StrictMode>,
);
