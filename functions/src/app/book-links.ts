// Journey-book links: a fresh link for a member, revoking every earlier one, and the committee's links in Kết quả.
import { callerAudit } from './audit';
import { violation } from '../domain/violations';
import { yearsWith } from '../model';
import type { BookLinks, Change } from '../ports';
import { callerReader, READ, recordRead } from './access-log';
import { accepted, refused, type AppContext, type Caller, type Outcome } from './context';
import { BOOK_LINK_DAYS, bookUrl, signBookToken, type BookLinkSettings } from './book-token';
import { isMemberId, memberIdFor } from './ids';
import { yearNotFound } from './year';

/** Re-exported for the book routes, which take the settings with the use cases. */
export type { BookLinkSettings } from './book-token';

/**
 * Links in the committee's Kết quả tab last longer than members' links: a row is rewritten only when the member's
 * journey changes (or at a full sync), and the sheet is shared with the committee only.
 */
export const COMMITTEE_LINK_DAYS = 365;

const DAY_MS = 24 * 60 * 60 * 1000;

export interface BookLink {
  url: string;
  expiresAt: string;
}

function signedLink(
  settings: BookLinkSettings & { publicUrl: string },
  year: number,
  memberId: string,
  version: number,
  expiresAt: Date,
): BookLink {
  const token = signBookToken(settings.secret, { year, memberId, version, expiresAt });
  return { url: bookUrl(settings.publicUrl, year, memberId, token), expiresAt: expiresAt.toISOString() };
}

/** A member named by id or e-mail, as the CLI and the routes accept them. */
export function memberIdOf(who: string): string | undefined {
  const value = who.trim();
  if (value.includes('@')) return memberIdFor(value);
  return isMemberId(value) ? value : undefined;
}

/** The member's journey of the year, or the refusal that says why there is none. */
async function locate(ctx: AppContext, year: number, who: string): Promise<{ memberId: string } | Outcome> {
  const memberId = memberIdOf(who);
  if (!(await ctx.store.getYear(year))) return refused([yearNotFound(year)]);
  if (memberId === undefined || !(await ctx.store.getJourney(year, memberId))) {
    return refused([violation('member_not_found', who.includes('@') ? 'email' : 'memberId', { value: who })]);
  }
  return { memberId };
}

/**
 * `GET …/book-link`: a fresh link to the member's book of the year, valid for BOOK_LINK_DAYS. Whoever holds it reads
 * the book, so giving it is recorded in the member's access log.
 */
export async function issueBookLink(
  ctx: AppContext,
  settings: BookLinkSettings,
  year: number,
  who: string,
  caller: Caller,
): Promise<BookLink | Outcome | 'no_public_url'> {
  const { publicUrl } = settings;
  if (publicUrl === undefined) return 'no_public_url';
  const found = await locate(ctx, year, who);
  if ('status' in found) return found;
  const version = await ctx.store.getBookLinkVersion(found.memberId);
  await recordRead(ctx, { memberId: found.memberId, by: callerReader(caller), what: READ.bookLink(year) });
  return signedLink(
    { ...settings, publicUrl },
    year,
    found.memberId,
    version,
    new Date(ctx.clock().getTime() + BOOK_LINK_DAYS * DAY_MS),
  );
}

/**
 * `POST …/book-link/revoke`: raises the member's link version, so every link given before stops working (the
 * member's e-mails, the committee's sheet). Audited; the member's Kết quả rows are rewritten with new links.
 * A repeat raises it again, which is harmless: it only revokes more.
 */
export async function revokeBookLinks(
  ctx: AppContext,
  settings: BookLinkSettings,
  year: number,
  who: string,
  caller: Caller,
): Promise<Outcome & { linkVersion?: number; link?: BookLink }> {
  const found = await locate(ctx, year, who);
  if ('status' in found) return found;
  const { memberId } = found;
  const done = await ctx.store.transaction(memberId, async (tx) => {
    const member = await tx.getMember(memberId);
    const version = (await tx.getBookLinkVersion(memberId)) + 1;
    const now = ctx.clock().toISOString();
    const changes: Change[] = yearsWith(member, year).map((y) => ({
      kind: 'journey',
      year: y,
      memberId,
    }));
    tx.putBookLinkVersion(memberId, version);
    tx.enqueueViewWork(changes.flatMap((c) => ctx.views.workFor(c)));
    tx.appendAudit(callerAudit(caller, now, { action: 'book_link.revoke', target: memberId, detail: { version } }));
    return { version, changes };
  });
  for (const change of done.changes) await ctx.views.changed(change);
  const { publicUrl } = settings;
  if (publicUrl !== undefined) await recordRead(ctx, { memberId, by: callerReader(caller), what: READ.bookLink(year) });
  const link =
    publicUrl === undefined
      ? undefined
      : signedLink(
          { ...settings, publicUrl },
          year,
          memberId,
          done.version,
          new Date(ctx.clock().getTime() + BOOK_LINK_DAYS * DAY_MS),
        );
  return { ...accepted(memberId), linkVersion: done.version, ...(link ? { link } : {}) };
}

/** The Kết quả tab's links: one query for the few raised versions, then a signature per member. */
export function committeeBookLinks(ctx: Pick<AppContext, 'store' | 'clock'>, settings: BookLinkSettings): BookLinks {
  return {
    async forMembers(year, memberIds) {
      const { publicUrl } = settings;
      if (publicUrl === undefined || memberIds.length === 0) return new Map();
      const versions = await ctx.store.listBookLinkVersions();
      // Whole days, so a row written now and the same row rebuilt by a sync later that day hold the same link.
      const expiresAt = new Date((Math.floor(ctx.clock().getTime() / DAY_MS) + COMMITTEE_LINK_DAYS + 1) * DAY_MS);
      return new Map(
        memberIds.map((id) => [
          id,
          signedLink({ ...settings, publicUrl }, year, id, versions.get(id) ?? 0, expiresAt).url,
        ]),
      );
    },
  };
}
