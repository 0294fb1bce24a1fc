/**
 * Above a lead's form: the customer it was converted to (a link to its 360 view), or the
 * "Convert to customer" button that opens the conversion panel.
 */
import { useState } from 'preact/hooks';
import { roleWritesTable, type Values } from '../../../src/core';
import { hasFlag, LEAD_STATUSES } from '../../../src/schema';
import { useI18n } from '../useI18n';
import { useRemote } from '../lib/useRemote';
import { serverFunctions, type SidebarContext } from '../rpc';
import { ConvertPanel } from './ConvertPanel';

interface Props {
  lead: Values;
  ctx: SidebarContext;
  onConverted: (customerId: string) => void;
  onOpenCustomer: (customerId: string) => void;
}

/** The server refuses these leads too; the UI does not offer what would be refused. */
export function isConverted(lead: Values): boolean {
  return (
    hasFlag(LEAD_STATUSES, lead.status, 'converted') || (typeof lead.convertedCustomerId === 'string' && lead.convertedCustomerId !== '')
  );
}

export function LeadConversion({ lead, ctx, onConverted, onOpenCustomer }: Props) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  if (isConverted(lead)) return <ConvertedNote lead={lead} onOpenCustomer={onOpenCustomer} />;
  // Viewers and service staff cannot create customers (the server checks each record again).
  if (!roleWritesTable(ctx.role, 'customers')) return null;
  return open ? (
    <ConvertPanel lead={lead} ctx={ctx} onConverted={onConverted} onCancel={() => setOpen(false)} />
  ) : (
    <div class="row">
      <button type="button" class="action grow" onClick={() => setOpen(true)}>
        {t('convertToCustomer')}
      </button>
    </div>
  );
}

function ConvertedNote({ lead, onOpenCustomer }: { lead: Values; onOpenCustomer: (id: string) => void }) {
  const { t } = useI18n();
  const id = typeof lead.convertedCustomerId === 'string' ? lead.convertedCustomerId : '';
  const customer = useRemote(() => (id ? serverFunctions.getRecord('customers', id) : Promise.resolve(null)), [id]);
  const name = customer.remote.status === 'ok' && customer.remote.data ? String(customer.remote.data.name ?? '') : '';
  return (
    <div class="card converted">
      <div class="muted small">
        {t('convertedTo')}
        {lead.convertedAt ? ` · ${String(lead.convertedAt)}` : ''}
      </div>
      {id && (
        <button type="button" class="link" onClick={() => onOpenCustomer(id)}>
          {name ? `${name} (${id})` : id}
        </button>
      )}
    </div>
  );
}
