// The roles the function's runtime account needs, where each is granted, and why: read by the check and granted by the plan.
import type { CloudState } from './state';

export type GrantScope = 'project' | 'invokerAccount' | 'secret' | 'mailSecret';

export interface RoleGrant {
  role: string;
  /** Where the binding lives: the project, the invoker service account, or the secret. */
  on: GrantScope;
  why: string;
}

export const RUNTIME_ROLES: readonly RoleGrant[] = [
  { role: 'roles/datastore.user', on: 'project', why: 'reads and writes Firestore' },
  { role: 'roles/cloudtasks.enqueuer', on: 'project', why: 'creates the Cloud Tasks that pace sheet writes' },
  {
    role: 'roles/iam.serviceAccountUser',
    on: 'invokerAccount',
    why: 'lets Cloud Tasks mint the OIDC token of the invoker account for the tasks the function creates',
  },
  { role: 'roles/secretmanager.secretAccessor', on: 'secret', why: 'reads JOURNEY_SHARED_SECRET (--set-secrets) when an instance starts' },
  { role: 'roles/secretmanager.secretAccessor', on: 'mailSecret', why: 'reads JOURNEY_MAIL_CREDENTIALS (--set-secrets): the Gmail sender’s credentials' },
];

export const SCOPE_LABELS: Record<GrantScope, string> = {
  project: 'trên dự án',
  invokerAccount: 'trên tài khoản gọi hàm',
  secret: 'trên bí mật',
  mailSecret: 'trên bí mật gửi thư',
};

/** The grants the runtime account does not hold yet. */
export function lackingGrants(held: CloudState['runtimeRoles']): RoleGrant[] {
  const where: Record<GrantScope, string[]> = { project: held.project, invokerAccount: held.onInvoker, secret: held.onSecret, mailSecret: held.onMailSecret };
  return RUNTIME_ROLES.filter((grant) => !where[grant.on].includes(grant.role));
}
