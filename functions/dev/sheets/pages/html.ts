// The pages people open at /_local/sheets/: the list of local spreadsheets and each one's tabs, rules and charts.
import type { sheets_v4 } from '@googleapis/sheets';
import { columnLetters } from '../model/a1';
import { formattedValue } from '../model/cell-values';
import { renderChartSvg } from './chart-svg';
import { FormulaError, FormulaEvaluator, displayText } from '../formulas/evaluator';
import { escapeHtml } from './escape';
import {
  dataExtent,
  getCell,
  gridRangeA1,
  isFormula,
  type SpreadsheetModel,
  type TabModel,
} from '../model/spreadsheet';
import { localPage } from '../../local-page';
import { displayInstant } from '../../../src/domain/dates';

const MAX_ROWS_SHOWN = 200;
const MAX_COLUMNS_SHOWN = 52;

const STYLE = `
body{font-family:system-ui,sans-serif;margin:1.5rem;color:#202124}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #dadce0}h3{font-size:1rem}
table{border-collapse:collapse;font-size:13px}
th,td{border:1px solid #dadce0;padding:2px 6px;white-space:nowrap;max-width:24rem;overflow:hidden;text-overflow:ellipsis}
thead th,tbody th{background:#f1f3f4;color:#5f6368;font-weight:normal}
td.protected{background-image:repeating-linear-gradient(45deg,#fce8e6 0 4px,#fff 4px 8px)}
td.dropdown{outline:1px dashed #1a73e8;outline-offset:-2px}
.dd{color:#1a73e8;margin-left:4px;cursor:help}
td.formula{color:#188038}
td.formula.error{color:#d93025}
.meta,.empty{color:#5f6368}
nav a{margin-right:1rem}
.swatch{display:inline-block;width:1em;height:1em;border:1px solid #999;vertical-align:middle}
`;

function page(title: string, body: string): string {
  return localPage(
    title,
    STYLE,
    body,
    'Trang này chỉ có khi chạy cục bộ: bảng tính ở đây là bản giả lập của Google Trang tính.',
  );
}

function when(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return displayInstant(date);
}

/** The list of local spreadsheets with links to each. */
export function renderIndexPage(spreadsheets: readonly SpreadsheetModel[], basePath: string): string {
  if (spreadsheets.length === 0) {
    return page('Bảng tính cục bộ', '<h1>Bảng tính cục bộ</h1><p class="empty">Chưa có bảng tính nào.</p>');
  }
  const rows = spreadsheets
    .map((ss) => {
      const href = `${basePath}/${encodeURIComponent(ss.spreadsheetId)}`;
      return `<tr><td><a href="${escapeHtml(href)}">${escapeHtml(ss.properties.title)}</a></td><td><code>${escapeHtml(ss.spreadsheetId)}</code></td><td>${ss.tabs.length}</td><td>${escapeHtml(when(ss.updatedAt))}</td></tr>`;
    })
    .join('\n');
  return page(
    'Bảng tính cục bộ',
    `<h1>Bảng tính cục bộ</h1>
<table><thead><tr><th>Bảng tính</th><th>Mã bảng tính</th><th>Số trang tính</th><th>Cập nhật lúc</th></tr></thead>
<tbody>
${rows}
</tbody></table>`,
  );
}

export function renderNotFoundPage(spreadsheetId: string, basePath: string): string {
  return page(
    'Không tìm thấy bảng tính',
    `<h1>Không tìm thấy bảng tính</h1><p>Không có bảng tính nào có mã <code>${escapeHtml(spreadsheetId)}</code>.</p><p><a href="${escapeHtml(`${basePath}/`)}">Về danh sách bảng tính</a></p>`,
  );
}

