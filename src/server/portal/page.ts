import { tableDef, type Lang } from '../../schema';
import { escapeHtml, scriptJson } from '../web/html';

/**
 * The self-service page (HtmlService output of doGet's portal route). It carries no data: it is
 * the same for every link, the token embedded, and asks portalTickets(token) for what to show, so
 * a wrong link costs the spreadsheet nothing and looks like any other until the answer says "not
 * valid". Everything a person typed is shown with textContent, never as HTML.
 */

const field = (k: 'subject' | 'type' | 'description' | 'status' | 'openedAt' | 'closedAt' | 'resolution', lang: Lang) =>
  tableDef('tickets').fields[k].meta.label[lang];

function words(lang: Lang): Record<string, string> {
  const zh = lang === 'zh';
  return {
    title: zh ? '我的服务工单' : 'My service tickets',
    list: zh ? '工单与答复' : 'Tickets and answers',
    loading: zh ? '正在加载…' : 'Loading…',
    none: zh ? '还没有工单。' : 'No tickets yet.',
    raise: zh ? '提交新的服务请求' : 'Raise a new request',
    submit: zh ? '提交' : 'Submit',
    sending: zh ? '正在提交…' : 'Sending…',
    raised: zh ? '已提交，工单编号 ' : 'Sent: your ticket is ',
    failed: zh ? '连接失败，请稍后重试（您填写的内容仍在）。' : 'The connection failed; please try again (what you typed is kept).',
    id: zh ? '工单编号' : 'Ticket',
    subject: field('subject', lang),
    type: field('type', lang),
    description: field('description', lang),
    status: field('status', lang),
    openedAt: field('openedAt', lang),
    closedAt: field('closedAt', lang),
    resolution: field('resolution', lang),
    waiting: zh ? '处理中，暂无答复' : 'Being handled; no answer yet',
    chars: zh ? '字' : 'characters',
  };
}

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#202124;background:#f6f8fa}
main{max-width:720px;margin:0 auto;padding:16px}h1{font-size:20px;margin:8px 0 4px}h2{font-size:17px;margin:24px 0 8px}
.who{color:#5f6368;margin:0 0 12px}.card{background:#fff;border:1px solid #dadce0;border-radius:8px;padding:12px 14px;margin:8px 0}
.row{display:flex;flex-wrap:wrap;gap:4px 12px;align-items:baseline}.id{font-weight:600}.subject{font-weight:600;flex:1 1 200px}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:13px;background:#e8f0fe;color:#174ea6}.badge.closed{background:#e6f4ea;color:#137333}
.meta{color:#5f6368;font-size:13px}.text{white-space:pre-wrap;word-break:break-word;margin:6px 0 0}.answer{border-left:3px solid #137333;padding-left:8px}
label{display:block;font-weight:600;margin:10px 0 4px}input,select,textarea{width:100%;font:inherit;padding:8px;border:1px solid #dadce0;border-radius:6px;background:#fff}
textarea{min-height:120px}button{margin-top:12px;font:inherit;font-weight:600;padding:10px 20px;border:0;border-radius:6px;background:#1a73e8;color:#fff;cursor:pointer}
button[disabled]{opacity:.6}.msg{margin:10px 0;padding:8px 10px;border-radius:6px}.msg.error{background:#fce8e6;color:#a50e0e}.msg.ok{background:#e6f4ea;color:#137333}
.count{color:#5f6368;font-size:12px;text-align:right}
`;

/** The page's script: plain ES2019, text set with textContent only. */
const SCRIPT = `
(function(){
var S=window.__PORTAL__,lang=S.lang,W=S.words[lang],data=null;
function relabel(){W=S.words[lang];document.documentElement.lang=lang==='zh'?'zh-CN':'en';document.title=W.title;Array.prototype.forEach.call(document.querySelectorAll('[data-w]'),function(e){e.textContent=W[e.getAttribute('data-w')];});}
function el(tag,cls,text){var e=document.createElement(tag);if(cls)e.className=cls;if(text!==undefined&&text!==null)e.textContent=String(text);return e;}
function $(id){return document.getElementById(id);}
function say(text,kind){var m=$('msg');m.textContent=text||'';m.className=text?'msg '+kind:'';m.hidden=!text;}
function messageOf(errors){return (errors||[]).map(function(e){return (e.messages&&e.messages[lang])||e.message;}).join(' ');}
function labelIn(list,v){var t=(list||[]).filter(function(x){return x.value===v;})[0];return t?(lang==='zh'?t.value:t.en):v;}
function typeLabel(v){return labelIn(data&&data.types,v);}
function renderList(list){
  var box=$('tickets');box.textContent='';
  if(!list.length){box.appendChild(el('p','meta',W.none));return;}
  list.forEach(function(t){
    var c=el('article','card');c.setAttribute('aria-label',W.id+' '+t.id);
    var r=el('div','row');r.appendChild(el('span','id',t.id));r.appendChild(el('span','subject',t.subject));
    var b=el('span','badge'+(t.closed?' closed':''),labelIn(data&&data.statuses,t.status));b.setAttribute('title',W.status);r.appendChild(b);c.appendChild(r);
    c.appendChild(el('div','meta',typeLabel(t.type)+' · '+W.openedAt+' '+t.openedAt+(t.closedAt?' · '+W.closedAt+' '+t.closedAt:'')));
    if(t.description)c.appendChild(el('p','text',t.description));
    var a=el('p','text answer',t.resolution||W.waiting);a.setAttribute('aria-label',W.resolution);c.appendChild(a);
    box.appendChild(c);
  });
}
function show(answer){
  if(!answer||!answer.ok){$('app').hidden=true;say(messageOf(answer&&answer.errors),'error');return;}
  data=answer;if(!S.fixedLang&&answer.lang&&answer.lang!==lang){lang=answer.lang;relabel();}
  $('who').textContent=[answer.customer.name,answer.contact.name].filter(Boolean).join(' · ');
  var sel=$('type');sel.textContent='';answer.types.forEach(function(t){var o=el('option','',lang==='zh'?t.value:t.en);o.value=t.value;sel.appendChild(o);});
  $('app').hidden=false;renderList(answer.tickets);
}
function count(){var d=$('description');$('count').textContent=d.value.length+' / '+(data?data.limits.description:'')+' '+W.chars;}
function raise(ev){
  ev.preventDefault();var btn=$('send');btn.disabled=true;say(W.sending,'ok');
  var fields={subject:$('subject').value,type:$('type').value,description:$('description').value};
  google.script.run.withSuccessHandler(function(r){
    btn.disabled=false;
    if(!r||!r.ok){say(messageOf(r&&r.errors),'error');if(r&&r.errors&&r.errors.some(function(e){return e.code==='portal_link_invalid';}))$('app').hidden=true;return;}
    $('subject').value='';$('description').value='';count();say(W.raised+r.ticket.id,'ok');renderList(r.tickets);
  }).withFailureHandler(function(){btn.disabled=false;say(W.failed,'error');}).portalRaiseTicket(S.token,fields);
}
$('form').addEventListener('submit',raise);$('description').addEventListener('input',count);
google.script.run.withSuccessHandler(show).withFailureHandler(function(){say(W.failed,'error');}).portalTickets(S.token);
})();
`;

/**
 * The page for `token` in `lang` (`fixedLang`: the visitor chose it with ?lang=, else the page
 * follows the spreadsheet's language once the first answer tells it).
 */
export function portalPage(token: string, lang: Lang, fixedLang: boolean): string {
  const W = words(lang);
  const state = scriptJson({ token, lang, fixedLang, words: { zh: words('zh'), en: words('en') } });
  return `<!DOCTYPE html><html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><base target="_top">
<title>${escapeHtml(W.title)}</title><style>${STYLE}</style></head><body><main>
<h1 data-w="title">${escapeHtml(W.title)}</h1><p class="who" id="who"></p><div id="msg" role="status" hidden></div>
<div id="app" hidden>
<section aria-labelledby="list-h"><h2 id="list-h" data-w="list">${escapeHtml(W.list)}</h2><div id="tickets"><p class="meta">${escapeHtml(W.loading)}</p></div></section>
<section aria-labelledby="raise-h"><h2 id="raise-h" data-w="raise">${escapeHtml(W.raise)}</h2>
<form id="form" novalidate>
<label for="subject" data-w="subject">${escapeHtml(W.subject)}</label><input id="subject" name="subject" autocomplete="off" required>
<label for="type" data-w="type">${escapeHtml(W.type)}</label><select id="type" name="type"></select>
<label for="description" data-w="description">${escapeHtml(W.description)}</label><textarea id="description" name="description"></textarea><div class="count" id="count"></div>
<button id="send" type="submit" data-w="submit">${escapeHtml(W.submit)}</button>
</form></section></div>
</main><script>window.__PORTAL__=${state};</script><script>${SCRIPT}</script></body></html>`;
}
