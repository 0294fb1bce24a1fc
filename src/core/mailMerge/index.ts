export * from './template';
export * from './audience';
