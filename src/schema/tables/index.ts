import { contacts, customers, leads } from './customers';
import { contracts, followUps, lineItems, opportunities, orders, payments, quotes } from './sales';
import { history, products, settings } from './settings';
import { campaignMembers, campaigns, feedback, tickets } from './support';
import { formIntake } from './intake';
import { outbox } from './outbox';
import { mailingRecipients, mailings } from './mailMerge';
import { todos } from './todos';
import { targets } from './targets';
import { deliveryNotes, deliveryPlans } from './delivery';
import { files } from './files';

/** Every table the workbook holds, in tab order: a new table is declared in its file and listed here. */
export const TABLE_LIST = [
  customers,
  contacts,
  leads,
  opportunities,
  followUps,
  quotes,
  orders,
  lineItems,
  deliveryNotes,
  deliveryPlans,
  contracts,
  payments,
  campaigns,
  campaignMembers,
  feedback,
  tickets,
  todos,
  files,
  targets,
  products,
  settings,
  history,
  formIntake,
  outbox,
  mailings,
  mailingRecipients,
] as const;
