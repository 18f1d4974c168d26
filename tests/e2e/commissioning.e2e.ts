/**
 * Commissioning in the browser: the Đồng Nai admin proposes a task through the form, moves it through
 * three stages with reasons (from the board and from the task's page), sees each move in its
 * history, has an illegal move refused by the server (the stage stays, checked over the API) and
 * exports the list as CSV and XLSX. Build server and client first.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { eventually, graphql, logInForToken, OUTPUT, parseCsv, readXlsx, setUpBrowserSuite } from './support';

const suite = setUpBrowserSuite({ dataDirPrefix: 'stp-e2e-commissioning-' });
let page: Page;
let token = '';
let requestId = '';
const TITLE = 'Nghiên cứu xử lý chất thải rắn sinh hoạt tại Biên Hòa (kiểm thử)';

beforeAll(() => {
  page = suite.page;
});

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(OUTPUT, `commissioning-${name}.png`), fullPage: true });
}

interface ApiRequest {
  stage: string;
  version: number;
  budgetVnd: number;
  allowedNextStages: string[];
  history: Array<{ fromStage: string; toStage: string; reason: string }>;
}

async function fromApi(): Promise<ApiRequest> {
  const data = await graphql<{ commissioningRequest: ApiRequest | null }>(
    suite.server.url,
    token,
    `query ($id: ID!) { commissioningRequest(id: $id) { stage version budgetVnd allowedNextStages history { fromStage toStage reason } } }`,
    { id: requestId },
  );
  if (!data.commissioningRequest) throw new Error('the task is not readable over the API');
  return data.commissioningRequest;
}

async function historyReasons(): Promise<string[]> {
  return page.getByTestId('history-reason').allInnerTexts();
}

/** Fills in and submits the open transition dialog. */
async function submitMove(reason: string): Promise<void> {
  const dialog = page.getByTestId('transition-dialog');
  await dialog.waitFor();
  await dialog.getByTestId('transition-reason').fill(reason);
  await dialog.getByTestId('transition-submit').click();
}

