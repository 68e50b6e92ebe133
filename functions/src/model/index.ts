// What the function stores, in one place: every document's schema, validated when read back, reusing the domain's types.
export * from './audit';
export * from './role';
export * from './evidence';
export * from './inbox';
export * from './journey';
export * from './mail';
export * from './member';
export * from './plan';
export * from './view-state';
export * from './view-work';
export * from './personal-data';
export * from './data-request';
