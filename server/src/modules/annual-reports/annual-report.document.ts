import { ProvinceKind } from '../provinces/province.entity';
import { AnnualReportStatus, FigureSource } from './annual-report.entity';
import type { ReportDocument } from './annual-report.service';

/**
 * The annual report as a document a clerk can file: a printable page in the administrative layout
 * of Nghị định 30/2020/NĐ-CP (motto, issuing body, number, place and date, title, body, signature),
 * and an XLSX workbook with the same figures as numbers.
 */

const SOURCE_VI: Record<FigureSource, string> = {
  [FigureSource.LIVE]: 'Số liệu hiện tại (chưa nộp)',
  [FigureSource.SUBMITTED]: 'Số liệu đã nộp',
};

const STATUS_VI: Record<AnnualReportStatus, string> = {
  [AnnualReportStatus.DRAFT]: 'Dự thảo',
  [AnnualReportStatus.SUBMITTED]: 'Đã nộp',
  [AnnualReportStatus.REOPENED]: 'Đã mở lại để điều chỉnh',
};

/** "tỉnh Đồng Nai" / "thành phố Hồ Chí Minh": how the province is named in a heading. */
function provincePhrase(doc: ReportDocument): { unit: string; place: string } {
  const place = doc.province.name.replace(/^TP\.\s*/, '');
  return { unit: `${doc.province.kind === ProvinceKind.CITY ? 'thành phố' : 'tỉnh'} ${place}`, place };
}

/** The day the document is dated: its submission, else today. */
function documentDay(doc: ReportDocument): string {
  const at = doc.report?.status === AnnualReportStatus.SUBMITTED && doc.report.submittedAt ? doc.report.submittedAt : null;
  if (!at) return doc.today;
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(at));
}

function statusLine(doc: ReportDocument): string {
  return doc.report ? STATUS_VI[doc.report.status] : 'Chưa lập báo cáo';
}

// Made on first use: loading ICU's Vietnamese number format costs the start about 12 ms.
let numberVi: Intl.NumberFormat | undefined;
const fmt = (n: number | null) => (n === null ? '–' : (numberVi ??= new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 })).format(n));

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function reportFileName(doc: ReportDocument, ext: 'xlsx' | 'html'): string {
  return `bao-cao-nam-${doc.year}-${doc.province.code}.${ext}`;
}

