/**
 * Directives and their tasks in the browser: the Đồng Nai admin enters a directing document (a save
 * with a missing subject first shows the field error and keeps what was typed), adds two tasks, one
 * past its deadline and one not yet due, records a progress report, then finds exactly one overdue
 * task in /tasks filtered by the document (as the API says) and exports the list as CSV and XLSX.
 * Build server and client first.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { eventually, graphql, logInForToken, OUTPUT, parseCsv, readXlsx, setUpBrowserSuite } from './support';

const suite = setUpBrowserSuite({ dataDirPrefix: 'stp-e2e-directives-' });
let page: Page;
let token = '';
beforeAll(() => {
  page = suite.page;
});

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(OUTPUT, `directives-${name}.png`), fullPage: true });
}

const SUBJECT = 'V/v triển khai chuyển đổi số trong hoạt động khoa học (kiểm thử E2E)';
const SYMBOL = 'KH-LHH';
const SIGNER = 'Phó Chủ tịch Nguyễn Văn Kiểm';
const PAST_TASK = 'Rà soát danh sách chuyên gia tư vấn (quá hạn)';
const FUTURE_TASK = 'Xây dựng cơ sở dữ liệu hội viên (chưa đến hạn)';
const PAST_DATE = '2024-03-15';
const FUTURE_DATE = `${new Date().getFullYear() + 1}-06-30`;

let directiveId = '';

/** The values of the non-empty options of a select, in order. */
async function optionValues(selector: string): Promise<string[]> {
  return page.locator(`${selector} option`).evaluateAll((opts) => opts.map((o) => (o as HTMLOptionElement).value).filter((v) => v !== ''));
}

