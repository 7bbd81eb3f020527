import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import './styles/base.css';
import './styles/screens.css';
import './styles/chat.css';
import './styles/messages.css';
import './styles/bubbles.css';
import './styles/friends.css';
import './styles/drawers.css';
import './styles/auth.css';
import './styles/rooms.css';
import './styles/dialogs.css';
import './styles/settings.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
