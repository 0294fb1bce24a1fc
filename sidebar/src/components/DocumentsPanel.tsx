/**
 * Files of a customer, quote, order or contract (docs/WORKSPACE.md): make a PDF of a quote, order
 * or contract, email it to one of the customer's contacts, upload a file onto the record, and the
 * record's files with a link to open each.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Values } from '../../../src/core';
import { useI18n } from '../useI18n';
import { errorText } from '../lib/errors';
import { failureText } from '../lib/failure';
import { serverFunctions } from '../rpc';

export type FilesTable = 'customers' | 'quotes' | 'orders' | 'contracts';
const MAX_UPLOAD_MB = 10;

/** A file's bytes as base64 (FileReader's data URL without its prefix). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

export function DocumentsPanel({ table, record }: { table: FilesTable; record: Values }) {
  const { lang, t } = useI18n();
  const id = String(record.id);
  const customerId = table === 'customers' ? id : String(record.customerId ?? '');
  const [files, setFiles] = useState<Values[]>([]);
  const [contacts, setContacts] = useState<Values[]>([]);
  const [contactId, setContactId] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [revision, setRevision] = useState(0);

  useEffect(() => {
    if (!customerId) return;
    serverFunctions.searchRecords('files', '', { where: { customerId }, limit: 100 }).then(
      (page) => setFiles(page.items.filter((f) => String(f.recordId) === id)),
      () => setFiles([]),
    );
  }, [customerId, id, revision]);

  useEffect(() => {
    if (!customerId || table === 'customers') return;
    serverFunctions.searchRecords('contacts', '', { where: { customerId }, limit: 100 }).then(
      (page) => {
        const withEmail = page.items.filter((c) => typeof c.email === 'string' && c.email);
        setContacts(withEmail);
        setContactId((current) => current || String(withEmail[0]?.id ?? ''));
      },
      () => setContacts([]),
    );
  }, [customerId, table]);

  const act = async (work: () => Promise<string>) => {
    setBusy(true);
    setNote(t('docsWorking'));
    try {
      setNote(await work());
      setRevision((r) => r + 1);
    } catch (err) {
      setNote(failureText(err, t));
    } finally {
      setBusy(false);
    }
  };

  const makePdf = () =>
    act(async () => {
      if (table === 'customers') return '';
      const r = await serverFunctions.makeDocumentPdf(table, id);
      return r.ok ? t('docsMade', { name: r.file.name }) : r.errors.map((e) => errorText(e, lang)).join('; ');
    });
  const email = (draft: boolean) =>
    act(async () => {
      if (table === 'customers') return '';
      const r = await serverFunctions.emailDocument(table, id, contactId, { draft });
      if (!r.ok) return r.errors.map((e) => errorText(e, lang)).join('; ');
      return t(draft ? 'docsDrafted' : 'docsSent', { to: r.to });
    });
  const upload = (file: File) => {
    if (file.size > MAX_UPLOAD_MB * 1024 * 1024) {
      setNote(t('docsTooLarge', { mb: MAX_UPLOAD_MB }));
      return;
    }
    void act(async () => {
      const base64 = await readBase64(file);
      const r = await serverFunctions.uploadFile(table, id, { name: file.name, mimeType: file.type || null, base64 });
      return r.ok ? t('docsUploaded', { name: r.file.name }) : r.errors.map((e) => errorText(e, lang)).join('; ');
    });
  };

  return (
    <section class="card" aria-label={t('docsTitle')}>
      <div class="muted small">{t('docsTitle')}</div>
      {table !== 'customers' && (
        <div class="actions">
          <button type="button" class="secondary" disabled={busy} onClick={() => void makePdf()}>
            {t('docsMakePdf')}
          </button>
        </div>
      )}
      {table !== 'customers' &&
        (contacts.length ? (
          <div class="actions">
            <select
              aria-label={t('docsPickContact')}
              value={contactId}
              onChange={(e) => setContactId((e.currentTarget as HTMLSelectElement).value)}
            >
              {contacts.map((c) => (
                <option key={String(c.id)} value={String(c.id)}>
                  {String(c.name)} &lt;{String(c.email)}&gt;
                </option>
              ))}
            </select>
            <button type="button" class="secondary" disabled={busy || !contactId} onClick={() => void email(false)}>
              {t('docsEmail')}
            </button>
            <button type="button" class="secondary" disabled={busy || !contactId} onClick={() => void email(true)}>
              {t('docsDraft')}
            </button>
          </div>
        ) : (
          <div class="muted small">{t('docsNoContacts')}</div>
        ))}
      <label class="small" style={{ display: 'block', margin: '6px 0' }}>
        {t('docsUpload')}{' '}
        <input
          type="file"
          disabled={busy}
          onChange={(e) => {
            const input = e.currentTarget as HTMLInputElement;
            const file = input.files?.[0];
            if (file) upload(file);
            input.value = '';
          }}
        />
      </label>
      {note && (
        <div class="small" role="status">
          {note}
        </div>
      )}
      <ul class="small" aria-label={t('docsTitle')}>
        {files.length === 0 && <li class="muted">{t('docsNone')}</li>}
        {files.map((f) => (
          <li key={String(f.id)}>
            <a href={String(f.url)} target="_blank" rel="noopener noreferrer">
              {String(f.name)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
