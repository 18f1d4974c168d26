/**
 * The ministry and provincial dashboards in the browser: the built server on a fresh data directory
 * filled with synthetic data for every province (seed --scale S), driven in Debian's Chromium.
 * Build server and client first. Screenshots land in tests/e2e/output/dashboard-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { eventually, graphql, logInForToken, OUTPUT, parseCsv, readXlsx, setUpBrowserSuite } from './support';

const suite = setUpBrowserSuite({ dataDirPrefix: 'stp-e2e-dashboard-', seedScale: 'S' });
let page: Page;
beforeAll(() => {
  page = suite.page;
});
let token = '';

interface Cell {
  province: { code: string; name: string };
  year: number;
  indicator: { code: string };
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}
interface Comparison {
  cells: Cell[];
  nationalTotals: Array<{ indicator: { code: string }; year: number; value: number | null }>;
}

const COMPARE = `query($input: CompareProvincesInput!) {
  compareProvinces(input: $input) {
    cells { province { code name } year indicator { code } value numerator denominator }
    nationalTotals { indicator { code } year value }
  }
}`;

async function compare(indicator: string, year: number, boundaries: 'CURRENT' | 'HISTORICAL'): Promise<Comparison> {
  const data = await graphql<{ compareProvinces: Comparison }>(suite.server.url, token, COMPARE, {
    input: { indicators: [indicator], years: [year], boundaries, source: 'LIVE' },
  });
  return data.compareProvinces;
}

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(OUTPUT, `dashboard-${name}.png`), fullPage: true });
}

async function logIn(email: string): Promise<void> {
  token = await logInForToken(page, email);
}

/** Waits until the comparison shows data for the current selection (no request in flight). */
async function comparisonSettled(): Promise<void> {
  await eventually(async () => expect(await page.getByTestId('comparison').getAttribute('data-loading')).toBe('false'), 20_000);
}

async function rankingCodes(): Promise<string[]> {
  return page.getByTestId('ranking-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-province') ?? ''));
}

const byCode = (cells: Cell[]) => new Map(cells.map((c) => [c.province.code, c]));

