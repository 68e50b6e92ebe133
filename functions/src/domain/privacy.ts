// The processing notice a member reads and consents to before registering (Law 91/2025/QH15 art. 9, Decree
// 356/2025/NĐ-CP): the default text, its version, and the consent a registration carries.
import { createHash } from 'node:crypto';
import { violation, type Violation } from './violations';

/**
 * Two years after the phase ends, then names and contact data are erased or de-identified (only counts remain). Why
 * two: members introduced to the Party in the phase's last months are usually admitted the year after and serve a
 * twelve-month probation; the committee checks the phase's funnel, answers questions and complaints, and the next phase
 * compares with this one in that time. Longer would keep sensitive data (party status) with no purpose left.
 */
export const DEFAULT_RETENTION_YEARS = 2;

/** The longest retention a plan may set. */
export const MAX_RETENTION_YEARS = 20;

/** The longest notice a plan may carry: it is shown whole in the registration form and on the book page. */
export const MAX_NOTICE_CHARS = 20_000;

/** The default notice, with the plan's retention period written in. */
export function defaultPrivacyNotice(retentionYears: number = DEFAULT_RETENTION_YEARS): string {
  const years = String(retentionYears);
  return [
    'THÔNG BÁO VỀ XỬ LÝ DỮ LIỆU CÁ NHÂN — HÀNH TRÌNH “NGƯỜI CỘNG SẢN TRẺ”',
    '',
    'Thực hiện Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 và Nghị định số 356/2025/NĐ-CP của Chính phủ, Ban Thường vụ Đoàn Khối trân trọng thông báo để bạn biết rõ dữ liệu cá nhân nào của bạn được xử lý, vì sao, ai được xem, lưu giữ bao lâu và bạn có những quyền gì. Bạn vui lòng đọc kỹ trước khi đăng ký Sổ hành trình.',
    '',
    '1. Bên kiểm soát và xử lý dữ liệu',
    'Ban Thường vụ Đoàn Khối, đơn vị tổ chức Hành trình “Người Cộng sản trẻ” (sau đây gọi là Ban tổ chức), chịu trách nhiệm về việc xử lý dữ liệu cá nhân của bạn. Văn phòng Đoàn Khối là đầu mối tiếp nhận các yêu cầu của bạn.',
    '',
    '2. Dữ liệu cá nhân được xử lý',
    'a) Dữ liệu cơ bản: họ và tên, địa chỉ email, ngày sinh, số điện thoại, cơ sở Đoàn và tổ nơi bạn sinh hoạt, các nhiệm vụ bạn đăng ký.',
    'b) Nội dung bạn gửi khi rèn luyện: minh chứng (mô tả, ngày hoạt động, đường dẫn, tệp đính kèm), bài viết về mong muốn được đứng vào hàng ngũ Đảng, sáng kiến và xếp loại thi đua.',
    'c) Dữ liệu về quá trình rèn luyện của bạn: ý kiến đánh giá và nhận xét của người đánh giá, điểm, xếp loại, thứ hạng, việc đề cử dự Hội trại “Lá Trung Quân” và các thư đã gửi cho bạn.',
    'd) Dữ liệu cá nhân nhạy cảm: ngày bạn được giới thiệu kết nạp Đảng, ngày được kết nạp Đảng và số quyết định. Các dữ liệu này, cùng bài viết và các nhận xét về bạn, phản ánh quan điểm chính trị của bạn nên thuộc danh mục dữ liệu cá nhân nhạy cảm; chúng chỉ được xử lý khi bạn đồng ý và được bảo vệ ở mức cao hơn.',
    '',
    '3. Mục đích xử lý',
    'Dữ liệu chỉ được dùng để tổ chức Hành trình: quản lý Sổ hành trình; tiếp nhận, đánh giá và xác nhận minh chứng; tính điểm, xếp loại, xếp hạng; xét đề cử dự Hội trại; gửi thông báo, báo cáo định kỳ và tổng kết; theo dõi việc bạn được giới thiệu và kết nạp vào Đảng. Dữ liệu không được dùng vào mục đích khác, không dùng để quảng cáo, không được mua bán.',
    '',
    '4. Ai được xem và xử lý dữ liệu',
    '- Ban Thường vụ Đoàn Khối và Văn phòng Đoàn Khối: toàn bộ dữ liệu của Hành trình.',
    '- Ban Chấp hành Đoàn cơ sở nơi bạn sinh hoạt và cấp ủy của đơn vị: dữ liệu của đoàn viên thuộc đơn vị mình, để đánh giá và theo dõi.',
    '- Tổ trưởng và người phụ trách tổ của bạn: minh chứng của các nhiệm vụ do tổ xác nhận.',
    '- Đảng ủy Khối: danh sách và kết quả rèn luyện do Ban Thường vụ Đoàn Khối báo cáo.',
    '- Google (Google LLC và các công ty thành viên) là bên xử lý dữ liệu theo chỉ dẫn của Ban tổ chức: dữ liệu được lưu trên Google Cloud (máy chủ đặt tại Singapore), Google Trang tính, Google Biểu mẫu và Gmail, nên được chuyển ra ngoài lãnh thổ Việt Nam. Google không được dùng dữ liệu vào mục đích riêng của mình.',
    'Ngoài các bên trên, dữ liệu không được cung cấp cho ai khác, trừ khi pháp luật yêu cầu.',
    '',
    '5. Thời gian lưu giữ',
    `Dữ liệu được lưu giữ trong suốt giai đoạn của Hành trình và ${years} năm sau khi giai đoạn kết thúc. Thời hạn này đủ để đoàn viên được giới thiệu vào cuối giai đoạn hoàn thành việc kết nạp và thời gian dự bị, để Ban tổ chức tổng kết giai đoạn, trả lời thắc mắc và khiếu nại. Hết thời hạn, dữ liệu cá nhân của bạn được xóa hoặc khử nhận dạng; chỉ còn lại các số liệu thống kê không xác định được bạn.`,
    '',
    '6. Quyền của bạn',
    'Bạn có quyền: được biết về việc xử lý dữ liệu của mình; đồng ý hoặc không đồng ý, và rút lại sự đồng ý bất cứ lúc nào; xem và nhận bản sao dữ liệu của mình; yêu cầu chỉnh sửa dữ liệu chưa đúng; yêu cầu xóa dữ liệu; yêu cầu hạn chế xử lý; phản đối việc xử lý; khiếu nại, tố cáo, khởi kiện và yêu cầu bồi thường thiệt hại theo quy định của pháp luật. Bạn có nghĩa vụ cung cấp thông tin đầy đủ, chính xác và tôn trọng dữ liệu cá nhân của người khác.',
    '',
    '7. Cách thực hiện quyền',
    '- Trên trang Sổ hành trình của bạn (đường liên kết trong thư Ban tổ chức gửi): nút “Tải dữ liệu của tôi” để tải bản sao toàn bộ dữ liệu của bạn; các nút gửi yêu cầu chỉnh sửa dữ liệu hoặc rút lại sự đồng ý.',
    '- Hoặc viết thư gửi Ban Thường vụ Đoàn Khối (qua Văn phòng Đoàn Khối) để yêu cầu xóa, hạn chế xử lý, phản đối hoặc khiếu nại.',
    'Ban tổ chức phản hồi trong vòng 02 ngày làm việc kể từ khi nhận được yêu cầu và thực hiện yêu cầu trong thời hạn pháp luật quy định. Việc rút lại sự đồng ý không làm mất hiệu lực của việc xử lý đã thực hiện trước đó; sau khi rút lại, Ban tổ chức không thể tiếp tục đánh giá quá trình rèn luyện của bạn trong Hành trình. Nếu thấy quyền của mình bị xâm phạm, bạn có thể khiếu nại tới cơ quan chuyên trách bảo vệ dữ liệu cá nhân thuộc Bộ Công an.',
    '',
    '8. Bảo vệ dữ liệu',
    'Chỉ những người nêu ở mục 4 được xem dữ liệu, theo phạm vi công việc của mình; đường liên kết tới Sổ hành trình có chữ ký và thời hạn; mỗi lần xem dữ liệu của bạn đều được ghi lại. Nếu xảy ra sự cố lộ, mất dữ liệu, Ban tổ chức thông báo cho cơ quan có thẩm quyền trong vòng 72 giờ và cho bạn khi sự cố có thể ảnh hưởng đến bạn.',
    '',
    '9. Sự đồng ý của bạn',
    'Việc tham gia Hành trình là tự nguyện. Bạn chỉ đồng ý khi tự đánh dấu vào ô đồng ý trong biểu mẫu đăng ký; im lặng, bỏ trống hoặc không phản hồi không được coi là đồng ý. Nếu không đồng ý, bạn không gửi biểu mẫu; Ban tổ chức sẽ không lập Sổ hành trình cho bạn. Khi nội dung thông báo này thay đổi, thông báo có phiên bản mới; sự đồng ý của bạn gắn với phiên bản bạn đã đọc.',
  ].join('\n');
}

