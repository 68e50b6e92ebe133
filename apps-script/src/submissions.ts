// Form responses to API bodies (Registration, Evidence), answers looked up by item id — titles may change, ids do not.
import { fieldOfKey } from './forms/spec';
import { consentNoticeOf } from './forms/consent';
import { MEETING_KIND_PREFIX } from './forms/texts';
import type { FormRecord } from './forms/registry';
import { taskCodeOf } from './plan';
import { toIsoDate } from './time';

/** A form response reduced to what the mapping needs; built from FormResponse at the edge. */
export interface SubmittedResponse {
  responseId: string;
  /** ISO instant with offset. */
  submittedAt: string;
  email: string;
  answers: ReadonlyArray<{ itemId: number; fileUpload: boolean; value: string | readonly string[] }>;
}

export interface RegistrationBody {
  responseId: string;
  submittedAt: string;
  year: number;
  email: string;
  fullName: string;
  unit: string;
  group?: string;
  dateOfBirth?: string;
  phone?: string;
  trainingTasks: string[];
  challengeTasks: string[];
  /** Present only when the member ticked the consent choice; the function refuses a registration without it. */
  consent?: { notice: string; given: true };
}

export interface EvidenceBody {
  responseId: string;
  submittedAt: string;
  year: number;
  email: string;
  task: string;
  activityDate: string;
  description: string;
  links?: string[];
  essay?: string;
  initiative?: string;
  rating?: string;
  meetingKind?: 'themed' | 'regular';
}

class Answers {
  private readonly byId = new Map<number, string | readonly string[]>();

  constructor(
    private readonly record: FormRecord,
    response: SubmittedResponse,
  ) {
    for (const answer of response.answers) this.byId.set(answer.itemId, answer.value);
  }

  /** The answer to the item stored under `key`, or undefined when it was not answered. */
  raw(key: string): string | readonly string[] | undefined {
    const id = this.record.items[key];
    return id === undefined ? undefined : this.byId.get(id);
  }

  text(key: string): string | undefined {
    const value = this.raw(key);
    const joined = (typeof value === 'string' ? value : (value ?? []).join('\n')).trim();
    return joined === '' ? undefined : joined;
  }

  list(key: string): string[] {
    const value = this.raw(key);
    if (value === undefined) return [];
    return (typeof value === 'string' ? [value] : [...value]).map((v) => v.trim()).filter((v) => v !== '');
  }

  /** A field answered on the chosen task's own page (`RL1.meetingKind`) wins over the common one (`meetingKind`). */
  forTask(code: string, field: string): string | undefined {
    return this.text(`${code}.${field}`) ?? this.text(field);
  }

  /** Every remembered key that answers `field`, for fields asked in several places (links). */
  keysFor(field: string): string[] {
    return Object.keys(this.record.items).filter((key) => fieldOfKey(key) === field);
  }
}

/** URLs in a free-text answer: one per line, or separated by spaces, commas or semicolons; bare `www.` and `drive.google.com/` get https://. */
export function extractLinks(text: string): string[] {
  const links: string[] = [];
  for (const token of text.split(/[\s,;]+/)) {
    const cleaned = token.replace(/^[<("']+|[>)"'.]+$/g, '');
    if (/^https?:\/\/\S+$/i.test(cleaned)) links.push(cleaned);
    else if (/^(www\.|drive\.google\.com\/|docs\.google\.com\/)\S+$/i.test(cleaned)) links.push(`https://${cleaned}`);
  }
  return links;
}

function driveUrl(fileId: string): string {
  return `https://drive.google.com/open?id=${encodeURIComponent(fileId)}`;
}

export function toRegistration(record: FormRecord, response: SubmittedResponse): RegistrationBody {
  const a = new Answers(record, response);
  const dateOfBirth = a.text('dateOfBirth');
  const body: RegistrationBody = {
    responseId: response.responseId,
    submittedAt: response.submittedAt,
    year: record.year,
    email: response.email,
    fullName: a.text('fullName') ?? '',
    unit: a.text('unit') ?? '',
    trainingTasks: a.list('trainingTasks'),
    challengeTasks: a.list('challengeTasks'),
  };
  const group = a.text('group');
  if (group !== undefined) body.group = group;
  if (dateOfBirth !== undefined) body.dateOfBirth = toIsoDate(dateOfBirth);
  const phone = a.text('phone');
  if (phone !== undefined) body.phone = phone;
  const notice = a
    .list('consent')
    .map(consentNoticeOf)
    .find((v) => v !== undefined);
  if (notice !== undefined) body.consent = { notice, given: true };
  return body;
}

function meetingKindOf(label: string | undefined): 'themed' | 'regular' | undefined {
  if (label === undefined) return undefined;
  const value = label.normalize('NFC').trim().toLowerCase();
  if (value.startsWith(MEETING_KIND_PREFIX.themed.toLowerCase()) || value.includes('chủ điểm')) return 'themed';
  if (value.startsWith(MEETING_KIND_PREFIX.regular.toLowerCase()) || value.includes('định kỳ')) return 'regular';
  return undefined;
}

export function toEvidence(record: FormRecord, response: SubmittedResponse): EvidenceBody {
  const a = new Answers(record, response);
  const task = a.text('task') ?? '';
  const code = taskCodeOf(task);
  const body: EvidenceBody = {
    responseId: response.responseId,
    submittedAt: response.submittedAt,
    year: record.year,
    email: response.email,
    task,
    activityDate: toIsoDate(a.text('activityDate') ?? ''),
    description: a.text('description') ?? '',
  };
  const ownKeys = a.keysFor('links').filter((key) => key === 'links' || key === `${code}.links`);
  const links = ownKeys.flatMap((key) => extractLinks(a.text(key) ?? ''));
  for (const answer of response.answers) {
    if (!answer.fileUpload) continue;
    const ids = typeof answer.value === 'string' ? [answer.value] : answer.value;
    links.push(...ids.filter((id) => id.trim() !== '').map(driveUrl));
  }
  if (links.length > 0) body.links = [...new Set(links)];
  const essay = a.forTask(code, 'essay');
  if (essay !== undefined) body.essay = essay;
  const initiative = a.forTask(code, 'initiative');
  if (initiative !== undefined) body.initiative = initiative;
  const rating = a.forTask(code, 'rating');
  if (rating !== undefined) body.rating = rating;
  const meetingKind = meetingKindOf(a.forTask(code, 'meetingKind'));
  if (meetingKind !== undefined) body.meetingKind = meetingKind;
  return body;
}
