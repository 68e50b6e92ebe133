// Creates the year's two forms once, then updates them in place on every later setup run — as the Forms service works
// since its publishing change: a form a script creates starts unpublished and takes no answers until it is published
// (Google's "API changes to Google Forms"), and accepting answers cannot be switched on before that.
//
// Order, so that no step is ever done twice and an interrupted run resumes: the form is remembered the moment it exists;
// its items are built while it is unpublished (nobody can see it yet); then it is published — every form this script
// created or remembers, each run — and accepts answers; who may answer and how e-mails are collected are set every run.
import type { Responders, YearPlan } from '../plan';
import { applyFormSpec } from './apply';
import { evidenceFormSpec } from './evidence-form';
import { registrationFormSpec } from './registration-form';
import { formIdsOfYear, formRecord, saveFormRecord, type FormKind } from './registry';
import type { FormSpec } from './spec';
import { log } from '../log';

/** How e-mails are collected: the respondent's Google account (verified), or typed by the respondent. */
export type EmailCollection = 'verified' | 'typed';

export interface FormInfo {
  kind: FormKind;
  formId: string;
  publishedUrl: string;
  editUrl: string;
  created: boolean;
  itemsCreated: number;
  itemsDeleted: number;
  /** Published by this run (a new form, or a remembered one found unpublished). */
  publishedNow: boolean;
  /** Accepting answers now (the committee may have closed a published form on purpose: setup leaves that as it is). */
  accepting: boolean;
  emailCollection: EmailCollection;
  /** Who may answer; `domain_unavailable`: the plan asks for the domain but the account is not Google Workspace. */
  responders: Responders | 'domain_unavailable';
}

/** Forms' newer methods, not in the typings yet. */
interface PublishableForm {
  setPublished?: (published: boolean) => unknown;
  isPublished?: () => boolean;
  setEmailCollectionType?: (type: unknown) => unknown;
}

function openRemembered(formId: string | undefined): GoogleAppsScript.Forms.Form | null {
  if (formId === undefined) return null;
  try {
    return FormApp.openById(formId);
  } catch (error) {
    log.warn(`Không mở được biểu mẫu đã lưu (${formId}): ${String(error)}. Sẽ tạo biểu mẫu mới.`);
    return null;
  }
}

/** Publishes the form unless it is published; true when this call published it. */
function publish(form: GoogleAppsScript.Forms.Form): boolean {
  const publishable = form as unknown as PublishableForm;
  // A runtime without the publishing model has no such method: its forms are published when made.
  if (typeof publishable.setPublished !== 'function') return false;
  if (typeof publishable.isPublished === 'function' && publishable.isPublished()) return false;
  publishable.setPublished(true);
  return true;
}

/** Verified e-mails (the respondent's Google account) where the account can; else e-mails the respondent types. */
function collectEmails(form: GoogleAppsScript.Forms.Form): EmailCollection {
  const typed = form as unknown as PublishableForm;
  const types = (FormApp as unknown as { EmailCollectionType?: Record<string, unknown> }).EmailCollectionType;
  if (typeof typed.setEmailCollectionType === 'function' && types) {
    try {
      typed.setEmailCollectionType(types.VERIFIED);
      return 'verified';
    } catch (error) {
      log.warn(
        `Biểu mẫu ${form.getId()} không thu được email đã xác minh (${String(error)}); thu email do người trả lời nhập.`,
      );
      try {
        typed.setEmailCollectionType(types.RESPONDER_INPUT);
        return 'typed';
      } catch {
        // Fall through to the older call.
      }
    }
  }
  form.setCollectEmail(true);
  return 'typed';
}

/** Who may answer, as the plan says; only a Google Workspace account can limit answers to its domain. */
function setResponders(form: GoogleAppsScript.Forms.Form, responders: Responders): FormInfo['responders'] {
  if (responders === 'domain') {
    try {
      form.setRequireLogin(true);
      return 'domain';
    } catch (error) {
      log.warn(`Biểu mẫu ${form.getId()}: không giới hạn được người trả lời trong tên miền (${String(error)}).`);
      return 'domain_unavailable';
    }
  }
  try {
    form.setRequireLogin(false);
  } catch {
    // A consumer account has no domain limit to lift.
  }
  return 'anyone_with_link';
}

/** Items of a form still being built that no record names: made by a run that stopped before it could remember them. */
function removeUnrecorded(form: GoogleAppsScript.Forms.Form, known: Readonly<Record<string, number>>): number {
  if (form.getResponses().length > 0) return 0;
  const ids = new Set(Object.values(known));
  let removed = 0;
  for (const item of form.getItems()) {
    if (ids.has(item.getId())) continue;
    form.deleteItem(item);
    removed++;
  }
  return removed;
}

function ensureForm(kind: FormKind, spec: FormSpec, year: number, responders: Responders): FormInfo {
  const rememberedId = formIdsOfYear(year)[kind];
  let form = openRemembered(rememberedId);
  const created = form === null;
  if (!form) {
    form = FormApp.create(spec.title);
    // Remembered at once: a step that fails next, or a run Apps Script stops, resumes with this form, never a second one.
    saveFormRecord({ kind, year, formId: form.getId(), items: {}, building: true });
  }
  const record = formRecord(form.getId());
  const known = record?.items ?? {};
  const removed = record?.building ? removeUnrecorded(form, known) : 0;
  form
    .setTitle(spec.title)
    .setDescription(spec.description)
    .setConfirmationMessage(spec.confirmation)
    .setAllowResponseEdits(false)
    .setShowLinkToRespondAgain(true);
  const report = applyFormSpec(form, spec, known);
  saveFormRecord({ kind, year, formId: form.getId(), items: report.items });
  const emailCollection = collectEmails(form);
  const who = setResponders(form, responders);
  // Published every run it is found unpublished (a form made after 30 June 2026, or one an earlier run made and could
  // not publish); publishing opens it to answers. A form the committee closed while published stays closed.
  const publishedNow = publish(form);
  if (publishedNow && !form.isAcceptingResponses()) form.setAcceptingResponses(true);
  return {
    kind,
    formId: form.getId(),
    publishedUrl: form.getPublishedUrl(),
    editUrl: form.getEditUrl(),
    created,
    itemsCreated: report.created,
    itemsDeleted: report.deleted + removed,
    publishedNow,
    accepting: form.isAcceptingResponses(),
    emailCollection,
    responders: who,
  };
}

/**
 * The year's forms in turn, each one unit of work: `outOfTime` is asked before each, forms in `done` (finished by an
 * earlier execution of the same setup round) are skipped, and `onDone` records each as soon as it is finished.
 */
export function ensureForms(
  plan: YearPlan,
  outOfTime: () => boolean = () => false,
  done: ReadonlySet<FormKind> = new Set(),
  onDone: (kind: FormKind) => void = () => undefined,
): { registration: FormInfo | null; evidence: FormInfo | null } {
  const result: { registration: FormInfo | null; evidence: FormInfo | null } = { registration: null, evidence: null };
  const specs: Array<[FormKind, () => FormSpec]> = [
    ['registration', () => registrationFormSpec(plan)],
    ['evidence', () => evidenceFormSpec(plan)],
  ];
  for (const [kind, spec] of specs) {
    if (done.has(kind)) continue;
    if (outOfTime()) break;
    result[kind] = ensureForm(kind, spec(), plan.year, plan.forms.responders);
    onDone(kind);
  }
  return result;
}
