/**
 * The annual report page (/reports) in the browser: a province administrator prepares, submits
 * (which locks the year), reopens and downloads the report; a viewer reads it; the ministry sees
 * every current province's status. The built server on a fresh data directory (seed --scale S),
 * driven in Debian's Chromium. Build server and client first. Screenshots land in
 * tests/e2e/output/annual-report-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { eventually, graphql, logInForToken, OUTPUT, readXlsx, setUpBrowserSuite } from './support';

const suite = setUpBrowserSuite({ dataDirPrefix: 'stp-e2e-annual-report-', seedScale: 'S' });
let page: Page;
beforeAll(() => {
  page = suite.page;
});
let token = '';

const DONG_NAI = '75';
const YEAR = 2024;

interface Figure {
  indicatorCode: string;
  name: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  source: 'LIVE' | 'SUBMITTED';
}
interface Report {
  id: string;
  status: string;
  submittedAt: string | null;
  figures: Figure[];
}

const REPORT = `query($year: Int!) {
  annualReport(year: $year) { id status submittedAt figures { indicatorCode name value numerator denominator source } }
}`;

async function apiReport(): Promise<Report | null> {
  return (await graphql<{ annualReport: Report | null }>(suite.server.url, token, REPORT, { year: YEAR })).annualReport;
}

/** A GraphQL request whose errors are returned instead of thrown. */
async function graphqlRaw(query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(new URL('/graphql', suite.server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

const CREATE_ACTIVITY = `mutation($input: CreateActivityInput!) { createActivity(input: $input) { id heldOn } }`;

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(OUTPUT, `annual-report-${name}.png`), fullPage: true });
}

async function logIn(email: string): Promise<void> {
  token = await logInForToken(page, email);
}

async function logOut(): Promise<void> {
  await page.getByTestId('logout').click();
  await page.waitForURL('**/login');
}

async function reportSettled(): Promise<void> {
  await eventually(async () => expect(await page.getByTestId('province-report').getAttribute('data-loading')).toBe('false'), 20_000);
}

async function statusText(): Promise<string> {
  return page.getByTestId('report-status').innerText();
}

/** dd/MM/yyyy of an instant in Vietnam's time zone (the browser context's zone). */
function vnDate(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(iso));
  return parts;
}

