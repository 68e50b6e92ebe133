// The roles the deployment's accounts need, where each is granted, and why: read by the check and granted by the plan.
import type { DeployConfig } from './config';
import type { CloudState } from './state';

export type GrantScope = 'project' | 'invokerAccount' | 'runtimeAccount' | 'secret' | 'mailSecret';

export interface RoleGrant {
  role: string;
  /** Who holds it: the function's runtime account, or the account that builds it. */
  to: 'runtime' | 'build';
  /** Where the binding lives: the project, a service account, or a secret. */
  on: GrantScope;
  why: string;
}

export const RUNTIME_ROLES: readonly RoleGrant[] = [
  { role: 'roles/datastore.user', to: 'runtime', on: 'project', why: 'reads and writes Firestore' },
  {
    role: 'roles/cloudtasks.enqueuer',
    to: 'runtime',
    on: 'project',
    why: 'creates the Cloud Tasks that pace sheet writes',
  },
  {
    role: 'roles/iam.serviceAccountUser',
    to: 'runtime',
    on: 'invokerAccount',
    why: 'lets Cloud Tasks mint the OIDC token of the invoker account for the tasks the function creates',
  },
  {
    role: 'roles/secretmanager.secretAccessor',
    to: 'runtime',
    on: 'secret',
    why: 'reads JOURNEY_SHARED_SECRET (--set-secrets) when an instance starts',
  },
];

/** A Workspace mailbox: the runtime account signs its own delegation JWT (IAM Credentials signJwt), with no key. */
export const WORKSPACE_MAIL_ROLE: RoleGrant = {
  role: 'roles/iam.serviceAccountTokenCreator',
  to: 'runtime',
  on: 'runtimeAccount',
  why: 'signs the Workspace mailbox’s domain-wide delegation through IAM Credentials (signJwt) without any key',
};

/** A consumer Gmail account: the runtime account reads the refresh token. */
export const CONSUMER_MAIL_ROLE: RoleGrant = {
  role: 'roles/secretmanager.secretAccessor',
  to: 'runtime',
  on: 'mailSecret',
  why: 'reads JOURNEY_MAIL_CREDENTIALS (--set-secrets): the consumer account’s refresh token',
};

/** Cloud Build runs the function's build as this account (--build-service-account), never as a default one. */
export const BUILD_ROLE: RoleGrant = {
  role: 'roles/cloudbuild.builds.builder',
  to: 'build',
  on: 'project',
  why: 'runs the function’s build: sources, logs, the image in Artifact Registry',
};

export const SCOPE_LABELS: Record<GrantScope, string> = {
  project: 'trên dự án',
  invokerAccount: 'trên tài khoản gọi hàm',
  runtimeAccount: 'trên chính tài khoản chạy hàm',
  secret: 'trên bí mật',
  mailSecret: 'trên bí mật gửi thư',
};

/** Every grant this configuration needs. */
export function wantedGrants(config: DeployConfig): RoleGrant[] {
  const mail =
    config.mail === undefined
      ? []
      : [config.mail.accountType === 'workspace' ? WORKSPACE_MAIL_ROLE : CONSUMER_MAIL_ROLE];
  return [...RUNTIME_ROLES, ...mail, BUILD_ROLE];
}

/** The grants not held yet. */
export function lackingGrants(config: DeployConfig, held: CloudState['roles']): RoleGrant[] {
  return wantedGrants(config).filter((grant) => !held[grant.to][grant.on].includes(grant.role));
}
