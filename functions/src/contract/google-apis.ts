// The Google APIs the function calls while it runs: the one list the adapters take their hosts from and `npm run deploy` enables (a contract of the function and the deploy).

/** Each API's service name, which is also its host. */
export const RUNTIME_APIS = {
  firestore: 'firestore.googleapis.com',
  sheets: 'sheets.googleapis.com',
  gmail: 'gmail.googleapis.com',
  cloudTasks: 'cloudtasks.googleapis.com',
  /** signJwt: the runtime account signs the Workspace mailbox's delegation without any key. */
  iamCredentials: 'iamcredentials.googleapis.com',
} as const;

/** `https://HOST/`, the REST root of an API. */
export const apiRoot = (service: string): string => `https://${service}/`;
