// IAM v1: service accounts (create, describe) and the IAM policy on each account.
import { bodyOf, googleError, ok, route, text, type Handler } from '../http';
import { emptyPolicy, type ServiceAccount } from '../project';
import { getPolicy, setPolicy } from './iam-policy';

/** Google's 21-digit numeric ids of service accounts (also their OAuth client id, what domain-wide delegation names). */
let uniqueIds = 0;
const uniqueId = (n: number): string => `1${String(n).padStart(20, '0')}`;

/** The account as the API shows it (its IAM policy is read apart). */
function answer(account: ServiceAccount): Record<string, unknown> {
  return {
    name: account.name,
    email: account.email,
    projectId: account.projectId,
    uniqueId: account.uniqueId,
    oauth2ClientId: account.oauth2ClientId,
    displayName: account.displayName,
    disabled: account.disabled,
    etag: 'MDEwMjE5MjA=',
  };
}

export const iam: Handler = (request, { project }) => {
  const created = route(request, 'POST', /^\/v1\/projects\/([^/]+)\/serviceAccounts$/);
  if (created) {
    const body = bodyOf(request);
    const accountId = text(body.accountId);
    const email = `${accountId}@${project.projectId}.iam.gserviceaccount.com`;
    if (project.accounts.has(email))
      return googleError(
        409,
        `Service account ${accountId} already exists within project projects/${project.projectId}.`,
      );
    uniqueIds += 1;
    const display = (body.serviceAccount as { displayName?: string } | undefined)?.displayName;
    const account: ServiceAccount = {
      name: `projects/${project.projectId}/serviceAccounts/${email}`,
      email,
      projectId: project.projectId,
      uniqueId: uniqueId(uniqueIds),
      oauth2ClientId: uniqueId(uniqueIds),
      ...(display === undefined ? {} : { displayName: display }),
      policy: emptyPolicy(),
    };
    project.accounts.set(email, account);
    return ok(answer(account));
  }
  const described = route(request, 'GET', /^\/v1\/projects\/[^/]+\/serviceAccounts\/([^/:]+)$/);
  if (described) {
    const account = project.accounts.get(described[0] ?? '');
    return account ? ok(answer(account)) : googleError(404, `Unknown service account`);
  }
  const policy = route(
    request,
    'POST',
    /^\/v1\/projects\/[^/]+\/serviceAccounts\/([^/:]+):(getIamPolicy|setIamPolicy)$/,
  );
  if (policy) {
    const account = project.accounts.get(policy[0] ?? '');
    if (!account) return googleError(404, `Service account ${policy[0] ?? ''} does not exist.`);
    return policy[1] === 'getIamPolicy' ? getPolicy(account.policy) : setPolicy(request, account);
  }
  return undefined;
};