/** One spreadsheet: every tab as a table, with its dropdowns, protected ranges, rules and charts. */
export function renderSpreadsheetPage(ss: SpreadsheetModel, basePath: string): string {
  const nav = ss.tabs
    .map((tab) => `<a href="#tab-${tab.properties.sheetId}">${escapeHtml(tab.properties.title)}</a>`)
    .join('');
  // One evaluation pass for the whole page: formulas and the charts built on them share it.
  const evaluator = new FormulaEvaluator(ss);
  const sections = ss.tabs.map((tab) => renderTab(ss, tab, evaluator)).join('\n');
  return page(
    ss.properties.title,
    `<p><a href="${escapeHtml(`${basePath}/`)}">← Tất cả bảng tính</a></p>
<h1>Bảng tính: ${escapeHtml(ss.properties.title)}</h1>
<p class="meta">Mã bảng tính: <code>${escapeHtml(ss.spreadsheetId)}</code> · Cập nhật lúc ${escapeHtml(when(ss.updatedAt))}</p>
<nav>Trang tính: ${nav}</nav>
${sections}`,
  );
}

function renderTab(ss: SpreadsheetModel, tab: TabModel, evaluator: FormulaEvaluator): string {
  const { rowCount, columnCount, frozenRowCount } = tab.properties.gridProperties;
  const meta = [`${rowCount} hàng × ${columnCount} cột`];
  if (frozenRowCount) meta.push(`cố định ${frozenRowCount} hàng đầu`);
  return `<section id="tab-${tab.properties.sheetId}">
<h2>Trang tính: ${escapeHtml(tab.properties.title)}</h2>
<p class="meta">${escapeHtml(meta.join(' · '))}</p>
${renderGrid(tab, evaluator)}
${renderValidations(tab)}
${renderProtectedRanges(ss, tab)}
${renderConditionalFormats(ss, tab)}
${renderCharts(ss, tab, evaluator)}
</section>`;
}

function protectedCells(tab: TabModel): (row: number, col: number) => boolean {
  const rects = tab.protectedRanges.map((pr) => ({
    startRow: pr.range?.startRowIndex ?? 0,
    endRow: pr.range?.endRowIndex ?? Number.MAX_SAFE_INTEGER,
    startCol: pr.range?.startColumnIndex ?? 0,
    endCol: pr.range?.endColumnIndex ?? Number.MAX_SAFE_INTEGER,
  }));
  return (row, col) => rects.some((r) => row >= r.startRow && row < r.endRow && col >= r.startCol && col < r.endCol);
}

function renderGrid(tab: TabModel, evaluator: FormulaEvaluator): string {
  const { rowCount, columnCount, frozenRowCount = 0 } = tab.properties.gridProperties;
  const extent = dataExtent(tab);
  const layerCols = [tab.formats, tab.dataValidations, tab.notes].reduce(
    (max, layer) => layer.reduce((widest, line) => Math.max(widest, line.length), max),
    0,
  );
  // Show the data and a few empty rows after it (dropdowns are usually set well below the data).
  const rows = Math.min(rowCount, MAX_ROWS_SHOWN, Math.max(extent.rows + 3, frozenRowCount, 1));
  const cols = Math.min(columnCount, MAX_COLUMNS_SHOWN, Math.max(extent.cols, layerCols, 1));
  if (extent.rows === 0 && layerCols === 0) return '<p class="empty">Trang tính trống.</p>';
  const isProtected = protectedCells(tab);
  const head = Array.from({ length: cols }, (_, c) => `<th>${columnLetters(c)}</th>`).join('');
  const body: string[] = [];
  for (let row = 0; row < rows; row += 1) {
    const cells: string[] = [];
    for (let col = 0; col < cols; col += 1) cells.push(renderCell(tab, row, col, isProtected(row, col), evaluator));
    body.push(`<tr><th>${row + 1}</th>${cells.join('')}</tr>`);
  }
  const note =
    rows < Math.min(rowCount, extent.rows + 3) || cols < Math.max(extent.cols, layerCols)
      ? `<p class="meta">Chỉ hiển thị ${rows} hàng × ${cols} cột đầu tiên.</p>`
      : '';
  return `<table class="grid"><thead><tr><th></th>${head}</tr></thead><tbody>
${body.join('\n')}
</tbody></table>${note}`;
}

