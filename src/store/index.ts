export * from './cells';
export * from './history';
export * from './layout';
export * from './spans';
export * from './store';
export * from './columns';
