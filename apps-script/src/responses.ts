// A form response as the call that delivers it: built when the response arrives, and again from the form itself when a
// retry or the reconciler sends it later — the form is the durable record, Script Properties keep only its id.
import { formRecord, type FormRecord } from './forms/registry';
import { taskCodeOf } from './plan';
import type { OutgoingRequest } from './retry-queue';
import { toEvidence, toRegistration, type SubmittedResponse } from './submissions';
import { isoWithOffset } from './time';
import { log } from './log';

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

/** The signed call that delivers a response of a form this script built; its key is the response id. */
export function requestFor(record: FormRecord, response: GoogleAppsScript.Forms.FormResponse): OutgoingRequest {
  const submitted = readResponse(response);
  const source = { formId: record.formId, responseId: submitted.responseId };
  if (record.kind === 'registration') {
    const body = toRegistration(record, submitted);
    return {
      key: `registration:${body.responseId}`,
      method: 'POST',
      path: '/v1/registrations',
      body: JSON.stringify(body),
      label: `bài đăng ký (mã phản hồi ${body.responseId})`,
      source,
    };
  }
  const body = toEvidence(record, submitted);
  return {
    key: `evidence:${body.responseId}`,
    method: 'POST',
    path: '/v1/evidence',
    body: JSON.stringify(body),
    label: `minh chứng ${taskCodeOf(body.task)} (mã phản hồi ${body.responseId})`,
    source,
  };
}

/** The call for a response read again from its form; undefined when the form or the response is gone. */
export function requestForSource(source: { formId: string; responseId: string }): OutgoingRequest | undefined {
  const record = formRecord(source.formId);
  if (!record) return undefined;
  try {
    return requestFor(record, FormApp.openById(source.formId).getResponse(source.responseId));
  } catch (error) {
    log.error(`Không đọc lại được phản hồi ${source.responseId} của biểu mẫu ${source.formId}: ${String(error)}`);
    return undefined;
  }
}