describe('directives and tasks in the browser', () => {
  test('a save without a subject shows the field error and keeps the typed values', async () => {
    token = await logInForToken(page, 'admin@dongnai.demo');
    await page.getByTestId('nav-directives').click();
    await page.waitForURL('**/directives');
    await page.getByRole('heading', { name: 'Văn bản chỉ đạo', level: 1 }).waitFor();
    await page.getByTestId('directives-table').waitFor();
    await screenshot('01-list');

    await page.getByTestId('create-directive').click();
    await page.waitForURL('**/directives/new');
    await page.locator('#directive-system').selectOption('STATE');
    await page.locator('#directive-docType').selectOption('PLAN');
    await page.locator('#directive-number').fill('917');
    await page.locator('#directive-symbol').fill(SYMBOL);
    await page.locator('#directive-issuedOn').fill('2024-01-10');
    await eventually(async () => expect((await optionValues('#directive-issuerAgencyId')).length).toBeGreaterThan(1));
    const [issuer] = await optionValues('#directive-issuerAgencyId');
    await page.locator('#directive-issuerAgencyId').selectOption(issuer);
    await page.locator('#directive-signer').fill(SIGNER);
    await page.locator('#directive-recipients').fill('Sở Khoa học và Công nghệ\nCác hội thành viên');
    await eventually(async () => expect((await optionValues('#directive-citedDirectiveIds')).length).toBeGreaterThan(0));
    const [cited] = await optionValues('#directive-citedDirectiveIds');
    await page.locator('#directive-citedDirectiveIds').selectOption([cited]);

    await page.getByTestId('save-directive').click();
    const error = page.getByTestId('directive-subject-error');
    await error.waitFor();
    await expect(error.innerText()).resolves.toContain('Trích yếu phải có từ 2 đến 1.000 ký tự');
    await expect(page.locator('#directive-subject').getAttribute('aria-invalid')).resolves.toBe('true');
    expect(page.url()).toMatch(/\/directives\/new$/);
    await expect(page.locator('#directive-symbol').inputValue()).resolves.toBe(SYMBOL);
    await expect(page.locator('#directive-number').inputValue()).resolves.toBe('917');
    await expect(page.locator('#directive-signer').inputValue()).resolves.toBe(SIGNER);
    await expect(page.locator('#directive-issuerAgencyId').inputValue()).resolves.toBe(issuer);
    await expect(page.locator('#directive-citedDirectiveIds').evaluate((s) => Array.from((s as HTMLSelectElement).selectedOptions, (o) => o.value))).resolves.toEqual([cited]);
    await screenshot('02-field-error');

    await page.locator('#directive-subject').fill(SUBJECT);
    await page.getByTestId('save-directive').click();
    await page.waitForURL(/\/directives\/[0-9a-f-]{36}$/);
    directiveId = page.url().split('/').pop() ?? '';
    await expect(page.getByTestId('directive-heading').innerText()).resolves.toContain(`917/${SYMBOL}`);
    await expect(page.getByTestId('directive-notice').innerText()).resolves.toContain('Đã thêm văn bản');

    const saved = await graphql<{ directive: { subject: string; signer: string; citedDirectives: Array<{ id: string }>; issuer: { id: string } } }>(
      suite.server.url,
      token,
      'query($id: ID!) { directive(id: $id) { subject signer citedDirectives { id } issuer { id } } }',
      { id: directiveId },
    );
    expect(saved.directive).toEqual({ subject: SUBJECT, signer: SIGNER, citedDirectives: [{ id: cited }], issuer: { id: issuer } });
  });

  test('two tasks, one past its deadline, and a progress report', async () => {
    const addTask = async (title: string, date: string, coordinate: boolean) => {
      await page.getByTestId('add-task').click();
      const form = page.getByTestId('task-form');
      await form.waitFor();
      await page.locator('#task-new-title').fill(title);
      await eventually(async () => expect((await optionValues('#task-new-leadAgencyId')).length).toBeGreaterThan(2));
      const agencies = await optionValues('#task-new-leadAgencyId');
      await page.locator('#task-new-leadAgencyId').selectOption(agencies[0]);
      if (coordinate) await page.locator('#task-new-coordinatingAgencyIds').selectOption([agencies[1], agencies[2]]);
      await page.locator('#task-new-deadlineKind').selectOption('DATE');
      await page.locator('#task-new-deadlineDate').fill(date);
      await page.getByTestId('save-task').click();
      await form.waitFor({ state: 'detached' });
    };

    await addTask(PAST_TASK, PAST_DATE, true);
    await addTask(FUTURE_TASK, FUTURE_DATE, false);
    const cards = page.getByTestId('directive-task');
    await eventually(async () => expect(await cards.count()).toBe(2));
    const first = page.locator('[data-testid="directive-task"][data-seq="1"]');
    const second = page.locator('[data-testid="directive-task"][data-seq="2"]');
    await expect(first.innerText()).resolves.toContain(PAST_TASK);
    await expect(first.getByTestId('task-deadline').innerText()).resolves.toBe('15/03/2024');
    await expect(first.getByTestId('overdue-badge').innerText()).resolves.toMatch(/^Quá hạn \d+ ngày$/);
    await expect(second.innerText()).resolves.toContain(FUTURE_TASK);
    expect(await second.getByTestId('overdue-badge').count()).toBe(0);

    await second.getByTestId('toggle-progress').click();
    await second.getByTestId('add-progress').click();
    const text = 'Đã thu thập dữ liệu của 12 hội thành viên';
    await second.getByLabel(/^Nội dung đã thực hiện/).fill(text);
    await second.getByLabel(/^Tỷ lệ hoàn thành/).fill('40');
    await second.getByTestId('save-progress').click();
    await second.getByTestId('progress-saved').waitFor();
    const rows = second.getByTestId('progress-row');
    await eventually(async () => expect(await rows.count()).toBe(1));
    await expect(rows.first().innerText()).resolves.toContain(text);
    await screenshot('03-tasks');

    const api = await graphql<{ directive: { tasks: Array<{ seq: number; title: string; progressReports: Array<{ percent: number; text: string }> }> } }>(
      suite.server.url,
      token,
      'query($id: ID!) { directive(id: $id) { tasks { seq title progressReports { percent text } } } }',
      { id: directiveId },
    );
    expect(api.directive.tasks).toEqual([
      { seq: 1, title: PAST_TASK, progressReports: [] },
      { seq: 2, title: FUTURE_TASK, progressReports: [{ percent: 40, text }] },
    ]);
  });

  test('the task list filtered by the document shows exactly one overdue task, first', async () => {
    await page.getByTestId('tasks-of-directive').click();
    await page.waitForURL(`**/tasks?directive=${directiveId}`);
    await page.getByTestId('tasks-table').waitFor();
    const rows = page.getByTestId('task-row');
    await eventually(async () => expect(await rows.count()).toBe(2));
    await expect(page.getByTestId('directive-filter').inputValue()).resolves.toBe(directiveId);

    const api = await graphql<{ directiveTasks: { totalCount: number; edges: Array<{ node: { title: string; daysLate: number } }> } }>(
      suite.server.url,
      token,
      'query($f: DirectiveTaskFilter) { directiveTasks(filter: $f) { totalCount edges { node { title daysLate } } } }',
      { f: { directiveId, overdue: true } },
    );
    expect(api.directiveTasks.totalCount).toBe(1);
    const late = api.directiveTasks.edges[0].node;
    expect(late.title).toBe(PAST_TASK);

    const overdueRows = page.locator('[data-testid="task-row"][data-overdue="true"]');
    expect(await overdueRows.count()).toBe(1);
    expect(await page.getByTestId('overdue-badge').count()).toBe(1);
    await expect(rows.first().innerText()).resolves.toContain(PAST_TASK);
    const fmt = new Intl.NumberFormat('vi-VN').format(late.daysLate);
    await expect(rows.first().getByTestId('overdue-badge').innerText()).resolves.toBe(`Quá hạn ${fmt} ngày`);
    await expect(rows.nth(1).innerText()).resolves.toContain(FUTURE_TASK);
    await expect(rows.first().getByTestId('task-directive-link').innerText()).resolves.toBe(`917/${SYMBOL}`);
    await screenshot('04-task-list');

    await page.getByTestId('overdue-filter').check();
    await page.waitForURL((url) => url.searchParams.get('overdue') === '1' && url.searchParams.get('directive') === directiveId);
    await eventually(async () => expect(await rows.count()).toBe(1));
    await expect(rows.first().innerText()).resolves.toContain(PAST_TASK);
    await page.getByTestId('overdue-filter').uncheck();
    await eventually(async () => expect(await rows.count()).toBe(2));
  });

  test('the export of the filtered list holds both tasks, in CSV and XLSX', async () => {
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(csv.suggestedFilename()).toMatch(/^nhiem-vu-chi-dao-\d{4}-\d{2}-\d{2}\.csv$/);
    const csvPath = path.join(OUTPUT, 'directives-tasks.csv');
    await csv.saveAs(csvPath);
    const table = parseCsv(fs.readFileSync(csvPath, 'utf8').replace(/^\uFEFF/, ''));
    const header = table[0];
    const titleCol = header.indexOf('Nhiệm vụ');
    const overdueCol = header.indexOf('Quá hạn');
    const dueCol = header.indexOf('Hạn');
    expect(titleCol).toBeGreaterThanOrEqual(0);
    const body = table.slice(1).filter((r) => r.length > 1);
    expect(body.map((r) => r[titleCol])).toEqual([PAST_TASK, FUTURE_TASK]);
    expect(body.map((r) => r[overdueCol])).toEqual(['Có', 'Không']);
    expect(body[0][dueCol]).toBe('15/03/2024');

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const xlsxPath = path.join(OUTPUT, 'directives-tasks.xlsx');
    await xlsx.saveAs(xlsxPath);
    const [sheet] = [...(await readXlsx(xlsxPath)).values()];
    const xHeader = sheet[0] as string[];
    const xTitle = xHeader.indexOf('Nhiệm vụ');
    expect(sheet.slice(1).map((r) => r[xTitle])).toEqual([PAST_TASK, FUTURE_TASK]);
  });

  test('the document appears in the list and can be found by its number and symbol', async () => {
    await page.getByTestId('nav-directives').click();
    await page.waitForURL('**/directives');
    await page.getByTestId('directive-search').fill(`917/${SYMBOL}`);
    await page.waitForURL((url) => url.searchParams.get('q') === `917/${SYMBOL}`);
    const rows = page.getByTestId('directive-row');
    await eventually(async () => {
      expect(await rows.count()).toBeGreaterThan(0);
      expect(await rows.first().innerText()).toContain(`917/${SYMBOL}`);
    });
    await expect(rows.first().innerText()).resolves.toContain('10/01/2024');
    await rows.first().getByRole('link').click();
    await page.waitForURL(`**/directives/${directiveId}`);
    await page.getByTestId('directive-tasks').waitFor();
  });

  test('a save over a newer version reports the conflict, keeps the typed text, and reload shows the latest', async () => {
    await page.locator('.directive-details > summary').click();
    await page.locator('#directive-signer').fill('Chủ tịch Trần Văn Mới');
    // Someone else changes the document meanwhile.
    const { directive } = await graphql<{ directive: { version: number } }>(suite.server.url, token, 'query($id: ID!) { directive(id: $id) { version } }', { id: directiveId });
    await graphql(suite.server.url, token, 'mutation($input: UpdateDirectiveInput!) { updateDirective(input: $input) { id } }', {
      input: { id: directiveId, version: directive.version, signer: 'Phó Chủ tịch Lê Thị Khác' },
    });
    await page.getByTestId('save-directive').click();
    const conflict = page.getByTestId('directive-form-conflict');
    await conflict.waitFor();
    await expect(page.locator('#directive-signer').inputValue()).resolves.toBe('Chủ tịch Trần Văn Mới');
    await screenshot('05-conflict');
    await conflict.getByRole('button', { name: 'Tải lại' }).click();
    await eventually(async () => expect(await page.locator('#directive-signer').inputValue()).toBe('Phó Chủ tịch Lê Thị Khác'));
    expect(await page.getByTestId('directive-form-conflict').count()).toBe(0);
  });

  test('a viewer sees the document and its tasks without any write action', async () => {
    await page.getByTestId('logout').click();
    await page.waitForURL('**/login');
    await logInForToken(page, 'viewer@dongnai.demo');
    await page.goto('/directives');
    await page.getByTestId('directives-table').waitFor();
    expect(await page.getByTestId('create-directive').count()).toBe(0);
    await page.goto(`/directives/${directiveId}`);
    await page.getByTestId('directive-details').waitFor();
    await eventually(async () => expect(await page.getByTestId('directive-task').count()).toBe(2));
    for (const id of ['directive-form', 'delete-directive', 'add-task', 'edit-task', 'delete-task']) {
      expect(await page.getByTestId(id).count()).toBe(0);
    }
    const second = page.locator('[data-testid="directive-task"][data-seq="2"]');
    await second.getByTestId('toggle-progress').click();
    await eventually(async () => expect(await second.getByTestId('progress-row').count()).toBe(1));
    expect(await second.getByTestId('add-progress').count()).toBe(0);
  });

  test('the admin deletes a task, then the document, each after confirming', async () => {
    await page.getByTestId('logout').click();
    await page.waitForURL('**/login');
    token = await logInForToken(page, 'admin@dongnai.demo');
    await page.goto(`/directives/${directiveId}`);
    const second = page.locator('[data-testid="directive-task"][data-seq="2"]');
    await second.getByTestId('delete-task').click();
    const taskDialog = page.getByRole('dialog', { name: 'Xoá nhiệm vụ này?' });
    await taskDialog.waitFor();
    await taskDialog.getByRole('button', { name: 'Xoá' }).click();
    await eventually(async () => expect(await page.getByTestId('directive-task').count()).toBe(1));
    await expect(page.getByTestId('task-flash').innerText()).resolves.toBe('Đã xoá nhiệm vụ 2.');

    await page.locator('.directive-details > summary').click();
    await page.getByTestId('delete-directive').click();
    const dialog = page.getByRole('dialog', { name: 'Xoá văn bản này?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Xoá' }).click();
    await page.waitForURL('**/directives');
    await expect(page.getByTestId('flash').innerText()).resolves.toContain(`Đã xoá văn bản 917/${SYMBOL}`);
    const after = await graphql<{ directive: null | { id: string } }>(suite.server.url, token, 'query($id: ID!) { directive(id: $id) { id } }', { id: directiveId });
    expect(after.directive).toBeNull();
  });
});
