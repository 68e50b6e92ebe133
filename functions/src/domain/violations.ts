// Every refusal the rules can give: a stable English code, the field it concerns, and a polite Vietnamese message.
import { displayDate } from './dates';

/** Vietnamese names of the fields a person fills in, as the forms call them. */
export const FIELD_LABELS: Record<string, string> = {
  submittedAt: 'Thời điểm gửi',
  year: 'Năm',
  email: 'Email',
  fullName: 'Họ và tên',
  unit: 'Cơ sở Đoàn',
  group: 'Tổ',
  dateOfBirth: 'Ngày sinh',
  phone: 'Số điện thoại',
  trainingTasks: 'Nhiệm vụ rèn luyện',
  challengeTasks: 'Nhiệm vụ thử thách',
  task: 'Nhiệm vụ',
  activityDate: 'Ngày hoạt động',
  description: 'Mô tả',
  links: 'Đường dẫn minh chứng',
  essay: 'Bài viết',
  initiative: 'Sáng kiến',
  rating: 'Xếp loại thi đua',
  meetingKind: 'Loại buổi sinh hoạt',
  editedAt: 'Thời điểm đánh giá',
  queue: 'Hàng chờ đánh giá',
  evidenceId: 'Mã minh chứng',
  decision: 'Kết quả đánh giá',
  comment: 'Nhận xét',
  evaluatorEmail: 'Email người đánh giá',
  memberId: 'Mã đoàn viên',
  introducedAt: 'Ngày giới thiệu kết nạp',
  admittedAt: 'Ngày kết nạp',
  reference: 'Số quyết định',
  body: 'Nội dung gửi',
  consent: 'Đồng ý xử lý dữ liệu cá nhân',
  privacy: 'Thông báo xử lý dữ liệu cá nhân',
  // The year's plan (PUT /config).
  phase: 'Giai đoạn',
  calendar: 'Lịch của năm',
  rules: 'Quy định',
  tasks: 'Danh mục nhiệm vụ',
  units: 'Danh sách cơ sở Đoàn',
  groups: 'Danh sách tổ',
  committee: 'Ban Thường vụ Đoàn Khối',
  lateRegistrations: 'Gia hạn đăng ký',
  editId: 'Mã lần sửa',
  // A new year from an earlier one (POST /rollover), a base union's nominee list (PUT …/nominees).
  fromYear: 'Năm chuyển từ',
  nominees: 'Danh sách đề cử',
  editorEmail: 'Email người cập nhật',
  unitId: 'Cơ sở Đoàn',
  // Reports (POST …/reports/{kind}).
  period: 'Kỳ báo cáo',
  dryRun: 'Chạy thử',
  slice: 'Phần danh sách',
  status: 'Trạng thái',
  // Listings (GET …/inbox, GET …/mail).
  limit: 'Số mục mỗi trang',
  cursor: 'Vị trí trang',
};

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field.split('.')[0] ?? field] ?? field;
}

/** Parameters each refusal code needs to say precisely what is wrong. */
export interface ViolationParams {
  registration_closed: { opens: string; closes: string };
  amendment_closed: { closes: string };
  task_removed: { codes: string[] };
  unknown_unit: { value: string };
  unknown_group: { value: string };
  group_required: { task: string };
  not_nominated: { unit: string };
  too_few_training_tasks: { min: number; given: number };
  too_few_challenge_tasks: { min: number; given: number };
  unknown_task: { value: string };
  wrong_task_group: { code: string; expected: string };
  member_not_registered: { year: number };
  task_not_registered: { code: string };
  activity_outside_window: { from: string; to: string };
  activity_in_future: { date: string };
  submission_closed: { closes: string };
  initiative_required: Record<string, never>;
  rating_required: Record<string, never>;
  rating_too_low: { value: string; accepted: string[] };
  essay_required: Record<string, never>;
  essay_too_short: { words: number; min: number };
  meeting_kind_required: Record<string, never>;
  themed_meeting_wrong_month: { months: number[] };
  attachment_required: { code: string };
  unknown_queue: { value: string };
  not_allowed_to_evaluate: { code: string; queue: string };
  outside_queue_scope: { queue: string };
  evaluator_not_listed: { queue: string };
  self_evaluation: Record<string, never>;
  evaluation_closed: { closes: string };
  evidence_not_found: { id: string };
  member_not_found: { value: string };
  admitted_before_introduced: Record<string, never>;
  invalid_value: { detail: string };
  invalid_parameter: { detail: string };
  invalid_json: Record<string, never>;
  too_deep: { max: number };
  too_many_keys: { max: number };
  invalid_text: Record<string, never>;
  processing_failed: Record<string, never>;
  too_large_to_store: Record<string, never>;
  year_not_found: { year: number };
  year_mismatch: { expected: number; given: number };
  year_exists: { year: number; version: string };
  unit_not_found: { value: string };
  not_unit_executive: { unit: string };
  consent_required: Record<string, never>;
  unknown_notice_version: { value: string };
  notice_version_not_found: { value: string };
  data_request_not_found: { id: string };
}

