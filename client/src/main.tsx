import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { createApolloClient } from './app/apollo-client';
import { setupI18n } from './app/i18n';
import './app/styles.css';

async function start(): Promise<void> {
  await setupI18n();
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  createRoot(root).render(
    <StrictMode>
      <App client={createApolloClient()} />
    </StrictMode>,
  );
}

void start();
