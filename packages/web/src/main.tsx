import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
// antd's styles, made by the build (vite-antd-styles.ts), then the app's own.
import 'virtual:antd-styles.css';
import './styles.css';
import { registerServiceWorker } from './registerServiceWorker';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

registerServiceWorker();
