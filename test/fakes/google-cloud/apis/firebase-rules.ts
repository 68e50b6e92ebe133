// Firebase Rules v1: rulesets (create, list by pages, delete unless a release uses it) and releases (create, update, list).
import { bodyOf, googleError, ok, route, text, type Handler } from '../http';

const PAGE = 10;

export const firebaseRules: Handler = (request, { project, now }) => {
  const base = `projects/${project.projectId}`;
  if (route(request, 'POST', /^\/v1\/projects\/[^/]+\/rulesets$/)) {
    const source = bodyOf(request).source as { files?: { content?: string }[] } | undefined;
    if (!source?.files?.[0]?.content?.includes('service cloud.firestore'))
      return googleError(400, 'Compilation error: expected a service declaration');
    const ruleset = {
      name: `${base}/rulesets/${String(project.rulesets.length + 1).padStart(8, '0')}-r`,
      createTime: now(),
      source,
    };
    project.rulesets.push(ruleset);
    return ok(ruleset);
  }
  if (route(request, 'GET', /^\/v1\/projects\/[^/]+\/rulesets$/)) {
    // Newest first, as the API lists them; a page token is the index of the next one.
    const all = [...project.rulesets].reverse();
    const from = Number(request.query.get('pageToken') ?? '0');
    const size = Math.min(Number(request.query.get('pageSize') ?? PAGE), PAGE);
    const page = all.slice(from, from + size).map(({ name, createTime }) => ({ name, createTime }));
    return ok({ rulesets: page, ...(from + size < all.length ? { nextPageToken: String(from + size) } : {}) });
  }
  const removed = route(request, 'DELETE', /^\/v1\/(projects\/[^/]+\/rulesets\/[^/]+)$/);
  if (removed) {
    const name = removed[0] ?? '';
    if (!project.rulesets.some((r) => r.name === name)) return googleError(404, `Ruleset ${name} not found`);
    if ([...project.releases.values()].some((r) => r.rulesetName === name))
      return googleError(
        400,
        `Ruleset ${name} is referenced by a release and cannot be deleted.`,
        'FAILED_PRECONDITION',
      );
    project.rulesets = project.rulesets.filter((r) => r.name !== name);
    return ok({});
  }
  if (route(request, 'GET', /^\/v1\/projects\/[^/]+\/releases$/))
    return ok({ releases: [...project.releases.values()] });
  const patched = route(request, 'PATCH', /^\/v1\/(projects\/[^/]+\/releases\/.+)$/);
  if (patched) {
    const existing = project.releases.get(patched[0] ?? '');
    if (!existing) return googleError(404, `Release ${patched[0] ?? ''} not found`);
    const rulesetName = (bodyOf(request).release as { rulesetName?: string } | undefined)?.rulesetName ?? '';
    if (!project.rulesets.some((r) => r.name === rulesetName))
      return googleError(400, `Ruleset ${rulesetName} does not exist`);
    const next = { ...existing, rulesetName, updateTime: now() };
    project.releases.set(existing.name, next);
    return ok(next);
  }
  if (route(request, 'POST', /^\/v1\/projects\/[^/]+\/releases$/)) {
    const body = bodyOf(request);
    const name = text(body.name);
    if (project.releases.has(name)) return googleError(409, `Release ${name} already exists`);
    const release = { name, rulesetName: text(body.rulesetName), createTime: now(), updateTime: now() };
    project.releases.set(name, release);
    return ok(release);
  }
  return undefined;
};
