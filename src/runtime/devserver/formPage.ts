/**
 * The lead forms of the dev server's workbook as a plain page (GET /form): fill one in, submit it
 * (POST /form, JSON { formId, answers }), and the form-submit trigger runs through the bundle as in
 * Apps Script; the Leads and Form intake tabs show the result. Made by CRM → Create lead form.
 */
import type { FormModel } from '../forms';
import { escapeHtml as esc } from '../emulator/services/html';

function itemHtml(formId: string, item: FormModel['items'][number]): string {
  const id = `f${esc(formId)}-${item.id}`;
  const label = `<label for="${id}">${esc(item.title)}${item.required ? ' *' : ''}</label>`;
  const name = `name="${esc(item.title)}"${item.required ? ' required' : ''}`;
  if (item.type === 'PARAGRAPH_TEXT') return `${label}<textarea id="${id}" ${name}></textarea>`;
  if (item.type === 'MULTIPLE_CHOICE') {
    return `${label}<select id="${id}" ${name}><option value="">—</option>${item.choices.map((c) => `<option>${esc(c)}</option>`).join('')}</select>`;
  }
  return `${label}<input id="${id}" ${name}>`;
}

export function formPage(forms: readonly FormModel[]): string {
  const body = forms.length
    ? forms
        .map(
          (f) => `<form data-form="${esc(f.id)}" aria-label="${esc(f.title)}"><h2>${esc(f.title)}</h2><p>${esc(f.description)}</p>
${f.items.map((i) => itemHtml(f.id, i)).join('\n')}
<button type="submit">Submit / 提交</button><output></output></form>`,
        )
        .join('\n')
    : '<p>No lead form yet: CRM → Create lead form (创建潜在客户表单).</p>';
  return `<!doctype html><html><head><meta charset="utf-8"><title>Lead forms</title>
<style>body{font:14px sans-serif;max-width:560px;margin:24px auto}label{display:block;margin-top:10px}input,select,textarea{width:100%;box-sizing:border-box;padding:6px}button{margin-top:12px;padding:6px 14px}output{display:block;margin-top:8px;white-space:pre-wrap}</style>
</head><body><h1>Lead forms</h1>${body}
<script>
for (const form of document.querySelectorAll('form[data-form]')) {
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const answers = {};
    for (const el of form.querySelectorAll('[name]')) if (el.value.trim()) answers[el.name] = el.value;
    const res = await fetch('/form', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ formId: form.dataset.form, answers }) });
    const out = await res.json();
    form.querySelector('output').textContent = out.ok ? 'Submitted / 已提交' : 'Error: ' + out.error;
    if (out.ok) form.reset();
  });
}
</script></body></html>`;
}
