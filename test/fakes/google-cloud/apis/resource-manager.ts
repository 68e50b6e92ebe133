// Cloud Resource Manager v1: the project, and its IAM policy.
import { googleError, ok, route, type Handler } from '../http';
import { getPolicy, setPolicy } from './iam-policy';

export const resourceManager: Handler = (request, { project }) => {
  const known = (id: string | undefined): boolean => id === project.projectId || id === project.projectNumber;
  const described = route(request, 'GET', /^\/v1\/projects\/([^/:]+)$/);
  if (described) {
    if (!known(described[0])) return googleError(403, `The caller does not have permission`, 'PERMISSION_DENIED');
    return ok({
      projectId: project.projectId,
      projectNumber: project.projectNumber,
      lifecycleState: project.lifecycleState,
      name: project.projectId,
    });
  }
  const get = route(request, 'POST', /^\/v1\/projects\/([^/:]+):getIamPolicy$/);
  if (get && known(get[0])) return getPolicy(project.policy);
  const set = route(request, 'POST', /^\/v1\/projects\/([^/:]+):setIamPolicy$/);
  if (set && known(set[0])) return setPolicy(request, project);
  return undefined;
};
