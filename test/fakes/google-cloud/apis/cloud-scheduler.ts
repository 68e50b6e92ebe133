// Cloud Scheduler v1: jobs of a region (list, describe, create, update).
import { bodyOf, googleError, ok, route, text, type Handler } from '../http';
import { patched } from './cloud-tasks';

export const cloudScheduler: Handler = (request, { project, now }) => {
  if (route(request, 'GET', /^\/v1\/projects\/[^/]+\/locations\/[^/]+\/jobs$/))
    return ok({ jobs: [...project.jobs.values()] });
  const one = /^\/v1\/projects\/[^/]+\/locations\/[^/]+\/jobs\/([^/:]+)$/.exec(request.path);
  if (one && request.method === 'GET') {
    const job = project.jobs.get(one[1] ?? '');
    return job ? ok(job) : googleError(404, 'Job not found.');
  }
  if (one && request.method === 'PATCH') {
    const job = project.jobs.get(one[1] ?? '');
    if (!job) return googleError(404, 'Job not found.');
    const next = { ...patched(job, bodyOf(request), request.query.get('updateMask')), userUpdateTime: now() };
    project.jobs.set(one[1] ?? '', next);
    return ok(next);
  }
  if (route(request, 'POST', /^\/v1\/projects\/[^/]+\/locations\/[^/]+\/jobs$/)) {
    const body = bodyOf(request);
    const id = text(body.name).split('/').at(-1) ?? '';
    if (project.jobs.has(id)) return googleError(409, `Job ${text(body.name)} already exists.`);
    const job = { ...body, state: 'ENABLED', userUpdateTime: now() };
    project.jobs.set(id, job);
    return ok(job);
  }
  return undefined;
};
