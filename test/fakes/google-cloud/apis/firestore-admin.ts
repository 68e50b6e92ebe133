// Firestore Admin v1: the (default) database (describe, create) and single-field index settings.
import { bodyOf, googleError, ok, route, type Handler } from '../http';

export const firestoreAdmin: Handler = (request, context) => {
  const { project } = context;
  const database = `projects/${project.projectId}/databases/(default)`;
  if (route(request, 'GET', /^\/v1\/projects\/[^/]+\/databases\/\(default\)$/)) {
    if (!project.firestore) return googleError(404, `The database (default) does not exist for project ${project.projectId}`);
    return ok({ name: database, ...project.firestore, concurrencyMode: 'PESSIMISTIC', uid: 'f1' });
  }
  if (route(request, 'POST', /^\/v1\/projects\/[^/]+\/databases$/)) {
    if (request.query.get('databaseId') !== '(default)') return googleError(400, 'only (default) is expected here');
    if (project.firestore) return googleError(409, 'Database already exists. Please use another database_id');
    const body = bodyOf(request);
    project.firestore = { locationId: String(body.locationId), type: String(body.type) };
    return ok(context.operation(`${database}/operations`, { '@type': 'type.googleapis.com/google.firestore.admin.v1.Database', name: database, ...project.firestore }));
  }
  if (route(request, 'GET', /^\/v1\/projects\/[^/]+\/databases\/\(default\)\/collectionGroups\/-\/fields$/)) {
    if (!project.firestore) return googleError(404, 'The database (default) does not exist');
    // The fields with their own settings (what the API lists for `indexConfig.usesAncestorConfig:false`), and the database's defaults.
    const defaults = { name: `${database}/collectionGroups/__default__/fields/*`, indexConfig: { indexes: [{ queryScope: 'COLLECTION', order: 'ASCENDING' }, { queryScope: 'COLLECTION', order: 'DESCENDING' }, { queryScope: 'COLLECTION', arrayConfig: 'CONTAINS' }] } };
    const own = [...project.fields].map(([path, indexConfig]) => {
      const [group = '', fieldPath = ''] = path.split('/');
      return { name: `${database}/collectionGroups/${group}/fields/${fieldPath}`, indexConfig: indexConfig ?? {} };
    });
    return ok({ fields: [defaults, ...own] });
  }
  const field = route(request, 'PATCH', /^\/v1\/projects\/[^/]+\/databases\/\(default\)\/collectionGroups\/([^/]+)\/fields\/([^/]+)$/);
  if (field) {
    if (!project.firestore) return googleError(404, 'The database (default) does not exist');
    const name = `${database}/collectionGroups/${field[0] ?? ''}/fields/${field[1] ?? ''}`;
    project.fields.set(`${field[0] ?? ''}/${field[1] ?? ''}`, bodyOf(request).indexConfig);
    return ok(context.operation(`${database}/operations`, { '@type': 'type.googleapis.com/google.firestore.admin.v1.Field', name }));
  }
  return undefined;
};
