import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { installTestHook, SCENE_TEST_HOOK } from './scene/scene-facts';

if (SCENE_TEST_HOOK) installTestHook();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
