// Cloud Functions v2 (gen 2): runtimes, the signed upload URL for the source, create and update (each a finished
// operation), describe; creating a function creates the Cloud Run service it runs on.
import { bodyOf, googleError, ok, route, type FakeContext, type Handler } from '../http';
import { emptyPolicy, type FakeProject } from '../project';
import { patched } from './cloud-tasks';

const RUNTIMES = ['nodejs20', 'nodejs22', 'nodejs24', 'python312'].map((name) => ({
  name,
  stage: 'GA',
  environment: 'GEN_2',
  displayName: name,
}));

/** The Knative object Cloud Run v1 answers for the service, ready, on its first generation. */
function knativeService(
  project: FakeProject,
  name: string,
  serviceConfig: Record<string, unknown>,
): Record<string, unknown> {
  const url = `https://${name}-${project.projectNumber}.${project.region}.run.app`;
  const revision = `${name}-00001-abc`;
  return {
    apiVersion: 'serving.knative.dev/v1',
    kind: 'Service',
    metadata: {
      name,
      namespace: project.projectNumber,
      generation: 1,
      resourceVersion: 'AAA1',
      uid: `uid-${name}`,
      labels: { 'goog-managed-by': 'cloudfunctions', 'cloud.googleapis.com/location': project.region },
      annotations: {
        'run.googleapis.com/ingress': 'all',
        'serving.knative.dev/creator': 'service-123@gcf-admin-robot.iam.gserviceaccount.com',
      },
    },
    spec: {
      template: {
        metadata: {
          name: revision,
          annotations: {
            'autoscaling.knative.dev/maxScale': String(
              typeof serviceConfig.maxInstanceCount === 'number' ? serviceConfig.maxInstanceCount : 100,
            ),
          },
        },
        spec: {
          containerConcurrency: serviceConfig.maxInstanceRequestConcurrency ?? 1,
          timeoutSeconds: serviceConfig.timeoutSeconds ?? 60,
          serviceAccountName: serviceConfig.serviceAccountEmail,
          containers: [
            {
              image: `${project.region}-docker.pkg.dev/${project.projectId}/gcf-artifacts/${name}:version_1`,
              resources: { limits: { cpu: '1', memory: '512Mi' } },
            },
          ],
        },
      },
      traffic: [{ percent: 100, latestRevision: true }],
    },
    status: {
      observedGeneration: 1,
      conditions: ['Ready', 'ConfigurationsReady', 'RoutesReady'].map((type) => ({
        type,
        status: 'True',
        lastTransitionTime: '2026-12-06T00:00:00Z',
      })),
      latestReadyRevisionName: revision,
      latestCreatedRevisionName: revision,
      url,
      address: { url },
      traffic: [{ revisionName: revision, percent: 100, latestRevision: true }],
    },
  };
}

function deployed(
  project: FakeProject,
  context: FakeContext,
  name: string,
  function_: Record<string, unknown>,
): Record<string, unknown> {
  const serviceName = `projects/${project.projectId}/locations/${project.region}/services/${name}`;
  const serviceConfig = {
    ...(function_.serviceConfig as Record<string, unknown> | undefined),
    service: serviceName,
    uri: `https://${name}-${project.projectNumber}.${project.region}.run.app`,
    revision: `${name}-00001-abc`,
    allTrafficOnLatestRevision: true,
  };
  if (!project.runServices.has(name)) {
    project.runServices.set(name, {
      name: serviceName,
      policy: emptyPolicy(),
      invokerIamDisabled: false,
      generation: 1,
      knative: knativeService(project, name, serviceConfig),
    });
  }
  return {
    ...function_,
    serviceConfig,
    state: 'ACTIVE',
    environment: 'GEN_2',
    updateTime: context.now(),
    url: `https://${project.region}-${project.projectId}.cloudfunctions.net/${name}`,
  };
}

/** What gcloud reads of a function's operation to show its progress: the build and the service stage, both done. */
function operationMetadata(project: FakeProject, target: string, verb: 'create' | 'update'): Record<string, unknown> {
  return {
    '@type': 'type.googleapis.com/google.cloud.functions.v2.OperationMetadata',
    target,
    verb,
    apiVersion: 'v2',
    stages: [
      {
        name: 'BUILD',
        state: 'COMPLETE',
        message: 'Build finished',
        resourceUri: `https://console.cloud.google.com/cloud-build/builds;region=${project.region}/b-1?project=${project.projectNumber}`,
      },
      { name: 'SERVICE', state: 'COMPLETE', message: 'Service updated' },
    ],
  };
}

