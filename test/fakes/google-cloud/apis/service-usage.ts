// Service Usage v1: enabling APIs (batchEnable, at most 20 a call) and reading whether one is on.
import { bodyOf, googleError, ok, route, type Handler } from '../http';

export const serviceUsage: Handler = (request, context) => {
  const { project } = context;
  const known = (id: string | undefined): boolean => id === project.projectId || id === project.projectNumber;
  const batch = route(request, 'POST', /^\/v1\/projects\/([^/]+)\/services:batchEnable$/);
  if (batch && known(batch[0])) {
    const ids = (bodyOf(request).serviceIds as string[] | undefined) ?? [];
    if (ids.length > 20) return googleError(400, 'Request contains more than 20 services');
    for (const id of ids) project.services.add(id);
    const services = ids.map((id) => ({ name: `projects/${project.projectNumber}/services/${id}`, state: 'ENABLED' }));
    return ok(
      context.operation('operations/acat', {
        '@type': 'type.googleapis.com/google.api.serviceusage.v1.BatchEnableServicesResponse',
        services,
      }),
    );
  }
  const one = route(request, 'GET', /^\/v1\/projects\/([^/]+)\/services\/([^/:]+)$/);
  if (one && known(one[0])) {
    const id = one[1] ?? '';
    return ok({
      name: `projects/${project.projectNumber}/services/${id}`,
      state: project.services.has(id) ? 'ENABLED' : 'DISABLED',
      config: { name: id },
    });
  }
  return undefined;
};
