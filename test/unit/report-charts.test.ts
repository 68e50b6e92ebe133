// The reports' charts read back from the PDF: poppler's pdftotext finds the chart's words on the first page before the
// tables; poppler's pdftocairo turns the page into SVG, whose rectangles are the bars, measured against known data.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDocumentPdf } from '../../functions/src/adapters/mail/pdf';
import { annualDrafts } from '../../functions/src/app/mail/reports/annual';
import { phaseDrafts } from '../../functions/src/app/mail/reports/phase';
import { quarterlyDrafts } from '../../functions/src/app/mail/reports/quarterly';
import type { MailDraft } from '../../functions/src/ports';
import { must } from '../helpers';
import { UNIT } from './domain/fixtures';
import { an, binh, lan, config, snapshot } from './report-fixtures';

/** A rectangle of the page in points (y down), and its fill as a grey percentage (null: outlined only). */
interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
  fill: number | null;
}

/** The printed greys of CHART_SHADES (#3c3c3c, #6f6f6f, #a3a3a3, #d0d0d0) as cairo writes them, rounded. */
const SHADE = [24, 44, 64, 82];

interface FirstPage {
  text: string;
  /** Filled bars (with their grey) and the outlined tracks behind them, top to bottom, left to right. */
  bars: Rect[];
  tracks: Rect[];
}

/** The attachment rendered to PDF, its first page read back as text and as vector paths. */
async function firstPage(draft: MailDraft | undefined): Promise<FirstPage> {
  const pdf = await renderDocumentPdf(must(must(draft).letter.attachments[0]).document);
  const dir = mkdtempSync(join(tmpdir(), 'journey-chart-'));
  writeFileSync(join(dir, 'report.pdf'), pdf);
  const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', join(dir, 'report.pdf'), '-'], {
    encoding: 'utf8',
  });
  execFileSync('pdftocairo', ['-svg', '-f', '1', '-l', '1', join(dir, 'report.pdf'), join(dir, 'page.svg')]);
  const svg = readFileSync(join(dir, 'page.svg'), 'utf8');
  const rects: Rect[] = [];
  const path = /<path style="([^"]*)" d="M ([\d.]+) ([\d.]+) L ([\d.]+) [\d.]+ L [\d.]+ ([\d.]+) L [\d.]+ [\d.]+ Z/g;
  for (const m of svg.matchAll(path)) {
    const [style, x, y, x1, y1] = [m[1] ?? '', Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])];
    const fill = /fill:rgb\(([\d.]+)%/.exec(style);
    rects.push({ x, y, w: x1 - x, h: y1 - y, fill: fill ? Number(fill[1]) : style.includes('fill:none') ? null : -1 });
  }
  // Bars and tracks are 8 pt high; a table's header fill or an underline is not.
  const chart = rects.filter((r) => Math.abs(r.h - 8) < 0.05 && r.w > 0);
  const order = (a: Rect, b: Rect): number => a.x - b.x || a.y - b.y;
  return {
    text,
    bars: chart.filter((r) => r.fill !== null && r.fill >= 0).sort(order),
    tracks: chart.filter((r) => r.fill === null).sort(order),
  };
}

const index = (text: string, words: string): number => {
  const at = text.indexOf(words);
  expect(at, words).toBeGreaterThanOrEqual(0);
  return at;
};

/** Each bar's length as a share of `full`, and its grey. */
const shares = (bars: readonly Rect[], full: number): [number, number][] =>
  bars.map((b) => [Math.round((b.w / full) * 1000) / 1000, Math.round(b.fill ?? -1)]);

