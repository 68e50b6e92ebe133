// Secret Manager v1: a secret, its versions (listed, added, disabled — the rotation's calls) and its IAM policy.
import { googleError, ok, route, type Handler } from '../http';
import type { Secret } from '../project';
import { getPolicy, setPolicy } from './iam-policy';

/** Secret Manager's limit on a version's payload. */
const MAX_PAYLOAD_BYTES = 64 * 1024;

function versionResource(prefix: string, name: string, secret: Secret, index: number): Record<string, unknown> {
  const version = secret.versions[index];
  return {
    name: `${prefix}/${name}/versions/${String(secret.versions.length - index)}`,
    state: version?.state ?? 'DESTROYED',
    createTime: '2026-11-01T00:00:00Z',
    etag: `"v${String(index)}"`,
    replicationStatus: { automatic: {} },
  };
}

export const secretManager: Handler = (request, { project }) => {
  const prefix = `projects/${project.projectId}/secrets`;
  const notFound = (name: string) =>
    googleError(404, `Secret [projects/${project.projectNumber}/secrets/${name}] not found.`);
  const describe = route(request, 'GET', /^\/v1\/projects\/[^/]+\/secrets\/([^/:]+)$/);
  if (describe) {
    const name = describe[0] ?? '';
    return project.secrets.has(name)
      ? ok({
          name: `${prefix}/${name}`,
          replication: { automatic: {} },
          createTime: '2026-11-01T00:00:00Z',
          etag: '"s1"',
        })
      : notFound(name);
  }
  const add = route(request, 'POST', /^\/v1\/projects\/[^/]+\/secrets\/([^/:]+):addVersion$/);
  if (add) {
    const name = add[0] ?? '';
    const secret = project.secrets.get(name);
    if (!secret) return notFound(name);
    const payload = (request.body as { payload?: { data?: unknown; dataCrc32c?: unknown } } | undefined)?.payload;
    const data = payload?.data;
    if (typeof data !== 'string' || data === '') return googleError(400, 'Secret Payload cannot be empty.');
    if (Buffer.from(data, 'base64').length > MAX_PAYLOAD_BYTES)
      return googleError(400, 'Secret payload is larger than 64 KiB.');
    secret.versions.unshift({ state: 'ENABLED', data });
    // gcloud sends the payload's CRC32C and refuses an answer that does not say Google checked it ("payload data corruption may have occurred").
    return ok({
      ...versionResource(prefix, name, secret, 0),
      ...(payload?.dataCrc32c === undefined ? {} : { clientSpecifiedPayloadChecksum: true }),
    });
  }
  const change = route(
    request,
    'POST',
    /^\/v1\/projects\/[^/]+\/secrets\/([^/:]+)\/versions\/(\d+):(disable|enable|destroy)$/,
  );
  if (change) {
    const [name = '', number = '', verb] = change;
    const secret = project.secrets.get(name);
    const index = secret === undefined ? -1 : secret.versions.length - Number(number);
    const version = secret?.versions[index];
    if (!secret || !version)
      return googleError(
        404,
        `Secret Version [projects/${project.projectNumber}/secrets/${name}/versions/${number}] not found.`,
      );
    if (version.state === 'DESTROYED')
      return googleError(
        400,
        `Secret Version [projects/${project.projectNumber}/secrets/${name}/versions/${number}] is in DESTROYED state.`,
      );
    version.state = verb === 'disable' ? 'DISABLED' : verb === 'enable' ? 'ENABLED' : 'DESTROYED';
    if (verb === 'destroy') delete version.data;
    return ok(versionResource(prefix, name, secret, index));
  }
  const versions = route(request, 'GET', /^\/v1\/projects\/[^/]+\/secrets\/([^/:]+)\/versions$/);
  if (versions) {
    const secret = project.secrets.get(versions[0] ?? '');
    if (!secret)
      return googleError(
        404,
        `Secret [projects/${project.projectNumber}/secrets/${versions[0] ?? ''}] not found or has no versions.`,
      );
    return ok({
      versions: secret.versions.map((_, i) => versionResource(prefix, versions[0] ?? '', secret, i)),
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