export function renderHtml(doc: ReportDocument): string {
  const { unit, place } = provincePhrase(doc);
  const [y, m, d] = documentDay(doc).split('-');
  const rows = doc.figures.map((f, i) => `
      <tr>
        <td class="c">${i + 1}</td>
        <td>${escapeHtml(f.name)}</td>
        <td class="c">${escapeHtml(f.unit)}</td>
        <td class="n">${fmt(f.numerator)}</td>
        <td class="n">${fmt(f.denominator)}</td>
        <td class="n"><strong>${fmt(f.value)}</strong></td>
        <td class="c">${SOURCE_VI[f.source]}</td>
      </tr>`).join('');
  const sources = [...new Set(doc.figures.map((f) => f.source))];
  const sourceNote = sources.length === 0 ? 'Chưa có số liệu.'
    : sources.includes(FigureSource.LIVE)
      ? 'Số liệu hiện tại, tính từ dữ liệu đang cập nhật; có thể thay đổi cho đến khi báo cáo được nộp.'
      : 'Số liệu đã nộp: bản chốt tại thời điểm nộp báo cáo.';
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>Báo cáo kết quả hoạt động khoa học và công nghệ năm ${doc.year} – ${escapeHtml(doc.province.name)}</title>
<style>
  @page { size: A4; margin: 20mm 15mm 20mm 30mm; }
  body { font-family: "Times New Roman", Times, serif; font-size: 13pt; line-height: 1.35; color: #000; max-width: 170mm; margin: 0 auto; }
  .head { display: flex; justify-content: space-between; text-align: center; }
  .head > div { width: 48%; }
  .upper { text-transform: uppercase; }
  .motto { font-weight: bold; }
  .rule { display: block; width: 40%; margin: 2px auto 0; border-top: 1px solid #000; }
  .italic { font-style: italic; }
  h1 { text-align: center; font-size: 14pt; margin: 18px 0 0; }
  h2 { text-align: center; font-size: 14pt; margin: 0 0 14px; font-weight: bold; }
  table.fig { width: 100%; border-collapse: collapse; font-size: 12pt; }
  table.fig th, table.fig td { border: 1px solid #000; padding: 3px 5px; vertical-align: top; }
  td.c { text-align: center; } td.n { text-align: right; white-space: nowrap; }
  .sign { display: flex; justify-content: space-between; margin-top: 24px; }
  .sign .to { width: 45%; font-size: 11pt; } .sign .by { width: 45%; text-align: center; font-weight: bold; }
  @media print { .noprint { display: none; } }
</style>
</head>
<body>
  <div class="head">
    <div>
      <div class="upper">Liên hiệp các Hội Khoa học và Kỹ thuật</div>
      <div class="upper"><strong>${escapeHtml(unit)}</strong><span class="rule"></span></div>
      <div>Số: &nbsp;&nbsp;&nbsp;&nbsp;/BC-LHH</div>
    </div>
    <div>
      <div class="motto">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>
      <div class="motto">Độc lập - Tự do - Hạnh phúc<span class="rule"></span></div>
      <div class="italic">${escapeHtml(place)}, ngày ${d} tháng ${m} năm ${y}</div>
    </div>
  </div>
  <h1>BÁO CÁO</h1>
  <h2>Kết quả hoạt động khoa học và công nghệ năm ${doc.year}</h2>
  <p>Thực hiện yêu cầu báo cáo định kỳ hằng năm (hạn nộp trước ngày 15/11/${doc.year}), Liên hiệp các Hội Khoa học và Kỹ thuật ${escapeHtml(unit)} báo cáo kết quả năm ${doc.year} như sau.</p>
  <p>Tình trạng báo cáo: <strong>${statusLine(doc)}</strong>. Nguồn số liệu: ${sourceNote}</p>
  ${doc.report?.notes ? `<p>Ghi chú: ${escapeHtml(doc.report.notes)}</p>` : ''}
  <table class="fig">
    <thead>
      <tr><th>STT</th><th>Chỉ tiêu</th><th>Đơn vị tính</th><th>Tử số</th><th>Mẫu số</th><th>Giá trị</th><th>Nguồn số liệu</th></tr>
    </thead>
    <tbody>${rows}
    </tbody>
  </table>
  <div class="sign">
    <div class="to"><strong class="italic">Nơi nhận:</strong><br>- Sở Khoa học và Công nghệ;<br>- UBND ${escapeHtml(unit)};<br>- Lưu: VT.</div>
    <div class="by">TM. BAN THƯỜNG TRỰC<br>CHỦ TỊCH<br><span class="italic" style="font-weight:normal">(Ký, ghi rõ họ tên và đóng dấu)</span><br><br><br><br></div>
  </div>
</body>
</html>
`;
}

export async function renderXlsx(doc: ReportDocument): Promise<Buffer> {
  const { unit, place } = provincePhrase(doc);
  // exceljs takes about a quarter of a second to load: it is loaded by the first XLSX download, not at start.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ExcelJS = require('exceljs') as typeof import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'STP';
  wb.created = new Date();
  const ws = wb.addWorksheet(`Báo cáo ${doc.year}`, { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1 } });
  ws.columns = [
    { key: 'no', width: 6 }, { key: 'code', width: 28 }, { key: 'name', width: 52 }, { key: 'unit', width: 12 },
    { key: 'numerator', width: 12 }, { key: 'denominator', width: 12 }, { key: 'value', width: 12 }, { key: 'source', width: 28 },
  ];
  const [y, m, d] = documentDay(doc).split('-');
  ws.addRow(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM — Độc lập - Tự do - Hạnh phúc']).font = { bold: true };
  ws.addRow([`Liên hiệp các Hội Khoa học và Kỹ thuật ${unit}`.toUpperCase()]);
  ws.addRow([`Số: …/BC-LHH — ${place}, ngày ${d} tháng ${m} năm ${y}`]);
  ws.addRow([`BÁO CÁO Kết quả hoạt động khoa học và công nghệ năm ${doc.year}`]).font = { bold: true, size: 14 };
  ws.addRow([`Tình trạng: ${statusLine(doc)}`]);
  ws.addRow([]);
  const header = ws.addRow(['STT', 'Mã chỉ tiêu', 'Chỉ tiêu', 'Đơn vị tính', 'Tử số', 'Mẫu số', 'Giá trị', 'Nguồn số liệu']);
  header.font = { bold: true };
  header.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
  });
  doc.figures.forEach((f, i) => {
    const row = ws.addRow([i + 1, f.indicatorCode, f.name, f.unit, f.numerator, f.denominator, f.value, SOURCE_VI[f.source]]);
    row.eachCell({ includeEmpty: true }, (c) => {
      c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
    });
    for (const col of [5, 6, 7]) row.getCell(col).numFmt = '#,##0.##';
  });
  ws.views = [{ state: 'frozen', ySplit: 7 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
