// The write-ahead journal of local Firestore: one line per commit, flushed to disk before the commit is answered.
import { readdirSync, readFileSync } from 'node:fs';
import { open, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { DocumentData } from './firestore-values';
import { StartError } from './start-error';
import { syncFolder } from './durable-file';

/** The documents one commit left behind, by path; `null` for a document it deleted. */
export type JournalEntry = Record<string, DocumentData | null>;

const SEGMENT = /^journal-(\d{6,})\.jsonl$/;
const segmentName = (n: number): string => `journal-${String(n).padStart(6, '0')}.jsonl`;

/** Segment numbers found in the folder, oldest first. */
export function listSegments(folder: string): number[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .map((name) => SEGMENT.exec(name)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/**
 * Reads one segment. A last line without its newline is a write cut short by a crash: that commit was never
 * answered, so it is dropped. Any other unreadable line means the file was damaged, and the start stops.
 */
export function readSegment(folder: string, n: number): { entries: JournalEntry[]; tornTail: boolean } {
  const file = join(folder, segmentName(n));
  const lines = readFileSync(file, 'utf8').split('\n');
  const tail = lines.pop() ?? '';
  const entries = lines.map((line, i) => {
    try {
      const entry = JSON.parse(line) as unknown;
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new Error('not an object');
      return entry as JournalEntry;
    } catch {
      throw new StartError(
        `Dòng ${String(i + 1)} của tệp nhật ký ${file} bị hỏng nên không khôi phục được dữ liệu. Hãy sao lưu thư mục dữ liệu rồi sửa hoặc xoá dòng này.`,
      );
    }
  });
  return { entries, tornTail: tail !== '' };
}

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Appends entries to the current segment. Commits arriving while a flush runs wait for the next one, so a
 * burst costs one disk flush per round rather than one per commit (group commit, as databases do).
 */
export class Journal {
  private current: number;
  private readonly handles = new Map<number, FileHandle>();
  private pending: string[] = [];
  private waiters: Waiter[] = [];
  private flushing: Promise<void> | undefined;
  private failure: Error | undefined;
  /** Entries appended since the last rotation: a checkpoint with none to fold is skipped. */
  appendedSinceRotation = 0;

  constructor(
    private readonly folder: string,
    first: number,
  ) {
    this.current = first;
  }

  /** Resolves once the entry is on disk; rejects (for this and every later entry) if the disk refused it. */
  append(entry: JournalEntry): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    this.pending.push(`${JSON.stringify(entry)}\n`);
    this.appendedSinceRotation += 1;
    const written = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.kick();
    return written;
  }

  /**
   * Sends later entries to a new segment and returns its number. Synchronous, so a snapshot taken in the same
   * turn of the event loop holds everything in the older segments.
   */
  rotate(): number {
    this.current += 1;
    this.appendedSinceRotation = 0;
    return this.current;
  }

  /** Deletes every segment older than `segment`, oldest first, once no flush still writes to them. */
  async retireBefore(segment: number): Promise<void> {
    await this.flushing;
    for (const [n, handle] of this.handles) {
      if (n >= segment) continue;
      this.handles.delete(n);
      await handle.close();
    }
    // Oldest first: should the process die midway, what remains is still an unbroken run of recent segments.
    for (const n of listSegments(this.folder).filter((n) => n < segment))
      await unlink(join(this.folder, segmentName(n)));
    await syncFolder(this.folder);
  }

  async close(): Promise<void> {
    await this.flushing;
    for (const handle of this.handles.values()) await handle.close();
    this.handles.clear();
  }

  private kick(): void {
    if (this.flushing) return;
    this.flushing = this.drain().finally(() => {
      this.flushing = undefined;
      // Entries appended after the last round's check but before this callback.
      if (this.pending.length > 0) this.kick();
    });
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      // Taken in one turn with the segment number: entries appended before a rotation may land in the older
      // segment (the snapshot holds them), entries appended after it never do.
      const text = this.pending.join('');
      const waiters = this.waiters;
      const segment = this.current;
      this.pending = [];
      this.waiters = [];
      try {
        const handle = await this.handleFor(segment);
        await handle.appendFile(text, 'utf8');
        await handle.datasync();
        for (const waiter of waiters) waiter.resolve();
      } catch (error) {
        this.failure = error instanceof Error ? error : new Error(String(error));
        for (const waiter of [...waiters, ...this.waiters]) waiter.reject(this.failure);
        this.pending = [];
        this.waiters = [];
      }
    }
  }

  private async handleFor(segment: number): Promise<FileHandle> {
    const known = this.handles.get(segment);
    if (known) return known;
    const handle = await open(join(this.folder, segmentName(segment)), 'a');
    this.handles.set(segment, handle);
    // The new file's name must be on disk too before anything written in it counts.
    await syncFolder(this.folder);
    return handle;
  }
}