/** A cell as Google shows it: a formula's computed value, with the formula (and any error) in the tooltip. */
function renderCell(
  tab: TabModel,
  row: number,
  col: number,
  isProtected: boolean,
  evaluator: FormulaEvaluator,
): string {
  const value = getCell(tab.values, row, col);
  const classes: string[] = [];
  const tips: string[] = [];
  let text = '';
  const format = getCell(tab.formats, row, col);
  if (isFormula(value)) {
    const computed = evaluator.value(tab, row, col);
    text = displayText(computed, format);
    classes.push('formula');
    tips.push(`Công thức: ${value.formula}`);
    if (computed instanceof FormulaError) {
      classes.push('error');
      tips.push(`Lỗi: ${computed.message}`);
    }
  } else if (value !== null) {
    text = formattedValue(value, format);
  }
  if (isProtected) classes.push('protected');
  let marker = '';
  const rule = getCell(tab.dataValidations, row, col);
  if (rule) {
    classes.push('dropdown');
    marker = `<span class="dd" title="${escapeHtml(`Lựa chọn: ${ruleOptions(rule)}`)}">▾</span>`;
  }
  const note = getCell(tab.notes, row, col);
  if (note !== null) tips.push(`Ghi chú: ${note}`);
  const title = tips.length === 0 ? '' : ` title="${escapeHtml(tips.join('\n'))}"`;
  const style = cellStyle(format);
  const cls = classes.length > 0 ? ` class="${classes.join(' ')}"` : '';
  return `<td${cls}${style}${title}>${escapeHtml(text)}${marker}</td>`;
}

/** Only bold and background colour, from numbers: nothing a person typed reaches the style attribute. */
function cellStyle(format: sheets_v4.Schema$CellFormat | null): string {
  if (!format) return '';
  const parts: string[] = [];
  if (format.textFormat?.bold === true) parts.push('font-weight:bold');
  const bg = format.backgroundColor;
  if (bg) parts.push(`background-color:${rgb(bg)}`);
  return parts.length > 0 ? ` style="${parts.join(';')}"` : '';
}

function rgb(color: sheets_v4.Schema$Color): string {
  const channel = (v: number | null | undefined): number => Math.round(Math.min(1, Math.max(0, v ?? 0)) * 255);
  return `rgb(${channel(color.red)},${channel(color.green)},${channel(color.blue)})`;
}

// ---- rules as text ----

const CONDITIONS: Readonly<Record<string, string>> = {
  ONE_OF_LIST: 'Danh sách',
  ONE_OF_RANGE: 'Danh sách từ vùng',
  BOOLEAN: 'Hộp kiểm',
  BLANK: 'Ô trống',
  NOT_BLANK: 'Ô không trống',
  CUSTOM_FORMULA: 'Công thức tùy chỉnh',
  NUMBER_GREATER: 'Số lớn hơn',
  NUMBER_GREATER_THAN_EQ: 'Số lớn hơn hoặc bằng',
  NUMBER_LESS: 'Số nhỏ hơn',
  NUMBER_LESS_THAN_EQ: 'Số nhỏ hơn hoặc bằng',
  NUMBER_EQ: 'Số bằng',
  NUMBER_NOT_EQ: 'Số khác',
  NUMBER_BETWEEN: 'Số trong khoảng',
  NUMBER_NOT_BETWEEN: 'Số ngoài khoảng',
  TEXT_CONTAINS: 'Văn bản chứa',
  TEXT_NOT_CONTAINS: 'Văn bản không chứa',
  TEXT_STARTS_WITH: 'Văn bản bắt đầu bằng',
  TEXT_ENDS_WITH: 'Văn bản kết thúc bằng',
  TEXT_EQ: 'Văn bản đúng bằng',
  TEXT_IS_EMAIL: 'Là địa chỉ thư điện tử',
  TEXT_IS_URL: 'Là đường dẫn',
  DATE_EQ: 'Ngày bằng',
  DATE_BEFORE: 'Ngày trước',
  DATE_AFTER: 'Ngày sau',
  DATE_BETWEEN: 'Ngày trong khoảng',
  DATE_IS_VALID: 'Là ngày hợp lệ',
};

function conditionText(condition: sheets_v4.Schema$BooleanCondition | undefined): string {
  const type = condition?.type ?? 'CONDITION_TYPE_UNSPECIFIED';
  const values = (condition?.values ?? [])
    .map((v) => v.userEnteredValue ?? v.relativeDate ?? '')
    .filter((v) => v !== '');
  const name = CONDITIONS[type] ?? type;
  return values.length > 0 ? `${name}: ${values.join(', ')}` : name;
}

