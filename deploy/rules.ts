// Firestore security rules through the Firebase Rules API, which is what `firebase deploy --only firestore:rules` calls
// (gcloud has no command for rules), and the pruning of old rulesets, which Firebase caps at 2,500 a project.
import type { CommandRunner } from './runner';

/** Google's endpoint; gcloud's override for the API (CLOUDSDK_API_ENDPOINT_OVERRIDES_FIREBASERULES) takes its place, as for gcloud's own calls. */
export const RULES_API = 'https://firebaserules.googleapis.com/';

/** Rulesets kept besides those a release uses: the newest few, to roll back to. */
export const KEEP_RULESETS = 5;

/** The requests the rules step sends, as --dry-run shows them. */
export function describeRulesRequests(project: string, file: string): string[] {
  const api = `${RULES_API}v1/projects/${project}`;
  return [
    `POST ${api}/rulesets  (nội dung ${file})`,
    `PATCH ${api}/releases/cloud.firestore  (trỏ sang bộ quy tắc vừa tạo; POST ${api}/releases nếu chưa có)`,
    `GET ${api}/releases, GET ${api}/rulesets, DELETE mỗi bộ quy tắc cũ  (giữ bộ đang dùng và ${String(KEEP_RULESETS)} bộ mới nhất)`,
  ];
}

export interface RulesDeps {
  runner: CommandRunner;
  fetch: typeof fetch;
  /** The API's root (RULES_API unless overridden). */
  rulesApi?: string;
}

interface Session {
  deps: RulesDeps;
  bearer: string;
  project: string;
  root: string;
}

async function call(session: Session, method: string, path: string, body?: unknown): Promise<Response> {
  return session.deps.fetch(`${session.root}v1/${path}`, {
    method,
    headers: {
      authorization: `Bearer ${session.bearer}`,
      'content-type': 'application/json',
      // Bills the call to the project, not to gcloud's own client project (whose API may be off).
      'x-goog-user-project': session.project,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function failure(response: Response, what: string): Promise<Error> {
  return new Error(`${what}: HTTP ${String(response.status)} ${(await response.text()).slice(0, 500)}`);
}

export interface RulesOutcome {
  ruleset: string;
  /** Old rulesets deleted this run. */
  pruned: number;
}

/** Every ruleset of the project, newest first (the API lists them so), through its pages. */
async function listRulesets(session: Session): Promise<{ name: string; createTime: string }[]> {
  const all: { name: string; createTime: string }[] = [];
  let token: string | undefined;
  do {
    const response = await call(
      session,
      'GET',
      `projects/${session.project}/rulesets?pageSize=100${token ? `&pageToken=${encodeURIComponent(token)}` : ''}`,
    );
    if (!response.ok) throw await failure(response, 'đọc danh sách bộ quy tắc');
    const page = (await response.json()) as {
      rulesets?: { name: string; createTime: string }[];
      nextPageToken?: string;
    };
    all.push(...(page.rulesets ?? []));
    token = page.nextPageToken;
  } while (token);
  return all.sort((a, b) => b.createTime.localeCompare(a.createTime) || b.name.localeCompare(a.name));
}

/** Deletes what no release uses, keeping the newest KEEP_RULESETS; answers how many went. */
async function pruneRulesets(session: Session): Promise<number> {
  const releases = await call(session, 'GET', `projects/${session.project}/releases`);
  if (!releases.ok) throw await failure(releases, 'đọc danh sách bản phát hành');
  // Every release's ruleset stays (Firestore's, and Storage's or any other this project has).
  const inUse = new Set(
    ((await releases.json()) as { releases?: { rulesetName: string }[] }).releases?.map((r) => r.rulesetName) ?? [],
  );
  const old = (await listRulesets(session)).filter((r) => !inUse.has(r.name)).slice(KEEP_RULESETS);
  for (const ruleset of old) {
    const deleted = await call(session, 'DELETE', ruleset.name);
    if (!deleted.ok && deleted.status !== 404) throw await failure(deleted, `xóa bộ quy tắc cũ ${ruleset.name}`);
  }
  return old.length;
}

/**
 * Creates a ruleset from the file (the API compiles it and refuses a bad one), points the `cloud.firestore` release of
 * the default database at it (creating the release the first time), then deletes old rulesets.
 */
export async function deployFirestoreRules(
  deps: RulesDeps,
  project: string,
  file: string,
  source: string,
): Promise<RulesOutcome> {
  const token = await deps.runner.run(['gcloud', 'auth', 'print-access-token']);
  if (token.code !== 0) throw new Error(`không lấy được mã truy cập từ gcloud: ${token.stderr.trim()}`);
  const session: Session = {
    deps,
    bearer: token.stdout.trim(),
    project,
    root: (deps.rulesApi ?? RULES_API).replace(/\/?$/, '/'),
  };

  const created = await call(session, 'POST', `projects/${project}/rulesets`, {
    source: { files: [{ name: file, content: source }] },
  });
  if (!created.ok) throw await failure(created, `tạo bộ quy tắc từ ${file}`);
  const { name: rulesetName } = (await created.json()) as { name: string };

  const release = `projects/${project}/releases/cloud.firestore`;
  const updated = await call(session, 'PATCH', release, { release: { name: release, rulesetName } });
  if (!updated.ok) {
    if (updated.status !== 404) throw await failure(updated, 'cập nhật bản phát hành cloud.firestore');
    const first = await call(session, 'POST', `projects/${project}/releases`, { name: release, rulesetName });
    if (!first.ok) throw await failure(first, 'tạo bản phát hành cloud.firestore');
  }
  return { ruleset: rulesetName, pruned: await pruneRulesets(session) };
}
