// The journey book's personal-data part: the member's download, their requests and the forms to make one, and the
// pages that answer those forms. The forms post back under /book with the link's token; opening a page never writes.
import { createHash } from 'node:crypto';
import type { JourneyBook } from '../app/book';
import {
  ANSWER_DAYS,
  DATA_REQUEST_KIND_LABELS,
  DATA_REQUEST_STATUS_LABELS,
  REQUEST_TEXT_MAX,
} from '../domain/data-requests';
import { displayDate, localDate } from '../domain/dates';
import type { DataRequestDoc } from '../model';
import type { HttpAnswer } from './answers';
import { html, type SafeHtml } from './html';
import { pageAnswer } from './page-shell';

/**
 * The forms' nonce: the same for the same page (a book opened twice is the same page), new once a request is stored.
 * A form sent twice carries it twice, and the request's id (with its kind and text) makes the second a repeat.
 */
export function formNonce(year: number, memberId: string, requestsMade: number): string {
  return createHash('sha256')
    .update(`nonce\n${String(year)}\n${memberId}\n${String(requestsMade)}`)
    .digest('base64url')
    .slice(0, 24);
}

const day = (instant: string): string => displayDate(localDate(new Date(instant)));

function requestRow(r: DataRequestDoc): SafeHtml {
  return html`<tr><td>${day(r.receivedAt)}</td><td>${DATA_REQUEST_KIND_LABELS[r.kind]}</td><td class="pre">${r.text}</td><td>${displayDate(r.deadline)}</td><td>${DATA_REQUEST_STATUS_LABELS[r.status]}</td><td class="pre">${r.answer ?? ''}</td></tr>`;
}

function requestTable(requests: readonly DataRequestDoc[]): SafeHtml {
  if (requests.length === 0) return html`<p class="note">Bạn chưa gửi yêu cầu nào về dữ liệu của mình.</p>`;
  return html`<table><thead><tr><th>Ngày gửi</th><th>Yêu cầu</th><th>Nội dung</th><th>Hạn trả lời</th><th>Trạng thái</th><th>Trả lời</th></tr></thead>
<tbody>${requests.map(requestRow)}</tbody></table>`;
}

function hidden(token: string, nonce: string, kind: string): SafeHtml {
  return html`<input type="hidden" name="t" value="${token}"><input type="hidden" name="nonce" value="${nonce}"><input type="hidden" name="kind" value="${kind}">`;
}

/** The section at the end of the book: download, the member's requests, a correction, a withdrawal of consent. */
export function personalDataSection(book: JourneyBook, token: string): SafeHtml {
  const id = book.member.memberId;
  const nonce = formNonce(book.year, id, book.requests.length);
  return html`<section id="du-lieu" class="screen-only"><h2>Dữ liệu cá nhân của bạn</h2>
<p>Theo Luật Bảo vệ dữ liệu cá nhân (số 91/2025/QH15), bạn có quyền nhận bản sao, yêu cầu chỉnh sửa dữ liệu của mình và rút lại sự đồng ý xử lý dữ liệu. Ban Thường vụ Đoàn Khối trả lời yêu cầu chỉnh sửa trong ${ANSWER_DAYS.correction} ngày và yêu cầu rút lại sự đồng ý trong ${ANSWER_DAYS.withdrawal} ngày kể từ ngày nhận.</p>
<p><a class="btn" href="${id}/data?t=${token}" download>Tải dữ liệu của tôi</a> <span class="note">(tệp JSON: thông tin cá nhân, sổ hành trình các năm, minh chứng và đánh giá, thư đã gửi cho bạn, các yêu cầu của bạn)</span></p>
<h3>Các yêu cầu bạn đã gửi</h3>
${requestTable(book.requests)}
<form class="request" method="post" action="${id}/requests">${hidden(token, nonce, 'correction')}
<label for="text"><b>Yêu cầu chỉnh sửa dữ liệu</b>: ghi rõ thông tin nào chưa đúng và nội dung đúng (tối đa ${REQUEST_TEXT_MAX.toLocaleString('vi-VN')} ký tự).</label>
<textarea id="text" name="text" rows="4" maxlength="${REQUEST_TEXT_MAX}" required></textarea>
<button type="submit">Gửi yêu cầu chỉnh sửa</button></form>
<form class="request" method="post" action="${id}/requests">${hidden(token, nonce, 'withdrawal')}<input type="hidden" name="text" value="">
<p><b>Rút lại sự đồng ý xử lý dữ liệu cá nhân</b>: Ban Tổ chức sẽ ngừng xử lý dữ liệu của bạn cho Hành trình, trừ những gì pháp luật cho phép giữ lại. Bạn sẽ được hỏi xác nhận ở bước sau.</p>
<button type="submit" class="secondary">Rút lại sự đồng ý…</button></form>
</section>`;
}

