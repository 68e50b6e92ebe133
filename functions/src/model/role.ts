// What a credential lets its holder do (API.md "Roles"): `forms` and `queues` are the shared secret's in production,
// `admin` a listed administrator's Google identity, `internal` the invoker's (Cloud Tasks, Cloud Scheduler).
export const ROLES = ['forms', 'queues', 'admin', 'internal'] as const;
export type Role = (typeof ROLES)[number];
