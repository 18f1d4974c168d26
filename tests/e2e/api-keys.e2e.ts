/**
 * API keys and users in the browser: the Đồng Nai admin creates a read-only key, uses it over HTTP,
 * revokes it and sees it refused; then finds themself on the users page. Build server and client first.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { eventually, logInForToken, OUTPUT, setUpBrowserSuite } from './support';

const suite = setUpBrowserSuite({ dataDirPrefix: 'stp-e2e-api-keys-' });
let page: Page;
beforeAll(() => {
  page = suite.page;
});

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(OUTPUT, `api-keys-${name}.png`), fullPage: true });
}

async function callWithKey(key: string): Promise<{ status: number; body: { data?: { memberAssociations?: { totalCount: number } } | null; errors?: Array<{ extensions?: { code?: string } }> } }> {
  const res = await fetch(`${suite.server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: '{ memberAssociations { totalCount } }' }),
  });
  const text = await res.text();
  let body = {};
  try {
    body = JSON.parse(text) as object;
  } catch {
    body = {};
  }
  return { status: res.status, body };
}

describe('API keys and users in the browser', () => {
  let key = '';

  test('the Đồng Nai admin creates a read-only key and sees it once', async () => {
    await logInForToken(page, 'admin@dongnai.demo');
    await page.getByTestId('nav-api-keys').click();
    await page.waitForURL('**/api-keys');
    await page.getByRole('heading', { name: 'Khoá API', level: 1 }).waitFor();
    await page.getByLabel(/^Tên khoá/).fill('Kiểm thử xuất dữ liệu');
    await page.getByLabel('Quyền').selectOption('READ_ONLY');
    await page.getByTestId('create-api-key').click();

    const box = page.getByTestId('new-api-key');
    await box.waitFor();
    key = (await page.getByTestId('new-api-key-value').innerText()).trim();
    expect(key).toMatch(/^stpk_/);
    await expect(box.innerText()).resolves.toContain('không được hiển thị lại');
    await expect(page.getByTestId('new-api-key-curl').innerText()).resolves.toContain(`Authorization: Bearer ${key}`);
    const row = page.getByTestId('api-key-row').filter({ hasText: 'Kiểm thử xuất dữ liệu' });
    await row.waitFor();
    await expect(row.innerText()).resolves.toContain('Chỉ đọc');
    await screenshot('created');
  });

  test('the key reads data over HTTP', async () => {
    const { status, body } = await callWithKey(key);
    expect(status).toBe(200);
    expect(body.errors ?? []).toEqual([]);
    expect(body.data?.memberAssociations?.totalCount).toEqual(expect.any(Number));
  });

  test('after revoking it in the UI the key is refused', async () => {
    await page.getByTestId('dismiss-api-key').click();
    expect(await page.getByTestId('new-api-key').count()).toBe(0);
    const row = page.getByTestId('api-key-row').filter({ hasText: 'Kiểm thử xuất dữ liệu' });
    await row.getByTestId('revoke-api-key').click();
    const dialog = page.getByRole('dialog', { name: 'Thu hồi khoá API?' });
    await dialog.waitFor();
    await screenshot('confirm-revoke');
    await dialog.getByRole('button', { name: 'Thu hồi khoá' }).click();
    await expect(page.getByTestId('api-keys-flash').innerText()).resolves.toContain('Đã thu hồi khoá');
    await eventually(async () => expect(await row.getByTestId('api-key-status').innerText()).toContain('Đã thu hồi'));
    await screenshot('revoked');

    const { status, body } = await callWithKey(key);
    const codes = (body.errors ?? []).map((e) => e.extensions?.code);
    expect(status === 401 || codes.includes('UNAUTHENTICATED')).toBe(true);
    expect(body.data?.memberAssociations).toBeFalsy();
  });

  test('the users page lists the admin', async () => {
    await page.getByTestId('nav-users').click();
    await page.waitForURL('**/users');
    await page.getByTestId('users-table').waitFor();
    await eventually(async () => expect(await page.getByTestId('user-email').allInnerTexts()).toContain('admin@dongnai.demo'));
    await screenshot('users');
  });
});