describe('province administrator', () => {
  test('opens /reports from the navigation and chooses 2024: no report yet', async () => {
    await logIn('admin@dongnai.demo');
    await page.getByTestId('nav-reports').click();
    await page.waitForURL('**/reports');
    await page.getByTestId('province-annual-report').waitFor();
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Báo cáo năm');
    // Last year is chosen by default.
    await expect(page.getByLabel('Năm báo cáo', { exact: true }).inputValue()).resolves.toBe(String(new Date().getFullYear() - 1));

    await page.getByLabel('Năm báo cáo', { exact: true }).selectOption(String(YEAR));
    await eventually(async () => expect(new URL(page.url()).searchParams.get('year')).toBe(String(YEAR)));
    await reportSettled();
    await page.getByTestId('report-none').waitFor();
    await expect(statusText()).resolves.toBe('Chưa lập');
    await expect(page.getByTestId('report-due').innerText()).resolves.toBe(`15/11/${YEAR}`);
    await expect(page.getByTestId('submit-report').count()).resolves.toBe(0);
    await screenshot('01-none');
  });

  test('prepares the report: a draft with live figures', async () => {
    await page.getByLabel('Ghi chú (không bắt buộc)').fill('Số liệu tổng hợp từ các hội thành viên.');
    await page.getByRole('button', { name: 'Lập báo cáo' }).click();
    await eventually(async () => expect(await statusText()).toBe('Bản nháp'));
    await expect(page.getByTestId('report-flash').innerText()).resolves.toContain(`Đã lập báo cáo năm ${YEAR}`);
    await expect(page.getByTestId('figures-label').innerText()).resolves.toBe('Số liệu trực tuyến (chưa nộp)');

    const api = await apiReport();
    expect(api?.status).toBe('DRAFT');
    expect(api!.figures.length).toBeGreaterThan(0);
    expect(api!.figures.every((f) => f.source === 'LIVE')).toBe(true);
    await eventually(async () => expect(await page.getByTestId('figure-row').count()).toBe(api!.figures.length));
    // Indicator names in Vietnamese, as the API gives them.
    const names = await page.getByTestId('figure-row').locator('th').allInnerTexts();
    expect(names.map((n) => n.trim())).toEqual(api!.figures.map((f) => f.name));
    await screenshot('02-draft-live');
  });

  test('submits the report after confirming that the year gets locked', async () => {
    await page.getByRole('button', { name: 'Nộp báo cáo' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await expect(dialog.innerText()).resolves.toContain('khoá');
    // The safe choice has the focus; Escape would cancel.
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Huỷ');
    await screenshot('03-submit-confirm');
    await dialog.getByRole('button', { name: 'Nộp và khoá năm' }).click();

    await eventually(async () => expect(await statusText()).toBe('Đã nộp'));
    const api = await apiReport();
    expect(api?.status).toBe('SUBMITTED');
    expect(api!.figures.every((f) => f.source === 'SUBMITTED')).toBe(true);
    await expect(page.getByTestId('figures-label').innerText()).resolves.toBe(`Số liệu đã nộp ngày ${vnDate(api!.submittedAt!)}`);
    await expect(page.getByTestId('report-details').innerText()).resolves.toMatch(/Đúng hạn|Trễ hạn \d+ ngày/);
    await expect(page.getByTestId('year-locked-note').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('prepare-report').count()).resolves.toBe(0);
    await screenshot('04-submitted');
  });

  test('the XLSX download holds the same numbers as the GraphQL figures', async () => {
    const api = await apiReport();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải XLSX' }).click()]);
    expect(download.suggestedFilename()).toBe(`bao-cao-nam-${YEAR}-${DONG_NAI}.xlsx`);
    const file = path.join(OUTPUT, 'annual-report-download.xlsx');
    await download.saveAs(file);
    const sheets = await readXlsx(file);
    const rows = [...sheets.values()][0];
    const header = rows.findIndex((r) => r[0] === 'STT');
    expect(header).toBeGreaterThanOrEqual(0);
    const body = rows.slice(header + 1).filter((r) => typeof r[0] === 'number');
    expect(body.length).toBe(api!.figures.length);
    const byCode = new Map(body.map((r) => [String(r[1]), r]));
    for (const f of api!.figures) {
      const row = byCode.get(f.indicatorCode);
      expect(row).toBeDefined();
      expect(row![2]).toBe(f.name);
      expect(row![4] ?? null).toBe(f.numerator);
      expect(row![5] ?? null).toBe(f.denominator);
      expect(row![6] ?? null).toBe(f.value);
      expect(row![7]).toBe('Số liệu đã nộp');
    }
    fs.rmSync(file, { force: true });
  });

  test('"Bản in" opens the printable report in a new tab', async () => {
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: 'Bản in' }).click()]);
    await eventually(async () => expect(await popup.locator('h1').innerText()).toBe('BÁO CÁO'));
    await expect(popup.locator('body').innerText()).resolves.toContain(`năm ${YEAR}`);
    await popup.screenshot({ path: path.join(OUTPUT, 'annual-report-05-print.png'), fullPage: true });
    await popup.close();
  });

  test('through the API, 2024 records of Đồng Nai are locked while 2025 ones are not', async () => {
    const locked = await graphqlRaw(CREATE_ACTIVITY, { input: { kind: 'WORKSHOP', title: 'Hội thảo thử khoá năm', heldOn: `${YEAR}-05-01` } });
    expect(locked.errors?.length).toBeGreaterThan(0);
    expect(locked.errors![0].extensions?.code).toBe('FORBIDDEN');
    expect(locked.errors![0].extensions?.reason).toBe('YEAR_LOCKED');

    const open = await graphql<{ createActivity: { id: string; heldOn: string } }>(suite.server.url, token, CREATE_ACTIVITY, {
      input: { kind: 'WORKSHOP', title: 'Hội thảo năm sau', heldOn: `${YEAR + 1}-05-01` },
    });
    expect(open.createActivity.heldOn).toBe(`${YEAR + 1}-05-01`);
  });

  test('reopens: a too short reason gives a field error, a proper one reopens the report', async () => {
    await page.getByLabel(/Lý do mở lại/).fill('ngắn');
    await page.getByRole('button', { name: 'Mở lại' }).click();
    const fieldError = page.getByTestId('reopen-reason-error');
    await fieldError.waitFor();
    await expect(fieldError.innerText()).resolves.toContain('ít nhất 10 ký tự');
    await expect(page.getByLabel(/Lý do mở lại/).getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(statusText()).resolves.toBe('Đã nộp');
    await screenshot('06-reopen-reason-error');

    await page.getByLabel(/Lý do mở lại/).fill('Bổ sung hoạt động hội thảo tháng 5 bị sót.');
    await page.getByRole('button', { name: 'Mở lại' }).click();
    await eventually(async () => expect(await statusText()).toBe('Đã mở lại'));
    await expect(page.getByTestId('reopen-reason-error').count()).resolves.toBe(0);
    await expect(page.getByTestId('figures-label').innerText()).resolves.toBe('Số liệu trực tuyến (chưa nộp)');
    await expect(page.getByTestId('report-details').innerText()).resolves.toContain('Bổ sung hoạt động hội thảo tháng 5 bị sót.');
    expect((await apiReport())?.status).toBe('REOPENED');

    // The year is open again.
    const reopened = await graphqlRaw(CREATE_ACTIVITY, { input: { kind: 'WORKSHOP', title: 'Hội thảo bổ sung', heldOn: `${YEAR}-05-01` } });
    expect(reopened.errors).toBeUndefined();
    await screenshot('07-reopened');
  });

  test('publishes the report to other provinces with the toggle', async () => {
    const toggle = page.getByLabel('Công bố cho các tỉnh khác');
    await expect(toggle.isChecked()).resolves.toBe(false);
    // A controlled checkbox: it turns on once the server has published the report.
    await toggle.click();
    await eventually(async () => expect(await page.getByTestId('report-flash').innerText()).toContain('Đã công bố'));
    await eventually(async () => expect(await toggle.isChecked()).toBe(true));
    await logOut();
  });
});

