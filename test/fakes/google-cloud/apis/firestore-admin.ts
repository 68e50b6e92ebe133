// Firestore Admin v1: the (default) database (describe, create), single-field index settings and composite indexes (list,
// create: a long-running operation, 409 for one that exists).
import { bodyOf, googleError, ok, route, text, type Handler } from '../http';
import type { CompositeIndex } from '../project';

const groupOf = (name: string): string => /\/collectionGroups\/([^/]+)\//.exec(name)?.[1] ?? '';

export const firestoreAdmin: Handler = (request, context) => {
  const { project } = context;
  const database = `projects/${project.projectId}/databases/(default)`;
  if (route(request, 'GET', /^\/v1\/projects\/[^/]+\/databases\/\(default\)$/)) {
    if (!project.firestore)
      return googleError(404, `The database (default) does not exist for project ${project.projectId}`);
    return ok({ name: database, ...project.firestore, concurrencyMode: 'PESSIMISTIC', uid: 'f1' });
  }
  if (route(request, 'POST', /^\/v1\/projects\/[^/]+\/databases$/)) {
    if (request.query.get('databaseId') !== '(default)') return googleError(400, 'only (default) is expected here');
    if (project.firestore) return googleError(409, 'Database already exists. Please use another database_id');
    const body = bodyOf(request);
    project.firestore = { locationId: String(body.locationId), type: String(body.type) };
    return ok(
      context.operation(`${database}/operations`, {
        '@type': 'type.googleapis.com/google.firestore.admin.v1.Database',
        name: database,
        ...project.firestore,
      }),
    );
  }
  if (route(request, 'GET', /^\/v1\/projects\/[^/]+\/databases\/\(default\)\/collectionGroups\/-\/fields$/)) {
    if (!project.firestore) return googleError(404, 'The database (default) does not exist');
    // The fields with their own settings (what the API lists for `indexConfig.usesAncestorConfig:false`), and the database's defaults.
    const defaults = {
      name: `${database}/collectionGroups/__default__/fields/*`,
      indexConfig: {
        indexes: [
          { queryScope: 'COLLECTION', order: 'ASCENDING' },
          { queryScope: 'COLLECTION', order: 'DESCENDING' },
          { queryScope: 'COLLECTION', arrayConfig: 'CONTAINS' },
        ],
      },
    };
    const own = [...new Set([...project.fields.keys(), ...project.ttls.keys()])].map((path) => {
      const [group = '', fieldPath = ''] = path.split('/');
      const ttl = project.ttls.get(path);
      return {
        name: `${database}/collectionGroups/${group}/fields/${fieldPath}`,
        indexConfig: project.fields.get(path) ?? {},
        ...(ttl ? { ttlConfig: { state: ttl } } : {}),
      };
    });
    return ok({ fields: [defaults, ...own] });
  }
  const field = route(
    request,
    'PATCH',
    /^\/v1\/projects\/[^/]+\/databases\/\(default\)\/collectionGroups\/([^/]+)\/fields\/([^/]+)$/,
  );
  if (field) {
    if (!project.firestore) return googleError(404, 'The database (default) does not exist');
    const name = `${database}/collectionGroups/${field[0] ?? ''}/fields/${field[1] ?? ''}`;
    const key = `${field[0] ?? ''}/${field[1] ?? ''}`;
    const body = bodyOf(request);
    // As the API applies a patch: only what `updateMask` names changes (gcloud sends one per command).
    const mask = (request.query.get('updateMask') ?? 'indexConfig').split(',');
    if (mask.includes('indexConfig')) project.fields.set(key, body.indexConfig);
    if (mask.includes('ttlConfig')) {
      if (body.ttlConfig === undefined) project.ttls.delete(key);
      else project.ttls.set(key, 'ACTIVE');
    }
    return ok(
      context.operation(`${database}/operations`, {
        '@type': 'type.googleapis.com/google.firestore.admin.v1.Field',
        name,
      }),
    );
  }
  const indexes = route(
    request,
    'GET',
    /^\/v1\/projects\/[^/]+\/databases\/\(default\)\/collectionGroups\/([^/]+)\/indexes$/,
  );
  if (indexes) {
    if (!project.firestore) return googleError(404, 'The database (default) does not exist');
    const group = indexes[0] ?? '-';
    const listed = project.indexes.filter((index) => group === '-' || groupOf(index.name) === group);
    // Google leaves out an empty list's field.
    return ok(listed.length === 0 ? {} : { indexes: listed });
  }
  const creating = route(
    request,
    'POST',
    /^\/v1\/projects\/[^/]+\/databases\/\(default\)\/collectionGroups\/([^/]+)\/indexes$/,
  );
  if (creating) {
    if (!project.firestore) return googleError(404, 'The database (default) does not exist');
    const group = creating[0] ?? '';
    const body = bodyOf(request);
    const queryScope = text(body.queryScope) || 'QUERY_SCOPE_UNSPECIFIED';
    const fields = Array.isArray(body.fields)
      ? (body.fields as { fieldPath?: unknown; order?: unknown; arrayConfig?: unknown }[])
      : [];
    if (group === '-' || queryScope === 'QUERY_SCOPE_UNSPECIFIED')
      return googleError(400, 'A collection group and a query scope are required.');
    if (fields.some((f) => text(f.fieldPath) === '' || (f.order === undefined) === (f.arrayConfig === undefined)))
      return googleError(400, 'Each field needs a field path and exactly one of order or array config.');
    // One field is a single-field index, which Firestore makes itself: a composite one needs two.
    if (fields.length < 2)
      return googleError(400, 'This index is not necessary, configure using single field index controls.');
    const wanted = fields.map((f) => ({
      fieldPath: text(f.fieldPath),
      ...(f.order === undefined ? {} : { order: text(f.order) }),
      ...(f.arrayConfig === undefined ? {} : { arrayConfig: text(f.arrayConfig) }),
    }));
    const last = wanted.at(-1);
    // Firestore orders by the document name last, in the direction of the last ordered field.
    const withName = [...wanted, { fieldPath: '__name__', order: last?.order ?? 'ASCENDING' }];
    const same = (index: CompositeIndex): boolean =>
      groupOf(index.name) === group &&
      index.queryScope === queryScope &&
      JSON.stringify(index.fields) === JSON.stringify(withName);
    if (project.indexes.some(same)) return googleError(409, 'index already exists');
    const name = `${database}/collectionGroups/${group}/indexes/CICAgJim${String(project.indexes.length + 1).padStart(4, '0')}`;
    // Built in the background: listed as CREATING at once (READY minutes later on Google).
    project.indexes.push({
      name,
      queryScope,
      apiScope: text(body.apiScope) || 'ANY_API',
      state: 'CREATING',
      density: text(body.density) || 'SPARSE_ALL',
      multikey: body.multikey === true,
      fields: withName,
    });
    return ok(
      context.runningOperation(`${database}/operations`, {
        '@type': 'type.googleapis.com/google.firestore.admin.v1.IndexOperationMetadata',
        startTime: context.now(),
        index: name,
        state: 'INITIALIZING',
        progressDocuments: {},
        progressBytes: {},
      }),
    );
  }
  return undefined;
};