describe('ministry dashboard', () => {
  test('the analyst opens the dashboard from the navigation', async () => {
    await logIn('analyst@ministry.demo');
    await page.getByTestId('nav-dashboard').click();
    await page.waitForURL('**/dashboard');
    await page.getByTestId('ministry-dashboard').waitFor();
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Bảng điều khiển');
    await page.getByTestId('comparison').waitFor();
    await screenshot('01-default');
  });

  test('one indicator and one year: one bar per province with a value, as the API says', async () => {
    await page.getByTestId('indicator-picker').locator('summary').click();
    await page.getByTestId('indicator-option-individual_members').check();
    await page.getByTestId('indicator-option-member_associations').uncheck();
    await page.getByTestId('indicator-picker').locator('summary').click();
    for (const y of [2021, 2022, 2023, 2025]) await page.getByTestId(`year-option-${y}`).uncheck();
    await eventually(async () => {
      const url = new URL(page.url());
      expect(url.searchParams.get('ind')).toBe('individual_members');
      expect(url.searchParams.get('years')).toBe('2024');
    });
    await comparisonSettled();

    const api = await compare('individual_members', 2024, 'CURRENT');
    const cells = api.cells.filter((c) => c.year === 2024 && c.indicator.code === 'individual_members');
    expect(cells.length).toBeGreaterThan(20);
    const withValue = cells.filter((c) => c.value !== null);
    await eventually(async () => expect(await page.locator('[data-testid="bar-chart"] .recharts-bar-rectangle').count()).toBe(withValue.length));
    await eventually(async () => expect((await rankingCodes()).sort()).toEqual(cells.map((c) => c.province.code).sort()));
    // Values in the table use Vietnamese thousands separators.
    const top = [...withValue].sort((a, b) => (b.value ?? 0) - (a.value ?? 0))[0];
    const topRow = page.locator(`[data-testid="ranking-row"][data-province="${top.province.code}"]`);
    await expect(topRow.getByTestId('ranking-value').innerText()).resolves.toBe(new Intl.NumberFormat('vi-VN').format(top.value ?? 0));
    await expect(page.getByTestId('national-row').innerText()).resolves.toContain('Cả nước');
    await screenshot('02-one-indicator-one-year');
  });

  test('the CSV and XLSX exports hold the same numbers as the API', async () => {
    const api = byCode((await compare('individual_members', 2024, 'CURRENT')).cells.filter((c) => c.year === 2024));

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-ranking-csv').click()]);
    expect(csvDownload.suggestedFilename()).toMatch(/^so-sanh-chi-tieu-\d{4}-\d{2}-\d{2}-individual_members-2024\.csv$/);
    const bytes = fs.readFileSync(await csvDownload.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(header).toEqual(['Hạng', 'Mã tỉnh', 'Tỉnh, thành phố', 'Mã chỉ tiêu', 'Năm', 'Giá trị', 'Tử số', 'Mẫu số', 'Báo cáo năm']);
    const provinceRows = rows.filter((r) => r[1] !== '');
    expect(provinceRows).toHaveLength(api.size);
    for (const r of provinceRows) {
      const cell = api.get(r[1]);
      expect(cell).toBeDefined();
      expect(r[2]).toBe(cell!.province.name);
      expect(r[5] === '' ? null : Number(r[5])).toBe(cell!.value);
      expect(r[6] === '' ? null : Number(r[6])).toBe(cell!.numerator);
    }
    expect(rows.some((r) => r[2] === 'Cả nước')).toBe(true);

    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(xlsxDownload.suggestedFilename()).toMatch(/\.xlsx$/);
    const sheets = await readXlsx(await xlsxDownload.path());
    const ranking = sheets.get('Xếp hạng');
    const all = sheets.get('Số liệu');
    expect(ranking).toBeDefined();
    expect(all).toBeDefined();
    const xlsxRows = ranking!.slice(1).filter((r) => r[1] !== null && r[1] !== '');
    expect(xlsxRows).toHaveLength(api.size);
    for (const r of xlsxRows) {
      const cell = api.get(String(r[1]));
      expect(cell).toBeDefined();
      expect(r[5] ?? null).toBe(cell!.value);
      expect(r[6] ?? null).toBe(cell!.numerator);
    }
    // The second sheet holds every cell of the selection.
    expect(all!.slice(1)).toHaveLength(api.size);
  });

  test('a rate indicator is shown in percent with the national figure', async () => {
    await page.getByTestId('indicator-picker').locator('summary').click();
    await page.getByTestId('indicator-option-tasks_on_time_rate').check();
    await page.getByTestId('indicator-picker').locator('summary').click();
    await page.getByTestId('focus-select').selectOption('tasks_on_time_rate');
    await comparisonSettled();
    const api = await compare('tasks_on_time_rate', 2024, 'CURRENT');
    const withValue = api.cells.filter((c) => c.year === 2024 && c.value !== null);
    await eventually(async () => expect(await page.locator('[data-testid="bar-chart"] .recharts-bar-rectangle').count()).toBe(withValue.length));
    await expect(page.getByTestId('national-row').innerText()).resolves.toMatch(/\d+,\d%/);
    await screenshot('03-rate-indicator');
  });

  test('Bình Dương (74) appears for 2024 under historical boundaries only', async () => {
    expect(await rankingCodes()).not.toContain('74');
    await page.getByTestId('boundaries-HISTORICAL').check();
    await eventually(async () => expect(new URL(page.url()).searchParams.get('b')).toBe('historical'));
    await comparisonSettled();
    await eventually(async () => expect(await rankingCodes()).toContain('74'));
    const api = await compare('tasks_on_time_rate', 2024, 'HISTORICAL');
    await eventually(async () => expect((await rankingCodes()).sort()).toEqual(api.cells.map((c) => c.province.code).sort()));
    await screenshot('04-historical-boundaries');

    await page.getByTestId('boundaries-CURRENT').check();
    await comparisonSettled();
    await eventually(async () => expect(await rankingCodes()).not.toContain('74'));
    await page.getByTestId('boundaries-HISTORICAL').check();
    await comparisonSettled();
    await eventually(async () => expect(await rankingCodes()).toContain('74'));
  });

  test('a reload keeps the whole selection from the URL', async () => {
    const before = page.url();
    await page.reload();
    await page.getByTestId('comparison').waitFor();
    await comparisonSettled();
    expect(page.url()).toBe(before);
    await expect(page.getByTestId('focus-select').inputValue()).resolves.toBe('tasks_on_time_rate');
    await expect(page.getByTestId('year-option-2024').isChecked()).resolves.toBe(true);
    await expect(page.getByTestId('year-option-2023').isChecked()).resolves.toBe(false);
    await expect(page.getByTestId('boundaries-HISTORICAL').isChecked()).resolves.toBe(true);
    await eventually(async () => expect(await rankingCodes()).toContain('74'));
    await screenshot('05-after-reload');
  });

  test('clicking a bar opens that province’s member associations, read only', async () => {
    const firstCode = (await rankingCodes())[0];
    await page.locator('[data-testid="bar-chart"] .recharts-bar-rectangle path').first().click();
    await page.waitForURL(`**/associations?province=${firstCode}`);
    await page.getByTestId('associations-table').or(page.getByTestId('empty-state')).first().waitFor();
    await expect(page.getByTestId('province-filter').inputValue()).resolves.toBe(firstCode);
    expect(await page.getByTestId('create-association').count()).toBe(0);
    await screenshot('06-drill-down');
    await page.goBack();
    await page.getByTestId('comparison').waitFor();
  });

  test('the ranking links to a province’s overdue tasks', async () => {
    const row = page.locator('[data-testid="ranking-row"][data-province="75"]');
    await row.getByRole('link', { name: 'Nhiệm vụ quá hạn của Đồng Nai' }).click();
    await page.waitForURL('**/tasks?province=75&overdue=1');
    await page.getByTestId('tasks-table').waitFor();
    expect(await page.getByTestId('task-row').count()).toBeGreaterThan(0);
    await screenshot('07-tasks-drill-down');
  });
});

describe('provincial dashboard', () => {
  test('the Đồng Nai admin sees Đồng Nai beside the national figures and its overdue tasks', async () => {
    await page.getByTestId('logout').click();
    await page.waitForURL('**/login');
    await logIn('admin@dongnai.demo');
    await page.goto('/dashboard');
    await page.getByTestId('province-dashboard').waitFor();
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Bảng điều khiển của Đồng Nai');

    const table = page.getByTestId('province-indicators-table');
    await table.waitFor();
    await expect(table.locator('thead').innerText()).resolves.toContain('Đồng Nai');
    await expect(table.locator('thead').innerText()).resolves.toContain('Cả nước');
    const data = await graphql<{ provinceIndicators: { values: Array<{ indicator: { code: string }; value: number | null; national: { value: number | null } }> } }>(
      suite.server.url,
      token,
      'query($year: Int!) { provinceIndicators(year: $year) { values { indicator { code } value national { value } } } }',
      { year: Number(await page.getByTestId('province-year-select').inputValue()) },
    );
    expect(await page.getByTestId('province-indicator-row').count()).toBe(data.provinceIndicators.values.length);
    const members = data.provinceIndicators.values.find((v) => v.indicator.code === 'member_associations');
    expect(members).toBeDefined();
    const membersRow = page.locator('[data-testid="province-indicator-row"][data-indicator="member_associations"]');
    const fmt = (v: number | null) => (v === null ? '' : new Intl.NumberFormat('vi-VN').format(v));
    await expect(membersRow.getByTestId('province-value').innerText()).resolves.toBe(fmt(members!.value));
    await expect(membersRow.getByTestId('national-value').innerText()).resolves.toBe(fmt(members!.national.value));

    const overdue = page.getByTestId('overdue-task-row');
    await overdue.first().waitFor();
    expect(await overdue.count()).toBeGreaterThan(0);
    expect(await overdue.count()).toBeLessThanOrEqual(10);
    const daysLate = (await page.getByTestId('days-late').allInnerTexts()).map((s) => Number(s.replace(/\./g, '')));
    expect(daysLate.every((d) => d > 0)).toBe(true);
    expect([...daysLate].sort((a, b) => b - a)).toEqual(daysLate);
    await screenshot('08-province');
  });
});