describe('commissioning board', () => {
  test('the admin proposes a task through the form; it starts at PROPOSED', async () => {
    token = await logInForToken(page, 'admin@dongnai.demo');
    await page.goto('/commissioning');
    await page.getByRole('heading', { name: 'Đặt hàng nhiệm vụ KH&CN', level: 1 }).waitFor();
    await page.getByTestId('commissioning-board').waitFor();
    expect(await page.getByTestId('board-column').count()).toBe(13);
    await page.getByTestId('create-commissioning').click();
    await page.waitForURL('**/commissioning/new');

    // The end must not be before the start: the message shows next to the field and the form keeps what was typed.
    await page.getByLabel(/^Tên nhiệm vụ/).fill(TITLE);
    await page.getByLabel(/^Mã nhiệm vụ/).fill('ĐN-KT-01');
    const agency = page.getByLabel(/^Cơ quan đặt hàng/);
    await eventually(async () => expect(await agency.locator('option').count()).toBeGreaterThan(1));
    await agency.selectOption({ index: 1 });
    const area = page.getByLabel(/^Lĩnh vực nghiên cứu/);
    await eventually(async () => expect(await area.locator('option').count()).toBeGreaterThan(1));
    await area.selectOption({ index: 1 });
    await page.getByLabel(/^Kinh phí/).fill('1.250.000.000');
    await page.getByLabel('Bắt đầu theo kế hoạch').fill('2026-03-01');
    await page.getByLabel('Kết thúc theo kế hoạch').fill('2026-02-01');
    await page.getByTestId('save-commissioning').click();
    await expect(page.getByTestId('commissioning-plannedEnd-error').innerText()).resolves.toContain('không được trước');
    await expect(page.getByLabel(/^Tên nhiệm vụ/).inputValue()).resolves.toBe(TITLE);
    await screenshot('01-field-error');

    await page.getByLabel('Kết thúc theo kế hoạch').fill('2027-12-31');
    await page.getByTestId('save-commissioning').click();
    await page.waitForURL(/\/commissioning\/[0-9a-f-]{36}$/);
    requestId = page.url().split('/').pop() ?? '';
    await expect(page.getByTestId('record-flash').innerText()).resolves.toContain('Đã tạo nhiệm vụ');
    await expect(page.getByTestId('commissioning-title').innerText()).resolves.toBe(TITLE);
    await expect(page.getByTestId('record-budget').innerText()).resolves.toBe('1.250.000.000 đ');
    const api = await fromApi();
    expect(api.stage).toBe('PROPOSED');
    expect(api.budgetVnd).toBe(1_250_000_000);
    expect(api.history).toEqual([]);
  });

  test('the board shows the card under PROPOSED with agency, budget and due date, and moves it to DETERMINED', async () => {
    await page.goto('/commissioning');
    const card = page.locator(`[data-testid="board-column"][data-stage="PROPOSED"] [data-testid="commissioning-card"][data-id="${requestId}"]`);
    await card.waitFor();
    await expect(card.getByTestId('card-budget').innerText()).resolves.toBe('1.250.000.000 đ');
    await expect(card.getByTestId('card-due').innerText()).resolves.toBe('31/12/2027');
    expect((await card.getByTestId('card-agency').innerText()).length).toBeGreaterThan(2);
    await screenshot('02-board');

    await card.getByTestId('card-move').selectOption('DETERMINED');
    await submitMove('Quyết định 101/QĐ-UBND phê duyệt danh mục nhiệm vụ');
    await expect(page.getByTestId('commissioning-flash').innerText()).resolves.toContain('Đã xác định');
    await page.locator(`[data-testid="board-column"][data-stage="DETERMINED"] [data-testid="commissioning-card"][data-id="${requestId}"]`).waitFor();
    expect((await fromApi()).stage).toBe('DETERMINED');
  });

  test('on the task page only the allowed next stages are offered; two more moves appear in the history', async () => {
    await page.goto(`/commissioning/${requestId}`);
    await page.getByTestId('stage-panel').waitFor();
    await expect(historyReasons()).resolves.toEqual(['Quyết định 101/QĐ-UBND phê duyệt danh mục nhiệm vụ']);
    const offered = await page.locator('[data-testid^="move-to-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(offered.sort()).toEqual(['move-to-CANCELLED', 'move-to-DIRECTLY_ASSIGNED', 'move-to-REJECTED', 'move-to-SELECTED']);

    await page.getByTestId('move-to-DIRECTLY_ASSIGNED').click();
    await page.getByTestId('transition-assignee-kind').selectOption('UNION');
    await submitMove('Quyết định 202/QĐ-UBND giao trực tiếp cho Liên hiệp Hội');
    await eventually(async () => expect(await historyReasons()).toHaveLength(2));
    await expect(page.getByTestId('stage-badge').first().innerText()).resolves.toBe('Giao trực tiếp');

    await page.getByTestId('move-to-APPRAISED').click();
    await submitMove('Biên bản thẩm định nội dung và kinh phí số 15/BB-HĐ');
    await eventually(async () => expect(await historyReasons()).toHaveLength(3));
    await expect(historyReasons()).resolves.toEqual([
      'Quyết định 101/QĐ-UBND phê duyệt danh mục nhiệm vụ',
      'Quyết định 202/QĐ-UBND giao trực tiếp cho Liên hiệp Hội',
      'Biên bản thẩm định nội dung và kinh phí số 15/BB-HĐ',
    ]);
    const rows = page.getByTestId('history-row');
    await expect(rows.nth(2).getAttribute('data-from')).resolves.toBe('DIRECTLY_ASSIGNED');
    await expect(rows.nth(2).getAttribute('data-to')).resolves.toBe('APPRAISED');
    await expect(rows.nth(2).innerText()).resolves.toContain('Quản trị Đồng Nai (demo)');
    await screenshot('03-history');

    const api = await fromApi();
    expect(api.stage).toBe('APPRAISED');
    expect(api.history.map((h) => `${h.fromStage}>${h.toStage}`)).toEqual(['PROPOSED>DETERMINED', 'DETERMINED>DIRECTLY_ASSIGNED', 'DIRECTLY_ASSIGNED>APPRAISED']);
  });

  test('an illegal move from the board is refused by the server and the stage stays', async () => {
    const before = await fromApi();
    expect(before.allowedNextStages).not.toContain('APPLIED');
    await page.goto('/commissioning');
    const card = page.locator(`[data-testid="board-column"][data-stage="APPRAISED"] [data-testid="commissioning-card"][data-id="${requestId}"]`);
    await card.waitFor();
    await card.getByTestId('card-move').selectOption('APPLIED');
    await submitMove('Thử chuyển thẳng sang ứng dụng');
    const refused = page.getByTestId('transition-refused');
    await refused.waitFor();
    const text = await refused.innerText();
    expect(text).toContain('Máy chủ từ chối');
    expect(text).toContain('“Đã thẩm định” sang “Đã ứng dụng”');
    expect(text).toContain('Đã ký hợp đồng');
    expect(text).toContain('cannot move from APPRAISED to APPLIED');
    await screenshot('04-refused');
    await page.getByTestId('transition-cancel').click();
    await page.getByTestId('transition-dialog').waitFor({ state: 'detached' });

    const after = await fromApi();
    expect(after.stage).toBe('APPRAISED');
    expect(after.version).toBe(before.version);
    expect(after.history).toHaveLength(3);
    await card.waitFor();
  });

  test('the list view exports every row as CSV and XLSX', async () => {
    await page.getByTestId('view-table').click();
    await page.waitForURL(/view=table/);
    await page.getByTestId('commissioning-table').waitFor();
    await page.getByTestId('commissioning-search').fill('xu ly chat thai ran sinh hoat tai bien hoa');
    await page.waitForURL(/[?&]q=xu\+ly\+chat\+thai\+ran\+sinh\+hoat\+tai\+bien\+hoa/);
    await eventually(async () => expect(await page.getByTestId('total-count').innerText()).toBe('Tổng: 1 nhiệm vụ'));
    await eventually(async () => expect(await page.getByTestId('commissioning-row').count()).toBe(1));
    await screenshot('05-table');

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(csvDownload.suggestedFilename()).toMatch(/^nhiem-vu-dat-hang-\d{4}-\d{2}-\d{2}\.csv$/);
    const csvPath = path.join(OUTPUT, 'commissioning-export.csv');
    await csvDownload.saveAs(csvPath);
    const rows = parseCsv(fs.readFileSync(csvPath, 'utf8').replace(/^\uFEFF/, ''));
    expect(rows[0]).toEqual(expect.arrayContaining(['Mã', 'Tên nhiệm vụ', 'Giai đoạn', 'Kinh phí (đồng)', 'Kết thúc theo kế hoạch']));
    expect(rows).toHaveLength(2);
    const row = rows[1];
    expect(row[rows[0].indexOf('Tên nhiệm vụ')]).toBe(TITLE);
    expect(row[rows[0].indexOf('Giai đoạn')]).toBe('Đã thẩm định');
    expect(row[rows[0].indexOf('Kết thúc theo kế hoạch')]).toBe('31/12/2027');
    expect(row[rows[0].indexOf('Kinh phí (đồng)')]).toBe('1250000000');

    // A reload keeps the view and the search from the URL.
    await page.reload();
    await eventually(async () => expect(await page.getByTestId('total-count').innerText()).toBe('Tổng: 1 nhiệm vụ'));
    expect(await page.getByTestId('commissioning-row').count()).toBe(1);
    await expect(page.getByTestId('commissioning-search').inputValue()).resolves.toBe('xu ly chat thai ran sinh hoat tai bien hoa');
    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    const xlsxPath = path.join(OUTPUT, 'commissioning-export.xlsx');
    await xlsxDownload.saveAs(xlsxPath);
    const sheet = [...(await readXlsx(xlsxPath)).values()][0];
    expect(sheet).toHaveLength(2);
    const header = sheet[0];
    expect(sheet[1][header.indexOf('Tên nhiệm vụ')]).toBe(TITLE);
    expect(sheet[1][header.indexOf('Kinh phí (đồng)')]).toBe(1_250_000_000);
  });

  test('the ministry picks a province and only reads: no create, no moves', async () => {
    await page.getByTestId('logout').click();
    await page.waitForURL('**/login');
    await logInForToken(page, 'analyst@ministry.demo');
    await page.goto('/commissioning');
    const card = page.locator(`[data-testid="commissioning-card"][data-id="${requestId}"]`);
    await card.waitFor();
    await page.getByTestId('province-filter').selectOption('75');
    await page.waitForURL(/province=75/);
    await card.waitFor();
    expect(await page.getByTestId('create-commissioning').count()).toBe(0);
    expect(await card.getByTestId('card-move').count()).toBe(0);
    await expect(card.getAttribute('draggable')).resolves.toBe('false');
    await screenshot('06-ministry');

    await card.getByTestId('card-link').click();
    await page.waitForURL(`**/commissioning/${requestId}`);
    await page.getByTestId('stage-history').waitFor();
    expect(await page.getByTestId('history-row').count()).toBe(3);
    expect(await page.locator('[data-testid^="move-to-"]').count()).toBe(0);
    expect(await page.getByTestId('commissioning-form').count()).toBe(0);
  });
});
