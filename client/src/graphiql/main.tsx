/**
 * GraphiQL for the same-origin /graphql endpoint, bundled by Vite into dist/graphiql.html: every
 * script, style and font comes from this server, nothing from a CDN. When the client's login token
 * is in localStorage, the header editor starts with `Authorization: Bearer <token>`.
 */
import { StrictMode, type ComponentProps } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { currentToken } from '../modules/auth/session-store';
import './graphiql.css';

type Fetcher = ComponentProps<typeof GraphiQL>['fetcher'];

const ENDPOINT = '/graphql';

const DEFAULT_QUERY = `# Truy vấn mẫu: danh sách tỉnh, thành phố (dữ liệu công khai, không cần đăng nhập).
# Nhấn Ctrl+Enter (⌘+Enter) hoặc nút ▶ để chạy; xem lược đồ ở mục Tài liệu (Docs) bên trái.
{
  provinces {
    code
    name
    status
  }
}
`;

/** Header editor contents: the bearer token of the client's login, if any. */
function defaultHeaders(token: string | null): string {
  return token ? JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2) : '{}';
}

/** POSTs JSON to /graphql with the headers from the header editor; answers the parsed body whatever the HTTP status. */
const fetcher: Fetcher = async (params, options) => {
  const res = await fetch(ENDPOINT, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(options?.headers ?? {}) },
    body: JSON.stringify(params),
    credentials: 'same-origin',
  });
  const text = await res.text();
  try {
    return JSON.parse(text) as Awaited<ReturnType<Fetcher>>;
  } catch {
    return { errors: [{ message: `HTTP ${res.status}: ${text.slice(0, 500)}` }] } as unknown as Awaited<ReturnType<Fetcher>>;
  }
};

const root = document.getElementById('graphiql');
if (!root) throw new Error('graphiql.html has no #graphiql element');
createRoot(root).render(
  <StrictMode>
    <GraphiQL
      fetcher={fetcher}
      defaultQuery={DEFAULT_QUERY}
      defaultHeaders={defaultHeaders(currentToken())}
      isHeadersEditorEnabled
      shouldPersistHeaders={false}
      defaultEditorToolsVisibility="headers"
    >
      <GraphiQL.Logo>GraphiQL – API Liên hiệp các Hội KH&amp;KT</GraphiQL.Logo>
    </GraphiQL>
  </StrictMode>,
);