describe('report charts in the PDF', () => {
  it('quarterly: the unit’s chart opens the first page, bars drawn as paths at their share of the unit’s members', async () => {
    const draft = quarterlyDrafts(snapshot('quarterly', '2019-Q3', { units: new Set([UNIT.snv]) }))[0];
    const { text, bars, tracks } = await firstPage(draft);
    const title = index(text, 'Tiến độ của đoàn viên ưu tú Đoàn Sở Nội vụ');
    for (const words of ['Hoàn thành theo nhiệm vụ', 'Xếp loại hiện tại', 'BB1', 'TT4', 'Xuất sắc', 'Chưa đạt']) {
      expect(index(text, words)).toBeGreaterThan(title);
    }
    expect(text).toMatch(/BB1 +1\/2/);
    expect(text).toMatch(/Tốt +1 \(50 %\)/);
    const reading = index(text, '1/2 đoàn viên đã hoàn thành hành trình năm; 1 xếp loại Tốt trở lên');
    expect(index(text, 'I. TÌNH HÌNH CHUNG')).toBeGreaterThan(reading);
    // Two members: seven tasks registered by both (BB1–3, RL1–3, TT1), done by one; four grades, one Tốt, one Chưa đạt.
    const [taskTracks, gradeTracks] = [tracks.slice(0, 7), tracks.slice(7)];
    expect(tracks).toHaveLength(11);
    const taskWidth = must(taskTracks[0]).w;
    expect(taskTracks.every((t) => Math.abs(t.w - taskWidth) < 0.01)).toBe(true);
    expect(shares(bars.slice(0, 7), taskWidth)).toEqual(Array.from({ length: 7 }, () => [0.5, SHADE[0]]));
    expect(bars.slice(0, 7).map((b) => b.y)).toEqual(taskTracks.map((t) => t.y));
    const gradeWidth = must(gradeTracks[0]).w;
    expect(shares(bars.slice(7), gradeWidth)).toEqual([
      [0.5, SHADE[1]],
      [0.5, SHADE[3]],
    ]);
    expect(bars.slice(7).map((b) => b.y)).toEqual([must(gradeTracks[1]).y, must(gradeTracks[3]).y]);
  });

  it('annual: the bloc’s chart, each bar a third of the track for one member of three', async () => {
    const { text, bars, tracks } = await firstPage(annualDrafts(snapshot('annual', '2019'))[0]);
    expect(index(text, 'I. KẾT QUẢ CHUNG')).toBeGreaterThan(index(text, 'Tiến độ của đoàn viên ưu tú toàn Khối'));
    expect(text).toContain('1/3 đoàn viên đã hoàn thành hành trình năm');
    expect(text).toMatch(/Chưa đạt +2 \(67 %\)/);
    const taskWidth = must(tracks[0]).w;
    expect(shares(bars.slice(0, 7), taskWidth)).toEqual(Array.from({ length: 7 }, () => [0.333, SHADE[0]]));
    expect(shares(bars.slice(7), must(tracks.at(-1)).w)).toEqual([
      [0.333, SHADE[1]],
      [0.667, SHADE[3]],
    ]);
  });

  it('phase: the funnel per year on one scale, registered → completed → introduced → admitted, before the tables', async () => {
    const admitted = { introducedAt: '2020-05-01', admittedAt: '2020-11-01', reference: null };
    const years = [
      { year: 2019, config, journeys: [an, binh, lan] },
      { year: 2020, config: { ...config, year: 2020 }, journeys: [{ ...binh, year: 2020, party: admitted }] },
    ];
    const { text, bars } = await firstPage(phaseDrafts(snapshot('phase', '2018-2022', { years, journeys: [] }))[0]);
    const title = index(text, 'Từ đăng ký đến kết nạp Đảng qua các năm');
    expect(index(text, 'Năm 2019')).toBeGreaterThan(title);
    expect(index(text, 'I. KẾT QUẢ CHUNG')).toBeGreaterThan(
      index(text, '1/3 đoàn viên ưu tú của giai đoạn đã được kết nạp Đảng (33 %)'),
    );
    for (const words of ['Năm 2020', 'Đăng ký', 'Hoàn thành', 'Giới thiệu kết nạp', 'Kết nạp Đảng']) {
      expect(text).toContain(words);
    }
    // 2019: three registered (the scale), one completed, binh introduced and admitted (recorded in 2020).
    // 2020: binh alone, not completed (no bar), introduced and admitted.
    const full = must(bars[0]).w;
    expect(shares(bars, full)).toEqual([
      [1, SHADE[0]],
      [0.333, SHADE[1]],
      [0.333, SHADE[2]],
      [0.333, SHADE[3]],
      [0.333, SHADE[0]],
      [0.333, SHADE[2]],
      [0.333, SHADE[3]],
    ]);
  });
});
