/**
 * The offline GraphiQL at /graphiql: the built page (client/dist/graphiql.html) served by the built
 * server, in Debian's Chromium. Nothing may load from another host (the machine has no internet);
 * the default query runs against same-origin /graphql; the documentation explorer reads the schema
 * by introspection; a client login in localStorage prefills `Authorization: Bearer <token>`.
 * Build both first: pnpm --filter @stp/server --filter @stp/client run build
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  CLIENT_INDEX,
  eventually,
  launchBrowser,
  makeDataDir,
  OUTPUT,
  PASSWORD,
  ROOT,
  SERVER_MAIN,
  startServer,
  stopServer,
  STARTUP_TIMEOUT_MS,
  STOP_TIMEOUT_MS,
  type RunningServer,
} from './support';

const GRAPHIQL_HTML = path.join(ROOT, 'client', 'dist', 'graphiql.html');
/** The client's localStorage key for the login (client/src/modules/auth/session-store.ts). */
const SESSION_KEY = 'stp.session';

let server: RunningServer | undefined;
let dataDir: string | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;
const requested: string[] = [];

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(OUTPUT, `graphiql-${name}.png`) });
}

/** Text of the CodeMirror editors inside `selector` (GraphiQL 4 uses CodeMirror 5, which hangs itself on its element). */
async function editorValues(selector: string): Promise<string[]> {
  return page.locator(`${selector} .CodeMirror`).evaluateAll((els) =>
    els.map((el) => (el as HTMLElement & { CodeMirror?: { getValue(): string } }).CodeMirror?.getValue() ?? ''),
  );
}

async function setQuery(query: string): Promise<void> {
  await page.locator('.graphiql-query-editor .CodeMirror').evaluate((el, q) => {
    (el as HTMLElement & { CodeMirror: { setValue(v: string): void } }).CodeMirror.setValue(q);
  }, query);
}

async function response(): Promise<string> {
  return (await editorValues('.graphiql-response')).join('\n');
}

function foreignHosts(): string[] {
  return requested
    .map((u) => new URL(u))
    .filter((u) => (u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'ws:' || u.protocol === 'wss:') && !['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname))
    .map((u) => u.href);
}

beforeAll(async () => {
  for (const file of [SERVER_MAIN, CLIENT_INDEX, GRAPHIQL_HTML]) {
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: build the server and the client first`);
  }
  fs.mkdirSync(OUTPUT, { recursive: true });
  dataDir = makeDataDir();
  server = await startServer(dataDir);
  ({ browser, context } = await launchBrowser(server.url));
  context.on('request', (req) => requested.push(req.url()));
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
}, STARTUP_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await stopServer(server?.child);
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}, STOP_TIMEOUT_MS + 30_000);

describe('offline GraphiQL at /graphiql', () => {
  test('the page loads from this server only, with a Vietnamese title and the default query', async () => {
    const res = await page.goto('/graphiql');
    expect(res?.status()).toBe(200);
    expect(await page.title()).toBe('GraphiQL – API Liên hiệp các Hội KH&KT');
    await page.locator('.graphiql-container').waitFor();
    const [query] = await editorValues('.graphiql-query-editor');
    expect(query).toContain('# Truy vấn mẫu');
    expect(query).toMatch(/provinces\s*\{\s*code\s+name\s+status\s*\}/);
    // No login in localStorage: the header editor holds no Authorization header.
    expect((await editorValues('.graphiql-editor-tool')).join('\n')).not.toContain('Authorization');
    expect(requested.some((u) => new URL(u).pathname.startsWith('/assets/'))).toBe(true);
  });

  test('running the default query shows the provinces, Đồng Nai among them', async () => {
    await page.locator('.graphiql-execute-button').click();
    await eventually(async () => expect(await response()).toContain('Đồng Nai'));
    const body = JSON.parse(await response()) as { data: { provinces: Array<{ code: string; name: string; status: string }> } };
    expect(body.data.provinces).toEqual(expect.arrayContaining([expect.objectContaining({ code: '75', name: 'Đồng Nai' })]));
    await screenshot('default-query');
  });

  test('the documentation explorer shows the schema from introspection', async () => {
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.getByText('Query', { exact: true }).first().click();
    await eventually(async () => expect(await docs.innerText()).toContain('provinces'));
    await docs.getByRole('link', { name: 'provinces', exact: true }).first().click();
    await eventually(async () => expect(await docs.innerText()).toContain('reference data, public'));
    await screenshot('docs');
  });

  test('a client login in localStorage prefills the bearer token, and authenticated queries work', async () => {
    const res = await fetch(new URL('/graphql', server!.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($input: LoginInput!) { login(input: $input) { token expiresAt } }',
        variables: { input: { email: 'admin@dongnai.demo', password: PASSWORD } },
      }),
    });
    const { data } = (await res.json()) as { data: { login: { token: string; expiresAt: string } } };
    await page.evaluate(([key, value]) => window.localStorage.setItem(key, value), [SESSION_KEY, JSON.stringify(data.login)]);
    await page.reload();
    await page.locator('.graphiql-container').waitFor();
    await eventually(async () => expect((await editorValues('.graphiql-editor-tool')).join('\n')).toContain(`"Authorization": "Bearer ${data.login.token}"`));

    await setQuery('# Người dùng hiện tại\n{ me { email fullName province { name } } }');
    await page.locator('.graphiql-execute-button').click();
    await eventually(async () => expect(await response()).toContain('admin@dongnai.demo'));
    expect(await response()).toContain('Đồng Nai');
    await screenshot('logged-in');
  });

  test('no request ever left for another host', () => {
    expect(requested.length).toBeGreaterThan(0);
    expect(foreignHosts()).toEqual([]);
  });
});