describe('province viewer', () => {
  test('reads the report without the administrator actions', async () => {
    await logIn('viewer@dongnai.demo');
    await page.goto(`/reports?year=${YEAR}`);
    await reportSettled();
    await eventually(async () => expect(await statusText()).toBe('Đã mở lại'));
    await page.getByTestId('report-read-only').waitFor();
    await expect(page.getByTestId('report-actions').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Tải XLSX' }).isVisible()).resolves.toBe(true);
    await screenshot('08-viewer');
    await logOut();
  });
});

describe('ministry analyst', () => {
  test('sees Đồng Nai\u2019s 2024 report and "Chưa lập" for the other current provinces', async () => {
    await logIn('analyst@ministry.demo');
    await page.getByTestId('nav-reports').click();
    await page.waitForURL('**/reports');
    await page.getByTestId('ministry-annual-reports').waitFor();
    await page.getByLabel('Năm báo cáo', { exact: true }).selectOption(String(YEAR));
    await eventually(async () => expect(new URL(page.url()).searchParams.get('year')).toBe(String(YEAR)));

    const { provinces } = await graphql<{ provinces: Array<{ code: string; status: string }> }>(suite.server.url, token, '{ provinces { code status } }');
    const current = provinces.filter((p) => p.status === 'ACTIVE').map((p) => p.code);
    const rows = page.getByTestId('reports-table').getByTestId('report-row');
    await eventually(async () => {
      expect(await page.getByTestId('ministry-reports').getAttribute('data-loading')).toBe('false');
      expect(await rows.count()).toBe(current.length);
      expect(await page.locator(`[data-testid="report-row"][data-province="${DONG_NAI}"]`).getAttribute('data-status')).toBe('REOPENED');
    }, 20_000);

    const dongNai = page.locator(`[data-testid="report-row"][data-province="${DONG_NAI}"]`);
    await expect(dongNai.getByTestId('row-status').innerText()).resolves.toBe('Đã mở lại');
    await expect(dongNai.getByTestId('row-submitted-at').innerText()).resolves.toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    const others = await rows.evaluateAll((trs) =>
      trs.filter((tr) => tr.getAttribute('data-province') !== '75').map((tr) => tr.querySelector('[data-testid="row-status"]')?.textContent ?? ''),
    );
    expect(others.length).toBe(current.length - 1);
    expect(new Set(others)).toEqual(new Set(['Chưa lập']));
    await expect(page.getByTestId('reports-summary').innerText()).resolves.toContain(`${current.length - 1} chưa lập`);

    // The analyst downloads Đồng Nai's report too.
    const [download] = await Promise.all([page.waitForEvent('download'), dongNai.getByTestId(`download-xlsx-${DONG_NAI}`).click()]);
    expect(download.suggestedFilename()).toBe(`bao-cao-nam-${YEAR}-${DONG_NAI}.xlsx`);
    await screenshot('09-ministry');
  });
});
