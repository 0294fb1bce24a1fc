export * from './cells';
export * from './layout';
export * from './store';
