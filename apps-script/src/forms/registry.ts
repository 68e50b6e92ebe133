// Which forms this script built, per year, and the id of each of their items per API field (Script Properties, JSON).
import { readJson, writeJson } from '../store';

export type FormKind = 'registration' | 'evidence';

export interface FormRecord {
  kind: FormKind;
  year: number;
  formId: string;
  /** Item id per item key (see forms/spec.ts): answers are read by these ids, never by titles. */
  items: Record<string, number>;
  /** Created, its items not all made yet: a run that resumes it removes the items no record names (nobody has answered). */
  building?: boolean;
}

const FORM_PREFIX = 'journey.form.';
const YEAR_PREFIX = 'journey.forms.';

export function formRecord(formId: string): FormRecord | undefined {
  const value = readJson(FORM_PREFIX + formId);
  if (typeof value !== 'object' || value === null) return undefined;
  const r = value as Partial<FormRecord>;
  if ((r.kind !== 'registration' && r.kind !== 'evidence') || typeof r.year !== 'number' || typeof r.items !== 'object')
    return undefined;
  return { kind: r.kind, year: r.year, formId, items: r.items, ...(r.building === true ? { building: true } : {}) };
}

export function formIdsOfYear(year: number): Partial<Record<FormKind, string>> {
  const value = readJson(YEAR_PREFIX + String(year));
  if (typeof value !== 'object' || value === null) return {};
  const ids = value as Record<string, unknown>;
  const result: Partial<Record<FormKind, string>> = {};
  if (typeof ids.registration === 'string') result.registration = ids.registration;
  if (typeof ids.evidence === 'string') result.evidence = ids.evidence;
  return result;
}

export function saveFormRecord(record: FormRecord): void {
  writeJson(FORM_PREFIX + record.formId, {
    kind: record.kind,
    year: record.year,
    items: record.items,
    ...(record.building ? { building: true } : {}),
  });
  const ids = formIdsOfYear(record.year);
  if (ids[record.kind] !== record.formId)
    writeJson(YEAR_PREFIX + String(record.year), { ...ids, [record.kind]: record.formId });
}