function back(memberId: string, token: string): SafeHtml {
  return html`<p><a class="btn" href="../${memberId}?t=${token}#du-lieu">Quay lại sổ hành trình</a></p>`;
}

function page(status: number, title: string, body: SafeHtml): HttpAnswer {
  return pageAnswer(status, title, html`<main class="sheet notice"><h1>${title}</h1>${body}</main>`);
}

/** The request is stored (or was already): what happens next, and by when. */
export function requestStoredPage(request: DataRequestDoc, repeat: boolean, token: string): HttpAnswer {
  return page(
    200,
    'Đã nhận yêu cầu của bạn',
    html`<p>${repeat ? 'Yêu cầu này đã được ghi nhận trước đó; hệ thống không tạo thêm yêu cầu mới.' : 'Ban Thường vụ Đoàn Khối đã nhận yêu cầu của bạn và sẽ trả lời qua email.'}</p>
<dl class="facts"><dt>Yêu cầu</dt><dd>${DATA_REQUEST_KIND_LABELS[request.kind]}</dd><dt>Mã yêu cầu</dt><dd>${request.requestId}</dd><dt>Ngày nhận</dt><dd>${day(request.receivedAt)}</dd><dt>Hạn trả lời</dt><dd>${displayDate(request.deadline)}</dd><dt>Trạng thái</dt><dd>${DATA_REQUEST_STATUS_LABELS[request.status]}</dd></dl>
${back(request.memberId, token)}`,
  );
}

/** A withdrawal asks once more before it is stored. */
export function confirmWithdrawalPage(memberId: string, token: string, nonce: string): HttpAnswer {
  return page(
    200,
    'Xác nhận rút lại sự đồng ý',
    html`<p>Bạn muốn rút lại sự đồng ý cho Ban Tổ chức Hành trình “Người Cộng sản trẻ” xử lý dữ liệu cá nhân của mình. Sau khi Ban Thường vụ Đoàn Khối thực hiện, dữ liệu của bạn không còn được dùng để đánh giá, xếp hạng hay gửi thư, trừ những gì pháp luật cho phép giữ lại; bạn sẽ nhận email trả lời.</p>
<form class="request" method="post" action="requests">${hidden(token, nonce, 'withdrawal')}<input type="hidden" name="text" value=""><input type="hidden" name="confirm" value="yes">
<button type="submit">Tôi xác nhận rút lại sự đồng ý</button></form>
${back(memberId, token)}`,
  );
}

const INVALID: Record<'text_required' | 'text_too_long' | 'bad_form', string> = {
  text_required:
    'Bạn chưa ghi nội dung cần chỉnh sửa. Vui lòng quay lại, ghi rõ thông tin nào chưa đúng và nội dung đúng.',
  text_too_long: `Nội dung yêu cầu dài quá ${REQUEST_TEXT_MAX.toLocaleString('vi-VN')} ký tự. Vui lòng rút gọn rồi gửi lại.`,
  bad_form: 'Biểu mẫu gửi lên không đúng hoặc đã cũ. Vui lòng mở lại sổ hành trình từ liên kết và gửi lại.',
};

/** 422: nothing was stored; the page says what to change. */
export function requestInvalidPage(reason: keyof typeof INVALID, memberId: string, token: string): HttpAnswer {
  return page(422, 'Chưa gửi được yêu cầu', html`<p>${INVALID[reason]}</p>${back(memberId, token)}`);
}
