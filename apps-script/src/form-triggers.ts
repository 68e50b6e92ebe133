// Form-submit triggers: a response becomes a signed Registration or Evidence call, retried until the function has it.
import { deliver, type DeliveryResult } from './delivery';
import { JourneyError } from './errors';
import { formRecord, type FormKind } from './forms/registry';
import { requestFor } from './responses';
import { log } from './log';

export function handleFormSubmit(e: GoogleAppsScript.Events.FormsOnFormSubmit, expected: FormKind): DeliveryResult {
  const formId = e.source.getId();
  const record = formRecord(formId);
  if (!record) {
    throw new JourneyError(
      'unknown_form',
      `Biểu mẫu ${formId} chưa được thiết lập bằng tập lệnh này (không tìm thấy mã các câu hỏi). ` +
        'Vui lòng chạy "Thiết lập / cập nhật biểu mẫu"; câu trả lời vẫn được lưu trong biểu mẫu.',
    );
  }
  if (record.kind !== expected) {
    const names = { registration: 'đăng ký', evidence: 'báo cáo minh chứng' } as const;
    log.warn(
      `Biểu mẫu ${formId} là biểu mẫu ${names[record.kind]} nhưng được gắn với trình kích hoạt của biểu mẫu ${names[expected]}.`,
    );
  }
  // Sent now; if the function cannot take it, the retry queue keeps the response's id (not its body) and reads the
  // response from the form again when it retries; when even that queue is full the reconciler finds it in the form.
  return deliver(requestFor(record, e.response));
}
