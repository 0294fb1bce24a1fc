/** The sidebar shell: start-up context, language, navigation between the views. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { DataTableKey, Lang } from '../../src/schema';
import { roleAllows, type Values } from '../../src/core';
import { RemoteView } from './components/RemoteView';
import { translator, type UiKey } from './i18n';
import { I18nContext } from './useI18n';
import { useRemote } from './lib/useRemote';
import { startInfo } from './lib/start';
import { serverFunctions, type SidebarContext } from './rpc';
import { Customer360 } from './views/Customer360';
import { ImportView } from './views/import/ImportView';
import { LeadConversion } from './views/LeadConversion';
import { MailMergePanel } from './views/MailMergePanel';
import { OptionsView } from './views/OptionsView';
import { PipelineBoard } from './views/PipelineBoard';
import { PoolView } from './views/PoolView';
import { RecordForm } from './views/RecordForm';
import { RemindersView } from './views/RemindersView';
import { TargetsView } from './views/TargetsView';
import { SearchView, type SearchState } from './views/SearchView';

type Tab = 'search' | 'board' | 'reminders' | 'pool' | 'targets';
type View =
  | { name: Tab }
  | { name: 'customer'; id: string }
  | { name: 'import'; table: DataTableKey }
  | { name: 'options' }
  | { name: 'form'; table: DataTableKey; record: Values | null; preset?: Values; captions?: Record<string, string> };

const TABS: readonly Tab[] = ['search', 'board', 'reminders', 'pool', 'targets'];
const LANG_KEY = 'sheets-crm.lang';

function storedLang(): Lang | null {
  try {
    const v = window.localStorage.getItem(LANG_KEY);
    return v === 'zh' || v === 'en' ? v : null;
  } catch {
    return null; // storage can be blocked in the Apps Script iframe
  }
}

export function App() {
  const context = useRemote(() => serverFunctions.getSidebarContext(), []);
  const fallback = storedLang() ?? (navigator.language.startsWith('zh') ? 'zh' : 'en');
  return (
    <I18nContext.Provider value={{ lang: fallback, t: translator(fallback) }}>
      <RemoteView remote={context.remote} retry={context.retry}>
        {(ctx) => <Shell ctx={ctx} />}
      </RemoteView>
    </I18nContext.Provider>
  );
}

function Shell({ ctx: initial }: { ctx: SidebarContext }) {
  // The option lists change when an admin adds an option: the forms then validate with the new list.
  const [ctx, setCtx] = useState(initial);
  const [lang, setLang] = useState<Lang>(() => storedLang() ?? ctx.lang);
  const i18n = useMemo(() => ({ lang, t: translator(lang) }), [lang]);
  // A deep link (?customer=C... in the web app) opens that customer's 360 view, with search behind it.
  const [stack, setStack] = useState<View[]>(() => {
    const linked = startInfo().customer;
    return linked ? [{ name: 'search' }, { name: 'customer', id: linked }] : [{ name: 'search' }];
  });
  const [search, setSearch] = useState<SearchState>({ table: 'customers', query: '' });
  // A key, not a text: the notice follows a language switch like everything else.
  const [notice, setNotice] = useState<UiKey | null>(null);
  const view = stack[stack.length - 1];
  const push = (v: View) => setStack((s) => [...s, v]);
  const back = () => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s));
  const replace = (v: View) => setStack((s) => [...s.slice(0, -1), v]);
  const openCustomer = (id: string) => push({ name: 'customer', id });
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 2500);
    return () => clearTimeout(timer);
  }, [notice]);

  const saved = (table: DataTableKey, created: boolean, record: Values) => {
    setNotice('saved');
    if (table === 'customers' && created) replace({ name: 'customer', id: String(record.id) });
    else back();
  };

  const tab = TABS.includes(view.name as Tab) ? (view.name as Tab) : null;
  return (
    <I18nContext.Provider value={i18n}>
      <header class="bar">
        <nav class="tabs">
          {TABS.map((k) => (
            <button
              key={k}
              type="button"
              class={k === tab ? 'tab on' : 'tab'}
              aria-current={k === tab ? 'page' : undefined}
              onClick={() => setStack([{ name: k }])}
            >
              {i18n.t(k as UiKey)}
            </button>
          ))}
        </nav>
        <select
          class="lang"
          aria-label={i18n.t('language')}
          value={lang}
          onChange={(e) => {
            const next = e.currentTarget.value as Lang;
            setLang(next);
            try {
              window.localStorage.setItem(LANG_KEY, next);
            } catch {
              /* not persisted */
            }
          }}
        >
          <option value="zh">中文</option>
          <option value="en">EN</option>
        </select>
      </header>
      {stack.length > 1 && (
        <button type="button" class="link back" onClick={back}>
          ‹ {i18n.t('back')}
        </button>
      )}
      {notice && (
        <div class="notice" role="status">
          {i18n.t(notice)}
        </div>
      )}
      <main>
        {view.name === 'search' && (
          <SearchView
            initial={search}
            onState={setSearch}
            onOpen={(table, record) => (table === 'customers' ? openCustomer(String(record.id)) : push({ name: 'form', table, record }))}
            onNew={(table) => push({ name: 'form', table, record: null })}
            onImport={roleAllows(ctx.role, 'import') ? (table) => push({ name: 'import', table }) : undefined}
            onLists={ctx.role === 'admin' ? () => push({ name: 'options' }) : undefined}
            capacity={ctx.role === 'admin' ? ctx.capacity : null}
          />
        )}
        {view.name === 'import' && <ImportView initialTable={view.table} />}
        {view.name === 'board' && <PipelineBoard onOpenCustomer={openCustomer} />}
        {view.name === 'reminders' && <RemindersView onOpenCustomer={openCustomer} />}
        {view.name === 'pool' && <PoolView ctx={ctx} />}
        {view.name === 'targets' && <TargetsView />}
        {view.name === 'options' && (
          <OptionsView
            ctx={ctx}
            onAdded={(list, options) => {
              setCtx((c) => ({ ...c, lists: { ...c.lists, [list]: options } }));
              setNotice('optionAdded');
            }}
          />
        )}
        {view.name === 'customer' && (
          <Customer360
            key={view.id}
            customerId={view.id}
            ctx={ctx}
            onEdit={(table, record, captions) => push({ name: 'form', table, record, captions })}
            onNew={(table, preset, captions) => push({ name: 'form', table, record: null, preset, captions })}
          />
        )}
        {view.name === 'form' && view.table === 'leads' && view.record && (
          <LeadConversion
            key={String(view.record.id)}
            lead={view.record}
            ctx={ctx}
            onOpenCustomer={openCustomer}
            onConverted={(id) => {
              setNotice('leadConverted');
              replace({ name: 'customer', id });
            }}
          />
        )}
        {view.name === 'form' && (
          <RecordForm
            key={`${view.table}-${String(view.record?.id ?? 'new')}`}
            table={view.table}
            record={view.record}
            preset={view.preset}
            captions={view.captions}
            ctx={ctx}
            onSaved={(r) => saved(view.table, view.record === null, r)}
            onCancel={back}
            onNewTodo={(preset, captions) => push({ name: 'form', table: 'todos', record: null, preset, captions })}
            onNewDeliveryNote={(preset) => push({ name: 'form', table: 'deliveryNotes', record: null, preset, captions: {} })}
          />
        )}
        {view.name === 'form' && view.table === 'campaigns' && view.record && (
          <MailMergePanel key={String(view.record.id)} campaign={view.record} />
        )}
      </main>
    </I18nContext.Provider>
  );
}
