/**
 * Spreadsheet import in the browser: the Đồng Nai admin downloads the template, imports an XLSX of
 * member associations with one bad row (the preview names it, Import stays disabled, nothing is
 * written), fixes the file and imports it, then imports a CSV. Build server and client first.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { graphql, logInForToken, OUTPUT, parseCsv, readXlsx, setUpBrowserSuite } from './support';

const suite = setUpBrowserSuite({ dataDirPrefix: 'stp-e2e-import-' });
let page: Page;
let token = '';
beforeAll(() => {
  page = suite.page;
});

const TAG = `E2E${Date.now().toString(36)}`;
const HEADERS = ['Tên hội', 'Tên viết tắt', 'Lĩnh vực', 'Ngày thành lập', 'Tình trạng', 'Nhiệm kỳ', 'Số hội viên cá nhân', 'Số hội viên tập thể'];

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(OUTPUT, `import-${name}.png`), fullPage: true });
}

async function countTagged(): Promise<number> {
  const data = await graphql<{ memberAssociations: { totalCount: number } }>(suite.server.url, token,
    'query($s: String) { memberAssociations(filter: { search: $s }) { totalCount } }', { s: TAG });
  return data.memberAssociations.totalCount;
}

/** An .xlsx written with exceljs: headers typed loosely (no diacritics, other case), a real date cell. */
async function writeXlsx(file: string, badStatus: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Hội thành viên');
  sheet.addRow(['TEN HOI', 'Tên viết tắt', 'lĩnh vực', 'Ngày thành lập', 'Tình trạng', 'Số hội viên cá nhân']);
  sheet.addRow([`Hội Tin học ${TAG}`, 'HTH', 'Công nghệ thông tin', new Date(Date.UTC(2005, 2, 15)), 'Đang hoạt động', 120]);
  sheet.addRow([`Hội Cơ khí ${TAG}`, null, 'Cơ khí', null, badStatus, 45]);
  sheet.addRow([`Hội Môi trường ${TAG}`, 'HMT', 'Môi trường', '01/07/2010', 'Đang kiện toàn', 30]);
  await workbook.xlsx.writeFile(file);
}

async function chooseFile(file: string): Promise<void> {
  await page.getByTestId('import-file').setInputFiles(file);
  await page.getByTestId('import-preview').waitFor();
}

