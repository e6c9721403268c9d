import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { reportRows, reportText, type ReportLang, type ShiftReport } from '../core/losses/shift-report';

/** CJK fonts where the systems keep them, with the face to take from a collection. */
export interface FontFile {
  path: string;
  /** The face to take from a font collection (.ttc), by PostScript name. */
  family?: string;
}

export const CJK_FONTS: readonly FontFile[] = [
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYiMicroHei' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', family: 'WenQuanYiZenHei' },
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: 'C:\\Windows\\Fonts\\msyh.ttc', family: 'MicrosoftYaHei' },
  { path: 'C:\\Windows\\Fonts\\simhei.ttf' },
  { path: '/System/Library/Fonts/PingFang.ttc', family: 'PingFangSC-Regular' },
  { path: '/System/Library/Fonts/STHeiti Light.ttc', family: 'STHeitiSC-Light' },
];

/** The first CJK font this machine has, if any. */
export function findCjkFont(candidates: readonly FontFile[] = CJK_FONTS): FontFile | undefined {
  return candidates.find((f) => existsSync(f.path));
}

/**
 * The report as a PDF (A4). Chinese needs a CJK font from the system; without one the PDF is
 * written in English and `lang` in the result says so.
 */
export async function reportPdf(report: ShiftReport, wanted: ReportLang, fonts: readonly FontFile[] = CJK_FONTS): Promise<{ pdf: Buffer; lang: ReportLang }> {
  const font = findCjkFont(fonts);
  const lang: ReportLang = wanted === 'zh' && !font ? 'en' : wanted;
  const t = reportText(lang);
  const rows = reportRows(report, lang);
  const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: `${t.title} ${report.losses.line} ${report.losses.shift.id}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  if (lang === 'zh' && font) {
    if (font.family) doc.font(font.path, font.family);
    else doc.font(font.path);
  }
  else doc.font('Helvetica');
  const width = doc.page.width - 80;
  const tableOf = (head: readonly string[], body: ReadonlyArray<readonly string[]>, widths: readonly number[]): void => {
    const draw = (cells: readonly string[], bold: boolean): void => {
      if (doc.y > doc.page.height - 60) doc.addPage();
      const y = doc.y;
      let x = 40;
      let h = 0;
      cells.forEach((c, i) => {
        const w = (widths[i] ?? 0) * width;
        doc.fontSize(bold ? 9 : 8.5).text(c, x + 2, y + 2, { width: w - 4 });
        h = Math.max(h, doc.y - y + 2);
        x += w;
      });
      doc.moveTo(40, y + h).lineTo(40 + width, y + h).strokeColor('#aaaaaa').lineWidth(0.5).stroke();
      doc.x = 40;
      doc.y = y + h + 1;
    };
    if (head.some((c) => c !== '')) draw(head, true);
    for (const r of body) draw(r, false);
    doc.moveDown(0.6);
  };
  const section = (title: string): void => {
    doc.moveDown(0.4).fontSize(12).text(title, 40);
    doc.moveDown(0.2);
  };
  doc.fontSize(15).text(`${t.title} — ${report.plantName[lang]} / ${report.lineName[lang]} / ${t.shift} ${report.losses.shift.id}`);
  doc.moveDown(0.4);
  tableOf(['', ''], rows.header, [0.35, 0.65]);
  section(t.waterfall);
  tableOf([t.step, t.minutes, t.units, t.bottleneckMinutes], rows.waterfall, [0.52, 0.16, 0.16, 0.16]);
  section(t.causes);
  tableOf([t.station, t.reason, t.lost, t.lostMin, t.times], rows.causes, [0.28, 0.4, 0.11, 0.11, 0.1]);
  section(t.alarms);
  tableOf(['', ''], rows.alarms, [0.35, 0.65]);
  if (rows.forecasts.length > 0) {
    section(t.forecasts);
    tableOf([t.forecastMade, t.forecast, t.chance, t.forecastOff], rows.forecasts, [0.25, 0.35, 0.2, 0.2]);
  }
  doc.end();
  await done;
  return { pdf: Buffer.concat(chunks), lang };
}
