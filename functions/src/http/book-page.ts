// The journey-book page (sổ hành trình): a member's year on one page, readable on a phone and printable as an A4 document.
import type { BookEntry, BookTask, BookYear, JourneyBook } from '../app/book';
import { GROUP_LABELS, ROLE_LABELS, type TaskGroup } from '../domain/catalogue';
import { displayDate, displayInstant } from '../domain/dates';
import { evidenceExtras } from '../domain/evidence';
import type { CampOutlook, GradeOutlook, OutlookStep } from '../domain/outlook';
import type { RankStanding } from '../domain/rank-index';
import { parseQueueId } from '../domain/queues';
import { GRADE_LABELS } from '../domain/results';
import { DECISION_LABELS, QUEUE_STATUS } from '../contract/queue-sheet';
import { progressChart } from './book-chart';
import { personalDataSection } from './data-pages';
import { externalLink, html, type SafeHtml } from './html';

const TASK_STATUS: Record<BookTask['progress']['status'], string> = {
  not_registered: 'Không đăng ký',
  not_started: 'Chưa thực hiện',
  in_progress: 'Đang thực hiện',
  done: 'Hoàn thành',
};

const ENTRY_STATUS: Record<BookEntry['status'], string> = { pending: QUEUE_STATUS.pending, ...DECISION_LABELS };

const GOAL_TITLES: Record<GradeOutlook['grade'], string> = {
  dat: 'Hoàn thành hành trình (Đạt)',
  tot: 'Xếp loại Tốt',
  xuat_sac: 'Xếp loại Xuất sắc',
};

const GROUP_WORDS: Record<'RL' | 'TT', string> = { RL: 'rèn luyện', TT: 'thử thách' };

/** `dd/MM/yyyy` of an ISO date, or of an instant in Vietnam; anything unreadable as it was stored. */
function day(iso: string): string {
  try {
    return iso.length === 10 ? displayDate(iso) : displayInstant(new Date(iso)).slice(0, 10);
  } catch {
    return iso;
  }
}

/** "ngày 05 tháng 03 năm 2026", as the plan's header writes its date. */
function longDate(iso: string): string {
  return `ngày ${iso.slice(8, 10)} tháng ${iso.slice(5, 7)} năm ${iso.slice(0, 4)}`;
}

function letterhead(book: JourneyBook): SafeHtml {
  return html`<header class="letterhead">
  <div><div>THÀNH ĐOÀN TP. HỒ CHÍ MINH</div><div class="org">BCH ĐOÀN KHỐI DÂN - CHÍNH - ĐẢNG TP</div><div>***</div></div>
  <div><div class="nation">ĐOÀN TNCS HỒ CHÍ MINH</div><div class="place">TP. Hồ Chí Minh, ${longDate(book.today)}</div></div>
</header>
<div class="title">
  <h1>SỔ HÀNH TRÌNH</h1>
  <p><strong>Hành trình “Người Cộng sản trẻ” năm ${book.year}</strong></p>
  <p>Giai đoạn ${book.phase.replace('-', ' - ')}</p>
</div>`;
}

function identity(book: JourneyBook): SafeHtml {
  const m = book.member;
  return html`<section id="thong-tin"><h2>I. Thông tin đoàn viên</h2>
<dl class="facts">
  <dt>Họ và tên</dt><dd><strong>${m.fullName}</strong></dd>
  ${m.dateOfBirth ? html`<dt>Ngày sinh</dt><dd>${day(m.dateOfBirth)}</dd>` : null}
  <dt>Email</dt><dd>${m.email}</dd>
  ${m.phone ? html`<dt>Điện thoại</dt><dd>${m.phone}</dd>` : null}
  <dt>Cơ sở Đoàn</dt><dd>${book.unitName}</dd>
  <dt>Tổ</dt><dd>${book.group ? book.group.name : 'Chưa tham gia tổ'}</dd>
  <dt>Ngày đăng ký</dt><dd>${day(m.registeredAt)}${m.amendedAt ? ` · đăng ký bổ sung ngày ${day(m.amendedAt)}` : ''}</dd>
  <dt>Mã đoàn viên</dt><dd>${m.memberId}</dd>
</dl></section>`;
}

