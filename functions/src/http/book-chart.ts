// The journey book's chart: per task group, the tasks done at each month's end against those to finish, inline SVG.
//
// Inline SVG, no library: three small bar charts need a few rectangles and labels, the page runs no script and loads
// nothing (its CSP), and SVG prints as vectors. Greys with a dark outline and a number on every bar: it reads the
// same on a black-and-white printer; the dashed line is what must be reached, labelled directly ("cần 4").
import type { BookMonth, BookProgress } from '../app/book-progress';
import { GROUP_LABELS, TASK_GROUPS, type TaskGroup } from '../domain/catalogue';
import { displayDate } from '../domain/dates';
import { html, type SafeHtml } from './html';

/** The drawing's own units (the viewBox); the page scales it to the column. */
const WIDTH = 240;
const PLOT_RIGHT = 204;
const TOP = 16;
const BASE = 92;
const LABEL_Y = 106;
/** Reached the group's requirement: near black; not yet: mid grey. Both outlined, so both print. */
const REACHED = '#222222';
const SHORT = '#a6a6a6';

/** `T3` for March: the month's number, as Vietnamese calendars abbreviate it. */
const monthLabel = (month: string): string => `T${String(Number(month.slice(5, 7)))}`;

function bars(months: readonly BookMonth[], group: TaskGroup, needed: number, scale: number): SafeHtml[] {
  const slot = PLOT_RIGHT / Math.max(1, months.length);
  const width = Math.round(slot * 0.62 * 10) / 10;
  return months.map((m, i) => {
    const x = Math.round((i * slot + (slot - width) / 2) * 10) / 10;
    const middle = Math.round((i + 0.5) * slot * 10) / 10;
    const label = html`<text x="${middle}" y="${LABEL_Y}" class="m${m.done === null ? ' ahead' : ''}">${monthLabel(m.month)}</text>`;
    if (m.done === null) return label;
    const done = m.done[group];
    const height = Math.round((done / scale) * (BASE - TOP) * 10) / 10;
    const fill = needed > 0 && done >= needed ? REACHED : SHORT;
    return html`<rect x="${x}" y="${BASE - height}" width="${width}" height="${height}" fill="${fill}" stroke="#000" stroke-width="0.6"><title>${monthLabel(m.month)}: ${done}</title></rect><text x="${middle}" y="${BASE - height - 3}" class="v">${done}</text>${label}`;
  });
}

/** One group's small chart: a bar a month, the line of what must be reached, the month under each bar. */
function groupChart(progress: BookProgress, group: TaskGroup): SafeHtml {
  const needed = progress.needed[group];
  const reached = progress.months.flatMap((m) => (m.done ? [m.done[group]] : []));
  const scale = Math.max(1, needed, ...reached);
  const line = Math.round((BASE - (needed / scale) * (BASE - TOP)) * 10) / 10;
  const latest = reached.at(-1) ?? 0;
  const said = progress.months
    .filter((m) => m.done !== null)
    .map((m) => `${monthLabel(m.month)}: ${String(m.done?.[group] ?? 0)}`)
    .join(', ');
  return html`<figure class="month-chart" data-group="${group}">
<figcaption><b>${GROUP_LABELS[group]}</b> <span>${latest}/${needed}</span></figcaption>
<svg viewBox="0 0 ${WIDTH} 112" role="img" aria-label="${GROUP_LABELS[group]}, cần ${needed}; ${said}">
<line x1="0" y1="${BASE}" x2="${PLOT_RIGHT}" y2="${BASE}" stroke="#000" stroke-width="0.8"/>
${needed > 0 ? html`<line x1="0" y1="${line}" x2="${PLOT_RIGHT}" y2="${line}" stroke="#000" stroke-width="0.8" stroke-dasharray="3 2"/><text x="${PLOT_RIGHT + 3}" y="${line + 3.5}" class="need">cần ${needed}</text>` : null}
${bars(progress.months, group, needed, scale)}
</svg></figure>`;
}

/** "Đến 15/06/2019: đã hoàn thành 5/9 nhiệm vụ cần hoàn thành (…)": the chart in one line. */
export function progressReading(progress: BookProgress): string {
  const latest = progress.months.filter((m) => m.done !== null).at(-1)?.done ?? { BB: 0, RL: 0, TT: 0 };
  const parts = TASK_GROUPS.map((g) => ({
    g,
    done: Math.min(latest[g], progress.needed[g]),
    needed: progress.needed[g],
  }));
  const done = parts.reduce((sum, p) => sum + p.done, 0);
  const needed = parts.reduce((sum, p) => sum + p.needed, 0);
  const each = parts.map((p) => `${GROUP_LABELS[p.g].replace('Nhiệm vụ ', '')} ${String(p.done)}/${String(p.needed)}`);
  return `Đến ngày ${displayDate(progress.asOf)}: đã hoàn thành ${String(done)}/${String(needed)} nhiệm vụ cần hoàn thành (${each.join(' · ')}).`;
}

/** The chart under the year's results: three small charts side by side (stacked on a phone) and their reading. */
export function progressChart(progress: BookProgress): SafeHtml {
  return html`<div class="progress-chart" id="tien-do">
<h3>Tiến độ qua các tháng</h3>
<p class="reading">${progressReading(progress)}</p>
<div class="month-charts">${TASK_GROUPS.map((g) => groupChart(progress, g))}</div>
<p class="note">Mỗi cột là số nhiệm vụ đã hoàn thành tính đến cuối tháng; vạch đứt là số nhiệm vụ cần hoàn thành; cột đậm là đã đủ.</p>
</div>`;
}
