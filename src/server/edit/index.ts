export { handleEdit, type EditReport } from './handleEdit';
export { onEdit } from './onEdit';