export const DEFAULT_PRIVACY_NOTICE = defaultPrivacyNotice();

/**
 * A notice's version: the first 12 hex digits of the SHA-256 of its text (NFC, line ends and trailing spaces
 * evened out), so the same words are the same version wherever they are stored, and any change of wording is a new one.
 * @example noticeVersion(DEFAULT_PRIVACY_NOTICE) // e.g. '3f9a1c2b7d40'
 */
export function noticeVersion(text: string): string {
  return createHash('sha256').update(canonicalNotice(text), 'utf8').digest('hex').slice(0, 12);
}

/** The text as compared: Unicode NFC, `\n` line ends, no trailing spaces on a line, no blank lines at either end. */
export function canonicalNotice(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
}

/** The notice in force for a year, as the resolved plan carries it. */
export interface PrivacyNotice {
  version: string;
  text: string;
  retentionYears: number;
}

/**
 * The plan's notice with its defaults filled: its own text, or the default one with its retention period. A text that
 * is the default one (for any period: a plan read back and sent again, a rollover) counts as none, so the default stays
 * in step with `retentionYears` and with the text this version of the project ships.
 */
export function privacyNoticeOf(input: {
  notice?: string | undefined;
  retentionYears?: number | undefined;
}): PrivacyNotice {
  const retentionYears = input.retentionYears ?? DEFAULT_RETENTION_YEARS;
  const given = input.notice === undefined ? '' : canonicalNotice(input.notice);
  const text = given === '' || isDefaultNotice(given) ? defaultPrivacyNotice(retentionYears) : given;
  return { version: noticeVersion(text), text, retentionYears };
}