function rankText(standing: RankStanding | undefined): { value: string; note: string } {
  if (!standing) return { value: '—', note: 'chưa xếp hạng' };
  return {
    value: `${standing.rank}/${standing.total}`,
    note: standing.tiedWith > 0 ? `đồng hạng với ${standing.tiedWith} đoàn viên` : 'trong năm',
  };
}

function summary(book: JourneyBook): SafeHtml {
  const { result } = book;
  const rank = rankText(book.standing);
  return html`<section id="ket-qua"><h2>II. Kết quả năm ${book.year}</h2>
<div class="cards">
  <div class="card"><span>Xếp loại</span><strong>${GRADE_LABELS[result.grade]}</strong></div>
  <div class="card"><span>Điểm</span><strong>${result.points}</strong></div>
  <div class="card"><span>Xếp hạng</span><strong>${rank.value}</strong><small>${rank.note}</small></div>
  <div class="card"><span>Hoàn thành hành trình</span><strong>${result.completed ? 'Có' : 'Chưa'}</strong>${result.completedAt ? html`<small>ngày ${day(result.completedAt)}</small>` : null}</div>
</div>
${progressChart(book.progress)}</section>`;
}

function decisionBy(queue: string): string {
  const ref = queue === '' ? undefined : parseQueueId(queue);
  return ref ? ROLE_LABELS[ref.role] : 'Đơn vị đánh giá';
}

function entry(e: BookEntry): SafeHtml {
  const extras = evidenceExtras(e);
  return html`<li class="entry">
  <div class="entry-head"><b>Hoạt động ngày ${day(e.activityDate)}</b><span class="chip d-${e.status}">${ENTRY_STATUS[e.status]}</span><span class="by">gửi ngày ${day(e.submittedAt)}</span></div>
  ${e.description ? html`<p>${e.description}</p>` : null}
  ${extras.map((x) => html`<div class="extra">${x}</div>`)}
  ${e.links.map((link) => html`<div>${externalLink(link)}</div>`)}
  ${e.decisions.map(
    (d) =>
      html`<div class="decision"><span class="d-${d.decision}"><strong>${DECISION_LABELS[d.decision]}</strong></span> — ${decisionBy(d.queue)}, ngày ${day(d.editedAt)}${d.comment ? html`<q>${d.comment}</q>` : null}</div>`,
  )}
</li>`;
}

function task(t: BookTask): SafeHtml {
  const { progress } = t;
  const percent = Math.min(
    100,
    Math.round((Math.min(progress.approved, progress.required) / Math.max(1, progress.required)) * 100),
  );
  return html`<article class="task">
  <header><span class="code">${t.code}</span><span class="task-title">${t.title}</span><span class="chip s-${progress.status}">${TASK_STATUS[progress.status]}</span></header>
  <div class="bar" role="img" aria-label="Đã được duyệt ${progress.approved} trên ${progress.required}"><i style="width:${percent}%"></i></div>
  <div class="progress">Đã được duyệt ${progress.approved}/${progress.required}${t.distinctDates ? ' (tính các ngày khác nhau)' : ''}${progress.pending > 0 ? ` · ${progress.pending} minh chứng đang chờ đánh giá` : ''} · Đánh giá: ${t.confirmedBy.map((r) => ROLE_LABELS[r]).join(' hoặc ')}</div>
  ${t.entries.length > 0 ? html`<ul class="entries">${t.entries.map(entry)}</ul>` : html`<div class="note">Chưa có minh chứng.</div>`}
</article>`;
}

