// Draws a chart of a local spreadsheet as a plain inline SVG column chart, from its source ranges.
import type { sheets_v4 } from '@googleapis/sheets';
import { chartSources } from '../model/charts';
import { formattedValue } from '../model/cell-values';
import { FormulaEvaluator, displayText, type Value } from '../formulas/evaluator';
import { findTabById, type SpreadsheetModel } from '../model/spreadsheet';
import { escapeHtml } from './escape';

const WIDTH = 520;
const HEIGHT = 260;
const PAD = { top: 16, right: 12, bottom: 48, left: 44 };
/**
 * A category label's characters at most, about how wide each is at font size 11, and the room slanted ones take below
 * the bars (14 characters at 35° also stay right of the chart's left edge).
 */
const LABEL_CHARS = 14;
const CHAR_WIDTH = 6;
const SLANT_ROOM = 44;
const COLORS = ['#4285f4', '#db4437', '#f4b400', '#0f9d58', '#ab47bc', '#00acc1'];

/** The values a GridRange covers, in reading order (down a column, or along a row), formulas computed. */
function readSource(
  ss: SpreadsheetModel,
  range: sheets_v4.Schema$GridRange | undefined,
  evaluator: FormulaEvaluator,
): Value[] {
  if (!range) return [];
  const tab = findTabById(ss, range.sheetId ?? 0);
  if (!tab) return [];
  const { rowCount, columnCount } = tab.properties.gridProperties;
  const startRow = range.startRowIndex ?? 0;
  const startCol = range.startColumnIndex ?? 0;
  const endRow = Math.min(range.endRowIndex ?? rowCount, rowCount, tab.values.length);
  const endCol = Math.min(range.endColumnIndex ?? columnCount, columnCount);
  const out: Value[] = [];
  if (endCol - startCol === 1 || endRow - startRow !== 1) {
    for (let col = startCol; col < endCol; col += 1) {
      for (let row = startRow; row < endRow; row += 1) out.push(evaluator.value(tab, row, col));
    }
  } else {
    for (let col = startCol; col < endCol; col += 1) out.push(evaluator.value(tab, startRow, col));
  }
  while (out.length > 0 && out[out.length - 1] === null) out.pop();
  return out;
}

function label(value: Value | undefined): string {
  return value === undefined ? '' : displayText(value);
}

/** A bar's height: numbers, and text that reads as one; anything else (errors too) is 0. */
function numeric(value: Value | undefined): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return 0;
}

/** An SVG column chart (pie charts too: a column per slice), or a sentence saying why there is none. */
export function renderChartSvg(
  ss: SpreadsheetModel,
  chart: sheets_v4.Schema$EmbeddedChart,
  evaluator = new FormulaEvaluator(ss),
): string {
  const sources = chartSources(chart.spec);
  if (sources.series.length === 0)
    return '<p class="empty">Không vẽ được loại biểu đồ này (không có chuỗi dữ liệu).</p>';
  const header = sources.headerCount;
  const labels = readSource(ss, sources.domain, evaluator).slice(header).map(label);
  const series = sources.series.map((range, i) => {
    const values = readSource(ss, range, evaluator);
    return { name: header > 0 ? label(values[0]) : `Chuỗi ${i + 1}`, values: values.slice(header).map(numeric) };
  });
  const count = series.reduce((most, s) => Math.max(most, s.values.length), labels.length);
  if (count === 0) return '<p class="empty">Biểu đồ chưa có dữ liệu.</p>';

  const max = series.reduce((top, s) => s.values.reduce((m, v) => Math.max(m, v), top), 1);
  const plotW = WIDTH - PAD.left - PAD.right;
  const groupW = plotW / count;
  // Labels wider than their column are slanted, as Google slants them, in room taken from the bars.
  const slanted = labels.some((l) => Math.min(l.length, LABEL_CHARS) * CHAR_WIDTH > groupW);
  const plotH = HEIGHT - PAD.top - PAD.bottom - (slanted ? SLANT_ROOM : 0);
  const barW = Math.max(2, (groupW * 0.8) / series.length);
  const parts: string[] = [];
  parts.push(
    `<line x1="${PAD.left}" y1="${PAD.top + plotH}" x2="${WIDTH - PAD.right}" y2="${PAD.top + plotH}" stroke="#888"/>`,
  );
  parts.push(
    `<text x="${PAD.left - 6}" y="${PAD.top + 4}" text-anchor="end" font-size="11">${escapeHtml(formattedValue(max))}</text>`,
  );
  for (let i = 0; i < count; i += 1) {
    series.forEach((s, j) => {
      const value = s.values[i] ?? 0;
      const h = (Math.max(0, value) / max) * plotH;
      const x = PAD.left + i * groupW + groupW * 0.1 + j * barW;
      const color = COLORS[j % COLORS.length] ?? '#4285f4';
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${(PAD.top + plotH - h).toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="${color}"><title>${escapeHtml(`${labels[i] ?? ''} — ${s.name}: ${formattedValue(value)}`)}</title></rect>`,
      );
    });
    const cx = PAD.left + i * groupW + groupW / 2;
    const y = PAD.top + plotH + 14;
    const place = slanted
      ? `text-anchor="end" transform="rotate(-35 ${cx.toFixed(1)} ${String(y)})"`
      : 'text-anchor="middle"';
    parts.push(
      `<text x="${cx.toFixed(1)}" y="${String(y)}" ${place} font-size="11">${escapeHtml(truncate(labels[i] ?? '', LABEL_CHARS))}</text>`,
    );
  }
  series.forEach((s, j) => {
    const color = COLORS[j % COLORS.length] ?? '#4285f4';
    const y = HEIGHT - 12;
    const x = PAD.left + j * 130;
    parts.push(
      `<rect x="${x}" y="${y - 9}" width="10" height="10" fill="${color}"/><text x="${x + 14}" y="${y}" font-size="11">${escapeHtml(truncate(s.name, 18))}</text>`,
    );
  });
  const title = chart.spec?.title ?? 'Biểu đồ';
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escapeHtml(title)}">${parts.join('')}</svg>`;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
