// Firestore security rules through the Firebase Rules API, which is what `firebase deploy --only firestore:rules` calls: gcloud has no command for rules.
import type { CommandRunner } from './runner';

const API = 'https://firebaserules.googleapis.com/v1';

/** The requests the rules step sends, as --dry-run shows them. */
export function describeRulesRequests(project: string, file: string): string[] {
  return [
    `POST ${API}/projects/${project}/rulesets  (nội dung ${file})`,
    `PATCH ${API}/projects/${project}/releases/cloud.firestore  (trỏ sang bộ quy tắc vừa tạo; POST ${API}/projects/${project}/releases nếu chưa có)`,
  ];
}

export interface RulesDeps {
  runner: CommandRunner;
  fetch: typeof fetch;
}

async function call(deps: RulesDeps, token: string, project: string, method: string, url: string, body: unknown): Promise<Response> {
  return deps.fetch(url, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      // Bills the call to the project, not to gcloud's own client project (whose API may be off).
      'x-goog-user-project': project,
    },
    body: JSON.stringify(body),
  });
}

async function failure(response: Response, what: string): Promise<Error> {
  return new Error(`${what}: HTTP ${String(response.status)} ${(await response.text()).slice(0, 500)}`);
}

/**
 * Creates a ruleset from the file (the API compiles it and refuses a bad one), then points the
 * `cloud.firestore` release of the default database at it, creating the release the first time.
 */
export async function deployFirestoreRules(deps: RulesDeps, project: string, file: string, source: string): Promise<string> {
  const token = await deps.runner.run(['gcloud', 'auth', 'print-access-token']);
  if (token.code !== 0) throw new Error(`không lấy được mã truy cập từ gcloud: ${token.stderr.trim()}`);
  const bearer = token.stdout.trim();

  const created = await call(deps, bearer, project, 'POST', `${API}/projects/${project}/rulesets`, { source: { files: [{ name: file, content: source }] } });
  if (!created.ok) throw await failure(created, `tạo bộ quy tắc từ ${file}`);
  const { name: rulesetName } = (await created.json()) as { name: string };

  const release = `projects/${project}/releases/cloud.firestore`;
  const updated = await call(deps, bearer, project, 'PATCH', `${API}/${release}`, { release: { name: release, rulesetName } });
  if (updated.ok) return rulesetName;
  if (updated.status !== 404) throw await failure(updated, 'cập nhật bản phát hành cloud.firestore');
  const first = await call(deps, bearer, project, 'POST', `${API}/projects/${project}/releases`, { name: release, rulesetName });
  if (!first.ok) throw await failure(first, 'tạo bản phát hành cloud.firestore');
  return rulesetName;
}
