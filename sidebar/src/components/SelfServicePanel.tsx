/**
 * A contact's self-service portal access (docs/SELF_SERVICE.md), for service users and admins:
 * give a private link (shown once, optionally mailed to the contact), make a new one, or revoke it.
 */
import { useState } from 'preact/hooks';
import type { Values } from '../../../src/core';
import { useI18n } from '../useI18n';
import { errorText } from '../lib/errors';
import { failureText } from '../lib/failure';
import { serverFunctions } from '../rpc';

export function SelfServicePanel({ contact, onChanged }: { contact: Values; onChanged: () => void }) {
  const { lang, t } = useI18n();
  const [link, setLink] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [mail, setMail] = useState(false);
  const on = contact.selfService === true;
  const id = String(contact.id);

  const run = async (what: 'grant' | 'revoke') => {
    setBusy(true);
    setNote(null);
    try {
      if (what === 'grant') {
        const r = await serverFunctions.grantSelfService(id, { email: mail });
        if (r.ok) {
          setLink(r.link);
          setNote(r.emailed ? t('portalMailed') : null);
        } else setNote(r.errors.map((e) => errorText(e, lang)).join('; '));
      } else {
        const r = await serverFunctions.revokeSelfService(id);
        setLink(null);
        setNote(r.ok ? t('portalRevoked') : r.errors.map((e) => errorText(e, lang)).join('; '));
      }
      onChanged();
    } catch (err) {
      setNote(failureText(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-label={t('portalTitle')}>
      <div class="muted small">
        {t('portalTitle')}: {on || link ? t('portalOn') : t('portalOff')}
      </div>
      {link && (
        <label class="small" style={{ display: 'block', margin: '6px 0' }}>
          {t('portalLinkOnce')}
          <input
            type="text"
            readOnly
            style={{ display: 'block', width: '100%' }}
            value={link}
            onFocus={(e) => (e.currentTarget as HTMLInputElement).select()}
          />
        </label>
      )}
      {note && (
        <div class="small" role="status">
          {note}
        </div>
      )}
      {typeof contact.email === 'string' && contact.email && (
        <label class="small" style={{ display: 'block', margin: '6px 0' }}>
          <input type="checkbox" checked={mail} onChange={(e) => setMail((e.currentTarget as HTMLInputElement).checked)} />{' '}
          {t('portalMailToo')}
        </label>
      )}
      <div class="actions">
        <button type="button" class="secondary" disabled={busy} onClick={() => void run('grant')}>
          {on || link ? t('portalNewLink') : t('portalGrant')}
        </button>
        {(on || link) && (
          <button type="button" class="secondary" disabled={busy} onClick={() => void run('revoke')}>
            {t('portalRevoke')}
          </button>
        )}
      </div>
    </section>
  );
}
