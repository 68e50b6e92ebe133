// A start problem the operator can fix (data folder, port): `npm start` shows its Vietnamese message alone and exits.
export class StartError extends Error {
  override name = 'StartError';
}
