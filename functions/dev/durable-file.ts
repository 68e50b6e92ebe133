// Files that survive a crash or a power cut: flushed to disk before they count, replaced atomically.
import { mkdir, open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Makes the folder's entries (a file created, renamed or removed in it) durable, as databases do after a rename. */
export async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes `text` to a temporary file, flushes it, then renames it over `file`: a crash leaves the old file or the new one. */
export async function replaceFile(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${String(process.pid)}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
  await syncFolder(dirname(file));
}
