// The Firestore rules and indexes the repository declares: firebase.json names the files, so they stay the one source.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { LocalFiles } from './check';

const FirebaseJson = z.object({ firestore: z.object({ rules: z.string(), indexes: z.string() }) });
const FieldOverride = z
  .object({
    collectionGroup: z.string(),
    fieldPath: z.string(),
    indexes: z.array(z.unknown()),
    ttl: z.boolean().optional(),
  })
  .loose();
const CompositeIndex = z.object({
  collectionGroup: z.string(),
  queryScope: z.enum(['COLLECTION', 'COLLECTION_GROUP']).default('COLLECTION'),
  fields: z.array(z.object({ fieldPath: z.string(), order: z.enum(['ASCENDING', 'DESCENDING']) })),
});
const IndexesJson = z.object({
  indexes: z.array(CompositeIndex).default([]),
  fieldOverrides: z.array(FieldOverride).default([]),
});

export interface FirestoreFiles extends LocalFiles {
  rules: { file: string; source: string };
}

export function readFirestoreFiles(rootDir: string): FirestoreFiles {
  const { firestore } = FirebaseJson.parse(JSON.parse(readFileSync(join(rootDir, 'firebase.json'), 'utf8')));
  const indexes = IndexesJson.parse(JSON.parse(readFileSync(join(rootDir, firestore.indexes), 'utf8')));
  return {
    rules: { file: firestore.rules, source: readFileSync(join(rootDir, firestore.rules), 'utf8') },
    indexes: {
      composite: indexes.indexes.length,
      composites: indexes.indexes,
      fieldOverrides: indexes.fieldOverrides.length,
      // `indexes: []`: the field is not indexed at all (what this project declares for fields it never queries).
      exemptions: indexes.fieldOverrides
        .filter((o) => o.indexes.length === 0)
        .map((o) => ({ collectionGroup: o.collectionGroup, fieldPath: o.fieldPath })),
      // `"ttl": true` (the Firebase CLI's form): the field is its group's TTL field.
      ttls: indexes.fieldOverrides
        .filter((o) => o.ttl === true)
        .map((o) => ({ collectionGroup: o.collectionGroup, fieldPath: o.fieldPath })),
    },
  };
}
