// Cloud Tasks v2: queues (describe, create, update).
import { bodyOf, googleError, ok, route, text, type Handler } from '../http';

/** The fields of a patch's update mask, set into the queue (`rateLimits.maxDispatchesPerSecond` → nested). */
function patched(
  target: Record<string, unknown>,
  source: Record<string, unknown>,
  mask: string | null,
): Record<string, unknown> {
  if (!mask) return { ...target, ...source };
  const next = structuredClone(target);
  for (const path of mask.split(',')) {
    const parts = path.split('.');
    let into = next;
    let from: unknown = source;
    for (const [i, part] of parts.entries()) {
      from = (from as Record<string, unknown> | undefined)?.[part];
      if (i === parts.length - 1) into[part] = from;
      else into = (into[part] ??= {}) as Record<string, unknown>;
    }
  }
  return next;
}

export const cloudTasks: Handler = (request, { project }) => {
  const one = /^\/v2\/(projects\/[^/]+\/locations\/([^/]+)\/queues\/([^/:]+))$/.exec(request.path);
  if (one && request.method === 'GET') {
    const queue = project.queues.get(one[3] ?? '');
    return queue ? ok(queue) : googleError(404, `Queue does not exist.`);
  }
  if (one && request.method === 'PATCH') {
    const queue = project.queues.get(one[3] ?? '');
    if (!queue) return googleError(404, 'Queue does not exist.');
    const next = patched(queue, bodyOf(request), request.query.get('updateMask'));
    project.queues.set(one[3] ?? '', next);
    return ok(next);
  }
  const created = route(request, 'POST', /^\/v2\/projects\/[^/]+\/locations\/([^/]+)\/queues$/);
  if (created) {
    const body = bodyOf(request);
    const id = text(body.name).split('/').at(-1) ?? '';
    if (project.queues.has(id)) return googleError(409, 'Queue already exists');
    const queue = { ...body, state: 'RUNNING', retryConfig: { maxAttempts: 100 } };
    project.queues.set(id, queue);
    return ok(queue);
  }
  return undefined;
};

export { patched };
