// The window's entry point: mounts the app. Everything else loads from App.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { StyledApp } from './app/App.tsx';
import './app/global.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html lost its #root element.');
createRoot(root).render(
  <StrictMode>
    <StyledApp />
  </StrictMode>,
);