export type ViolationCode = keyof ViolationParams;

export interface Violation {
  field: string;
  code: ViolationCode;
  message: string;
}

type MessageBuilders = { [C in ViolationCode]: (p: ViolationParams[C], field: string) => string };

const list = (codes: string[]): string => codes.join(', ');

const MESSAGES: MessageBuilders = {
  registration_closed: (p) =>
    `Đã hết thời hạn đăng ký sổ hành trình (từ ${displayDate(p.opens)} đến ${displayDate(p.closes)}). Nếu cần đăng ký muộn, bạn vui lòng liên hệ Ban Thường vụ Đoàn Khối để được mở đợt đăng ký bổ sung.`,
  amendment_closed: (p) =>
    `Đã hết thời hạn đăng ký bổ sung nhiệm vụ (đến hết ngày ${displayDate(p.closes)}). Các nhiệm vụ đã đăng ký trước đó vẫn được giữ nguyên.`,
  task_removed: (p) =>
    `Không thể bỏ nhiệm vụ đã đăng ký (${list(p.codes)}). Khi đăng ký bổ sung, bạn vui lòng chọn lại đủ các nhiệm vụ cũ và thêm nhiệm vụ mới.`,
  unknown_unit: (p) =>
    `Không tìm thấy cơ sở Đoàn "${p.value}" trong danh sách năm nay. Bạn vui lòng chọn đúng tên cơ sở Đoàn trong danh sách.`,
  unknown_group: (p) =>
    `Không tìm thấy tổ "${p.value}" trong danh sách năm nay. Bạn vui lòng chọn đúng tên tổ trong danh sách.`,
  group_required: (p) => `Nhiệm vụ ${p.task} do tổ đánh giá: bạn vui lòng chọn tổ của mình ở mục "Tổ".`,
  not_nominated: (p) =>
    `Email của bạn chưa có trong danh sách đoàn viên ưu tú do ${p.unit} giới thiệu năm nay. Bạn vui lòng liên hệ Ban Chấp hành Đoàn cơ sở.`,
  too_few_training_tasks: (p) => `Cần chọn ít nhất ${p.min} nhiệm vụ rèn luyện (bạn đã chọn ${p.given}).`,
  too_few_challenge_tasks: (p) => `Cần chọn ít nhất ${p.min} nhiệm vụ thử thách (bạn đã chọn ${p.given}).`,
  unknown_task: (p, field) => `Mục "${fieldLabel(field)}": không có nhiệm vụ "${p.value}" trong kế hoạch năm nay.`,
  wrong_task_group: (p, field) => `Mục "${fieldLabel(field)}": nhiệm vụ ${p.code} không thuộc nhóm ${p.expected}.`,
  member_not_registered: (p) =>
    `Chưa tìm thấy sổ hành trình năm ${p.year} của email này. Bạn vui lòng đăng ký sổ hành trình trước khi gửi minh chứng (hoặc gửi bằng đúng email đã đăng ký).`,
  task_not_registered: (p) =>
    `Bạn chưa đăng ký nhiệm vụ ${p.code}. Để gửi minh chứng cho nhiệm vụ này, bạn vui lòng đăng ký bổ sung nhiệm vụ qua biểu mẫu đăng ký (trong thời hạn đăng ký bổ sung).`,
  activity_outside_window: (p) =>
    `Ngày hoạt động phải nằm trong thời gian rèn luyện, từ ${displayDate(p.from)} đến ${displayDate(p.to)}.`,
  activity_in_future: (p) => `Ngày hoạt động (${displayDate(p.date)}) không được sau ngày gửi minh chứng.`,
  submission_closed: (p) => `Đã hết thời hạn gửi minh chứng của năm (đến hết ngày ${displayDate(p.closes)}).`,
  initiative_required: () => `Nhiệm vụ BB1 cần ghi tên sáng kiến trong công việc ở mục "Sáng kiến".`,
  rating_required: () => `Nhiệm vụ BB1 cần ghi kết quả xếp loại thi đua ở mục "Xếp loại thi đua".`,
  rating_too_low: (p) =>
    `Xếp loại "${p.value}" chưa đạt yêu cầu của nhiệm vụ BB1 (lao động tiên tiến trở lên: ${list(p.accepted)}).`,
  essay_required: () => `Nhiệm vụ BB3 cần dán toàn văn bài viết ở mục "Bài viết".`,
  essay_too_short: (p) =>
    `Bài viết cần trên ${p.min.toLocaleString('vi-VN')} chữ; bài của bạn hiện có ${p.words.toLocaleString('vi-VN')} chữ.`,
  meeting_kind_required: () =>
    `Nhiệm vụ RL1 cần chọn loại buổi sinh hoạt (sinh hoạt chủ điểm hoặc sinh hoạt định kỳ) ở mục "Loại buổi sinh hoạt".`,
  themed_meeting_wrong_month: (p) =>
    `Sinh hoạt chi đoàn chủ điểm chỉ được tính vào các tháng ${list(p.months.map(String))}. Nếu là buổi sinh hoạt định kỳ, bạn vui lòng chọn "Sinh hoạt định kỳ".`,
  attachment_required: (p) =>
    `Nhiệm vụ ${p.code} cần đính kèm minh chứng (tệp hoặc đường dẫn tới giấy khen, quyết định).`,
  unknown_queue: (p) => `Hàng chờ đánh giá "${p.value}" không tồn tại.`,
  not_allowed_to_evaluate: (p) => `Hàng chờ ${p.queue} không được giao đánh giá nhiệm vụ ${p.code}.`,
  outside_queue_scope: (p) => `Đoàn viên này không thuộc đơn vị hoặc tổ của hàng chờ ${p.queue}.`,
  evaluator_not_listed: (p) => `Email người đánh giá không có trong danh sách người đánh giá của hàng chờ ${p.queue}.`,
  self_evaluation: () => `Không được tự đánh giá minh chứng của chính mình.`,
  evaluation_closed: (p) =>
    `Đã hết thời hạn đánh giá (đến hết ngày ${displayDate(p.closes)}). Nếu cần đánh giá thêm, vui lòng đề nghị Ban Thường vụ Đoàn Khối gia hạn.`,
  evidence_not_found: (p) => `Không tìm thấy minh chứng có mã "${p.id}".`,
  member_not_found: (p) => `Không tìm thấy đoàn viên "${p.value}".`,
  admitted_before_introduced: () => `Ngày kết nạp không được trước ngày giới thiệu kết nạp.`,
  invalid_value: (p, field) => `Mục "${fieldLabel(field)}" chưa hợp lệ: ${p.detail}`,
  invalid_parameter: (p, field) =>
    `Tham số "${field}" (${fieldLabel(field).toLocaleLowerCase('vi')}) của đường dẫn chưa hợp lệ: ${p.detail}`,
  invalid_json: () => `Nội dung gửi không đọc được (không phải JSON hợp lệ).`,
  too_deep: (p) =>
    `Nội dung gửi lồng nhau quá sâu (quá ${p.max} lớp danh sách hoặc đối tượng lồng trong nhau) nên không được xử lý; nội dung đã được lưu lại nguyên vẹn. Vui lòng gửi lại từ biểu mẫu hoặc công cụ chính thức.`,
  too_many_keys: (p) =>
    `Nội dung gửi có một đối tượng với quá nhiều mục (quá ${p.max.toLocaleString('vi-VN')} mục) nên không được xử lý; nội dung đã được lưu lại nguyên vẹn. Vui lòng gửi lại từ biểu mẫu hoặc công cụ chính thức.`,
  processing_failed: () =>
    `Hệ thống chưa xử lý được nội dung này do một lỗi ngoài dự kiến; nội dung đã được lưu nguyên vẹn và Ban tổ chức sẽ kiểm tra. Bạn không cần gửi lại.`,
  too_large_to_store: () =>
    `Nội dung này làm hồ sơ vượt giới hạn lưu trữ của hệ thống (mỗi bản ghi tối đa 1 MiB) nên chưa được ghi nhận; nội dung gửi đã được lưu lại để Ban tổ chức kiểm tra. Bạn vui lòng rút gọn nội dung, hoặc liên hệ Ban tổ chức.`,
  invalid_text: (_p, field) =>
    `Mục "${fieldLabel(field)}" có ký tự bị lỗi mã hóa (Unicode không hợp lệ), thường do sao chép từ tệp khác. Bạn vui lòng gõ lại nội dung mục này rồi gửi lại.`,
  year_not_found: (p) => `Chưa có kế hoạch Hành trình năm ${p.year}. Vui lòng liên hệ Ban Thường vụ Đoàn Khối.`,
  year_mismatch: (p) => `Năm trong nội dung (${p.given}) không khớp với năm trong đường dẫn (${p.expected}).`,
  year_exists: (p) =>
    `Năm ${p.year} đã có kế hoạch (phiên bản ${p.version}) nên không chuyển năm được nữa. Muốn sửa kế hoạch năm ${p.year}, vui lòng gửi kế hoạch mới thay vì chuyển năm.`,
  unit_not_found: (p) => `Không có cơ sở Đoàn mã "${p.value}" trong kế hoạch năm nay.`,
  data_request_not_found: (p) => `Không tìm thấy yêu cầu về dữ liệu có mã "${p.id}" trong năm này.`,
  not_unit_executive: (p) =>
    `Email người cập nhật không có trong danh sách Ban Chấp hành của ${p.unit}: chỉ Ban Chấp hành Đoàn cơ sở mới được sửa danh sách đề cử của đơn vị mình.`,
  consent_required: () =>
    `Bạn chưa đồng ý cho xử lý dữ liệu cá nhân nên Ban tổ chức chưa thể lập Sổ hành trình. Bạn vui lòng đọc "Thông báo về xử lý dữ liệu cá nhân" ở đầu biểu mẫu đăng ký; nếu đồng ý, bạn đánh dấu vào ô đồng ý rồi gửi lại biểu mẫu. Nội dung lần gửi này chỉ được lưu lại để Ban tổ chức trả lời bạn.`,
  unknown_notice_version: (p) =>
    `${p.value === '' ? 'Bài đăng ký không ghi phiên bản thông báo về xử lý dữ liệu cá nhân mà bạn đã đọc' : `Thông báo về xử lý dữ liệu cá nhân mà bạn đã đọc (phiên bản ${p.value}) không phải thông báo của Hành trình năm nay`}, nên chưa xác định được bạn đã đồng ý với nội dung nào. Bạn vui lòng mở lại biểu mẫu đăng ký, đọc thông báo hiện hành, đánh dấu đồng ý rồi gửi lại.`,
  notice_version_not_found: (p) => `Năm này không có thông báo về xử lý dữ liệu cá nhân phiên bản "${p.value}".`,
};

/** Builds a refusal with its Vietnamese message. */
export function violation<C extends ViolationCode>(code: C, field: string, params: ViolationParams[C]): Violation {
  return { field, code, message: MESSAGES[code](params, field) };
}

/** Every code the engine can return; used to check each has a message. */
export const VIOLATION_CODES = Object.keys(MESSAGES) as ViolationCode[];
