import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles/app.css';
import { App } from './app/App';
import { createBrowserClient } from './engine/browserClient';
import { EngineProvider } from './engine/EngineProvider';
import { createHostClient } from './engine/hostClient';
import { MenuCommands } from './engine/MenuCommands';
import { pageRecoveryStorage } from './project/RecoveryOffer';
// Training (renderer/src/training): the Train panel in the bottom area, Train/Stop/Continue in the toolbar.
import { TrainingToolbar, trainingPanelTabs } from './training/mountTraining';

// Inside Electron (preload's window.deepwire) or a page served by `deepwire serve` (WebSocket), the
// host's client; on its own the renderer uses the in-browser one (bundled templates, no training).
const client = createHostClient() ?? createBrowserClient();
// Unsaved work survives a reload or crash: the desktop app's recovery file, else localStorage.
const recovery = pageRecoveryStorage();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <EngineProvider client={client}>
      <MenuCommands />
      <App bottomTabs={trainingPanelTabs} toolbarExtras={<TrainingToolbar />} recovery={recovery} />
    </EngineProvider>
  </StrictMode>,
);
