import ExcelJS from 'exceljs';
/**
 * Shared pieces of the browser tests: the built server on a fresh data directory, Chromium, polling,
 * and small file readers (CSV, XLSX) for checking downloads.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SERVER_MAIN = path.join(ROOT, 'server', 'dist', 'main.js');
export const SEED_SCRIPT = path.join(ROOT, 'server', 'dist', 'scripts', 'seed.js');
export const CLIENT_INDEX = path.join(ROOT, 'client', 'dist', 'index.html');
export const OUTPUT = path.join(__dirname, 'output');
export const PASSWORD = 'demo-password';
export const STARTUP_TIMEOUT_MS = 90_000;
export const STOP_TIMEOUT_MS = 20_000;

export interface RunningServer {
  url: string;
  dataDir: string;
  child: ChildProcess;
  log(): string;
}

/** A fresh, readable temporary data directory. */
export function makeDataDir(prefix = 'stp-e2e-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755);
  return dir;
}

/** Fills `dataDir` with synthetic data for every province (no server may run on it meanwhile). */
export function seed(dataDir: string, scale: 'S' | 'M' | 'L' = 'S'): void {
  const result = spawnSync(process.execPath, [SEED_SCRIPT, '--scale', scale], {
    cwd: path.join(ROOT, 'tests'),
    env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'production' },
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (result.status !== 0) throw new Error(`seed failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
}

/** Starts the built server on a free port and resolves once it prints "ready: <url>". */
export function startServer(dataDir: string): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    let log = '';
    const child = spawn(process.execPath, [SERVER_MAIN], {
      cwd: path.join(ROOT, 'tests'),
      env: { ...process.env, PORT: '0', DATA_DIR: dataDir, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // A server that never gets ready is stopped here: the caller has no handle on it yet.
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`server not ready after ${STARTUP_TIMEOUT_MS} ms:\n${log}`));
    }, STARTUP_TIMEOUT_MS);
    const onOutput = (chunk: Buffer) => {
      log += chunk.toString();
      const ready = /ready: (http:\/\/\S+)/.exec(log);
      if (ready) {
        clearTimeout(timer);
        resolve({ url: ready[1], dataDir, child, log: () => log });
      }
    };
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', onOutput);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited (code ${code}, signal ${signal}) before it was ready:\n${log}`));
    });
  });
}

/** SIGTERM, then wait for the server (and its embedded PostgreSQL) to stop; SIGKILL if it hangs. */
export async function stopServer(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    exited.then(() => false),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), STOP_TIMEOUT_MS);
    }),
  ]);
  clearTimeout(timer);
  if (timedOut) {
    child.kill('SIGKILL');
    await exited;
  }
}

/** Debian's Chromium, headless, with a Vietnamese context that accepts downloads. */
export async function launchBrowser(baseURL: string): Promise<{ browser: Browser; context: BrowserContext }> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
  const context = await browser.newContext({
    baseURL,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 1366, height: 900 },
    acceptDownloads: true,
  });
  return { browser, context };
}

/** Retries `check` until it passes or the time is up. */
export async function eventually(check: () => Promise<void>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 150));
    }
  }
}

/** A GraphQL request to the server with a bearer token; throws on GraphQL errors. */
export async function graphql<T>(baseUrl: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(new URL('/graphql', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  if (!body.data) throw new Error(`no data (HTTP ${res.status})`);
  return body.data;
}

/** Parses RFC 4180 CSV text (after the BOM) into rows of strings. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * The sheets of an .xlsx workbook as rows of cells (numbers as numbers, text as text), in workbook
 * order, keyed by sheet name, read with exceljs.
 */
export async function readXlsx(file: string): Promise<Map<string, Array<Array<string | number | null>>>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheets = new Map<string, Array<Array<string | number | null>>>();
  workbook.eachSheet((sheet) => {
    const rows: Array<Array<string | number | null>> = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      // exceljs rows are 1-based (values[0] is always empty) and sparse: Array.from turns gaps into undefined.
      const values = Array.from((row.values as unknown[]).slice(1));
      rows.push(values.map((v) => (typeof v === 'number' || typeof v === 'string' ? v : v == null ? null : String(v))));
    });
    sheets.set(sheet.name, rows);
  });
  return sheets;
}

/** What a browser test file works with once `setUpBrowserSuite` has set it up. */
export interface BrowserSuite {
  server: RunningServer;
  page: Page;
}

/**
 * Registers the beforeAll/afterAll of a browser test file: checks that server and client are built,
 * starts the server on a fresh data directory (seeded at `seedScale` when given) and opens a page in
 * Chromium; afterwards closes the browser, stops the server and removes the directory. The returned
 * object is filled in by beforeAll.
 */
export function setUpBrowserSuite(options: { dataDirPrefix?: string; seedScale?: 'S' | 'M' | 'L' } = {}): BrowserSuite {
  const suite = {} as BrowserSuite;
  let dataDir: string | undefined;
  let browser: Browser | undefined;
  beforeAll(
    async () => {
      const needed = options.seedScale ? [SERVER_MAIN, SEED_SCRIPT, CLIENT_INDEX] : [SERVER_MAIN, CLIENT_INDEX];
      for (const file of needed) {
        if (!fs.existsSync(file)) throw new Error(`${file} is missing: build the server and the client first`);
      }
      fs.mkdirSync(OUTPUT, { recursive: true });
      dataDir = makeDataDir(options.dataDirPrefix);
      if (options.seedScale) seed(dataDir, options.seedScale);
      suite.server = await startServer(dataDir);
      let context: BrowserContext;
      ({ browser, context } = await launchBrowser(suite.server.url));
      suite.page = await context.newPage();
      suite.page.setDefaultTimeout(20_000);
    },
    STARTUP_TIMEOUT_MS + (options.seedScale ? 300_000 : 30_000),
  );
  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await stopServer(suite.server?.child);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }, STOP_TIMEOUT_MS + 30_000);
  return suite;
}

/** Logs in through the login page and returns the session's bearer token (from local storage). */
export async function logInForToken(page: Page, email: string): Promise<string> {
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => !url.pathname.endsWith('/login'));
  const raw = await page.evaluate(() => window.localStorage.getItem('stp.session'));
  const token = (JSON.parse(raw ?? '{}') as { token?: string }).token ?? '';
  expect(token).not.toBe('');
  return token;
}
