// The local mailer: each message written as an `.eml` file in the outbox folder (JOURNEY_DATA_DIR/outbox) instead of sent.
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Mailer } from '../../src/ports';
import { syncFolder } from '../durable-file';

export const OUTBOX_FOLDER = 'outbox';

/** A file name that sorts by time and names the mail: `20190201-073000-123-notice-registration-….eml`. */
export function emlName(at: Date, id: string): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').replace('.', '-').replace('Z', '');
  return `${stamp}-${id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 120)}.eml`;
}

/** Writes a file as a mail server keeps a message: flushed, then renamed into place, the folder synced. */
async function writeDurably(folder: string, name: string, raw: Buffer): Promise<void> {
  const temp = join(folder, `.${name}.tmp`);
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(raw);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, join(folder, name));
  await syncFolder(folder);
}

/**
 * Writes each message durably (flushed, then renamed into place) before answering, as a mail server accepts a
 * message only once it is on disk: an answered send is never lost by a crash.
 */
export function outboxFolderMailer(folder: string, clock: () => Date = () => new Date()): Mailer & { folder: string } {
  return {
    folder,
    async send({ raw, id }) {
      await mkdir(folder, { recursive: true });
      const name = emlName(clock(), id);
      await writeDurably(folder, name, raw);
      return { providerId: name };
    },
    /** An erasure: the file is rewritten in place (durably, as sent) or deleted. */
    async replaceSent(providerId, raw) {
      const name = basename(providerId);
      if (raw !== null) return writeDurably(folder, name, raw);
      await rm(join(folder, name), { force: true });
      await syncFolder(folder);
    },
  };
}

/** The `.eml` files of the folder, newest first. */
export async function listEml(folder: string): Promise<string[]> {
  try {
    return (await readdir(folder))
      .filter((f) => f.endsWith('.eml') && !f.startsWith('.'))
      .sort()
      .reverse();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