function groupNote(book: JourneyBook, group: TaskGroup, count: number): string {
  const done = book.result.done[group];
  if (group === 'BB') return `Bắt buộc hoàn thành cả ${count} nhiệm vụ · đã hoàn thành ${done}`;
  const minimum = group === 'RL' ? book.rules.minTraining : book.rules.minChallenge;
  return `Đăng ký ${count} nhiệm vụ, cần hoàn thành ít nhất ${minimum} · đã hoàn thành ${done}`;
}

function tasks(book: JourneyBook): SafeHtml {
  return html`<section id="nhiem-vu"><h2>III. Nhiệm vụ đã đăng ký</h2>
${book.groups.map(
  (g, i) =>
    html`<section class="task-group"><div class="group-head"><h3>${i + 1}. ${GROUP_LABELS[g.group]}</h3><p class="group-note">${groupNote(book, g.group, g.tasks.length)}</p></div>${g.tasks.map(task)}</section>`,
)}</section>`;
}

function stepText(step: OutlookStep, titles: ReadonlyMap<string, string>): SafeHtml {
  const late = step.late
    ? html` <span class="late">(đã quá hạn ${day(step.by)})</span>`
    : html` <span class="by">— trước ngày ${day(step.by)}</span>`;
  switch (step.kind) {
    case 'task':
      return html`<li><b>${step.code}</b> ${titles.get(step.code) ?? ''}: cần thêm ${step.remaining} lượt được đánh giá Đạt${step.distinctDates ? ' vào các ngày khác nhau' : ''}${step.pending > 0 ? ` (${step.pending} minh chứng đang chờ đánh giá)` : ''}${late}</li>`;
    case 'choose':
      return html`<li>Hoàn thành thêm ${step.count} nhiệm vụ ${GROUP_WORDS[step.group]} trong số đã đăng ký: ${step.from.join(', ')}${late}</li>`;
    case 'register':
      return html`<li>Đăng ký bổ sung thêm ${step.count} nhiệm vụ ${GROUP_WORDS[step.group]} rồi hoàn thành${step.late ? html` <span class="late">(đã hết hạn đăng ký bổ sung ${day(step.by)})</span>` : html` <span class="by">— hạn đăng ký bổ sung ${day(step.by)}</span>`}</li>`;
  }
}

function campText(camp: CampOutlook): string {
  switch (camp.kind) {
    case 'grade_too_low':
      return 'Cần đạt xếp loại Tốt trở lên để được xét đề cử tham gia Hội trại “Lá Trung Quân”.';
    case 'within_quota':
      return `Theo kết quả hiện tại, bạn thuộc nhóm ${camp.quota} đoàn viên dẫn đầu được xét đề cử tham gia Hội trại “Lá Trung Quân”${camp.perUnitMax === null ? '' : ` (mỗi cơ sở Đoàn tối đa ${camp.perUnitMax} người)`}. Danh sách chính thức do Ban Thường vụ Đoàn Khối xác nhận.`;
    case 'outside_quota':
      return `Hội trại “Lá Trung Quân” xét ${camp.quota} đoàn viên xếp loại Tốt trở lên có thứ hạng cao nhất; theo kết quả hiện tại, bạn chưa nằm trong nhóm này.`;
  }
}

function outlook(book: JourneyBook): SafeHtml {
  const titles = new Map(book.groups.flatMap((g) => g.tasks.map((t) => [t.code, t.title] as const)));
  const c = book.calendar;
  return html`<section id="con-thieu"><h2>IV. Những việc còn lại</h2>
<div class="outlook">${book.outlook.map(
    (goal) =>
      html`<div class="goal"><h3>${GOAL_TITLES[goal.grade]}</h3>${
        goal.reached
          ? html`<div class="reached">✓ Đã đạt</div>`
          : html`<ul>${goal.steps.map((s) => stepText(s, titles))}</ul>`
      }</div>`,
  )}</div>
<p class="note">Minh chứng cho các hoạt động diễn ra từ ngày ${day(c.activityStarts)} đến ngày ${day(c.activityEnds)}; các đơn vị đánh giá đến hết ngày ${day(c.evaluationCloses)}. Đăng ký bổ sung nhiệm vụ đến hết ngày ${day(c.amendmentCloses)}.</p>
</section>`;
}

