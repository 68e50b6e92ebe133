// JSON answers of API.md §Answers, and the one place that turns refusal codes and errors into HTTP statuses.
import type { Outcome } from '../app/context';
import { violation, type Violation, type ViolationCode } from '../domain/violations';
import { DocumentLimitError, StoreUnavailableError, ViewsUnavailableError } from '../ports';
import type { Log } from '../ports/log';
import type { Role } from '../model';

export interface HttpAnswer {
  status: number;
  body: unknown;
  contentType?: string;
  /** Headers beyond the content type (the journey-book pages set caching, referrer and robots rules). */
  headers?: Readonly<Record<string, string>>;
}

const NOT_FOUND: ReadonlySet<ViolationCode> = new Set([
  'year_not_found',
  'evidence_not_found',
  'member_not_found',
  'member_not_registered',
  'unit_not_found',
  'notice_version_not_found',
  'data_request_not_found',
]);
const FORBIDDEN: ReadonlySet<ViolationCode> = new Set([
  'not_allowed_to_evaluate',
  'outside_queue_scope',
  'evaluator_not_listed',
  'self_evaluation',
  'not_unit_executive',
]);
/** Refusals because the thing already exists in another state (a year that has a plan refuses a rollover). */
const CONFLICT: ReadonlySet<ViolationCode> = new Set(['year_exists']);

/** The status for a refusal: not found beats forbidden beats conflict beats unprocessable. */
export function statusForRefusal(errors: readonly Violation[]): number {
  if (errors.some((e) => e.code === 'invalid_json' || e.code === 'invalid_parameter')) return 400;
  if (errors.some((e) => NOT_FOUND.has(e.code))) return 404;
  if (errors.some((e) => FORBIDDEN.has(e.code))) return 403;
  if (errors.some((e) => CONFLICT.has(e.code))) return 409;
  return 422;
}

export function outcomeAnswer(outcome: Outcome): HttpAnswer {
  const status = outcome.status === 'refused' ? statusForRefusal(outcome.errors) : 200;
  return { status, body: { status: outcome.status, id: outcome.id, errors: outcome.errors } };
}

/** Refusals that happen before any rule runs (signature, size, routing, storage). */
const TRANSPORT_MESSAGES = {
  unauthorized: 'Yêu cầu không có chữ ký hợp lệ hoặc đã quá hạn. Vui lòng gửi lại từ biểu mẫu hoặc công cụ chính thức.',
  invalid_identity:
    'Mã xác thực tài khoản Google không hợp lệ hoặc đã hết hạn (mã chỉ dùng được trong một giờ). Vui lòng lấy mã mới, ví dụ bằng lệnh "gcloud auth print-identity-token", rồi gửi lại.',
  identity_unavailable:
    'Hệ thống tạm thời chưa kiểm tra được tài khoản Google của bạn. Chưa có gì được ghi nhận; vui lòng thử lại sau ít phút.',
  body_too_large:
    'Nội dung gửi vượt quá 256 KiB. Vui lòng rút gọn nội dung hoặc gửi tệp minh chứng dưới dạng đường dẫn.',
  plan_too_large:
    'Kế hoạch năm gửi lên vượt quá 3 MiB (khoảng 100.000 đoàn viên được giới thiệu). Vui lòng liên hệ quản trị hệ thống.',
  route_not_found: 'Không có chức năng này.',
  method_not_allowed: 'Phương thức không được hỗ trợ cho đường dẫn này.',
  storage_unavailable:
    'Hệ thống tạm thời chưa lưu được dữ liệu. Chưa có gì được ghi nhận; vui lòng gửi lại sau ít phút.',
  sheets_unavailable:
    'Google Sheets tạm thời chưa nhận dữ liệu. Dữ liệu gốc vẫn an toàn; vui lòng đồng bộ lại sau ít phút.',
  internal_error: 'Hệ thống gặp lỗi ngoài dự kiến. Ban tổ chức đã được ghi nhận sự cố; vui lòng thử lại sau.',
  book_links_unavailable:
    'Chưa cấu hình địa chỉ công khai của hệ thống (JOURNEY_PUBLIC_URL) nên chưa tạo được liên kết sổ hành trình. Vui lòng liên hệ quản trị hệ thống.',
} as const;

export function transportError(status: number, code: keyof typeof TRANSPORT_MESSAGES, field = 'body'): HttpAnswer {
  return {
    status,
    body: { status: 'refused', id: null, errors: [{ field, code, message: TRANSPORT_MESSAGES[code] }] },
  };
}

/** Why a credential does not open a route, by the role the route needs (API.md "Roles"). */
const ROLE_NEEDED: Record<Role, string> = {
  admin:
    'Chức năng này dành cho quản trị viên: vui lòng đăng nhập bằng tài khoản Google có trong danh sách quản trị của hệ thống. Khóa ký của biểu mẫu không mở được chức năng này.',
  forms: 'Chức năng này chỉ nhận dữ liệu do biểu mẫu gửi về (qua Apps Script); tài khoản quản trị không gửi thay được.',
  queues:
    'Chức năng này chỉ nhận quyết định từ các bảng xét duyệt và danh sách giới thiệu (qua Apps Script); tài khoản quản trị không gửi thay được.',
  internal: 'Chức năng này chỉ dành cho các tác vụ tự động của hệ thống (Cloud Tasks, Cloud Scheduler).',
};
const NOT_LISTED =
  'Tài khoản Google này không có trong danh sách quản trị viên của hệ thống. Vui lòng liên hệ Ban Thường vụ Đoàn Khối nếu bạn cần quyền quản trị.';

/** 403 `forbidden_role`: the caller is known, but their credential lacks the route's role (or they are not listed). */
export function forbiddenRole(needed: readonly Role[], reason: 'role' | 'not_listed' = 'role'): HttpAnswer {
  const message = reason === 'not_listed' ? NOT_LISTED : ROLE_NEEDED[needed[0] ?? 'admin'];
  return {
    status: 403,
    body: { status: 'refused', id: null, errors: [{ field: 'authorization', code: 'forbidden_role', message }] },
  };
}

export function json(body: unknown, status = 200): HttpAnswer {
  return { status, body };
}

export function refusalAnswer(errors: Violation[]): HttpAnswer {
  return outcomeAnswer({ status: 'refused', id: null, errors });
}

/**
 * What a route that threw answers, logged: storage trouble is 503 (retry later), Sheets trouble 503 or 502, a document
 * Firestore would refuse whenever it is sent 422 (final, not an outage), anything else 500 without details.
 */
export function answerForError(error: unknown, log: Log): HttpAnswer {
  if (error instanceof StoreUnavailableError) {
    log({ severity: 'ERROR', message: 'storage unavailable', error });
    return transportError(503, 'storage_unavailable');
  }
  if (error instanceof ViewsUnavailableError) {
    log({ severity: 'WARNING', message: 'sheets unavailable', error, fields: { retryable: error.retryable } });
    return transportError(error.retryable ? 503 : 502, 'sheets_unavailable');
  }
  if (error instanceof DocumentLimitError) {
    log({ severity: 'WARNING', message: 'document limit', error, fields: { code: error.code } });
    return refusalAnswer([violation('too_large_to_store', 'body', {})]);
  }
  log({ severity: 'ERROR', message: 'unexpected error', error });
  return transportError(500, 'internal_error');
}
