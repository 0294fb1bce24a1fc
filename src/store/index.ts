export * from './cells';
export * from './history';
export * from './layout';
export * from './spans';
export * from './store';
export { CellIO, blockA1, columnLetters, quoteSheet, type Block as SheetBlock } from './io';
export * from './keyColumns';
export * from './keyIndex';
export * from './lookups';
