// The journey-book pages that show no member data: a link that does not open (403), no such book (404), trouble (503/500).
import { html, type SafeHtml } from './html';
import { PAGE_HEADERS, pageAnswer } from './page-shell';
import type { HttpAnswer } from './answers';
import { StoreUnavailableError } from '../ports';
import type { Log } from '../ports/log';

function notice(status: number, title: string, body: SafeHtml): HttpAnswer {
  return pageAnswer(status, title, html`<main class="sheet notice"><h1>${title}</h1>${body}</main>`);
}

/** How to get a new link, for members and for the committee. */
const NEW_LINK = html`<p>Để nhận liên kết mới:</p>
<ol>
  <li>Mở email tổng hợp gần nhất của Ban Tổ chức Hành trình “Người Cộng sản trẻ”: mỗi email đều kèm một liên kết mới tới sổ hành trình của bạn.</li>
  <li>Hoặc liên hệ Ban Chấp hành Đoàn cơ sở của bạn hay Ban Thường vụ Đoàn Khối để được gửi lại liên kết.</li>
  <li>Nếu bạn là thành viên Ban Tổ chức và mở liên kết từ bảng tính Kết quả, hãy chọn menu <b>Hành trình → Đồng bộ lại</b> để làm mới các liên kết.</li>
</ol>`;

/** 403: a missing, altered, expired or revoked link. One page for every reason, so it tells nothing about the member. */
export function linkRefused(): HttpAnswer {
  return notice(
    403,
    'Liên kết không còn hiệu lực',
    html`<p>Liên kết tới sổ hành trình này không đúng, đã hết hạn hoặc đã được thay bằng một liên kết mới. Vì lý do bảo mật, mỗi liên kết chỉ dùng được trong một thời gian nhất định.</p>${NEW_LINK}`,
  );
}

export function bookNotFound(): HttpAnswer {
  return notice(
    404,
    'Không tìm thấy sổ hành trình',
    html`<p>Đường dẫn này không dẫn tới sổ hành trình nào. Vui lòng kiểm tra lại liên kết.</p>${NEW_LINK}`,
  );
}

export function pageOnlyForReading(): HttpAnswer {
  return {
    ...notice(
      405,
      'Trang chỉ để xem',
      html`<p>Sổ hành trình chỉ để xem và in; trang này không nhận dữ liệu gửi lên.</p>`,
    ),
    headers: { ...PAGE_HEADERS, Allow: 'GET, HEAD' },
  };
}

export function bookUnavailable(): HttpAnswer {
  return notice(
    503,
    'Tạm thời chưa mở được sổ hành trình',
    html`<p>Hệ thống tạm thời chưa đọc được dữ liệu. Vui lòng thử lại sau ít phút; liên kết của bạn vẫn dùng được.</p>`,
  );
}

export function bookFailed(): HttpAnswer {
  return notice(
    500,
    'Hệ thống gặp lỗi ngoài dự kiến',
    html`<p>Ban Tổ chức đã được ghi nhận sự cố. Vui lòng thử lại sau; liên kết của bạn vẫn dùng được.</p>`,
  );
}

/**
 * A route behind the book's link answered as a page whatever happens: its answer, or the page of an outage (503) or of
 * an unexpected error (500), logged as `{what}: storage unavailable` or `{what}: unexpected error`, ids only.
 */
export async function asPage(log: Log, what: string, work: () => Promise<HttpAnswer>): Promise<HttpAnswer> {
  try {
    return await work();
  } catch (error) {
    const unavailable = error instanceof StoreUnavailableError;
    log({ severity: 'ERROR', message: `${what}: ${unavailable ? 'storage unavailable' : 'unexpected error'}`, error });
    return unavailable ? bookUnavailable() : bookFailed();
  }
}