function campAndParty(book: JourneyBook): SafeHtml {
  const p = book.party;
  return html`<section id="hoi-trai"><h2>V. Hội trại và kết nạp Đảng</h2>
<p>${campText(book.camp)}</p>
<dl class="facts">
  <dt>Giới thiệu kết nạp</dt><dd>${p.introducedAt ? `Ngày ${day(p.introducedAt)}` : 'Chưa có thông tin'}</dd>
  <dt>Kết nạp Đảng</dt><dd>${p.admittedAt ? `Ngày ${day(p.admittedAt)}` : 'Chưa có thông tin'}</dd>
  ${p.reference ? html`<dt>Số quyết định</dt><dd>${p.reference}</dd>` : null}
</dl></section>`;
}

function earlierYear(y: BookYear): SafeHtml {
  const rank = rankText(y.standing);
  return html`<tr><td>${y.year}</td><td>${y.unitName}</td><td>${GRADE_LABELS[y.result.grade]}</td><td class="num">${y.result.points}</td><td class="num">${rank.value}</td><td>${y.result.completedAt ? day(y.result.completedAt) : 'Chưa hoàn thành'}</td></tr>`;
}

function earlier(book: JourneyBook): SafeHtml | null {
  if (book.earlier.length === 0) return null;
  return html`<section id="cac-nam-truoc"><h2>VI. Các năm trước trong giai đoạn</h2>
<table><thead><tr><th>Năm</th><th>Cơ sở Đoàn</th><th>Xếp loại</th><th class="num">Điểm</th><th class="num">Xếp hạng</th><th>Hoàn thành</th></tr></thead>
<tbody>${book.earlier.map(earlierYear)}</tbody></table></section>`;
}

/** Two columns of the same shape, so the signature lines sit level: who signs, where they belong, the space to sign. */
function signatures(book: JourneyBook): SafeHtml {
  const column = (role: string, belongs: string, name: SafeHtml): SafeHtml =>
    html`<div><div class="role">${role}</div><div class="hint">${belongs}</div><div class="hint">(Ký và ghi rõ họ tên)</div><div class="space"></div><div>${name}</div></div>`;
  return html`<section class="signatures">
  ${column('GIÁM SÁT VIÊN', book.group ? book.group.name : 'Tổ hành trình', html`………………………………`)}
  ${column('ĐOÀN VIÊN', book.unitName, html`<strong>${book.member.fullName}</strong>`)}
</section>`;
}

/** The whole page body of a member's book; with the link's token, its personal-data part (download, requests). */
export function bookBody(book: JourneyBook, token?: string): SafeHtml {
  return html`<nav class="nav"><strong>Sổ hành trình ${book.year}</strong><a href="#nhiem-vu">Nhiệm vụ</a><a href="#con-thieu">Còn lại</a><a href="#hoi-trai">Hội trại</a>${token === undefined ? null : html`<a href="#du-lieu">Dữ liệu của tôi</a>`}</nav>
<main class="sheet">
${letterhead(book)}
${identity(book)}
${summary(book)}
${tasks(book)}
${outlook(book)}
${campAndParty(book)}
${earlier(book)}
${token === undefined ? null : personalDataSection(book, token)}
<div class="closing">
${signatures(book)}
<footer class="footer">Sổ được lập tự động từ dữ liệu đánh giá của Ban Tổ chức Hành trình ngày ${day(book.today)}. Liên kết này dành riêng cho đoàn viên ${book.member.fullName} và có hiệu lực đến ngày ${day(book.linkExpiresAt.toISOString())}; vui lòng không chuyển tiếp. <span class="screen-only">Để in hoặc lưu PDF, dùng chức năng In của trình duyệt.</span></footer>
</div>
</main>`;
}

export function bookTitle(book: JourneyBook): string {
  return `Sổ hành trình ${book.year} — ${book.member.fullName}`;
}
