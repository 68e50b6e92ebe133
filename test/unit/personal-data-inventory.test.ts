// The data inventory (docs/du-lieu-ca-nhan.md) against the code's data model: every stored field is classified in
// model/personal-data.ts, and every field holding personal data is named, with its kind, in the inventory.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as model from '../../functions/src/model';
import { DATA_CATEGORIES, DATA_CATEGORY_LABELS, STORED_DOCUMENTS } from '../../functions/src/model';

/** Parts of stored documents, not documents: their fields are classified where a document holds them. */
const PARTS = [
  'JourneyResultSchema',
  'DecisionRecordSchema',
  'EntrySummarySchema',
  'PartyRecordSchema',
  'ConsentRecordSchema',
  'ViolationRecordSchema',
];

function unwrap(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap() as z.ZodType;
    else if (current instanceof z.ZodDefault) current = current.unwrap() as z.ZodType;
    else if (current instanceof z.ZodPipe) current = current.in as z.ZodType;
    else return current;
  }
}

/** Every field of a schema as a dotted path; `[]` marks an array's elements, `{}` a map's values. */
function fieldsOf(schema: z.ZodType, prefix = ''): string[] {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject) {
    return Object.entries(inner.shape as Record<string, z.ZodType>).flatMap(([key, value]) => {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      return [path, ...fieldsOf(value, path)];
    });
  }
  if (inner instanceof z.ZodArray) return fieldsOf(inner.element as z.ZodType, `${prefix}[]`);
  if (inner instanceof z.ZodRecord) return fieldsOf(inner.valueType as z.ZodType, `${prefix}{}`);
  return [];
}

const within = (field: string, outer: string): boolean =>
  field === outer || ['.', '[', '{'].some((next) => field.startsWith(outer + next));

function covered(field: string, doc: (typeof STORED_DOCUMENTS)[number]): boolean {
  if (Object.keys(doc.personal).some((personal) => within(field, personal))) return true;
  return doc.other.some((other) => (other.endsWith('.*') ? within(field, other.slice(0, -2)) : field === other));
}

const INVENTORY = readFileSync('docs/du-lieu-ca-nhan.md', 'utf8');

/** The inventory's section on one document: from its heading to the next heading. */
function sectionOf(path: string): string | undefined {
  const lines = INVENTORY.split('\n');
  const start = lines.findIndex((line) => line.startsWith('#') && line.includes(`\`${path}\``));
  if (start < 0) return undefined;
  const end = lines.findIndex((line, i) => i > start && line.startsWith('#'));
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

describe('the data model classifies every stored field', () => {
  it('lists every document schema of model/', () => {
    const listed = new Set(STORED_DOCUMENTS.map((doc) => doc.schema));
    const unlisted = Object.entries(model)
      .filter(([name, value]) => value instanceof z.ZodObject && !PARTS.includes(name))
      .filter(([, value]) => !listed.has(value as z.ZodType))
      .map(([name]) => name);
    expect(unlisted).toEqual([]);
  });

  for (const doc of STORED_DOCUMENTS) {
    it(`${doc.path}: every field is personal data or said not to be, and nothing classified is missing`, () => {
      const fields = fieldsOf(doc.schema);
      expect(fields.filter((field) => !covered(field, doc))).toEqual([]);
      const named = [...Object.keys(doc.personal), ...doc.other.map((other) => other.replace(/\.\*$/, ''))];
      expect(named.filter((name) => !fields.includes(name))).toEqual([]);
    });
  }
});

describe('the inventory (docs/du-lieu-ca-nhan.md) names what the model holds', () => {
  it('names every kind of personal data in Vietnamese', () => {
    for (const category of DATA_CATEGORIES) expect(INVENTORY).toContain(`**${DATA_CATEGORY_LABELS[category]}**`);
  });

  for (const doc of STORED_DOCUMENTS) {
    it(`${doc.path}: each personal field with its kind`, () => {
      if (Object.keys(doc.personal).length === 0) {
        expect(INVENTORY, `${doc.path} is not in the list of documents without personal data`).toContain(
          `\`${doc.path}\``,
        );
        return;
      }
      const section = sectionOf(doc.path);
      expect(section, `no section on ${doc.path}`).toBeDefined();
      for (const [field, category] of Object.entries(doc.personal)) {
        const row = section?.split('\n').find((line) => line.startsWith(`| \`${field}\` |`));
        expect(row, `${doc.path}: no row for ${field}`).toBeDefined();
        expect(row, `${doc.path}: ${field} is ${category}`).toContain(DATA_CATEGORY_LABELS[category]);
      }
    });
  }
});