describe('spreadsheet import', () => {
  test('the template downloads in XLSX and CSV and parses back', async () => {
    token = await logInForToken(page, 'admin@dongnai.demo');
    await page.getByTestId('nav-import').click();
    await page.waitForURL('**/import');
    await page.getByRole('heading', { name: 'Nhập dữ liệu từ bảng tính', level: 1 }).waitFor();
    await page.getByTestId('import-template-xlsx').waitFor();

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-template-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/^mau-nhap-hoi-thanh-vien-.*\.xlsx$/);
    const xlsxFile = path.join(OUTPUT, 'import-template.xlsx');
    await xlsx.saveAs(xlsxFile);
    const [sheet] = [...(await readXlsx(xlsxFile)).values()];
    expect(sheet[0]).toEqual(HEADERS);
    expect(sheet[1][0]).toBe('Hội Tin học tỉnh Đồng Nai');
    expect(sheet).toHaveLength(2);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-template-csv').click()]);
    const csvFile = path.join(OUTPUT, 'import-template.csv');
    await csv.saveAs(csvFile);
    const rows = parseCsv(fs.readFileSync(csvFile, 'utf8').replace(/^\uFEFF/, ''));
    expect(rows[0]).toEqual(HEADERS);
    expect(rows[1][3]).toBe('15/03/2005');
  });

  test('a file with one bad row: the preview names it, Import is disabled and nothing is written', async () => {
    const file = path.join(OUTPUT, 'import-bad.xlsx');
    await writeXlsx(file, 'Không rõ');
    await chooseFile(file);
    await expect(page.getByTestId('import-summary').innerText()).resolves.toContain('3 dòng, 2 hợp lệ, 1 có lỗi');
    // Only the invalid rows are shown first.
    const problems = page.getByTestId('import-row-3-problems');
    await expect(problems.innerText()).resolves.toContain('"Tình trạng" phải là một trong');
    expect(await page.getByTestId('import-row-2').count()).toBe(0);
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
    await screenshot('bad-row');
    await page.getByTestId('import-only-invalid').uncheck();
    await page.getByTestId('import-row-2').waitFor();
    await expect(page.getByTestId('import-row-2-problems').innerText()).resolves.toContain('Hợp lệ');
    expect(await countTagged()).toBe(0);
  });

  test('the corrected file imports every row', async () => {
    const file = path.join(OUTPUT, 'import-fixed.xlsx');
    await writeXlsx(file, 'Tạm ngừng hoạt động');
    await page.getByTestId('import-reset').click();
    await page.getByTestId('import-preview').waitFor({ state: 'detached' });
    await chooseFile(file);
    await expect(page.getByTestId('import-summary').innerText()).resolves.toContain('3 dòng, 3 hợp lệ, 0 có lỗi');
    const commit = page.getByTestId('import-commit');
    expect(await commit.isEnabled()).toBe(true);
    await screenshot('ready');
    await commit.click();
    await expect(page.getByTestId('import-done').innerText()).resolves.toContain('Đã nhập 3 dòng');
    await screenshot('done');
    expect(await countTagged()).toBe(3);
    const data = await graphql<{ memberAssociations: { edges: Array<{ node: { name: string; status: string; foundedOn: string | null; individualMemberCount: number } }> } }>(
      suite.server.url, token,
      'query($s: String) { memberAssociations(filter: { search: $s }) { edges { node { name status foundedOn individualMemberCount } } } }', { s: TAG });
    expect(data.memberAssociations.edges.map((e) => e.node)).toEqual(expect.arrayContaining([
      { name: `Hội Tin học ${TAG}`, status: 'ACTIVE', foundedOn: '2005-03-15', individualMemberCount: 120 },
      { name: `Hội Cơ khí ${TAG}`, status: 'SUSPENDED', foundedOn: null, individualMemberCount: 45 },
      { name: `Hội Môi trường ${TAG}`, status: 'CONSOLIDATING', foundedOn: '2010-07-01', individualMemberCount: 30 },
    ]));
    await page.getByTestId('import-open-list').click();
    await page.waitForURL('**/associations');
  });

  test('a CSV file imports too, and a name already in the database is refused', async () => {
    await page.goto('/import');
    await page.getByTestId('import-file').waitFor();
    const file = path.join(OUTPUT, 'import-associations.csv');
    const csv = (rows: string[][]) => '\uFEFF' + rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n') + '\r\n';
    fs.writeFileSync(file, csv([['Tên hội', 'Lĩnh vực', 'Số hội viên tập thể'], [`Hội Tin học ${TAG}`, 'Tin học', '2'], [`Hội Hóa học ${TAG}`, 'Hóa học', '4']]));
    await chooseFile(file);
    await expect(page.getByTestId('import-row-2-problems').innerText()).resolves.toContain('đã có trong cơ sở dữ liệu');
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);

    fs.writeFileSync(file, csv([['Tên hội', 'Lĩnh vực', 'Số hội viên tập thể'], [`Hội Sinh học ${TAG}`, 'Sinh học', '2'], [`Hội Hóa học ${TAG}`, 'Hóa học', '4']]));
    await page.getByTestId('import-reset').click();
    await page.getByTestId('import-preview').waitFor({ state: 'detached' });
    await chooseFile(file);
    await page.getByTestId('import-commit').click();
    await expect(page.getByTestId('import-done').innerText()).resolves.toContain('Đã nhập 2 dòng');
    expect(await countTagged()).toBe(5);
  });
});
