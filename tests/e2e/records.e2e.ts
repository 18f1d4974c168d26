/**
 * Members, agencies, activities and audit history in the browser: the Đồng Nai admin creates an
 * agency, a member in an association, edits the member (a field error first, then a good save) and
 * reads its two-entry history; records a consultation and the drafting agency's response; exports the
 * members as XLSX and reads the file back. The viewer then finds no write actions. Build server and client first.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { eventually, logInForToken, OUTPUT, readXlsx, setUpBrowserSuite } from './support';

const suite = setUpBrowserSuite({ dataDirPrefix: 'stp-e2e-records-' });
let page: Page;
beforeAll(() => {
  page = suite.page;
});

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(OUTPUT, `records-${name}.png`), fullPage: true });
}

const AGENCY = 'Sở Tư pháp tỉnh Đồng Nai (kiểm thử)';
const MEMBER = 'Trần Thị Kiểm Thử';
const ASSOCIATION = 'Hội Tin học tỉnh Đồng Nai';
const ACTIVITY = 'Tư vấn dự thảo Quyết định quy định quản lý nhiệm vụ KH&CN';
let memberUrl = '';
let activityUrl = '';

describe('members, agencies, activities and audit history in the browser', () => {
  test('the admin creates an agency and finds it in the list', async () => {
    await logInForToken(page, 'admin@dongnai.demo');
    await page.getByTestId('nav-agencies').click();
    await page.waitForURL('**/agencies');
    await page.getByTestId('create-agency').click();
    await page.waitForURL('**/agencies/new');
    await page.getByTestId('agency-name').fill(AGENCY);
    await page.getByTestId('agency-short-name').fill('STP-KT');
    await page.getByTestId('agency-kind').selectOption('DEPARTMENT');
    await page.getByTestId('save-agency').click();
    await page.waitForURL('**/agencies');
    await expect(page.getByTestId('flash').innerText()).resolves.toContain(AGENCY);
    await page.getByTestId('agency-search').fill('so tu phap');
    await eventually(async () => expect(await page.getByTestId('agency-row').allInnerTexts()).toEqual([expect.stringContaining(AGENCY)]));
    await expect(page.getByTestId('agency-row').innerText()).resolves.toContain('Sở, ban, ngành');
    await screenshot('agencies');
  });

  test('the admin adds a member who joins an association', async () => {
    await page.getByTestId('nav-members').click();
    await page.waitForURL('**/members');
    await page.getByTestId('create-member').click();
    await page.waitForURL('**/members/new');
    await page.getByTestId('member-full-name').fill(MEMBER);
    await page.getByTestId('member-degree').selectOption('TS');
    await page.getByTestId('member-field').fill('Công nghệ thông tin');
    await page.getByTestId('member-workplace').fill('Trường Đại học Đồng Nai');
    await page.getByTestId('member-association').selectOption({ label: ASSOCIATION });
    await page.getByLabel('Ngày gia nhập').fill('2020-01-15');
    await page.getByTestId('save-member').click();
    await page.waitForURL('**/members');
    await expect(page.getByTestId('flash').innerText()).resolves.toContain(MEMBER);

    await page.getByTestId('member-search').fill('tran thi kiem thu');
    await eventually(async () => expect(await page.getByTestId('member-row').count()).toBe(1));
    const row = page.getByTestId('member-row');
    await expect(row.innerText()).resolves.toContain(ASSOCIATION);
    await expect(row.innerText()).resolves.toContain('Tiến sĩ');
    await screenshot('members');
  });

  test('a bad edit shows the error beside the field and keeps the input; a good one makes two history entries', async () => {
    await page.getByRole('link', { name: MEMBER }).click();
    await page.waitForURL(/\/members\/[0-9a-f-]{36}$/);
    memberUrl = new URL(page.url()).pathname;
    await expect(page.getByTestId('memberships-table').innerText()).resolves.toContain(ASSOCIATION);
    await expect(page.getByTestId('membership-row').innerText()).resolves.toContain('15/01/2020');

    await page.getByTestId('member-workplace').fill('Viện Công nghệ thông tin Đồng Nai');
    await page.getByTestId('member-birth-year').fill('1800');
    await page.getByTestId('save-member').click();
    await expect(page.getByTestId('member-birthYear-error').innerText()).resolves.toContain('birthYear');
    expect(await page.getByTestId('member-workplace').inputValue()).toBe('Viện Công nghệ thông tin Đồng Nai');
    await screenshot('member-field-error');

    await page.getByTestId('member-birth-year').fill('1985');
    await page.getByTestId('save-member').click();
    await expect(page.getByTestId('flash').innerText()).resolves.toContain('Đã lưu thay đổi');

    const history = page.getByTestId('audit-history');
    await eventually(async () => expect(await history.getByTestId('audit-entry').count()).toBe(2));
    await expect(page.getByTestId('audit-total').innerText()).resolves.toContain('2');
    const [newest, oldest] = [history.getByTestId('audit-entry').nth(0), history.getByTestId('audit-entry').nth(1)];
    expect(await newest.getAttribute('data-action')).toBe('UPDATE');
    expect(await oldest.getAttribute('data-action')).toBe('CREATE');
    const workplace = newest.locator('[data-testid="audit-change"][data-field="workplace"]');
    await expect(workplace.innerText()).resolves.toMatch(/Trường Đại học Đồng Nai[\s\S]*Viện Công nghệ thông tin Đồng Nai/);
    await expect(newest.innerText()).resolves.toContain('Quản trị Đồng Nai (demo)');
    await expect(newest.locator('[data-field="birth_year"]').innerText()).resolves.toContain('1985');
    await history.scrollIntoViewIfNeeded();
    await screenshot('member-history');
  });

  test('the admin records a consultation, then the drafting agency’s response', async () => {
    await page.getByTestId('nav-activities').click();
    await page.waitForURL('**/activities');
    await page.getByTestId('create-activity').click();
    await page.waitForURL('**/activities/new');
    await page.getByTestId('activity-title').fill(ACTIVITY);
    expect(await page.getByTestId('draft-section').count()).toBe(0);
    await page.getByTestId('activity-kind').selectOption('CONSULTATION');
    await page.getByTestId('draft-section').waitFor();
    await page.getByTestId('activity-held-on').fill('2025-03-10');
    await page.getByTestId('activity-participants').fill('25');
    await page.getByTestId('activity-draft-title').fill('Dự thảo Quyết định quy định quản lý nhiệm vụ KH&CN tỉnh Đồng Nai');
    await eventually(async () => expect(await page.getByTestId('activity-drafting-agency').locator('option', { hasText: AGENCY }).count()).toBe(1));
    await page.getByTestId('activity-drafting-agency').selectOption({ label: AGENCY });
    await page.getByTestId('activity-note').fill('Đề nghị bổ sung tiêu chí đánh giá và làm rõ trách nhiệm của đơn vị chủ trì.');
    expect(await page.getByTestId('activity-response').inputValue()).toBe('PENDING');
    await page.getByTestId('save-activity').click();
    await page.waitForURL('**/activities');
    await expect(page.getByTestId('flash').innerText()).resolves.toContain(ACTIVITY);

    await page.getByTestId('kind-filter').selectOption('CONSULTATION');
    await page.getByTestId('year-filter').selectOption('2025');
    const row = page.getByTestId('activity-row').filter({ hasText: ACTIVITY });
    await eventually(async () => expect(await row.count()).toBe(1));
    await expect(row.getByTestId('activity-response').innerText()).resolves.toBe('Chưa phản hồi');
    await expect(row.innerText()).resolves.toContain(AGENCY);
    await expect(row.innerText()).resolves.toContain('10/03/2025');

    await row.getByRole('link', { name: ACTIVITY }).click();
    await page.waitForURL(/\/activities\/[0-9a-f-]{36}$/);
    activityUrl = new URL(page.url()).pathname;
    await page.getByTestId('activity-response').selectOption('PARTLY_ACCEPTED');
    await page.getByTestId('save-activity').click();
    await page.waitForURL('**/activities?**');
    await eventually(async () => expect(await row.getByTestId('activity-response').innerText()).toBe('Tiếp thu một phần'));
    await screenshot('activities');
  });

  test('the members list exports to XLSX with the new member in it', async () => {
    await page.getByTestId('nav-members').click();
    await page.waitForURL('**/members');
    await page.getByTestId('members-table').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/^hoi-vien-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const sheets = await readXlsx(await download.path());
    const rows = [...sheets.values()][0];
    expect(rows[0]).toEqual(expect.arrayContaining(['Họ tên / Tên tổ chức', 'Hội đang tham gia']));
    const mine = rows.filter((r) => r[0] === MEMBER);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toEqual(expect.arrayContaining([ASSOCIATION, 'Viện Công nghệ thông tin Đồng Nai', 1985]));
    const total = Number((await page.getByTestId('total-count').innerText()).replace(/\D/g, ''));
    expect(rows).toHaveLength(total + 1);
  });

  test('the viewer sees the records without any write action', async () => {
    await page.getByTestId('logout').click();
    await page.waitForURL('**/login');
    await logInForToken(page, 'viewer@dongnai.demo');

    await page.getByTestId('nav-members').click();
    await page.getByTestId('members-table').waitFor();
    expect(await page.getByTestId('create-member').count()).toBe(0);
    await page.goto(memberUrl);
    await page.getByTestId('member-details').waitFor();
    await page.getByTestId('memberships-table').waitFor();
    for (const id of ['member-form', 'save-member', 'delete-member', 'add-membership', 'end-membership', 'audit-entry']) {
      expect(await page.getByTestId(id).count()).toBe(0);
    }
    await screenshot('viewer-member');

    await page.getByTestId('nav-agencies').click();
    await page.getByTestId('agencies-table').waitFor();
    expect(await page.getByTestId('create-agency').count()).toBe(0);

    await page.goto(activityUrl);
    await expect(page.getByTestId('activity-details').innerText()).resolves.toContain('Tiếp thu một phần');
    for (const id of ['activity-form', 'save-activity', 'delete-activity']) {
      expect(await page.getByTestId(id).count()).toBe(0);
    }
    await page.getByTestId('nav-activities').click();
    await page.getByTestId('activities-table').waitFor();
    expect(await page.getByTestId('create-activity').count()).toBe(0);
  });
});