function ruleOptions(rule: sheets_v4.Schema$DataValidationRule): string {
  return conditionText(rule.condition ?? undefined);
}

/** Dropdowns grouped by rule, each with the cells it covers as column runs (e.g. B2:B40). */
function renderValidations(tab: TabModel): string {
  const groups = new Map<string, { rule: sheets_v4.Schema$DataValidationRule; runs: string[] }>();
  const width = tab.dataValidations.reduce((max, line) => Math.max(max, line.length), 0);
  for (let col = 0; col < width; col += 1) {
    let runStart = -1;
    let runKey = '';
    const close = (endRow: number): void => {
      if (runStart < 0) return;
      const group = groups.get(runKey);
      const a1 =
        endRow - 1 === runStart
          ? `${columnLetters(col)}${runStart + 1}`
          : `${columnLetters(col)}${runStart + 1}:${columnLetters(col)}${endRow}`;
      group?.runs.push(a1);
      runStart = -1;
    };
    for (let row = 0; row <= tab.dataValidations.length; row += 1) {
      const rule = getCell(tab.dataValidations, row, col);
      const key = rule ? JSON.stringify(rule) : '';
      if (key !== runKey || !rule) close(row);
      if (rule && runStart < 0) {
        runStart = row;
        runKey = key;
        if (!groups.has(key)) groups.set(key, { rule, runs: [] });
      }
    }
  }
  if (groups.size === 0) return '';
  const items = [...groups.values()]
    .map(({ rule, runs }) => {
      const strict = rule.strict ? ' (chỉ nhận giá trị hợp lệ)' : ' (chỉ cảnh báo)';
      return `<li><code>${escapeHtml(runs.join(', '))}</code> — ${escapeHtml(ruleOptions(rule))}${strict}</li>`;
    })
    .join('\n');
  return `<h3>Ô có danh sách thả xuống (xác thực dữ liệu)</h3><ul>
${items}
</ul>`;
}

function renderProtectedRanges(ss: SpreadsheetModel, tab: TabModel): string {
  if (tab.protectedRanges.length === 0) return '';
  const items = tab.protectedRanges
    .map((pr) => {
      const parts = [`<code>${escapeHtml(gridRangeA1(ss, pr.range))}</code>`];
      if (pr.description) parts.push(escapeHtml(pr.description));
      parts.push(pr.warningOnly ? 'chỉ cảnh báo khi sửa' : 'chặn sửa');
      const editors = pr.editors?.users ?? [];
      if (editors.length > 0) parts.push(`người được sửa: ${escapeHtml(editors.join(', '))}`);
      return `<li>${parts.join(' — ')}</li>`;
    })
    .join('\n');
  return `<h3>Vùng được bảo vệ</h3><ul>
${items}
</ul>`;
}

function renderConditionalFormats(ss: SpreadsheetModel, tab: TabModel): string {
  if (tab.conditionalFormats.length === 0) return '';
  const items = tab.conditionalFormats
    .map((rule) => {
      const ranges = (rule.ranges ?? []).map((range) => gridRangeA1(ss, range)).join(', ');
      let what: string;
      if (rule.booleanRule) {
        const bg = rule.booleanRule.format?.backgroundColor;
        const swatch = bg ? ` <span class="swatch" style="background-color:${rgb(bg)}"></span>` : '';
        what = `${escapeHtml(conditionText(rule.booleanRule.condition ?? undefined))}${swatch}`;
      } else {
        what = 'Thang màu';
      }
      return `<li><code>${escapeHtml(ranges)}</code> — ${what}</li>`;
    })
    .join('\n');
  return `<h3>Định dạng có điều kiện</h3><ol>
${items}
</ol>`;
}

function renderCharts(ss: SpreadsheetModel, tab: TabModel, evaluator: FormulaEvaluator): string {
  if (tab.charts.length === 0) return '';
  const figures = tab.charts
    .map((chart) => {
      const title = chart.spec?.title ?? 'Biểu đồ không tên';
      return `<figure data-chart-id="${String(chart.chartId ?? '')}"><figcaption>${escapeHtml(title)}</figcaption>${renderChartSvg(ss, chart, evaluator)}</figure>`;
    })
    .join('\n');
  return `<h3>Biểu đồ</h3>
${figures}`;
}
