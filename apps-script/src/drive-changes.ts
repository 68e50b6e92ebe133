// Which spreadsheets changed since a time: one Drive API call per pass (the advanced Drive service, v3, with the
// narrowest scope that can list it, drive.metadata.readonly), so the poller opens only the queue spreadsheets that did.

import { log } from './log';

/** Spreadsheets modified at or after this many ms before the time asked are listed too (Drive's times may lag an edit). */
export const MODIFIED_MARGIN_MS = 2 * 60 * 1000;

interface DriveFile {
  id?: string;
  modifiedTime?: string;
}

interface DriveList {
  files?: DriveFile[];
  nextPageToken?: string;
}

interface DriveFiles {
  list(parameters: Record<string, unknown>): DriveList;
}

/** The advanced Drive service when the project enables it (appsscript.json); undefined otherwise. */
function driveFiles(): DriveFiles | undefined {
  const drive = typeof Drive === 'undefined' ? undefined : (Drive as unknown as { Files?: DriveFiles } | undefined);
  return drive?.Files;
}

/**
 * Each spreadsheet of the account modified since `sinceMs` (minus MODIFIED_MARGIN_MS), with its modified time; null when
 * Drive cannot be asked (service off, error): the caller then reads as if everything changed.
 */
export function modifiedSpreadsheets(sinceMs: number): Map<string, number> | null {
  const files = driveFiles();
  if (!files) return null;
  const since = new Date(Math.max(0, sinceMs - MODIFIED_MARGIN_MS)).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const found = new Map<string, number>();
  let pageToken: string | undefined;
  try {
    do {
      const page = files.list({
        q: `mimeType = 'application/vnd.google-apps.spreadsheet' and modifiedTime > '${since}' and trashed = false`,
        fields: 'nextPageToken, files(id, modifiedTime)',
        pageSize: 1000,
        supportsAllDrives: true,
        includeItemsFromAllDrives: true,
        ...(pageToken === undefined ? {} : { pageToken }),
      });
      for (const file of page.files ?? []) {
        const at = Date.parse(file.modifiedTime ?? '');
        if (file.id !== undefined && Number.isFinite(at)) found.set(file.id, at);
      }
      pageToken = page.nextPageToken;
    } while (pageToken !== undefined && pageToken !== '');
  } catch (error) {
    log.warn(
      `Không hỏi được Google Drive bảng tính nào vừa thay đổi (${String(error)}); lượt này đọc mọi hàng chờ cần đọc.`,
    );
    return null;
  }
  return found;
}
