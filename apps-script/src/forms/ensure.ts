// Creates the year's two forms once, then updates them in place on every later setup run.
import type { YearPlan } from '../plan';
import { applyFormSpec } from './apply';
import { evidenceFormSpec } from './evidence-form';
import { registrationFormSpec } from './registration-form';
import { formIdsOfYear, formRecord, saveFormRecord, type FormKind } from './registry';
import type { FormSpec } from './spec';

export interface FormInfo {
  kind: FormKind;
  formId: string;
  publishedUrl: string;
  editUrl: string;
  created: boolean;
  itemsCreated: number;
  itemsDeleted: number;
}

function openRemembered(formId: string | undefined): GoogleAppsScript.Forms.Form | null {
  if (formId === undefined) return null;
  try {
    return FormApp.openById(formId);
  } catch (error) {
    console.warn(`Không mở được biểu mẫu đã lưu (${formId}): ${String(error)}. Sẽ tạo biểu mẫu mới.`);
    return null;
  }
}

/** Newer Forms have a "published" state (not in the typings yet); publish when the method exists. */
function publish(form: GoogleAppsScript.Forms.Form): void {
  const publishable = form as unknown as { setPublished?: (published: boolean) => unknown };
  if (typeof publishable.setPublished === 'function') publishable.setPublished(true);
}

function ensureForm(kind: FormKind, spec: FormSpec, year: number): FormInfo {
  const rememberedId = formIdsOfYear(year)[kind];
  let form = openRemembered(rememberedId);
  const created = form === null;
  if (!form) {
    form = FormApp.create(spec.title);
    form.setAcceptingResponses(true);
    publish(form);
  }
  form
    .setTitle(spec.title)
    .setDescription(spec.description)
    .setConfirmationMessage(spec.confirmation)
    .setCollectEmail(true)
    .setAllowResponseEdits(false)
    .setShowLinkToRespondAgain(true);
  const known = created ? {} : (formRecord(form.getId())?.items ?? {});
  const report = applyFormSpec(form, spec, known);
  saveFormRecord({ kind, year, formId: form.getId(), items: report.items });
  return {
    kind,
    formId: form.getId(),
    publishedUrl: form.getPublishedUrl(),
    editUrl: form.getEditUrl(),
    created,
    itemsCreated: report.created,
    itemsDeleted: report.deleted,
  };
}

export function ensureForms(plan: YearPlan): { registration: FormInfo; evidence: FormInfo } {
  return {
    registration: ensureForm('registration', registrationFormSpec(plan), plan.year),
    evidence: ensureForm('evidence', evidenceFormSpec(plan), plan.year),
  };
}
