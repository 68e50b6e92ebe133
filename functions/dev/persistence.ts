// The snapshot of local Firestore: every document at one instant, as `path → data` in one JSON file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { replaceFile } from './durable-file';
import type { DocumentData } from './firestore-values';
import { StartError } from './start-error';

/** path → document data. Every document the store writes is plain JSON (instants are ISO strings). */
export type Snapshot = Record<string, DocumentData>;

export function stateFile(dataDir: string): string {
  return join(dataDir, 'firestore.json');
}

/** The text is made by the caller, in one turn of the event loop, so the snapshot is of one instant. */
export async function saveSnapshot(dataDir: string, text: string): Promise<void> {
  await replaceFile(stateFile(dataDir), text);
}

/** None when there is no file yet; a damaged file stops the start with a message saying which file. */
export function loadSnapshot(dataDir: string): Snapshot | undefined {
  const file = stateFile(dataDir);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StartError(`Không đọc được tệp dữ liệu ${file}: ${String(error)}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new StartError(
      `Tệp dữ liệu ${file} không phải JSON hợp lệ nên không khôi phục được. Hãy sao lưu thư mục dữ liệu rồi sửa hoặc xoá tệp này.`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new StartError(`Tệp dữ liệu ${file} không đúng định dạng (cần một đối tượng JSON: đường dẫn → bản ghi).`);
  }
  return parsed as Snapshot;
}
