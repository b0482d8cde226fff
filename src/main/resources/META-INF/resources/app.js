// The rep's page: a thin client of the public API (the same calls a CRM makes), no framework, no build step.
// The key lives in sessionStorage (this tab only); reasons come worded by the service in the browser's language.
'use strict';
(() => {
  const KEY = 'promise.key';
  const RECENT = 'promise.recent'; // codes typed before (not secret), to feed the pickers
  const $ = (id) => document.getElementById(id);
  const form = $('quote-form');
  let me = null;
  let lineSeq = 0;
  const idempotencyKeys = new Map(); // a choice clicked again (say after a lost answer) reuses its key: never two promises
  let answered = null; // the quote (as sent) the answer on screen was checked for

  // ---- words: the page speaks the first of the browser's languages it has (as the service does for the reasons) ----

  const langs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'];
  const ui = (langs.find((l) => /^(en|pt)\b/i.test(l)) || 'en').slice(0, 2).toLowerCase();
  const PT = {
    'Promise check': 'Checar promessa', 'Skip to the quote': 'Ir para a cotação', 'Signed in as': 'Conectado como',
    'Sign out': 'Sair', 'Sign in': 'Entrar', 'Your rep key': 'Sua chave de vendedor',
    'Kept in this tab only, until you sign out or close it.': 'Guardada só nesta aba, até você sair ou fechá-la.',
    'Check a quote': 'Checar uma cotação', 'What are you promising?': 'O que você está prometendo?',
    'A delivery date': 'Uma data de entrega', 'A service duration': 'A duração de um serviço', 'Delivery': 'Entrega',
    'Ship from site': 'Enviar do local', 'Leave empty or "any" to let any site serve.': 'Deixe vazio ou "qualquer" para que qualquer local atenda.',
    'Destination region': 'Região de destino', 'Lines': 'Itens', '(optional: without lines no stock check)': '(opcional: sem itens não há checagem de estoque)',
    'Add a line': 'Adicionar item', 'Promised date': 'Data prometida', '(optional)': '(opcional)',
    'Empty: the answer is the earliest date that holds.': 'Vazio: a resposta é a data mais cedo que se cumpre.',
    'Customer': 'Cliente', 'Service': 'Serviço', 'Garage': 'Oficina', 'Service type': 'Tipo de serviço', 'Start': 'Início',
    "Your device's time zone. Empty: the next free slot.": 'Fuso horário do seu aparelho. Vazio: o próximo horário livre.',
    'Promised minutes': 'Minutos prometidos', 'Check': 'Checar', 'Answer': 'Resposta', 'My promises': 'Minhas promessas',
    'Refresh': 'Atualizar', 'At risk': 'Em risco', 'Open': 'Abertas', 'SKU': 'SKU', 'Quantity': 'Quantidade', 'Remove': 'Remover',
    any: 'qualquer',
    'Holds: you can promise it.': 'Se cumpre: pode prometer.',
    'Here is the earliest promise that holds.': 'Esta é a promessa mais cedo que se cumpre.',
    "Doesn't hold: promise the recommended one instead.": 'Não se cumpre: prometa a recomendada.',
    'Nothing can be promised within the planning horizon.': 'Nada pode ser prometido dentro do horizonte de planejamento.',
    'Chance the promise as asked is kept: {0}': 'Chance de cumprir a promessa pedida: {0}', ' (target {0})': ' (meta {0})',
    Recommended: 'Recomendada', 'Your promise': 'Sua promessa', Alternatives: 'Alternativas', Why: 'Por quê', 'Commit this promise': 'Confirmar esta promessa',
    'Commit this one': 'Confirmar esta', 'Commit this promise: {0}': 'Confirmar esta promessa: {0}',
    'Commit this one: {0}': 'Confirmar esta: {0}', Committed: 'Confirmada', 'Committed: {0}': 'Confirmada: {0}',
    'Committed: {0}. Promise {1} is in your open promises.': 'Confirmada: {0}. A promessa {1} está nas suas promessas abertas.',
    'That capacity was just taken. This is what holds now.': 'Essa capacidade acabou de ser tomada. Isto é o que se cumpre agora.',
    'Already committed: promise {0} is in your open promises. Check again for another order.':
      'Já confirmada: a promessa {0} está nas suas promessas abertas. Cheque de novo para outro pedido.',
    'Warning: ': 'Atenção: ', 'Did you mean {0}? Codes are case-sensitive.': 'Quis dizer {0}? Os códigos diferenciam maiúsculas.',
    'Kept {0} of the time': 'Cumprida {0} das vezes', 'Deliver by {0}': 'Entregar até {0}', ' from {0}': ' de {0}',
    '{0} minutes': '{0} minutos', '{0} minute': '{0} minuto', '{0} hour': '{0} hora', '{0} hours': '{0} horas', '{0} day': '{0} dia',
    '{0} days': '{0} dias', ' and ': ' e ', ', starting {0}': ', começando {0}', ' at {0}': ' em {0}', 'A promise': 'Uma promessa',
    '{0} ({1} on this device)': '{0} ({1} neste aparelho)',
    'Split delivery': 'Entrega dividida', '{0} by {1}': '{0} até {1}',
    'The quote was changed after this answer. Check again before you commit.':
      'A cotação mudou depois desta resposta. Cheque de novo antes de confirmar.',
    'None.': 'Nenhuma.', 'Show more': 'Mostrar mais', 'confidence {0}': 'confiança {0}', 'to {0}': 'para {0}',
    'No finished promises yet: your delivery mastery score appears once outcomes are recorded.':
      'Nenhuma promessa concluída ainda: sua nota de domínio de entrega aparece quando os resultados forem registrados.',
    'Delivery mastery score ': 'Nota de domínio de entrega ', '/10 · {0} of {1} finished promises kept': '/10 · {0} de {1} promessas concluídas cumpridas',
    'Enter your key.': 'Informe sua chave.', 'Enter the garage.': 'Informe a oficina.', 'Enter the service type.': 'Informe o tipo de serviço.',
    'This key cannot check quotes (it is for rules, history and master data): sign in with a sales rep\'s key.':
      'Esta chave não checa cotações (é para regras, histórico e cadastros): entre com a chave de um vendedor.',
    'Enter the minutes as a number, e.g. 45.5.': 'Informe os minutos como um número, por exemplo 45,5.', 'Checking…': 'Checando…',
    'Enter the destination region.': 'Informe a região de destino.', 'Remove line {0}': 'Remover item {0}',
    'Your key is no longer accepted. Sign in again.': 'Sua chave não é mais aceita. Entre de novo.',
    'The service could not be reached. Check the connection and try again.': 'O serviço não respondeu. Verifique a conexão e tente de novo.',
    'This key was not accepted. Check it, or ask ops for a key.': 'Esta chave não foi aceita. Confira, ou peça uma chave à operação.',
    'Your key may not do this': 'Sua chave não pode fazer isto', 'Too many requests just now. Try again in {0} seconds.':
      'Pedidos demais agora. Tente de novo em {0} segundos.', 'a few': 'alguns',
    'Too many requests just now. Try again in a second.': 'Pedidos demais agora. Tente de novo em um segundo.',
    'The service is not available just now. Try again in a moment.': 'O serviço não está disponível agora. Tente de novo em instantes.',
    'Not checked. Try again when the service is back.': 'Não checada. Tente de novo quando o serviço voltar.',
    'Not committed. Try again when the service is back.': 'Não confirmada. Tente de novo quando o serviço voltar.',
    'Not cancelled: {0}. Try again when the service is back.': 'Não cancelada: {0}. Tente de novo quando o serviço voltar.',
    'Not refreshed: as they were at {0}.': 'Não atualizadas: como estavam às {0}.', 'Not loaded yet.': 'Ainda não carregadas.',
    'The service answered {0}.': 'O serviço respondeu {0}.',
    'Signed out.': 'Você saiu.', 'Status: Open': 'Situação: aberta', 'Status: At risk': 'Situação: em risco', 'Cancel': 'Cancelar', 'Cancel: {0}': 'Cancelar: {0}',
    'Confirm cancel': 'Confirmar cancelamento', 'Confirm cancel: {0}': 'Confirmar cancelamento: {0}',
    'Keep it': 'Manter', 'Keep it: {0}': 'Manter: {0}', 'Cancelling…': 'Cancelando…',
    'Cancelled: {0}. Its capacity is free again.': 'Cancelada: {0}. A capacidade dela está livre de novo.',
    'Could not cancel {0}: {1}': 'Não foi possível cancelar {0}: {1}',
    'Here is the shortest promise that holds.': 'Esta é a promessa mais curta que se cumpre.',
    'more than {0}': 'mais de {0}', 'less than {0}': 'menos de {0}',
    'Finish the date (day, month and year), or clear it.': 'Complete a data (dia, mês e ano), ou apague-a.',
    'Finish the start (date and time), or clear it.': 'Complete o início (data e hora), ou apague-o.',
    'Enter the quantity as a whole number.': 'Informe a quantidade como um número inteiro.',
    'This date has already passed: pick today or a later date, or clear it for the earliest date that holds.':
      'Esta data já passou: escolha hoje ou uma data posterior, ou apague-a para a data mais cedo que se cumpre.',
    'This start has already passed: pick a time still to come, or clear it for the next free slot.':
      'Este início já passou: escolha um horário ainda por vir, ou apague-o para o próximo horário livre.',
    'The start asked has already passed: this answer is as it would have been then, and cannot be committed. Pick a start still to come and check again.':
      'O início pedido já passou: esta resposta é como teria sido então, e não pode ser confirmada. Escolha um início ainda por vir e cheque de novo.',
    'Already passed: cannot be committed.': 'Já passou: não pode ser confirmada.',
    'For you, not for the customer': 'Para você, não para o cliente',
    'What holds now (tell the customer): {0}': 'O que se cumpre agora (diga ao cliente): {0}',
    'kept {0} of the time': 'cumprida {0} das vezes',
    'The answer was lost on the way: the promise may already be booked. Press the button again (it never makes a second promise), or look for it in My promises.':
      'A resposta se perdeu no caminho: a promessa pode já estar feita. Aperte o botão de novo (ele nunca faz uma segunda promessa), ou procure-a em Minhas promessas.',
    'The service had a problem (error {0}). Try again in a moment.': 'O serviço teve um problema (erro {0}). Tente de novo em instantes.',
    'Enter a quantity of at least 1.': 'Informe uma quantidade de pelo menos 1.', 'Required.': 'Obrigatório.',
    "Unknown SKU '{0}'": "SKU desconhecido '{0}'", "Unknown site '{0}'": "Local desconhecido '{0}'",
    "Unknown service type '{0}'": "Tipo de serviço desconhecido '{0}'",
    "Unknown service type '{0}' at site '{1}'": "Tipo de serviço desconhecido '{0}' no local '{1}'",
    "'{0}' appears on two lines; put the total on one": "'{0}' aparece em dois itens; ponha o total em um só",
    'Enter a quantity of at most {0}.': 'Informe uma quantidade de no máximo {0}.',
    'Enter more than 0 minutes (kept to 0.01) and at most {0}.': 'Informe mais de 0 minutos (com até 0,01) e no máximo {0}.',
    'A split delivery is not committed here in one click: it is committed as separate promises, one per shipment (check each shipment\'s lines and date here), or from the CRM.':
      'Uma entrega dividida não é confirmada aqui com um clique: ela é confirmada como promessas separadas, uma por remessa (cheque aqui os itens e a data de cada remessa), ou pelo CRM.',
  };

  function t(text, ...args) {
    let r = (ui === 'pt' && PT[text]) || text;
    args.forEach((a, i) => { r = r.replace('{' + i + '}', a); });
    return r;
  }

  function translatePage() {
    if (ui === 'en') return;
    document.documentElement.lang = ui;
    document.title = t(document.title);
    for (const root of [document.body, $('line-tpl').content]) {
      const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        const k = n.nodeValue.trim();
        if (k && PT[k]) n.nodeValue = n.nodeValue.replace(k, PT[k]);
      }
    }
    document.querySelectorAll('[placeholder]').forEach((e) => { e.placeholder = t(e.placeholder); });
  }

  // ---- calls ------------------------------------------------------------------------------------

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID(); // secure contexts only (https, localhost)
    const b = new Uint8Array(16);
    if (window.crypto && crypto.getRandomValues) crypto.getRandomValues(b);
    else for (let i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  async function api(method, path, body, headers) {
    const h = Object.assign({ 'X-API-Key': sessionStorage.getItem(KEY) || '', Accept: 'application/json, application/problem+json' }, headers);
    if (body !== undefined) h['Content-Type'] = 'application/json';
    let res;
    try {
      res = await fetch(path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (e) {
      const p = { status: 0, detail: t('The service could not be reached. Check the connection and try again.') };
      showOutage(p);
      throw p;
    }
    const type = res.headers.get('content-type') || '';
    const data = type.includes('json') ? await res.json().catch(() => null) : null;
    if (res.status !== 503) clearOutage(); // it answered: it is back
    if (res.ok) return data;
    const p = data && typeof data === 'object' ? data : {};
    p.status = res.status;
    p.retryAfter = res.headers.get('Retry-After');
    if (isOutage(p)) showOutage(p);
    if (res.status === 401 && me) signOut(t('Your key is no longer accepted. Sign in again.'));
    throw p;
  }

  function plain(p) {
    switch (p.status) {
      case 401: return t('This key was not accepted. Check it, or ask ops for a key.');
      case 403: return t('Your key may not do this') + (p.detail ? ': ' + p.detail : '.');
      case 429: return tooMany(p.retryAfter);
      default:
        // a proxy's 502/504 has no problem+json: said in words, not as a bare status
        if (p.status >= 500 && !p.detail) return t('The service had a problem (error {0}). Try again in a moment.', p.status);
        return p.detail || p.title || t('The service answered {0}.', p.status);
    }
  }

  // Retry-After is seconds or an HTTP date: a date (or none) is "a few seconds", and one second is said as one
  function tooMany(retryAfter) {
    const s = /^\s*\d+\s*$/.test(retryAfter || '') ? Number(retryAfter) : null;
    if (s != null && s <= 1) return t('Too many requests just now. Try again in a second.');
    return t('Too many requests just now. Try again in {0} seconds.', s != null ? s : t('a few'));
  }

  // ---- an outage: said once, in the banner at the top; what the rep already sees stays, marked as not refreshed ----

  // no answer at all, or the service (or a proxy before it) saying it cannot answer now
  const isOutage = (p) => p.status === 0 || p.status === 503;

  function showOutage(p) {
    const text = p.status === 0 ? t('The service could not be reached. Check the connection and try again.')
      : t('The service is not available just now. Try again in a moment.');
    const banner = $('outage');
    if (banner.textContent !== text) banner.textContent = text; // the same words again are not announced again
    keepClearOf(banner);
  }

  function clearOutage() {
    $('outage').textContent = '';
    keepClearOf(null);
  }

  // The banner stays at the top of the view: what gets the focus, or is scrolled to, stops below it, never under it
  // (WCAG 2.4.11; the probe's Shift+Tab back to Check left the button under the banner).
  function keepClearOf(banner) {
    document.documentElement.style.scrollPaddingTop = banner ? (banner.offsetHeight + 16) + 'px' : '';
  }

  // The service words field errors in English (README: the reasons are localised, field errors are not): the common ones
  // a rep meets are said in the page's own words, in the page's language; any other is shown as the service wrote it.
  const FIELD_WORDS = [
    [/^must be at least 1$/, () => 'Enter a quantity of at least 1.'],
    [/^must be at most (\d+)$/, () => 'Enter a quantity of at most {0}.'],
    [/^is required\b/, () => 'Required.'],
    [/^Unknown SKU '(.*)'$/, () => "Unknown SKU '{0}'"],
    [/^Unknown site '(.*)'$/, () => "Unknown site '{0}'"],
    [/^Unknown service type '(.*)' at site '(.*)'$/, () => "Unknown service type '{0}' at site '{1}'"],
    [/^Unknown service type '(.*)'$/, () => "Unknown service type '{0}'"],
    [/^'(.*)' appears on two lines; put the total on one$/, () => "'{0}' appears on two lines; put the total on one"],
    [/^startAt .* has passed\b/, () => 'This start has already passed: pick a time still to come, or clear it for the next free slot.'],
    // the minutes' range, in the page's language and number style (a Portuguese rep types 45,5: probe rep L6)
    [/^must be more than 0 \(kept to 0\.01, so 0\.005 or more\) and at most (\d+)$/,
      () => 'Enter more than 0 minutes (kept to 0.01) and at most {0}.'],
  ];

  function fieldWords(message) {
    for (const [re, key] of FIELD_WORDS) {
      const m = re.exec(message || '');
      if (m) return t(key(), ...m.slice(1));
    }
    return message;
  }

  // ---- field errors (problem+json errors[].field next to its input) -------------------------------

  function clearErrors() {
    form.querySelectorAll('.field-error').forEach((e) => { e.textContent = ''; });
    form.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
  }

  function errorSlot(field) {
    let name = String(field || '').replace(/^quote\./, '');
    if (name === 'site' && kind() === 'SERVICE') name = 'garage';
    return $('err-' + name.replace(/[[\].]+/g, '-').replace(/-$/, ''));
  }

  function showProblem(p) {
    clearErrors();
    const rest = [];
    const errors = p.status === 400 || p.status === 422 ? (p.errors || []) : [];
    let first = null;
    for (const e of errors) {
      const slot = errorSlot(e.field);
      const message = fieldWords(e.message);
      if (!slot) { rest.push(e.field ? `${e.field}: ${message}` : message); continue; }
      slot.textContent = slot.textContent ? slot.textContent + ' ' + message : message;
      const input = slot.parentElement.querySelector('input');
      if (input) { input.setAttribute('aria-invalid', 'true'); first = first || input; }
    }
    // an outage is said in the banner: here only that this check was not made
    $('err-form').textContent = errors.length > 0 ? rest.join(' ')
      : isOutage(p) ? t('Not checked. Try again when the service is back.') : plain(p);
    if (first) first.focus();
  }

  // ---- the quote --------------------------------------------------------------------------------

  const kind = () => form.elements.type.value;
  const val = (id) => $(id).value.trim();

  function addLine(sku, quantity) {
    const n = lineSeq++;
    const row = $('line-tpl').content.firstElementChild.cloneNode(true);
    const [skuField, qtyField] = row.querySelectorAll('.field');
    wire(skuField, `line-sku-${n}`, `err-lines-${n}-sku`);
    wire(qtyField, `line-qty-${n}`, `err-lines-${n}-quantity`);
    row.querySelector('.sku').value = sku || '';
    row.querySelector('.quantity').value = quantity || '';
    row.querySelector('.remove').addEventListener('click', () => {
      row.remove();
      renumberLines();
      markStale();
      $('add-line').focus();
    });
    $('lines').appendChild(row);
    renumberLines();
    return row;
  }

  function wire(field, inputId, errId) {
    const input = field.querySelector('input');
    input.id = inputId;
    field.querySelector('label').htmlFor = inputId;
    field.querySelector('.field-error').id = errId;
    input.setAttribute('aria-describedby', errId);
  }

  // error ids follow the order the lines are sent in (lines[i]), so they are renumbered after a removal
  function renumberLines() {
    document.querySelectorAll('#lines .line').forEach((row, i) => {
      row.querySelector('.sku').parentElement.querySelector('.field-error').id = `err-lines-${i}-sku`;
      row.querySelector('.sku').setAttribute('aria-describedby', `err-lines-${i}-sku`);
      row.querySelector('.quantity').parentElement.querySelector('.field-error').id = `err-lines-${i}-quantity`;
      row.querySelector('.quantity').setAttribute('aria-describedby', `err-lines-${i}-quantity`);
      row.querySelector('.remove').setAttribute('aria-label', t('Remove line {0}', i + 1));
    });
  }

  function withOffset(local) { // "2026-12-04T10:00" typed on this device -> ISO with the device's offset
    const off = -new Date(local).getTimezoneOffset();
    const a = Math.abs(off);
    const two = (x) => String(x).padStart(2, '0');
    return `${local.length === 16 ? local + ':00' : local}${off < 0 ? '-' : '+'}${two(Math.floor(a / 60))}:${two(a % 60)}`;
  }

  function quote() {
    if (kind() === 'SERVICE') {
      const q = { type: 'SERVICE', site: val('garage'), serviceType: val('serviceType') };
      if (val('startAt')) q.startAt = withOffset(val('startAt'));
      if (val('promisedMinutes')) q.promisedMinutes = minutesTyped(val('promisedMinutes'));
      return q;
    }
    const q = { type: 'DELIVERY', region: val('region') };
    const site = val('site');
    if (site && !['any', t('any')].includes(site.toLowerCase())) q.site = site;
    const lines = [];
    document.querySelectorAll('#lines .line').forEach((row) => {
      const sku = row.querySelector('.sku').value.trim();
      const qty = row.querySelector('.quantity').value.trim();
      if (sku || qty) lines.push({ sku, quantity: qty === '' ? null : Number(qty) });
    });
    if (lines.length) q.lines = lines;
    if (val('promisedBy')) q.promisedBy = val('promisedBy');
    if (val('customer')) q.customer = val('customer');
    return q;
  }

  // "45.5" or "45,5" whatever the browser's language (a number input in an English browser read "45,5" as 455);
  // anything else is NaN, said beside the field before asking the service
  function minutesTyped(text) {
    return /^\d+([.,]\d+)?$/.test(text) ? Number(text.replace(',', '.')) : NaN;
  }

  function missing(q) { // the two things a quote cannot go without, said before asking the service
    const need = q.type === 'SERVICE' ? [['garage', q.site, t('Enter the garage.')], ['serviceType', q.serviceType, t('Enter the service type.')]]
      : [['region', q.region, t('Enter the destination region.')]];
    const errors = need.filter(([, v]) => !v).map(([field, , message]) => ({ field: field === 'garage' ? 'site' : field, message }));
    if (q.type === 'SERVICE' && Number.isNaN(q.promisedMinutes)) errors.push({ field: 'promisedMinutes', message: t('Enter the minutes as a number, e.g. 45.5.') });
    return errors;
  }

  // A date, start or quantity the browser could not read (half typed: "12/10/yyyy") has the value "", like an empty
  // optional field: it would be answered as "no date" / "the next free slot" while the field still shows what was typed.
  function typedBadly() {
    const bad = (input) => input && input.validity && input.validity.badInput;
    if (kind() === 'SERVICE') {
      return bad($('startAt')) ? [{ field: 'startAt', message: t('Finish the start (date and time), or clear it.') }] : [];
    }
    const errors = bad($('promisedBy')) ? [{ field: 'promisedBy', message: t('Finish the date (day, month and year), or clear it.') }] : [];
    document.querySelectorAll('#lines .line .quantity').forEach((input, i) => {
      if (bad(input)) errors.push({ field: `lines[${i}].quantity`, message: t('Enter the quantity as a whole number.') });
    });
    return errors;
  }

  // The page is for promises made now: the service answers a past start or date "as of then" (for replays), which can
  // look like a promise that holds but can never be committed.
  const startPassed = (iso) => Boolean(iso) && new Date(iso).getTime() + 60000 <= Date.now(); // the minute typed is over
  function today() {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  }
  const datePassed = (iso) => Boolean(iso) && iso < today(); // this device's today: the rep's and the customer's calendar

  function passed(q) {
    if (q.type === 'SERVICE') {
      return startPassed(q.startAt) ? [{ field: 'startAt', message: t('This start has already passed: pick a time still to come, or clear it for the next free slot.') }] : [];
    }
    return datePassed(q.promisedBy) ? [{ field: 'promisedBy', message: t('This date has already passed: pick today or a later date, or clear it for the earliest date that holds.') }] : [];
  }

  async function check(ev) {
    ev.preventDefault();
    if ($('check').getAttribute('aria-disabled') === 'true') return; // a check is running: one at a time
    const q = quote();
    const errors = [...missing(q), ...typedBadly(), ...passed(q)];
    if (errors.length) { showProblem({ status: 400, errors }); return; }
    clearErrors();
    busy(true);
    try {
      const a = await api('POST', '/api/v1/promises/validate', q);
      remember(q);
      render(a, q);
    } catch (p) {
      showProblem(p);
    } finally {
      busy(false);
    }
  }

  function busy(on) {
    // aria-disabled, not disabled: a disabled button loses focus (to <body>), and the next Tab starts over at the top
    // the button says what it is doing, so a slow network shows more than a greyed button
    const b = $('check');
    if (on) { b.dataset.label = b.textContent; b.textContent = t('Checking…'); b.setAttribute('aria-disabled', 'true'); }
    else { if (b.dataset.label) b.textContent = b.dataset.label; delete b.dataset.label; b.removeAttribute('aria-disabled'); }
    $('answer').setAttribute('aria-busy', String(on));
  }

  // The answer on screen was checked for one quote; its commit buttons commit that quote (by decisionId), whatever the
  // form says now. So once the form asks something else, the answer is marked stale and cannot be committed until
  // Check asks again: else a rep who edits quantity or customer and clicks Commit books the old quote.
  function markStale() {
    // a date or start being typed again (unreadable until finished) is a change too
    if (answered == null || $('stale') || (JSON.stringify(quote()) === answered && typedBadly().length === 0)) return;
    $('answer-body').prepend(el('p', { class: 'stale', id: 'stale' }, t('The quote was changed after this answer. Check again before you commit.')));
    document.querySelectorAll('#answer-body .offer button').forEach((b) => {
      b.disabled = true;
      b.setAttribute('aria-describedby', 'stale');
    });
  }

  // ---- the answer -------------------------------------------------------------------------------

  // one decimal near the ends, where it matters: 99.9% is not 100%, 0.4% is not 0%; and an estimate from past
  // performance is never a certainty for a rep to repeat: what would round to 100% (or to 0% while above 0) is "more than
  // 99.9%" ("less than 0.1%"), as the service's reasons say it; a chance of exactly 0 (a day before the order can leave) is 0%
  const pct = (x) => {
    const f = (v) => new Intl.NumberFormat(langs, { style: 'percent', maximumFractionDigits: (v > 0 && v < 0.01) || (v > 0.99 && v < 1) ? 1 : 0 }).format(v);
    if (x >= 0.9995) return t('more than {0}', f(0.999));
    if (x > 0 && x < 0.0005) return t('less than {0}', f(0.001));
    return f(x);
  };
  function day(iso) {
    const [y, m, d] = iso.split('-').map(Number);
    return new Date(y, m - 1, d).toLocaleDateString(langs, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
  }
  // A start as the site's clock reads it (answers carry the site's offset, and the reasons speak in it), labelled with
  // that offset, then this device's clock with its zone when the two differ: "Mon, Dec 7, 10:00 AM GMT-3 (01:00 PM
  // UTC on this device)". Unlabelled, a rep could not tell the garage's 10:00 from the device's 1 PM.
  // The year is said when it is not this one ("Mon, Jan 4, 2027, 10:00 AM"), as in the service's messages.
  const WHEN = { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' };
  const thisYear = (d, timeZone) => new Intl.DateTimeFormat('en', { year: 'numeric', timeZone }).format(d) === String(new Date().getFullYear());
  const when = (d, timeZone) => (thisYear(d, timeZone) ? WHEN : { ...WHEN, year: 'numeric' });
  function time(iso) {
    const d = new Date(iso);
    const here = d.toLocaleString(langs, { ...when(d), timeZoneName: 'short' });
    const m = /(?:([+-])(\d\d):(\d\d)|Z)$/.exec(iso);
    if (!m) return here;
    const off = m[1] ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0; // minutes east of UTC
    if (off === -d.getTimezoneOffset()) return here; // the device keeps the site's time: once
    const a = Math.abs(off);
    const zone = off === 0 ? 'UTC' : `GMT${off < 0 ? '-' : '+'}${Math.floor(a / 60)}${a % 60 ? ':' + String(a % 60).padStart(2, '0') : ''}`;
    const shifted = new Date(d.getTime() + off * 60000); // the site's wall clock, read in UTC
    const there = shifted.toLocaleString(langs, { ...when(shifted, 'UTC'), timeZone: 'UTC' }) + ' ' + zone;
    const sameDay = new Date(d.getTime() + off * 60000).toISOString().slice(0, 10) === new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
    return t('{0} ({1} on this device)', there, sameDay
      ? d.toLocaleTimeString(langs, { hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }) : here);
  }
  // minutes are kept to 0.01 (README "Input limits"): 60.25 is shown as booked, 60.5 and 60 without trailing zeros
  // from two hours on also in hours, from a day on in days and hours, rounded up (never less than the minutes): a repair of
  // days reads "5,600 minutes (3 days and 22 hours)", as the reasons say it
  const count = (n, one, other) => t(n === 1 ? one : other, new Intl.NumberFormat(langs).format(n));
  function inWords(m) {
    if (!(m >= 120)) return '';
    const whole = Math.ceil(m - 1e-9);
    if (whole < 1440) {
      const h = count(Math.floor(whole / 60), '{0} hour', '{0} hours');
      return ' (' + (whole % 60 ? h + t(' and ') + count(whole % 60, '{0} minute', '{0} minutes') : h) + ')';
    }
    const hours = Math.ceil(whole / 60), d = count(Math.floor(hours / 24), '{0} day', '{0} days');
    return ' (' + (hours % 24 ? d + t(' and ') + count(hours % 24, '{0} hour', '{0} hours') : d) + ')';
  }
  const minutes = (m) => t(m === 1 ? '{0} minute' : '{0} minutes', new Intl.NumberFormat(langs, { maximumFractionDigits: 2 }).format(m)) + inWords(m);

  function describe(o) {
    if (o.parts && o.parts.length) return t('Split delivery') + (o.site ? t(' from {0}', o.site) : ''); // its parts are listed under it
    if (o.promisedBy) return t('Deliver by {0}', day(o.promisedBy)) + (o.site ? t(' from {0}', o.site) : '');
    if (o.promisedMinutes != null) return minutes(o.promisedMinutes) + (o.site ? t(' at {0}', o.site) : '') + (o.startAt ? t(', starting {0}', time(o.startAt)) : '');
    return t('A promise');
  }

  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v == null) continue;
      if (k === 'class') e.className = v; else if (k.startsWith('data-')) e.setAttribute(k, v); else e[k] = v;
    }
    e.append(...kids.filter((k) => k != null));
    return e;
  }

  const HEADLINE = {
    APPROVED: ['Holds: you can promise it.', 'Here is the earliest promise that holds.'], // a service: the shortest (below)
    ALTERNATIVE: ["Doesn't hold: promise the recommended one instead.", "Doesn't hold: promise the recommended one instead."],
    REJECTED: ['Nothing can be promised within the planning horizon.', 'Nothing can be promised within the planning horizon.'],
  };

  function render(a, q, note) {
    const asked = q && (q.promisedBy || q.promisedMinutes != null);
    const box = $('answer-body');
    box.replaceChildren();
    if (q) answered = JSON.stringify(q); // a 409's fresh answer (no q) is for the quote checked before
    if (note) box.append(el('p', { class: 'problem' }, note));
    const words = (HEADLINE[a.verdict] || [a.verdict, a.verdict]).map((w) => t(w));
    if (a.verdict === 'APPROVED' && q && q.type === 'SERVICE') words[1] = t('Here is the shortest promise that holds.'); // a duration
    // a start before now is answered as of then (the API's replays): said plainly, in place of "Holds", and not committable
    const passedStart = (a.reasons || []).some((r) => r.code === 'START_PASSED') || Boolean(q && startPassed(q.startAt));
    box.append(el('div', { class: 'verdict v-' + (passedStart ? 'PASSED' : a.verdict), id: 'verdict', 'data-verdict': a.verdict,
      'data-passed': passedStart ? 'true' : null },
      el('p', { class: 'big' }, passedStart
        ? t('The start asked has already passed: this answer is as it would have been then, and cannot be committed. Pick a start still to come and check again.')
        : asked ? words[0] : words[1]),
      !passedStart && asked && a.confidence != null
        ? el('p', { id: 'confidence', 'data-confidence': a.confidence },
          t('Chance the promise as asked is kept: {0}', pct(a.confidence)) + (a.targetConfidence ? t(' (target {0})', pct(a.targetConfidence)) : ''))
        : null));
    // A button commits the promise shown beside it. When the asked promise holds, a bare decisionId books the asked one
    // (README "Commitments"): it is shown as such, and a different recommended promise names itself in its commit.
    const mine = a.verdict === 'APPROVED' && q ? askedPromise(q, a.recommended) : null;
    const rec = a.recommended;
    if (mine) {
      box.append(el('h3', {}, t('Your promise')));
      box.append(offer(a, Object.assign({ confidence: a.confidence }, mine), 'asked', { decisionId: a.decisionId }, true, passedStart));
    }
    if (rec && !(mine && same(mine, rec))) {
      box.append(el('h3', {}, t('Recommended')));
      const choice = !mine ? { decisionId: a.decisionId } // what the decision books when the asked one does not hold as asked
        : single(rec) ? { decisionId: a.decisionId, site: rec.site, promisedBy: rec.promisedBy, startAt: rec.startAt, promisedMinutes: rec.promisedMinutes }
          : null;
      box.append(offer(a, rec, 'recommended', choice, !mine, passedStart));
    }
    const alts = (a.alternatives || []);
    if (alts.length) {
      box.append(el('h3', {}, t('Alternatives')));
      alts.forEach((o, i) => {
        const choice = single(o) ? { decisionId: a.decisionId, site: o.site, promisedBy: o.promisedBy, startAt: o.startAt, promisedMinutes: o.promisedMinutes } : null;
        box.append(offer(a, o, 'alternative-' + i, choice, false, passedStart));
      });
    }
    // "Why" is read to the customer; the rep's own track record is for the rep alone
    // a warning reads as one, to the eye and to a screen reader, not like the sentences around it (probe rep M2)
    const reason = (r) => el('li', { 'data-code': r.code, 'data-severity': r.severity },
      ...(r.severity === 'WARNING' ? [el('span', { class: 'visually-hidden' }, t('Warning: '))] : []), r.message);
    // a region the service does not know, but one like it: said under the field, where the rep can mend it
    const like = (a.reasons || []).find((r) => r.code === 'REGION_UNKNOWN' && r.evidence && r.evidence.didYouMean);
    if (like && $('err-region')) $('err-region').textContent = t('Did you mean {0}? Codes are case-sensitive.', like.evidence.didYouMean);
    const toRead = (a.reasons || []).filter((r) => !FOR_REP.has(r.code));
    const forRep = (a.reasons || []).filter((r) => FOR_REP.has(r.code));
    if (toRead.length) {
      box.append(el('h3', {}, t('Why')));
      box.append(el('ul', { class: 'reasons', id: 'reasons' }, ...toRead.map(reason)));
    }
    if (forRep.length) {
      box.append(el('div', { class: 'for-you', id: 'for-you' },
        el('h3', {}, t('For you, not for the customer')), el('ul', { class: 'reasons' }, ...forRep.map(reason))));
    }
    box.append(el('div', { id: 'commit-result', 'aria-live': 'polite' }));
    $('answer').classList.add('has');
    markStale();
    const top = $('answer').getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight * 0.6) $('answer').scrollIntoView({ block: 'start' }); // on a phone the answer is below the fold
  }

  // reasons about the rep or the quote's own typing, not the promise: not in the list read to the customer
  const FOR_REP = new Set(['REP_RECORD', 'REGION_UNKNOWN']);

  // an offer the page may still book now: not a start that has passed, not a date before today
  const toCome = (o) => !startPassed(o.startAt) && !datePassed(o.promisedBy);

  // one promise that can be named in a commit (a split delivery is several, never one)
  const single = (o) => !(o.parts && o.parts.length) && Boolean(o.promisedBy || o.promisedMinutes != null);

  // The promise the rep asked, as the service books it when it holds (a delivery's date; a service's start and minutes;
  // a delivery from any site ships from the recommended one's site), or null when the quote named none.
  function askedPromise(q, rec) {
    if (q.type === 'SERVICE') {
      const garage = rec && rec.site === q.site ? rec.startAt : null; // carries the garage's offset
      if (q.promisedMinutes == null) return null;
      // minutes asked without a start hold at the first free start, the recommended one: booked there, with those minutes
      if (!q.startAt) return garage ? { site: q.site, startAt: garage, promisedMinutes: q.promisedMinutes } : null;
      return { site: q.site, startAt: atOffsetOf(q.startAt, garage), promisedMinutes: q.promisedMinutes };
    }
    return q.promisedBy ? { site: q.site || (rec && rec.site), promisedBy: q.promisedBy } : null;
  }

  // The instant {@code iso} written with the offset {@code ref} carries (the garage's), so the asked start reads in the
  // garage's time like the answer's starts: "10:00 AM GMT-3 (01:00 PM UTC on this device)", not the device's time alone.
  function atOffsetOf(iso, ref) {
    const m = ref && /(?:([+-])(\d\d):(\d\d)|Z)$/.exec(ref);
    if (!m) return iso;
    const off = m[1] ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0; // minutes east of UTC
    const wall = new Date(new Date(iso).getTime() + off * 60000).toISOString().slice(0, 19);
    return wall + (m[1] ? `${m[1]}${m[2]}:${m[3]}` : 'Z');
  }

  function same(x, y) {
    if (!single(y) || (x.site && y.site && x.site !== y.site)) return false;
    if (x.promisedBy) return x.promisedBy === y.promisedBy;
    return y.startAt != null && new Date(x.startAt).getTime() === new Date(y.startAt).getTime()
      && Math.abs(x.promisedMinutes - y.promisedMinutes) < 0.005;
  }

  // a split delivery's shipments, each with what it carries and when: "5 × SKU-1 by Fri, Dec 4, 2026"
  function parts(o) {
    if (!(o.parts && o.parts.length)) return null;
    const n = new Intl.NumberFormat(langs);
    return el('ul', { class: 'parts' }, ...o.parts.map((p) => {
      const lines = p.lines || [];
      return el('li', { 'data-promised-by': p.promisedBy, 'data-quantity': lines.reduce((sum, l) => sum + l.quantity, 0) },
        t('{0} by {1}', lines.map((l) => `${n.format(l.quantity)} × ${l.sku}`).join(', '), day(p.promisedBy)));
    }));
  }

  // closed: the whole answer is not for booking now (its start has passed): no button, the headline says why
  function offer(a, o, id, choice, primary, closed) {
    const text = el('div', {},
      el('p', { class: 'what', 'data-promised-by': o.promisedBy, 'data-promised-minutes': o.promisedMinutes }, describe(o)),
      parts(o),
      o.description ? el('p', {}, o.description) : null,
      o.confidence != null ? el('p', {}, t('Kept {0} of the time', pct(o.confidence))) : null);
    const box = el('div', { class: 'offer', id }, text);
    if (choice && !toCome(o)) {
      text.append(el('p', { class: 'passed' }, t('Already passed: cannot be committed.')));
    } else if (choice && !closed) {
      const b = el('button', { type: 'button', class: primary ? '' : 'secondary', id: 'commit-' + id }, primary ? t('Commit this promise') : t('Commit this one'));
      // the accessible name starts with the visible words (WCAG 2.5.3 "label in name"): speech users say what they see
      b.setAttribute('aria-label', t(primary ? 'Commit this promise: {0}' : 'Commit this one: {0}', describe(o)));
      b.dataset.what = describe(o);
      b.addEventListener('click', () => commit(a, choice, id, b));
      box.append(b);
    } else if (o.parts && o.parts.length) {
      // a commit names one promise (README "Commitments"): a split delivery's shipments are booked one by one
      box.append(el('p', { class: 'hint split-note' },
        t('A split delivery is not committed here in one click: it is committed as separate promises, one per shipment (check each shipment\'s lines and date here), or from the CRM.')));
    }
    return box;
  }

  async function commit(a, choice, id, button) {
    if ($('stale')) return; // the form no longer says what this answer was checked for
    const slot = $('commit-result');
    const mark = a.decisionId + '|' + id;
    if (!idempotencyKeys.has(mark)) idempotencyKeys.set(mark, uuid());
    const body = {};
    for (const [k, v] of Object.entries(choice)) if (v != null) body[k] = v;
    button.disabled = true;
    slot.replaceChildren();
    try {
      const p = await api('POST', '/api/v1/promises', body, { 'Idempotency-Key': idempotencyKeys.get(mark) });
      document.querySelectorAll('#answer-body .offer button').forEach((b) => { b.disabled = true; });
      button.textContent = t('Committed');
      button.setAttribute('aria-label', t('Committed: {0}', button.dataset.what)); // still the visible word first
      // the clicked button is now disabled, so focus would fall to <body> (the next Tab back at the skip link): it goes
      // to the confirmation instead, and Tab continues from there
      const done = el('p', { class: 'done', id: 'committed', tabIndex: -1, 'data-promise-id': p.promiseId },
        t('Committed: {0}. Promise {1} is in your open promises.', describe(p), p.promiseId));
      if ($('committed')) $('committed').remove(); // a second click's "already committed" came first: this says what was booked
      slot.append(done);
      done.focus();
      loadMine();
    } catch (p) {
      button.disabled = false;
      if (p.status === 409 && p.decisionId) {
        render({ decisionId: p.decisionId, verdict: p.recommended ? 'ALTERNATIVE' : 'REJECTED', recommended: p.recommended,
          alternatives: p.alternatives, reasons: p.reasons }, null, t('That capacity was just taken. This is what holds now.'));
        const note = $('answer-body').querySelector('.problem');
        if (note) { note.tabIndex = -1; note.focus(); }
      } else if (p.status === 409 && p.promiseId) {
        // this answer was committed already (another button, another tab): that promise stands; nothing more to commit here
        document.querySelectorAll('#answer-body .offer button').forEach((b) => { b.disabled = true; });
        if ($('committed')) return; // the other click's confirmation is already there: one promise, said once
        const done = el('p', { class: 'done', id: 'committed', tabIndex: -1, 'data-promise-id': p.promiseId },
          t('Already committed: promise {0} is in your open promises. Check again for another order.', p.promiseId));
        slot.append(done);
        done.focus();
        loadMine();
      } else {
        // no answer (status 0): the commit may have been made on the way; the same button sends the same Idempotency-Key
        const why = p.status === 0
          ? t('The answer was lost on the way: the promise may already be booked. Press the button again (it never makes a second promise), or look for it in My promises.')
          : isOutage(p) ? t('Not committed. Try again when the service is back.')
          : (p.status === 400 || p.status === 422) && (p.errors || []).length ? p.errors.map((e) => fieldWords(e.message)).join(' ') : plain(p);
        slot.append(el('p', { class: 'problem', role: 'alert', id: 'commit-problem' }, why));
        button.focus(); // where the rep was: try again
        if (p.status === 0) loadMine(); // it may be there already
      }
    }
  }

  // ---- the rep's own promises and score ---------------------------------------------------------

  const PAGE = 50;

  const STATUS = { OPEN: 'Status: Open', AT_RISK: 'Status: At risk' }; // the statuses a rep can still cancel

  function promiseItem(p) {
    const li = el('li', { 'data-promise-id': p.promiseId, 'data-promised-by': p.promisedBy, 'data-status': p.status },
      el('strong', {}, describe(p)),
      el('span', { class: 'status' }, STATUS[p.status] ? t(STATUS[p.status]) : p.status),
      el('span', {}, [p.customer, p.region ? t('to {0}', p.region) : p.serviceType].filter(Boolean).join(' · ')),
      el('span', {}, t('confidence {0}', pct(p.currentConfidence != null ? p.currentConfidence : p.confidence))),
      p.atRisk && p.atRisk.reason ? el('span', { class: 'problem' }, p.atRisk.reason) : null,
      atRiskNow(p),
      el('span', { class: 'pid' }, p.promiseId));
    if (STATUS[p.status]) li.append(cancelControls(p, li));
    return li;
  }

  // an at-risk promise's realistic promise now (the monitor's fresh answer): what the rep calls the customer with
  function atRiskNow(p) {
    const r = p.atRisk && p.atRisk.recommended;
    if (!r || typeof r !== 'object') return null;
    const kept = r.confidence != null ? ' · ' + t('kept {0} of the time', pct(r.confidence)) : '';
    return el('span', { class: 'holds-now', 'data-promised-by': r.promisedBy, 'data-promised-minutes': r.promisedMinutes },
      t('What holds now (tell the customer): {0}', describe(r) + kept));
  }

  // Cancel asks once more inline (no window.confirm): "Cancel" shows "Confirm cancel" and "Keep it" in its place.
  function cancelControls(p, li) {
    const what = describe(p) + ' · ' + p.promiseId;
    const box = el('span', { class: 'actions' });
    const ask = () => {
      const b = el('button', { type: 'button', class: 'secondary cancel' }, t('Cancel'));
      b.setAttribute('aria-label', t('Cancel: {0}', what));
      b.addEventListener('click', confirmStep);
      box.replaceChildren(b);
      return b;
    };
    const confirmStep = () => {
      const yes = el('button', { type: 'button', class: 'danger confirm-cancel' }, t('Confirm cancel'));
      yes.setAttribute('aria-label', t('Confirm cancel: {0}', what));
      const no = el('button', { type: 'button', class: 'secondary keep' }, t('Keep it'));
      no.setAttribute('aria-label', t('Keep it: {0}', what));
      no.addEventListener('click', () => ask().focus());
      yes.addEventListener('click', () => cancel(p, li, yes));
      box.replaceChildren(yes, no);
      yes.focus();
    };
    ask();
    return box;
  }

  async function cancel(p, li, button) {
    if (button.getAttribute('aria-disabled') === 'true') return;
    button.setAttribute('aria-disabled', 'true');
    button.textContent = t('Cancelling…');
    const status = $('mine-status');
    status.classList.remove('problem');
    try {
      await api('DELETE', '/api/v1/promises/' + encodeURIComponent(p.promiseId));
      status.textContent = t('Cancelled: {0}. Its capacity is free again.', describe(p) + ' · ' + p.promiseId);
      // the answer above may still say this promise was committed and is open: it is not any more
      const done = $('committed');
      if (done && done.dataset.promiseId === p.promiseId) done.textContent = t('Cancelled: {0}. Its capacity is free again.', describe(p) + ' · ' + p.promiseId);
      status.dataset.promiseId = p.promiseId;
      // the item goes with the refresh: focus waits on the announcement, and Tab goes on from there
      status.tabIndex = -1;
      status.focus();
      loadMine();
    } catch (e) {
      if (!me) return; // a rejected key signed out
      status.classList.add('problem');
      status.textContent = isOutage(e) ? t('Not cancelled: {0}. Try again when the service is back.', p.promiseId)
        : t('Could not cancel {0}: {1}', p.promiseId, plain(e));
      // it may have changed meanwhile (cancelled or kept elsewhere): the list shows what it is now, the focus stays on why
      status.tabIndex = -1;
      status.focus();
      loadMine();
    }
  }

  // newest first, a page at a time ("Show more" asks for the next one)
  async function loadList(status, offset = 0, focusNew = false) {
    const box = $('list-' + status);
    try {
      const list = await api('GET', `/api/v1/promises?status=${status}&limit=${PAGE}&offset=${offset}`);
      list.forEach((p) => { learn('regions', p.region); learn('service-types', p.serviceType); });
      if (offset === 0) {
        fresh(box);
        box.replaceChildren(list.length === 0 ? el('p', { class: 'empty' }, t('None.')) : el('ul', { class: 'promises' }));
      }
      const more = box.querySelector('.more');
      if (more) more.remove();
      const ul = box.querySelector('ul');
      const items = list.map(promiseItem);
      if (ul) ul.append(...items);
      if (list.length === PAGE) {
        const b = el('button', { type: 'button', class: 'secondary more' }, t('Show more'));
        b.addEventListener('click', () => {
          if (b.getAttribute('aria-disabled') === 'true') return;
          b.setAttribute('aria-disabled', 'true');
          loadList(status, offset + PAGE, true);
        });
        box.append(b);
      }
      // "Show more" removed itself: focus goes to the first promise it brought (else to <body>)
      if (focusNew && items.length) { items[0].tabIndex = -1; items[0].focus(); }
    } catch (p) {
      if (!isOutage(p)) { box.replaceChildren(el('p', { class: 'problem' }, plain(p))); return; }
      notRefreshed(box);
      const more = box.querySelector('.more');
      if (more) more.removeAttribute('aria-disabled'); // "Show more" can be pressed again
    }
  }

  // A panel the service could not refresh keeps what it showed (the outage is said once, in the banner), marked, and
  // the line under "My promises" says since when.
  const MINE = ['list-AT_RISK', 'list-OPEN', 'mastery'];

  function fresh(box) {
    box.dataset.loadedAt = String(Date.now());
    delete box.dataset.stale;
    sayNotRefreshed();
  }

  function notRefreshed(box) {
    box.dataset.stale = 'true';
    sayNotRefreshed();
  }

  function sayNotRefreshed() {
    const stale = MINE.map($).filter((b) => b.dataset.stale);
    const shown = stale.map((b) => Number(b.dataset.loadedAt)).filter(Boolean);
    const at = (ms) => new Date(ms).toLocaleTimeString(langs, { hour: '2-digit', minute: '2-digit' });
    $('mine-stale').textContent = stale.length === 0 ? ''
      : shown.length ? t('Not refreshed: as they were at {0}.', at(Math.min(...shown))) : t('Not loaded yet.');
  }

  async function loadMastery() {
    const box = $('mastery');
    try {
      const perf = await api('GET', '/api/v1/performance?by=rep');
      fresh(box);
      const g = (perf.groups || []).find((x) => x.key === me.name || (x.dimensions && x.dimensions.rep === me.name));
      if (!g || !g.mastery || !g.mastery.n) {
        box.replaceChildren(t('No finished promises yet: your delivery mastery score appears once outcomes are recorded.'));
        return;
      }
      const m = g.mastery;
      box.replaceChildren(el('span', {}, t('Delivery mastery score ')),
        el('span', { class: 'score', id: 'score', 'data-score': m.score }, score(m.score)),
        el('span', {}, t('/10 · {0} of {1} finished promises kept', pct(m.keptRate), m.n)));
    } catch (p) {
      if (isOutage(p)) notRefreshed(box);
      else box.replaceChildren(el('span', { class: 'problem' }, plain(p)));
    }
  }

  // as the reasons say it (REP_RECORD: "delivery mastery 5.0/10"): always one decimal, the language's separator
  const score = (x) => new Intl.NumberFormat(langs, { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false }).format(x);

  function loadMine() {
    loadList('AT_RISK');
    loadList('OPEN');
    loadMastery();
  }

  // ---- pickers: what this key can read, plus what the rep typed before ------------------------------

  function learn(list, value) {
    if (!value) return;
    if (list === 'service-types') {
      typesSeen.add(value);
      if (chosenGarage()) return; // a garage is chosen: its own types only
    }
    const dl = $(list);
    if ([...dl.options].some((o) => o.value === value)) return;
    dl.append(el('option', { value }));
  }

  // each rep's own recent codes: a shared counter's next rep must not be offered another's customers' regions
  function recentKey() {
    return RECENT + '.' + (me ? me.name : '');
  }

  function remember(q) {
    localStorage.removeItem(RECENT); // the one list all reps shared before
    const r = JSON.parse(localStorage.getItem(recentKey()) || '{}');
    const add = (k, v) => { if (v) r[k] = [v, ...(r[k] || []).filter((x) => x !== v)].slice(0, 20); };
    add('regions', q.region);
    add('service-types', q.serviceType);
    (q.lines || []).forEach((l) => add('skus', l.sku));
    localStorage.setItem(recentKey(), JSON.stringify(r));
    for (const [k, vs] of Object.entries(r)) vs.forEach((v) => learn(k, v));
  }

  // What GET /api/v1/sites says (each site with its service types), and the sites that ship. A rep key can list a
  // site's stock but not its lanes: a site ships when it has stock, or when it offers no service (a warehouse known
  // from its deliveries, or one whose stock is not set up yet); a site with services and no stock is a garage only.
  let siteList = [];
  const shipping = new Set();
  const typesSeen = new Set(); // service types met in the rep's promises and quotes, offered while no garage is chosen

  const servicesOf = (s) => (s.services || []).map((x) => x.serviceType || x.type).filter(Boolean);
  const siteOption = (s) => el('option', { value: s.code, label: s.name || s.code });
  const chosenGarage = () => siteList.find((s) => s.code === val('garage') && servicesOf(s).length) || null;

  function fillShipFrom() {
    $('ship-sites').replaceChildren(...siteList.filter((s) => shipping.has(s.code)).map(siteOption));
  }

  // the chosen garage's service types; before one is chosen, every type known anywhere
  function fillServiceTypes() {
    const g = chosenGarage();
    const types = g ? servicesOf(g) : [...siteList.flatMap(servicesOf), ...typesSeen];
    $('service-types').replaceChildren(...[...new Set(types)].map((value) => el('option', { value })));
  }

  // at most n calls at a time: one per site would be a burst on a service with hundreds of sites
  async function eachAtMost(n, items, call) {
    const queue = [...items];
    await Promise.all(Array.from({ length: Math.min(n, queue.length) }, async () => {
      while (queue.length) await call(queue.shift());
    }));
  }

  async function loadPickers() {
    try {
      remember({});
      const sites = await api('GET', '/api/v1/sites');
      siteList = sites;
      const garages = sites.filter((s) => servicesOf(s).length);
      sites.filter((s) => !servicesOf(s).length).forEach((s) => shipping.add(s.code));
      $('garages').replaceChildren(...garages.map(siteOption));
      fillShipFrom();
      fillServiceTypes();
      // stock: SKUs for the lines (from the first sites), and whether a garage ships too; at most 100 calls, well
      // within a key's rate-limit burst (400), so the rep's first check is not refused for the pickers' sake
      const asked = [...new Set([...sites.slice(0, 12), ...garages])].slice(0, 100);
      await eachAtMost(4, asked, (s) => api('GET', `/api/v1/sites/${encodeURIComponent(s.code)}/stock`)
        .then((stock) => {
          stock.forEach((x) => learn('skus', x.sku));
          if (stock.length) shipping.add(s.code);
        }).catch(() => {}));
      fillShipFrom();
    } catch (p) {
      // a key that may not read master data still types codes by hand
    }
  }

  // ---- signing in and out -----------------------------------------------------------------------

  async function signIn(key) {
    sessionStorage.setItem(KEY, key);
    try {
      const info = await api('GET', '/api/v1/info');
      // a key that can check no quote (ops: rules, history, master data) would meet a refusal in every panel
      if (!['rep', 'crm', 'admin'].some((r) => (info.caller.roles || []).includes(r))) {
        throw { detail: t('This key cannot check quotes (it is for rules, history and master data): sign in with a sales rep\'s key.') };
      }
      me = info.caller;
    } catch (p) {
      sessionStorage.removeItem(KEY);
      $('err-key').textContent = plain(p);
      // the key is invalid only when the service said so; an outage checked nothing (probe rep L7)
      if (p.status === 0 || isOutage(p)) $('key').removeAttribute('aria-invalid');
      else $('key').setAttribute('aria-invalid', 'true');
      $('key').focus();
      return;
    }
    $('key').value = '';
    $('key').removeAttribute('aria-invalid');
    $('err-key').textContent = '';
    $('signed-out').textContent = '';
    $('who-name').textContent = me.name;
    $('who').hidden = false;
    $('sign-in').hidden = true;
    $('app').hidden = false;
    if (!$('lines').querySelector('.line')) addLine();
    loadPickers();
    loadMine();
    firstField().focus();
  }

  // the first field of the quote as it is shown: ship from (a delivery), the garage (a service)
  const firstField = () => (kind() === 'SERVICE' ? $('garage') : $('site'));

  function signOut(message) {
    sessionStorage.removeItem(KEY);
    me = null;
    $('who').hidden = true;
    $('app').hidden = true;
    $('sign-in').hidden = false;
    $('answer-body').replaceChildren();
    $('answer').classList.remove('has');
    answered = null;
    ['list-OPEN', 'list-AT_RISK', 'mastery', 'ship-sites', 'garages', 'regions', 'skus', 'service-types'].forEach((id) => $(id).replaceChildren());
    MINE.forEach((id) => { delete $(id).dataset.stale; delete $(id).dataset.loadedAt; });
    $('mine-stale').textContent = '';
    clearOutage();
    siteList = [];
    shipping.clear();
    typesSeen.clear();
    $('mine-status').textContent = '';
    // nothing of this rep's quote stays for the next one: customer, lines, dates
    form.reset();
    $('lines').querySelectorAll('.line').forEach((row) => row.remove());
    showKind();
    idempotencyKeys.clear();
    $('err-key').textContent = message || '';
    $('signed-out').textContent = message ? '' : t('Signed out.');
    $('key').focus();
  }

  function showKind() {
    const service = kind() === 'SERVICE';
    $('service').hidden = !service;
    $('service').disabled = !service;
    $('delivery').hidden = service;
    $('delivery').disabled = service;
    clearErrors();
  }

  $('sign-in-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const key = $('key').value.trim();
    if (!key) { $('err-key').textContent = t('Enter your key.'); $('key').focus(); return; }
    signIn(key);
  });
  $('sign-out').addEventListener('click', () => signOut());
  $('add-line').addEventListener('click', () => addLine().querySelector('.sku').focus());
  $('refresh').addEventListener('click', () => {
    // what the status line said (a cancel, a failure) is of the list before: it goes with it
    const status = $('mine-status');
    status.textContent = '';
    status.classList.remove('problem');
    delete status.dataset.promiseId;
    loadMine();
  });
  form.addEventListener('submit', check);
  form.addEventListener('input', markStale); // typing, picking a date, switching delivery/service
  form.addEventListener('change', markStale);
  form.querySelectorAll('input[name=type]').forEach((r) => r.addEventListener('change', showKind));
  $('garage').addEventListener('input', fillServiceTypes); // typed or picked: the service types follow the garage

  translatePage();
  const saved = sessionStorage.getItem(KEY);
  if (saved) signIn(saved);
})();
