// Keeps local spreadsheets across restarts: one JSON file under the data folder, written atomically.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { replaceFile } from '../../durable-file';
import { emptyTab, type SpreadsheetModel, type TabModel } from './spreadsheet';

export const STATE_FILE = 'sheets.json';
const FORMAT_VERSION = 1;

const tabSchema = z.looseObject({
  properties: z.looseObject({
    sheetId: z.number().int(),
    title: z.string(),
    index: z.number().int(),
    gridProperties: z.looseObject({ rowCount: z.number().int().positive(), columnCount: z.number().int().positive() }),
  }),
  values: z.array(z.array(z.unknown())),
});

const fileSchema = z.object({
  version: z.literal(FORMAT_VERSION),
  spreadsheets: z.array(
    z.looseObject({
      spreadsheetId: z.string().min(1),
      properties: z.looseObject({ title: z.string() }),
      tabs: z.array(tabSchema).min(1),
      createdAt: z.string(),
      updatedAt: z.string(),
    }),
  ),
});

/** Reads the saved spreadsheets; none when there is no file yet. A damaged file stops the start. */
export function loadSpreadsheets(dataDir: string): SpreadsheetModel[] {
  const file = join(dataDir, STATE_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`Tệp ${file} không phải JSON hợp lệ: hãy sửa hoặc xoá tệp này để chạy lại.`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `Tệp ${file} không đúng định dạng (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}): hãy sửa hoặc xoá tệp này.`,
    );
  }
  return parsed.data.spreadsheets.map((ss) => {
    const model = ss as unknown as SpreadsheetModel;
    model.tabs = model.tabs.map(withAllLayers);
    return model;
  });
}

/** Older or hand-edited files may lack a layer; an absent layer is an empty one. */
function withAllLayers(tab: Partial<TabModel> & Pick<TabModel, 'properties' | 'values'>): TabModel {
  return { ...emptyTab(tab.properties), ...tab };
}

/** Flushed then renamed over the old file: a crash, even a power cut, leaves the old file or the new one, never half. */
export async function saveSpreadsheets(dataDir: string, spreadsheets: readonly SpreadsheetModel[]): Promise<void> {
  await replaceFile(join(dataDir, STATE_FILE), JSON.stringify({ version: FORMAT_VERSION, spreadsheets }));
}

export interface Persister {
  /** Saves soon (debounced): many writes in a burst cost one file write. */
  schedule(): void;
  /** Saves now, after any save in progress. */
  flush(): Promise<void>;
}

/** Without a data folder nothing is saved and both calls do nothing. */
export function createPersister(
  dataDir: string | undefined,
  snapshot: () => readonly SpreadsheetModel[],
  delayMs = 250,
): Persister {
  if (dataDir === undefined) return { schedule: () => undefined, flush: () => Promise.resolve() };
  mkdirSync(dataDir, { recursive: true });
  let timer: NodeJS.Timeout | undefined;
  let chain: Promise<void> = Promise.resolve();

  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    // Serialised, so an older snapshot never lands after a newer one.
    chain = chain.catch(() => undefined).then(() => saveSpreadsheets(dataDir, snapshot()));
    return chain;
  };

  return {
    schedule: () => {
      if (timer) return;
      timer = setTimeout(() => {
        // A failed background save is retried by the next write or flush; flush() reports it.
        flush().catch(() => undefined);
      }, delayMs);
      timer.unref();
    },
    flush,
  };
}
