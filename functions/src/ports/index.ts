// The interfaces the use cases need, one module each: storage by aggregate (composed into `Store`, `StoreTx` and
// `MailStore`), the views, mail, identity, the clock, and the errors adapters raise.
export * from './access-log';
export * from './audit';
export * from './clock';
export * from './data-requests';
export * from './errors';
export * from './evidence';
export * from './identity';
export * from './inbox';
export * from './journeys';
export * from './mail';
export * from './members';
export * from './nominations';
export * from './outbox';
export * from './paging';
export * from './plans';
export * from './store';
export * from './view-state';
export * from './view-work';
export * from './erasure';
export * from './views';
