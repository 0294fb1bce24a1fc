export * from './announce';
