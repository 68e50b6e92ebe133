// A report's chart in the PDF: pdfmake's vector canvas draws the bars, its text (Roboto, NFC) writes every label.
//
// Why canvas rather than an `svg` node: an SVG goes through svg-to-pdfkit, which sets its own text outside pdfmake's
// fonts (Vietnamese needs Roboto) and whose labels would have to be placed by hand; here each label is ordinary
// pdfmake text, found by pdftotext and copied by a reader, and each bar a rectangle path (`re`) in the page's content.
import type { CanvasElement, Column, Content } from 'pdfmake/interfaces';
import type { Chart } from '../../domain/letter';

type Panel = Chart['panels'][number];
type Bar = Panel['bars'][number];

/** Greys that stay apart on a black-and-white printer; each bar also carries a dark outline and its label. */
export const CHART_SHADES = ['#3c3c3c', '#6f6f6f', '#a3a3a3', '#d0d0d0'] as const;
const OUTLINE = '#222222';
const FONT_SIZE = 8.5;
/** Room a character takes at FONT_SIZE in Roboto, generous enough for capitals and diacritics. */
const CHAR_WIDTH = 4.7;
const BAR_HEIGHT = 8;
const PANEL_MIN_WIDTH = 230;
const COLUMN_GAP = 18;
/** Cell paddings of a bar row: three cells, 2 pt either side. */
const PADDING = 12;

const textWidth = (texts: readonly string[]): number =>
  Math.ceil(Math.max(3, ...texts.map((t) => t.length)) * CHAR_WIDTH) + 4;

/** The outlined track (`of`) and the filled bar (`value`), both scaled to `width` for the panel's scale. */
function barShapes(bar: Bar, scale: number, width: number): CanvasElement[] {
  const length = (n: number): number => (scale <= 0 ? 0 : (Math.min(n, scale) / scale) * width);
  const shapes: CanvasElement[] = [];
  if (bar.of !== undefined && bar.of > 0)
    shapes.push({ type: 'rect', x: 0, y: 1, w: length(bar.of), h: BAR_HEIGHT, lineWidth: 0.5, lineColor: '#777777' });
  if (bar.value > 0)
    shapes.push({
      type: 'rect',
      x: 0,
      y: 1,
      w: length(bar.value),
      h: BAR_HEIGHT,
      color: CHART_SHADES[bar.shade ?? 0],
      lineWidth: 0.6,
      lineColor: OUTLINE,
    });
  // An empty row keeps its height, so labels stay level with their bars.
  if (shapes.length === 0)
    shapes.push({ type: 'line', x1: 0, y1: 1 + BAR_HEIGHT, x2: 0, y2: 1 + BAR_HEIGHT, lineWidth: 0 });
  return shapes;
}

/** The widths of a row's label, bar and value: alike in every panel of a chart, so panels on one scale compare. */
interface RowWidths {
  label: number;
  bar: number;
  value: number;
}

function panelContent(panel: Panel, width: number, row: RowWidths): Column {
  return {
    width,
    stack: [
      { text: panel.title, bold: true, fontSize: 9, margin: [0, 0, 0, 3] },
      {
        table: {
          widths: [row.label, row.bar, row.value],
          body: panel.bars.map((bar) => [
            { text: bar.label, fontSize: FONT_SIZE, alignment: 'right' },
            { canvas: barShapes(bar, panel.scale, row.bar) },
            { text: bar.text, fontSize: FONT_SIZE },
          ]),
        },
        layout: {
          hLineWidth: () => 0,
          vLineWidth: (i: number) => (i === 1 ? 0.8 : 0),
          vLineColor: () => OUTLINE,
          paddingLeft: () => 2,
          paddingRight: () => 2,
          paddingTop: () => 1,
          paddingBottom: () => 1,
        },
      },
    ],
  };
}

/** The chart as one unbreakable block: the title, the panels side by side (as many as fit a row), the reading. */
export function chartContent(chart: Chart, contentWidth: number): Content {
  const perRow = Math.max(1, Math.min(chart.panels.length, Math.floor(contentWidth / PANEL_MIN_WIDTH)));
  const panelWidth = (contentWidth - COLUMN_GAP * (perRow - 1)) / perRow;
  const bars = chart.panels.flatMap((p) => p.bars);
  const label = textWidth(bars.map((b) => b.label));
  const value = textWidth(bars.map((b) => b.text));
  const widths = { label, value, bar: Math.max(40, panelWidth - label - value - PADDING) };
  const rows: Content[] = [];
  for (let i = 0; i < chart.panels.length; i += perRow) {
    const panels = chart.panels.slice(i, i + perRow).map((p) => panelContent(p, panelWidth, widths));
    const filler = Array.from({ length: perRow - panels.length }, (): Column => ({ width: panelWidth, text: '' }));
    rows.push({ columns: [...panels, ...filler], columnGap: COLUMN_GAP, margin: [0, 0, 0, 6] });
  }
  return {
    stack: [
      { text: chart.title, bold: true, fontSize: 11, alignment: 'center', margin: [0, 0, 0, 6] },
      ...rows,
      { text: chart.reading, italics: true, fontSize: 9.5, alignment: 'center', margin: [0, 2, 0, 0] },
    ],
    unbreakable: true,
    margin: [0, 0, 0, 12],
  };
}
