import { CrmError } from '../errors';
import { firstFlagged, hasFlag, LEAD_STATUSES, LIFECYCLES, MEMBER_KINDS, STAGES, type Lang } from '../../schema';
import type { Values } from '../validate';
import { isBlank, str } from './values';

/** What the caller may add to or override in the records a conversion creates. */
export interface ConvertOptions {
  /** Extra or corrected customer fields (kind, region...); defaults come from the lead. */
  customer?: Values;
  /** Convert into this existing customer instead of creating one (the lead was a known company). */
  customerId?: string;
  /** Contact fields; false = no contact. Defaults to the lead's contact person, if any. */
  contact?: Values | false;
  /** Create an opportunity too: its fields (name defaults to the company, stage to 线索). */
  opportunity?: Values;
}

export interface ConversionPlan {
  /** Input of the customer to create, or null when converting into an existing one. */
  customer: Values | null;
  /** Contact input without customerId (the server sets it once the customer ID is known). */
  contact: Values | null;
  opportunity: Values | null;
  /** campaignMembers rows of the lead that move to the customer. */
  memberIds: string[];
}

const LEAD_TO_CUSTOMER: readonly [string, string][] = [
  ['company', 'name'],
  ['contactName', 'contactName'],
  ['phone', 'phone'],
  ['email', 'email'],
  ['industry', 'industry'],
  ['source', 'source'],
  ['owner', 'owner'],
  ['notes', 'notes'],
];

function copyPresent(from: Values, pairs: readonly [string, string][]): Values {
  const out: Values = {};
  for (const [a, b] of pairs) if (!isBlank(from[a])) out[b] = from[a];
  return out;
}

/** Refuses leads that cannot convert: already converted (never twice) or disqualified. */
function checkConvertible(lead: Values, lang: Lang): void {
  if (hasFlag(LEAD_STATUSES, lead.status, 'converted') || !isBlank(lead.convertedCustomerId)) {
    throw CrmError.of('lead_converted', lang, {
      id: str(lead.id),
      customerId: str(lead.convertedCustomerId) || '?',
      at: str(lead.convertedAt) || '?',
    });
  }
  if (hasFlag(LEAD_STATUSES, lead.status, 'disqualified')) throw CrmError.of('lead_disqualified', lang, { id: str(lead.id) });
}

/**
 * Plans a lead's conversion: customer (or an existing one), primary contact, optional
 * opportunity, and the campaign participation rows that move. Validation happens in the server
 * with the same validateInput as every other path.
 */
export function planConversion(lead: Values, members: readonly Values[], options: ConvertOptions, lang: Lang): ConversionPlan {
  checkConvertible(lead, lang);
  const customer = options.customerId
    ? null
    : {
        ...copyPresent(lead, LEAD_TO_CUSTOMER),
        lifecycle: firstFlagged(LIFECYCLES, options.opportunity ? 'engaged' : 'initial'),
        ...(options.customer ?? {}),
      };
  let contact: Values | null = null;
  if (options.contact !== false) {
    const base = copyPresent(lead, [
      ['contactName', 'name'],
      ['phone', 'phone'],
      ['email', 'email'],
    ]);
    const extra = options.contact ?? {};
    if (!isBlank(base.name) || Object.keys(extra).length) contact = { ...base, isPrimary: true, ...extra };
  }
  const opportunity = options.opportunity
    ? { name: str(lead.company), stage: firstFlagged(STAGES, 'initial'), owner: lead.owner, ...options.opportunity }
    : null;
  const memberIds = members.filter((m) => !m.deleted && m.leadId === lead.id).map((m) => str(m.id));
  return { customer, contact, opportunity, memberIds };
}

/** The lead's own change: converted, pointing at its customer. */
export function convertedLeadChanges(customerId: string, today: string): Values {
  return { status: firstFlagged(LEAD_STATUSES, 'converted'), convertedCustomerId: customerId, convertedAt: today };
}

/** A campaign participation row once its lead is a customer (leadId kept for attribution). */
export function movedMemberChanges(customerId: string): Values {
  return { memberKind: firstFlagged(MEMBER_KINDS, 'customerMember'), customerId };
}
