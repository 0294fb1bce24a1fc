export * from './announce';
export { addWebhook } from './hooks';
export { deliverNotifications } from './deliver';
