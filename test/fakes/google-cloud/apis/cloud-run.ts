// Cloud Run: the IAM policy of a service (v1, where `allUsers` meets the organisation's domain-restricted sharing) and
// the regional Knative API gcloud's `run services update` reads and replaces (the invoker IAM check annotation).
import { bodyOf, googleError, ok, type Handler } from '../http';
import { membersOf } from '../project';
import { getPolicy, setPolicy } from './iam-policy';

/** What Google answers when iam.allowedPolicyMemberDomains refuses a public member. */
export const NOT_PERMITTED_CUSTOMER =
  'One or more users named in the policy do not belong to a permitted customer,  perhaps due to an organization policy.';
const INVOKER_IAM_DISABLED = 'run.googleapis.com/invoker-iam-disabled';

export const cloudRun: Handler = (request, { project }) => {
  const iam = /^\/v1\/projects\/[^/]+\/locations\/[^/]+\/services\/([^/:]+):(getIamPolicy|setIamPolicy)$/.exec(
    request.path,
  );
  if (iam) {
    const service = project.runServices.get(iam[1] ?? '');
    if (!service)
      return googleError(
        404,
        `Resource '${iam[1] ?? ''}' of kind 'SERVICE' in region '${project.region}' in project '${project.projectId}' does not exist.`,
      );
    if (iam[2] === 'getIamPolicy') return getPolicy(service.policy);
    return setPolicy(request, service, (policy) => {
      const publicMembers = policy.bindings
        .flatMap((b) => b.members)
        .filter((m) => m === 'allUsers' || m === 'allAuthenticatedUsers');
      return project.refusesAllUsers && publicMembers.length > 0
        ? googleError(400, NOT_PERMITTED_CUSTOMER, 'FAILED_PRECONDITION')
        : undefined;
    });
  }
  const knative = /^\/apis\/serving\.knative\.dev\/v1\/namespaces\/([^/]+)\/services\/([^/]+)$/.exec(request.path);
  if (knative && request.region !== undefined) {
    const service = project.runServices.get(knative[2] ?? '');
    if (!service)
      return googleError(
        404,
        `Resource '${knative[2] ?? ''}' of kind 'SERVICE' in region '${request.region}' in project '${project.projectId}' does not exist.`,
      );
    if (request.method === 'GET') return ok(service.knative);
    if (request.method === 'PUT') {
      const body = bodyOf(request);
      const metadata = (body.metadata ?? {}) as { annotations?: Record<string, string> };
      // gcloud writes "True"; Cloud Run reads the annotation as a boolean.
      service.invokerIamDisabled = metadata.annotations?.[INVOKER_IAM_DISABLED]?.toLowerCase() === 'true';
      service.generation += 1;
      const status = { ...(service.knative.status as Record<string, unknown>), observedGeneration: service.generation };
      service.knative = { ...body, metadata: { ...metadata, generation: service.generation }, status };
      return ok(service.knative);
    }
  }
  return undefined;
};

/** Whether anyone on the internet may call the service: `allUsers` holds the invoker role, or the check is off. */
export function isPublic(
  project: { runServices: Map<string, { policy: Parameters<typeof membersOf>[0]; invokerIamDisabled: boolean }> },
  name: string,
): boolean {
  const service = project.runServices.get(name);
  return (
    service !== undefined &&
    (service.invokerIamDisabled || membersOf(service.policy, 'roles/run.invoker').includes('allUsers'))
  );
}
