// What the fake of Google Cloud holds for one project: the resources its REST APIs answer about and change.

export interface Binding {
  role: string;
  members: string[];
  condition?: unknown;
}

export interface Policy {
  version?: number;
  etag: string;
  bindings: Binding[];
}

export interface ServiceAccount {
  name: string;
  email: string;
  uniqueId: string;
  oauth2ClientId: string;
  displayName?: string;
  disabled?: boolean;
  projectId: string;
  policy: Policy;
}

export interface Secret {
  /** Newest first (version n is `versions[length - n]`); `data` is the payload as added (base64), when the test added it through the API. */
  versions: { state: 'ENABLED' | 'DISABLED' | 'DESTROYED'; data?: string }[];
  policy: Policy;
}

/** A Cloud Run service (the one a gen 2 function runs on). */
export interface RunService {
  name: string;
  policy: Policy;
  invokerIamDisabled: boolean;
  generation: number;
  /** The Knative object gcloud's `run services update` reads and replaces (metadata, spec, status). */
  knative: Record<string, unknown>;
}

/** A composite index as the Firestore Admin API answers it (`__name__` last, which Firestore adds itself). */
export interface CompositeIndex {
  name: string;
  queryScope: string;
  apiScope: string;
  state: 'CREATING' | 'READY';
  density: string;
  multikey: boolean;
  fields: { fieldPath: string; order?: string; arrayConfig?: string }[];
}

export interface Ruleset {
  name: string;
  createTime: string;
  source: unknown;
}

export interface FakeProject {
  projectId: string;
  projectNumber: string;
  lifecycleState: string;
  region: string;
  /** Enabled services (`run.googleapis.com`, …). */
  services: Set<string>;
  policy: Policy;
  /** By e-mail. */
  accounts: Map<string, ServiceAccount>;
  secrets: Map<string, Secret>;
  firestore: { locationId: string; type: string } | undefined;
  /** `collectionGroup/field` → the field's index configuration as last patched. */
  fields: Map<string, unknown>;
  /** `collectionGroup/field` → its TTL policy's state (`ACTIVE` once Firestore has it on). */
  ttls: Map<string, string>;
  /** The database's composite indexes, in order of creation. */
  indexes: CompositeIndex[];
  /** Short name → the queue resource as the API answers it. */
  queues: Map<string, Record<string, unknown>>;
  jobs: Map<string, Record<string, unknown>>;
  functions: Map<string, Record<string, unknown>>;
  runServices: Map<string, RunService>;
  rulesets: Ruleset[];
  releases: Map<string, { name: string; rulesetName: string; createTime: string; updateTime: string }>;
  /** The organisation's domain-restricted-sharing policy (iam.allowedPolicyMemberDomains): `allUsers` bindings are refused. */
  refusesAllUsers: boolean;
}

let etags = 0;
/** A new etag, as IAM gives one with every policy version. */
export function nextEtag(): string {
  etags += 1;
  return Buffer.from(`etag-${String(etags)}`).toString('base64');
}

export const emptyPolicy = (): Policy => ({ version: 1, etag: nextEtag(), bindings: [] });

/** A project as a person leaves it before the first `npm run deploy`: it exists, its owner is bound, nothing else. */
export function newProject(projectId: string, projectNumber: string, region = 'asia-southeast1'): FakeProject {
  return {
    projectId,
    projectNumber,
    lifecycleState: 'ACTIVE',
    region,
    services: new Set(['cloudresourcemanager.googleapis.com', 'serviceusage.googleapis.com']),
    policy: { version: 1, etag: nextEtag(), bindings: [{ role: 'roles/owner', members: ['user:bithu@example.vn'] }] },
    accounts: new Map(),
    secrets: new Map(),
    firestore: undefined,
    fields: new Map(),
    ttls: new Map(),
    indexes: [],
    queues: new Map(),
    jobs: new Map(),
    functions: new Map(),
    runServices: new Map(),
    rulesets: [],
    releases: new Map(),
    refusesAllUsers: false,
  };
}

/** The secret a person creates by hand (docs/deploy.md), with one enabled version. */
export function addSecret(project: FakeProject, name: string): void {
  project.secrets.set(name, { versions: [{ state: 'ENABLED' }], policy: emptyPolicy() });
}

/** Members bound to `role` in `policy`. */
export function membersOf(policy: Policy, role: string): string[] {
  return policy.bindings.filter((b) => b.role === role).flatMap((b) => b.members);
}