/**
 * Google refuses a revision whose secret environment variables name a version that does not exist or is not enabled
 * (it could not start): the reason a disabled previous secret must first leave the function.
 */
function secretProblem(project: FakeProject, function_: Record<string, unknown>): string | undefined {
  const secrets = ((function_.serviceConfig as { secretEnvironmentVariables?: unknown } | undefined)
    ?.secretEnvironmentVariables ?? []) as Array<{ key?: string; secret?: string; version?: string }>;
  for (const { key = '', secret = '', version = 'latest' } of secrets) {
    const found = project.secrets.get(secret);
    if (!found) return `Secret projects/${project.projectNumber}/secrets/${secret} (${key}) was not found`;
    const state =
      version === 'latest'
        ? found.versions.find((v) => v.state === 'ENABLED')?.state
        : found.versions[found.versions.length - Number(version)]?.state;
    if (state !== 'ENABLED')
      return `Secret projects/${project.projectNumber}/secrets/${secret}/versions/${version} (${key}) is not in ENABLED state`;
  }
  return undefined;
}

export const cloudFunctions: Handler = (request, context) => {
  const { project } = context;
  const locations = `projects/${project.projectId}/locations/${project.region}`;
  if (route(request, 'GET', /^\/v2\/projects\/[^/]+\/locations\/[^/]+\/runtimes$/)) return ok({ runtimes: RUNTIMES });
  if (route(request, 'POST', /^\/v2\/projects\/[^/]+\/locations\/[^/]+\/functions:generateUploadUrl$/)) {
    const object = `${project.region}-journey-${String(Date.now())}.zip`;
    return ok({
      uploadUrl: context.uploadUrl(object),
      storageSource: {
        bucket: `gcf-v2-uploads-${project.projectNumber}.${project.region}.cloudfunctions.appspot.com`,
        object,
      },
    });
  }
  const one = /^\/v2\/projects\/[^/]+\/locations\/[^/]+\/functions\/([^/:]+)$/.exec(request.path);
  if (one && request.method === 'GET') {
    const function_ = project.functions.get(one[1] ?? '');
    return function_
      ? ok(function_)
      : googleError(404, `Resource '${locations}/functions/${one[1] ?? ''}' was not found`);
  }
  if (route(request, 'POST', /^\/v2\/projects\/[^/]+\/locations\/[^/]+\/functions$/)) {
    const id = request.query.get('functionId') ?? '';
    if (project.functions.has(id)) return googleError(409, `Function ${id} already exists`);
    const problem = secretProblem(project, bodyOf(request));
    if (problem !== undefined) return googleError(400, problem);
    const function_ = deployed(project, context, id, { ...bodyOf(request), name: `${locations}/functions/${id}` });
    project.functions.set(id, function_);
    return ok(
      context.operation(
        `${locations}/operations`,
        { '@type': 'type.googleapis.com/google.cloud.functions.v2.Function', ...function_ },
        operationMetadata(project, String(function_.name), 'create'),
      ),
    );
  }
  if (one && request.method === 'PATCH') {
    const id = one[1] ?? '';
    const existing = project.functions.get(id);
    if (!existing) return googleError(404, `Function ${id} does not exist`);
    // The update mask names fields in snake_case (build_config.source): camelCase them to patch the resource.
    const mask =
      request.query.get('updateMask')?.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()) ?? null;
    const next = patched(existing, bodyOf(request), mask);
    const problem = secretProblem(project, next);
    if (problem !== undefined) return googleError(400, problem);
    const function_ = deployed(project, context, id, next);
    project.functions.set(id, function_);
    return ok(
      context.operation(
        `${locations}/operations`,
        { '@type': 'type.googleapis.com/google.cloud.functions.v2.Function', ...function_ },
        operationMetadata(project, String(function_.name), 'update'),
      ),
    );
  }
  return undefined;
};
