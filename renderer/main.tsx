// zod's configuration before any module builds a schema.
import './api/zodConfig.js';
// The base stylesheet first: component stylesheets come after it and refine it.
import './theme/base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { themeHint } from './app/useSettings.js';
import { installPalette } from './theme/palette.js';

installPalette(themeHint());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
