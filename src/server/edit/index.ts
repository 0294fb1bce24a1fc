export { handleEdit, type EditReport } from './handleEdit';
