// Example storefront for the on-device bundle: fetches it with a pasted API key, keeps the shopper's history in
// localStorage and ranks with the compiled scorer — the history never leaves the browser.
import { describe, loadBundle, recommend } from '/precisa-scorer.js';

const HISTORY = 'precisa-example-history';
const KEY = 'precisa-example-key';
const $ = (id) => document.getElementById(id);
let model = null;

const history = () => JSON.parse(localStorage.getItem(HISTORY) ?? '[]');
function remember(id, kind) {
  const events = [{ id, kind, at: Date.now() }, ...history()].slice(0, 200);
  localStorage.setItem(HISTORY, JSON.stringify(events));
  render();
}

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function productLine(p) {
  const li = el('li');
  for (const [kind, label] of [
    ['view', 'View'],
    ['cart', 'Add to cart'],
    ['purchase', 'Buy'],
  ]) {
    const b = el('button', label);
    b.type = 'button';
    b.dataset.kind = kind;
    b.addEventListener('click', () => remember(p.productId, kind));
    li.append(b);
  }
  li.append(el('span', `${p.title} (${p.sku})`));
  return li;
}

function render() {
  if (!model) return;
  const lang = $('lang').value;
  const q = $('search').value.trim().toLowerCase();
  const products = model.header.products
    .map(([productId, sku, title, titleZh]) => ({ productId, sku, title: (lang === 'zh-CN' && titleZh) || title }))
    .filter((p) => !q || p.title.toLowerCase().includes(q) || p.sku.toLowerCase().includes(q))
    .slice(0, 30);
  $('catalogue').replaceChildren(...products.map(productLine));

  const category = $('category').value ? Number($('category').value) : undefined;
  const started = performance.now();
  const result = recommend(model, history(), { n: 10, lang, category });
  const ms = performance.now() - started;
  $('timing').textContent = `${result.strategy} · ranked in ${ms.toFixed(2)} ms on this device`;
  $('recommendations').replaceChildren(
    ...result.items.map((item) => {
      const li = productLine(item);
      li.dataset.productId = String(item.productId);
      for (const r of item.reasons) li.append(el('span', describe(model, r, lang), 'reason'));
      return li;
    }),
  );
  const byId = new Map(model.header.products.map((p) => [p[0], p]));
  $('history').replaceChildren(
    ...history().map((e) =>
      el('li', `${e.kind}: ${byId.get(e.id)?.[2] ?? `#${e.id}`} — ${new Date(e.at).toLocaleString()}`),
    ),
  );
}

async function load(key) {
  $('status').className = '';
  $('status').textContent = 'Loading the bundle…';
  try {
    model = await loadBundle('/api/v1/recommendations/bundle', { authorization: `Bearer ${key}` });
  } catch (err) {
    $('status').className = 'error';
    $('status').textContent = `The server refused (${err.message})`;
    return;
  }
  sessionStorage.setItem(KEY, key);
  const m = model.header.model;
  $('status').textContent = `Model ${m.kind} v${m.version}: ${model.nItems} products, ${m.k} neighbours each.`;
  const options = model.header.categories.map((c) => {
    const o = el('option', c.path);
    o.value = String(c.id);
    return o;
  });
  $('category').replaceChildren(el('option', 'All categories'), ...options);
  $('category').firstChild.value = '';
  for (const id of ['search', 'category']) $(id).disabled = false;
  render();
}

$('key-form').addEventListener('submit', (e) => {
  e.preventDefault();
  load($('key').value.trim()).catch((err) => {
    $('status').className = 'error';
    $('status').textContent = String(err);
  });
});
for (const id of ['search', 'category', 'lang']) $(id).addEventListener('input', render);
$('clear').addEventListener('click', () => {
  localStorage.removeItem(HISTORY);
  render();
});
const saved = sessionStorage.getItem(KEY);
if (saved) {
  $('key').value = saved;
  load(saved).catch(() => undefined);
}
