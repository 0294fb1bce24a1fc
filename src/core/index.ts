export * from './errors';
export * from './ids';
export * from './integrity';
export * from './records';
export * from './rules';
export * from './search';
export * from './settings';
export * from './validate';