function isDefaultNotice(text: string): boolean {
  for (let years = 1; years <= MAX_RETENTION_YEARS; years++) if (text === defaultPrivacyNotice(years)) return true;
  return false;
}

/** What a registration says about consent, read leniently so that anything but `given: true` is a refusal, not a 400. */
export interface ConsentAnswer {
  notice: string | null;
  given: boolean;
}

export function consentAnswerOf(value: unknown): ConsentAnswer {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { notice: null, given: false };
  const { notice, given } = value as { notice?: unknown; given?: unknown };
  const version = typeof notice === 'string' && notice.trim() !== '' ? notice.trim().slice(0, 100) : null;
  return { notice: version, given: given === true };
}

/**
 * A registration's consent: given (`given: true`) to a notice the year's plan has put in force. Anything else is a
 * refusal — silence, a missing or unticked consent is not consent (Law 91/2025/QH15 art. 9).
 */
export function checkConsent(
  answer: ConsentAnswer,
  accepted: readonly string[],
): { ok: true; notice: string } | { ok: false; violations: Violation[] } {
  if (!answer.given) return { ok: false, violations: [violation('consent_required', 'consent', {})] };
  if (answer.notice === null || !accepted.includes(answer.notice)) {
    return {
      ok: false,
      violations: [violation('unknown_notice_version', 'consent.notice', { value: answer.notice ?? '' })],
    };
  }
  return { ok: true, notice: answer.notice };
}

/** The consent a journey keeps: the one held while it still stands for this notice, otherwise the one just given. */
export function consentAfter<C extends { notice: string; givenAt: string; withdrawnAt: string | null }>(
  held: C | null,
  notice: string,
  givenAt: string,
): C | { notice: string; givenAt: string; withdrawnAt: null } {
  if (held && held.notice === notice && held.withdrawnAt === null) return held;
  return { notice, givenAt, withdrawnAt: null };
}
