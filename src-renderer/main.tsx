import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { applyToDocument } from './i18n/intl';
// The same colour emoji on every OS (Linux has none by default), served from the app itself for the CSP's
// `font-src 'self'`. base.css names it after the text fonts: one of its ranges covers #, * and the digits.
import '@infolektuell/noto-color-emoji/index.css';
import './styles/base.css';
import './styles/screens.css';
import './styles/chat.css';
import './styles/messages.css';
import './styles/bubbles.css';
import './styles/timeline.css';
import './styles/conversation.css';
import './styles/friends.css';
import './styles/files.css';
import './styles/drawers.css';
import './styles/auth.css';
import './styles/rooms.css';
import './styles/dialogs.css';
import './styles/settings.css';
import './styles/conversation-extras.css';
import './styles/calls.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
applyToDocument(document.documentElement);
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
