/**
 * End-to-end journey through the real product: the built server (embedded PostgreSQL, demo data)
 * serving the built client, driven in Debian's Chromium. Build both first:
 *   pnpm --filter @stp/server --filter @stp/client run build
 * Screenshots of every step land in tests/e2e/output/ (not committed).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { eventually, OUTPUT, PASSWORD, setUpBrowserSuite } from './support';

const suite = setUpBrowserSuite();
let page: Page;
beforeAll(() => {
  page = suite.page;
});
let shot = 0;

async function screenshot(name: string): Promise<void> {
  shot += 1;
  await page.screenshot({ path: path.join(OUTPUT, `${String(shot).padStart(2, '0')}-${name}.png`), fullPage: true });
}

async function rowNames(): Promise<string[]> {
  return page.getByTestId('association-row').locator('th').allInnerTexts();
}

async function rowProvinces(): Promise<string[]> {
  return page.getByTestId('association-province').allInnerTexts();
}

async function logIn(email: string): Promise<void> {
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('associations-table').waitFor();
}

async function logOut(): Promise<void> {
  await page.getByTestId('logout').click();
  await page.waitForURL('**/login');
}

describe('member association registry in the browser', () => {
  test('an unauthenticated visitor is sent to the login page, in Vietnamese', async () => {
    await page.goto('/associations');
    await page.waitForURL('**/login');
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    await expect(page.getByRole('heading', { name: 'Đăng nhập' }).isVisible()).resolves.toBe(true);
    await screenshot('login');
  });

  test('a wrong password shows a clear message', async () => {
    await page.getByLabel('E-mail').fill('admin@dongnai.demo');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page.getByTestId('login-error').innerText()).resolves.toContain('Sai e-mail hoặc mật khẩu');
    expect(page.url()).toMatch(/\/login$/);
    await screenshot('login-wrong-password');
  });

  test('the Đồng Nai admin logs in and the header says who they are', async () => {
    await logIn('admin@dongnai.demo');
    expect(page.url()).toMatch(/\/associations$/);
    const header = await page.getByTestId('current-user').innerText();
    expect(header).toContain('Quản trị Đồng Nai (demo)');
    await expect(page.getByTestId('current-user-role').innerText()).resolves.toBe('Quản trị viên tỉnh');
    await expect(page.getByTestId('current-user-place').innerText()).resolves.toBe('Đồng Nai');
    await screenshot('list-dong-nai-admin');
  });

  test('the list shows Đồng Nai associations only, with Vietnamese formats', async () => {
    const names = await rowNames();
    expect(names).toContain('Hội Y học tỉnh Đồng Nai');
    expect(names).toContain('Hội Tin học tỉnh Đồng Nai');
    expect(names.filter((n) => n.includes('Bình Dương'))).toEqual([]);
    await expect(page.getByTestId('total-count').innerText()).resolves.toBe('Tổng: 5 hội');

    const medicine = page.getByTestId('association-row').filter({ hasText: 'Hội Y học tỉnh Đồng Nai' });
    const cells = await medicine.locator('td').allInnerTexts();
    expect(cells).toEqual(expect.arrayContaining(['HYH-ĐN', 'Y học', '12/05/1994', 'Đang hoạt động', '2023–2028', '1.250', '18']));
  });

  test('sorting by founding date puts the oldest association first, and again the newest', async () => {
    await page.getByTestId('sort-founded').click();
    await eventually(async () => expect((await rowNames())[0]).toBe('Hội Y học tỉnh Đồng Nai'));
    await page.getByTestId('sort-founded').click();
    await eventually(async () => expect((await rowNames())[0]).toBe('Hội Bảo vệ thiên nhiên và môi trường tỉnh Đồng Nai'));
    expect(await page.locator('th[aria-sort="descending"]').innerText()).toContain('Ngày thành lập');
    await page.getByTestId('sort-name').click();
    await eventually(async () => expect(new URL(page.url()).searchParams.get('sort')).toBeNull());
    expect(await page.locator('th[aria-sort="ascending"]').innerText()).toContain('Tên hội');
    expect((await rowNames())[0]).toBe('Hội Bảo vệ thiên nhiên và môi trường tỉnh Đồng Nai');
  });

  test('search ignores diacritics, and the CSV export holds exactly the filtered list', async () => {
    await page.getByLabel('Tìm kiếm').fill('hoi tin hoc');
    await eventually(async () => expect(await rowNames()).toEqual(['Hội Tin học tỉnh Đồng Nai']));
    await expect(page.getByTestId('total-count').innerText()).resolves.toBe('Tổng: 1 hội');
    expect(new URL(page.url()).searchParams.get('q')).toBe('hoi tin hoc');
    await screenshot('search-hoi-tin-hoc');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^hoi-thanh-vien-\d{4}-\d{2}-\d{2}\.csv$/);
    const file = await download.path();
    const bytes = fs.readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('Tên hội');
    expect(lines[1]).toContain('Hội Tin học tỉnh Đồng Nai');
    expect(lines[1]).toContain('20/09/2002');
  });

  test('a search without matches shows the empty state', async () => {
    await page.getByLabel('Tìm kiếm').fill('khong co hoi nao nhu vay');
    await expect(page.getByTestId('empty-state').innerText()).resolves.toContain('Không có hội nào phù hợp');
    await screenshot('empty-state');
    await page.getByTestId('empty-state').getByRole('button', { name: 'Xoá bộ lọc' }).click();
    await eventually(async () => expect(await rowNames()).toHaveLength(5));
    expect(await page.getByLabel('Tìm kiếm').inputValue()).toBe('');
  });

  test('the admin creates an association through the form and finds it in the list', async () => {
    await page.getByTestId('create-association').click();
    await page.waitForURL('**/associations/new');
    await page.getByLabel(/^Tên hội/).fill('Hội Hóa học tỉnh Đồng Nai');
    await page.getByLabel('Tên viết tắt').fill('HHH-ĐN');
    await page.getByLabel('Lĩnh vực').fill('Hóa học');
    await page.getByLabel('Ngày thành lập').fill('2001-03-15');
    await page.getByLabel('Tình trạng').selectOption('CONSOLIDATING');
    await page.getByLabel('Nhiệm kỳ').fill('2024–2029');
    await page.getByLabel('Số hội viên cá nhân').fill('2345');
    await page.getByLabel('Số hội viên tập thể').fill('22');
    await screenshot('create-form-filled');
    await page.getByTestId('save-association').click();

    await page.waitForURL(/\/associations$/);
    await expect(page.getByTestId('flash').innerText()).resolves.toContain('Đã thêm hội “Hội Hóa học tỉnh Đồng Nai”');
    await eventually(async () => expect(await rowNames()).toContain('Hội Hóa học tỉnh Đồng Nai'));
    await expect(page.getByTestId('total-count').innerText()).resolves.toBe('Tổng: 6 hội');
    const cells = await page.getByTestId('association-row').filter({ hasText: 'Hội Hóa học tỉnh Đồng Nai' }).locator('td').allInnerTexts();
    expect(cells).toEqual(expect.arrayContaining(['HHH-ĐN', 'Hóa học', '15/03/2001', 'Đang kiện toàn', '2024–2029', '2.345', '22']));
    await screenshot('list-after-create');
  });

  test('a one-letter name shows an error next to the name field and keeps what was typed', async () => {
    await page.getByTestId('create-association').click();
    await page.waitForURL('**/associations/new');
    const name = page.getByLabel(/^Tên hội/);
    await name.fill('H');
    await page.getByLabel('Tên viết tắt').fill('HVL-ĐN');
    await page.getByLabel('Lĩnh vực').fill('Vật lý');
    await page.getByLabel('Ngày thành lập').fill('2010-06-01');
    await page.getByLabel('Nhiệm kỳ').fill('2025–2030');
    await page.getByLabel('Số hội viên cá nhân').fill('120');
    await page.getByTestId('save-association').click();

    // The message sits in the same field block as the name input, and the input points at it.
    const nameField = page.locator('.form-field', { has: page.locator('#association-name') });
    const error = nameField.getByTestId('association-name-error');
    await expect(error.innerText()).resolves.toContain('Tên hội phải có từ 2 đến 300 ký tự');
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await name.getAttribute('aria-describedby')).toContain('association-name-error');
    await expect(page.getByTestId('form-error-summary').innerText()).resolves.toContain('Tên hội phải có từ 2 đến 300 ký tự');
    expect(page.url()).toMatch(/\/associations\/new$/);

    expect(await name.inputValue()).toBe('H');
    expect(await page.getByLabel('Tên viết tắt').inputValue()).toBe('HVL-ĐN');
    expect(await page.getByLabel('Lĩnh vực').inputValue()).toBe('Vật lý');
    expect(await page.getByLabel('Ngày thành lập').inputValue()).toBe('2010-06-01');
    expect(await page.getByLabel('Nhiệm kỳ').inputValue()).toBe('2025–2030');
    expect(await page.getByLabel('Số hội viên cá nhân').inputValue()).toBe('120');
    await screenshot('form-name-error');

    // Fixing the name is enough: everything else was kept and is saved with it.
    await name.fill('Hội Vật lý tỉnh Đồng Nai');
    await page.getByTestId('save-association').click();
    await page.waitForURL(/\/associations$/);
    await eventually(async () => expect(await rowNames()).toContain('Hội Vật lý tỉnh Đồng Nai'));
    const cells = await page.getByTestId('association-row').filter({ hasText: 'Hội Vật lý tỉnh Đồng Nai' }).locator('td').allInnerTexts();
    expect(cells).toEqual(expect.arrayContaining(['HVL-ĐN', 'Vật lý', '01/06/2010', '2025–2030', '120']));
  });

  test('logging out returns to the login page and the list needs a login again', async () => {
    await logOut();
    await expect(page.getByTestId('session-notice').innerText()).resolves.toContain('Bạn đã đăng xuất');
    await page.goto('/associations');
    await page.waitForURL('**/login');
  });

  test('the Đồng Nai viewer sees the list without any way to change it', async () => {
    await logIn('viewer@dongnai.demo');
    await expect(page.getByTestId('current-user-role').innerText()).resolves.toBe('Người xem');
    const names = await rowNames();
    expect(names).toEqual(expect.arrayContaining(['Hội Y học tỉnh Đồng Nai', 'Hội Hóa học tỉnh Đồng Nai', 'Hội Vật lý tỉnh Đồng Nai']));
    expect(await page.getByTestId('create-association').count()).toBe(0);
    expect(await page.getByRole('link', { name: /^Sửa / }).count()).toBe(0);
    await screenshot('list-viewer');

    // Opening a record shows its details, read only.
    await page.getByRole('link', { name: 'Hội Y học tỉnh Đồng Nai' }).click();
    await expect(page.getByTestId('association-details').innerText()).resolves.toContain('1.250');
    expect(await page.getByTestId('association-form').count()).toBe(0);
    expect(await page.getByTestId('delete-association').count()).toBe(0);
    await page.getByRole('link', { name: 'Quay lại danh sách' }).click();
    await page.getByTestId('associations-table').waitFor();
  });

  test('the language switch turns the interface to English and is remembered', async () => {
    await page.getByTestId('language-en').click();
    await page.getByRole('heading', { name: 'Member associations' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expect(page.getByTestId('current-user-role').innerText()).resolves.toBe('Viewer');
    await screenshot('list-viewer-english');
    await page.reload();
    await page.getByRole('heading', { name: 'Member associations' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByTestId('language-vi').click();
    await page.getByRole('heading', { name: 'Hội thành viên' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    await logOut();
  });

  test('the ministry analyst sees associations of provinces 74, 75 and 79, and can filter by province', async () => {
    await logIn('analyst@ministry.demo');
    await expect(page.getByTestId('current-user-place').innerText()).resolves.toBe('Bộ Khoa học và Công nghệ');
    await expect(page.getByTestId('current-user-role').innerText()).resolves.toBe('Chuyên viên Bộ');
    expect(await page.getByTestId('create-association').count()).toBe(0);

    const names = await rowNames();
    expect(names).toEqual(
      expect.arrayContaining(['Hội Y học tỉnh Bình Dương', 'Hội Y học tỉnh Đồng Nai', 'Hội Điện tử – Tin học TP. Hồ Chí Minh']),
    );
    expect(new Set(await rowProvinces())).toEqual(new Set(['Bình Dương', 'Đồng Nai', 'TP. Hồ Chí Minh']));
    await expect(page.getByTestId('total-count').innerText()).resolves.toBe('Tổng: 11 hội');
    await screenshot('list-ministry');

    await page.getByLabel('Tỉnh, thành phố').selectOption('74');
    await eventually(async () => expect(new Set(await rowProvinces())).toEqual(new Set(['Bình Dương'])));
    expect(await rowNames()).toEqual(['Hội Cơ khí tỉnh Bình Dương', 'Hội Tin học tỉnh Bình Dương', 'Hội Y học tỉnh Bình Dương']);
    await screenshot('list-ministry-binh-duong');
  });
});
