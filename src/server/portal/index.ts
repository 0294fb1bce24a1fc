/** The self-service portal's entry points (docs/SELF_SERVICE.md); doGet's route is in src/server/web. */
export { grantSelfService, revokeSelfService } from './grant';
export { portalTickets, portalRaiseTicket } from './calls';
