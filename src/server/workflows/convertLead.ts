import * as z from 'zod/mini';
import { dayOf, type Values } from '../../core';
import { convertedLeadChanges, movedMemberChanges, planConversion, type ConvertOptions } from '../../core/workflows';
import { idArg, isPlainObject, maybeText, optionsArg, plainObject, signature, type ParamsOut } from '../args';
import { openContext } from '../context';
import { enveloped, type Envelope } from '../entry';
import { WritePlan } from './batch';
import { prepareNew, requireLive } from './records';
import { WORKFLOW_PERMISSIONS } from './permissions';

export interface ConvertResult {
  customerId: string;
  contactId: string | null;
  opportunityId: string | null;
  /** Campaign participation rows moved from the lead to the customer. */
  movedMembers: number;
  /** To-dos about the lead that now also belong to the customer (its 360 view lists them). */
  movedTodos: number;
}

/** A record's fields as the caller gives them; absent or null is {}. */
const fieldsArg = z.pipe(
  z.nullish(plainObject),
  z.transform((v) => v ?? {}),
);

const CONVERT_ARGS = signature(
  ['leadId', 'options'],
  idArg,
  z.optional(
    optionsArg({
      customer: z.optional(fieldsArg),
      customerId: maybeText(40),
      contact: z.optional(
        z.custom<false | Record<string, unknown> | null>((v) => v === false || v === null || isPlainObject(v), { message: 'arg_contact' }),
      ),
      opportunity: z.nullish(plainObject),
    }).check(z.refine((o) => !(o.customerId && o.customer), { message: 'arg_customer_or_id' })),
  ),
);

function convertOptions(o: NonNullable<ParamsOut<typeof CONVERT_ARGS>[1]>): ConvertOptions {
  const out: ConvertOptions = {};
  if (o.customer !== undefined) out.customer = o.customer;
  if (o.customerId) out.customerId = o.customerId.toUpperCase();
  if (o.contact !== undefined) out.contact = o.contact ?? {};
  if (o.opportunity) out.opportunity = o.opportunity;
  return out;
}

/**
 * convertLead(leadId, options): the lead becomes a customer (or joins options.customerId), with its
 * contact person and optionally an opportunity; its campaign participation moves to the customer;
 * the lead is marked 已转化. One locked step: everything is validated before anything is written,
 * then one append per table, one update per table and one history write.
 */
export const convertLead = enveloped(
  CONVERT_ARGS,
  (id, options = {}): Envelope<ConvertResult> => {
    const opts = convertOptions(options);
    const ctx = openContext();
    return ctx.store.withLock(() => {
      const day = dayOf(ctx.now);
      // What the conversion reads by key, in two batched reads: the lead, the customer it joins,
      // today's ID directories, and the rows holding the new customer's name.
      ctx.store.lookups.prefetch({
        tables: ['customers', 'contacts', 'opportunities', 'campaignMembers', 'todos', 'history'],
        ids: [['leads', id], ...(opts.customerId ? [['customers', opts.customerId] as ['customers', string]] : [])],
        newIds: [
          ['customers', day],
          ['contacts', day],
          ['opportunities', day],
        ],
        keyed: opts.customerId ? [['contacts', 'customerId', opts.customerId]] : [],
      });
      const lead = requireLive(ctx, 'leads', id, 'leadId');
      const plan = planConversion(lead, ctx.store.lookups.withValue('campaignMembers', 'leadId', id), opts, ctx.lang);
      const pending = new Set<string>();
      let customer: Values | null = null;
      let customerId: string;
      if (plan.customer) {
        [customer] = prepareNew(ctx, 'customers', [plan.customer], 'customer');
        customerId = String(customer.id);
        pending.add(customerId);
      } else {
        customerId = String(requireLive(ctx, 'customers', opts.customerId as string, 'customerId').id);
      }
      let contactInput = plan.contact;
      // Joining a customer that already has a primary contact: the lead's person is not made a second one.
      if (
        contactInput &&
        !customer &&
        !(opts.contact && 'isPrimary' in opts.contact) &&
        ctx.store.lookups.withKey('contacts', 'customerId', customerId).some((c) => c.isPrimary && !c.deleted)
      ) {
        contactInput = { ...contactInput, isPrimary: false };
      }
      const contact = contactInput ? prepareNew(ctx, 'contacts', [{ ...contactInput, customerId }], 'contact', pending)[0] : null;
      const opportunity = plan.opportunity
        ? prepareNew(ctx, 'opportunities', [{ ...plan.opportunity, customerId }], 'opportunity', pending)[0]
        : null;

      // To-dos about the lead follow it to the customer (their link to the lead stays): those the
      // converter may change; a colleague's private to-do keeps pointing at the lead only.
      const todos = ctx.store.lookups
        .withValue('todos', 'linkId', id)
        .filter((t) => !t.deleted && !t.customerId)
        .filter((t) => ctx.auth.canWrite('todos', t, { ...t, customerId }, (k, rid) => ctx.store.record(k, rid)));

      const writes = new WritePlan(ctx, `convertLead ${id}`);
      if (customer) writes.append('customers', [customer]);
      if (contact) writes.append('contacts', [contact]);
      if (opportunity) writes.append('opportunities', [opportunity]);
      writes.update('leads', id, convertedLeadChanges(customerId, ctx.now.slice(0, 10)));
      for (const m of plan.memberIds) writes.update('campaignMembers', m, movedMemberChanges(customerId));
      for (const t of todos) writes.update('todos', String(t.id), { customerId });
      writes.commit();
      return {
        ok: true,
        customerId,
        contactId: contact ? String(contact.id) : null,
        opportunityId: opportunity ? String(opportunity.id) : null,
        movedMembers: plan.memberIds.length,
        movedTodos: todos.length,
      };
    });
  },
  WORKFLOW_PERMISSIONS.convertLead,
);
