// Secret Manager v1: a secret's versions (never their values: the deploy only counts them) and its IAM policy.
import { googleError, ok, route, type Handler } from '../http';
import { getPolicy, setPolicy } from './iam-policy';

export const secretManager: Handler = (request, { project }) => {
  const prefix = `projects/${project.projectId}/secrets`;
  const versions = route(request, 'GET', /^\/v1\/projects\/[^/]+\/secrets\/([^/:]+)\/versions$/);
  if (versions) {
    const secret = project.secrets.get(versions[0] ?? '');
    if (!secret)
      return googleError(
        404,
        `Secret [projects/${project.projectNumber}/secrets/${versions[0] ?? ''}] not found or has no versions.`,
      );
    return ok({
      versions: secret.versions.map((v, i) => ({
        name: `${prefix}/${versions[0] ?? ''}/versions/${String(secret.versions.length - i)}`,
        state: v.state,
        createTime: '2026-11-01T00:00:00Z',
      })),
      totalSize: secret.versions.length,
    });
  }
  const policy = /^\/v1\/projects\/[^/]+\/secrets\/([^/:]+):(getIamPolicy|setIamPolicy)$/.exec(request.path);
  if (policy && (request.method === 'GET' || request.method === 'POST')) {
    const secret = project.secrets.get(policy[1] ?? '');
    if (!secret)
      return googleError(404, `Secret [projects/${project.projectNumber}/secrets/${policy[1] ?? ''}] not found.`);
    return policy[2] === 'getIamPolicy' ? getPolicy(secret.policy) : setPolicy(request, secret);
  }
  return undefined;
};
