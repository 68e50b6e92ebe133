// The year's spreadsheets as the routes see them: listed, registered from Apps Script, created once on first use.
import type { SheetsListing, SheetsRegistration, SpreadsheetKey, SpreadsheetListing, Store } from '../ports';
import { loadRegistry, queueRef, updateRegistry, type Registry, type SpreadsheetRef } from './state';

/** `GET /sheets`'s answer: each spreadsheet's id, link and (a queue's) tab, without the tabs learnt. */
export function listingOf(registry: Registry): SheetsListing {
  const strip = (ref: SpreadsheetRef): SpreadsheetListing => ({
    spreadsheetId: ref.spreadsheetId,
    url: ref.url,
    ...(ref.sheetName === undefined ? {} : { sheetName: ref.sheetName }),
  });
  return {
    master: registry.master ? strip(registry.master) : null,
    queues: Object.fromEntries(Object.entries(registry.queues).map(([q, ref]) => [q, strip(ref)])),
  };
}

/** The registry `PUT /sheets` stores: the spreadsheets Apps Script created, their tabs to be learnt at the next sync. */
export function registryOf(body: SheetsRegistration): Registry {
  return {
    master: { spreadsheetId: body.master.spreadsheetId, url: body.master.url ?? '', tabs: {} },
    queues: Object.fromEntries(
      Object.entries(body.queues).map(([q, ref]) => [
        q,
        { spreadsheetId: ref.spreadsheetId, sheetName: ref.sheetName, url: ref.url ?? '', tabs: {} },
      ]),
    ),
  };
}

/** A spreadsheet as registered; when it is not and `autoCreate` holds, created and recorded (call it under a lock). */
export async function findOrCreate(
  store: Store,
  autoCreate: boolean,
  spreadsheet: SpreadsheetKey,
  create: () => Promise<SpreadsheetRef>,
): Promise<SpreadsheetRef | undefined> {
  const registry = await loadRegistry(store, spreadsheet.year);
  const found = spreadsheet.kind === 'master' ? registry.master : queueRef(registry, spreadsheet.queue);
  if (found) return found;
  if (!autoCreate) return undefined;
  const created = await create();
  await updateRegistry(store, spreadsheet.year, (latest) =>
    spreadsheet.kind === 'master'
      ? { ...latest, master: created }
      : { ...latest, queues: { ...latest.queues, [spreadsheet.queue]: created } },
  );
  return created;
}
