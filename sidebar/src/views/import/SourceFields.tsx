/** The import's inputs: the table (every data table, by its tab name), a .csv/.xlsx file or pasted CSV. */
import { useRef, useState } from 'preact/hooks';
import { DATA_TABLE_KEYS, tableDef, type DataTableKey } from '../../../../src/schema';
import { useI18n } from '../../useI18n';
import { readImportFile, type ImportSource } from '../../lib/importFile';
import { messageOf } from '../../lib/errors';

interface Props {
  table: DataTableKey;
  disabled: boolean;
  onTable: (table: DataTableKey) => void;
  onSource: (source: ImportSource | null) => void;
}

const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function SourceFields({ table, disabled, onTable, onSource }: Props) {
  const { lang, t } = useI18n();
  const [pasted, setPasted] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const pickFile = async (file: File | undefined) => {
    setFileError(null);
    setChosen(null);
    onSource(null);
    if (!file) return;
    try {
      const source = await readImportFile(file);
      if (!source) {
        setFileError(t('csvOrXlsx'));
        return;
      }
      setPasted('');
      setChosen(source.name);
      onSource(source);
    } catch (e) {
      setFileError(t('fileUnreadable', { detail: messageOf(e) }));
    }
  };

  return (
    <>
      <div class="field">
        <label for="import-table">{t('importInto')}</label>
        <select
          id="import-table"
          class="input"
          value={table}
          disabled={disabled}
          onChange={(e) => onTable(e.currentTarget.value as DataTableKey)}
        >
          {DATA_TABLE_KEYS.map((k) => (
            <option key={k} value={k}>
              {tableDef(k).tab[lang]}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="import-file">{t('importFile')}</label>
        <input
          id="import-file"
          ref={fileInput}
          class="input file"
          type="file"
          accept={ACCEPT}
          disabled={disabled}
          aria-invalid={!!fileError}
          aria-describedby={fileError ? 'import-file-err' : undefined}
          onChange={(e) => void pickFile(e.currentTarget.files?.[0])}
        />
        {chosen && <div class="muted small">{t('fileChosen', { name: chosen })}</div>}
        {fileError && (
          <div id="import-file-err" class="field-error">
            {fileError}
          </div>
        )}
      </div>
      <div class="field">
        <label for="import-paste">{t('importPaste')}</label>
        <textarea
          id="import-paste"
          class="input mono"
          rows={4}
          value={pasted}
          disabled={disabled}
          spellcheck={false}
          onInput={(e) => {
            const text = e.currentTarget.value;
            setPasted(text);
            // Typed text replaces a chosen file: one source at a time.
            if (fileInput.current) fileInput.current.value = '';
            setChosen(null);
            setFileError(null);
            onSource(text.trim() ? { name: '', content: text, format: 'csv' } : null);
          }}
        />
      </div>
    </>
  );
}
