// Form-submit triggers: a response becomes a signed Registration or Evidence call, retried until the function has it.
import { deliver, type DeliveryResult } from './delivery';
import { JourneyError } from './errors';
import { formRecord, type FormKind } from './forms/registry';
import { taskCodeOf } from './plan';
import { toEvidence, toRegistration, type SubmittedResponse } from './submissions';
import { isoWithOffset } from './time';

function answerValue(value: unknown): string | string[] {
  if (Array.isArray(value)) return (value as unknown[]).flat().map((v) => String(v));
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

/** The only place that reads a FormResponse. */
export function readResponse(response: GoogleAppsScript.Forms.FormResponse): SubmittedResponse {
  return {
    responseId: response.getId(),
    submittedAt: isoWithOffset(new Date(response.getTimestamp().getTime())),
    email: response.getRespondentEmail(),
    answers: response.getItemResponses().map((itemResponse) => {
      const item = itemResponse.getItem();
      return {
        itemId: item.getId(),
        fileUpload: item.getType() === FormApp.ItemType.FILE_UPLOAD,
        value: answerValue(itemResponse.getResponse()),
      };
    }),
  };
}

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
    console.warn(`Biểu mẫu ${formId} là biểu mẫu ${names[record.kind]} nhưng được gắn với trình kích hoạt của biểu mẫu ${names[expected]}.`);
  }
  const response = readResponse(e.response);
  if (record.kind === 'registration') {
    const body = toRegistration(record, response);
    return deliver({
      key: `registration:${body.responseId}`,
      method: 'POST',
      path: '/v1/registrations',
      body: JSON.stringify(body),
      label: `bài đăng ký của ${body.email || 'người gửi chưa rõ email'} (mã phản hồi ${body.responseId})`,
    });
  }
  const body = toEvidence(record, response);
  return deliver({
    key: `evidence:${body.responseId}`,
    method: 'POST',
    path: '/v1/evidence',
    body: JSON.stringify(body),
    label: `minh chứng ${taskCodeOf(body.task)} của ${body.email || 'người gửi chưa rõ email'} (mã phản hồi ${body.responseId})`,
  });
}
