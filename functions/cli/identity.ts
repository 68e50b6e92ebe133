// The administrator's Google identity for the CLI (API.md "Roles": `admin` routes take `Authorization: Bearer` + a
// Google ID token of a listed administrator). Given by JOURNEY_ID_TOKEN (tests, CI, a token got elsewhere), or asked of
// gcloud once per run when the function is not the local stack — whose secret carries every role, so it needs none.
import { execFile } from 'node:child_process';
import { CliFailure } from './failure';

/** Runs a program without a shell; resolves with its exit code and output. */
export type Exec = (argv: readonly string[]) => Promise<{ code: number; stdout: string; stderr: string }>;

export const execProgram: Exec = (argv) =>
  new Promise((resolve) => {
    const [program, ...args] = argv;
    execFile(program ?? '', args, { encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 127;
      resolve({ code, stdout, stderr: error !== null && stderr === '' ? error.message : stderr });
    });
  });

/** gcloud's refusal of `--audiences` for a person's account (only service accounts choose their token's audience). */
export const USER_ACCOUNT_AUDIENCE_REFUSAL = 'Invalid account type for `--audiences`';

/** True for the local stack (`npm start`), where the local secret opens every route and no token is asked for. */
export function isLocalUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host === '::1';
  } catch {
    return false;
  }
}

/**
 * An ID token for `audience` from gcloud: `gcloud auth print-identity-token --audiences=URL` (a service account, or one
 * impersonated), else — for a person's account, which gcloud refuses an audience — the token of gcloud's own client.
 */
export async function gcloudIdentityToken(audience: string, exec: Exec = execProgram): Promise<string> {
  const first = await exec(['gcloud', 'auth', 'print-identity-token', `--audiences=${audience}`]);
  const answer =
    first.code !== 0 && first.stderr.includes(USER_ACCOUNT_AUDIENCE_REFUSAL)
      ? await exec(['gcloud', 'auth', 'print-identity-token'])
      : first;
  const token = answer.stdout.trim();
  if (answer.code !== 0 || token === '') {
    const reason =
      answer.stderr
        .split('\n')
        .find((line) => line.trim() !== '')
        ?.trim() ?? `mã thoát ${String(answer.code)}`;
    throw new CliFailure(
      `Không lấy được mã danh tính Google từ gcloud (${reason}). Các lệnh quản trị cần tài khoản Google của một quản trị viên ` +
        '(JOURNEY_ADMINS của hàm): chạy gcloud auth login bằng tài khoản đó rồi chạy lại, hoặc đặt JOURNEY_ID_TOKEN.',
      1,
    );
  }
  return token;
}

/**
 * The bearer token of this run, fetched at most once: JOURNEY_ID_TOKEN when set; none for the local stack; else gcloud's
 * for the function's URL.
 */
export function identityTokenSource(
  url: string,
  env: Record<string, string | undefined>,
  exec: Exec = execProgram,
): () => Promise<string | null> {
  const given = env.JOURNEY_ID_TOKEN?.trim() ?? '';
  let pending: Promise<string | null> | undefined;
  return () => {
    pending ??=
      given !== ''
        ? Promise.resolve(given)
        : isLocalUrl(url)
          ? Promise.resolve(null)
          : gcloudIdentityToken(url.replace(/\/+$/, ''), exec);
    return pending;
  };
}
