// The partner's dashboard: everything it shows comes from the public API with the partner's own key, kept in
// sessionStorage (this tab only). API text is always set as textContent, never as HTML.
'use strict';

const TEXT = {
  en: {
    title: 'Social customer-care maturity', companies: 'Companies', signOut: 'Forget key',
    signInTitle: 'Your partner key', signInHelp: 'Paste the API key the operator issued to your portal. It stays in this browser tab only.',
    open: 'Open', name: 'Name', sector: 'Sector', country: 'Country', registered: 'Registered',
    noCompanies: 'No companies registered yet.', trajectoryTitle: 'Maturity index over time',
    matrixTitle: 'Path on the investment × innovation matrix', dimensionsTitle: 'Dimension scores now',
    dimension: 'Dimension', axis: 'Axis', score: 'Score', level: 'Level', adviceTitle: 'Advice',
    noAdvice: 'No advice yet: it is issued when the phase or quadrant changes.',
    phase: 'Phase', quadrant: 'Quadrant', index: 'Maturity index', investment: 'Investment', innovation: 'Innovation',
    answered: 'Answered', requiredOf: '{n} required', provisional: 'provisional', assessment: 'Assessment', transition: 'Phase change',
    answer: 'Answer', badKey: 'That key was not accepted.', INVESTMENT: 'investment', INNOVATION: 'innovation',
    PHASE_ENTERED: 'Entered phase', PHASE_DROPPED: 'Dropped to phase', QUADRANT_CHANGED: 'Moved to quadrant',
    OBSERVERS: 'Observers', CONSERVATIVE: 'Conservative', CONTENDERS: 'Contenders', SOCIAL_FIRST: 'Social first',
    benchmark: 'Percentile among comparable companies', benchmarkHidden: 'group too small to compare',
    companiesOf: '{n} companies of {p} partners', target: 'Target', targetMet: 'met', phasesToGo: '{n} phase(s) to go', by: 'by',
    none: '—'
  },
  es: {
    title: 'Madurez de la atención al cliente en redes sociales', companies: 'Empresas', signOut: 'Olvidar clave',
    signInTitle: 'Su clave de partner', signInHelp: 'Pegue la clave de API que el operador emitió para su portal. Solo se guarda en esta pestaña.',
    open: 'Abrir', name: 'Nombre', sector: 'Sector', country: 'País', registered: 'Alta',
    noCompanies: 'Aún no hay empresas registradas.', trajectoryTitle: 'Índice de madurez en el tiempo',
    matrixTitle: 'Recorrido en la matriz inversión × innovación', dimensionsTitle: 'Puntuación actual por dimensión',
    dimension: 'Dimensión', axis: 'Eje', score: 'Puntuación', level: 'Nivel', adviceTitle: 'Recomendaciones',
    noAdvice: 'Aún no hay recomendaciones: se emiten cuando cambia la fase o el cuadrante.',
    phase: 'Fase', quadrant: 'Cuadrante', index: 'Índice de madurez', investment: 'Inversión', innovation: 'Innovación',
    answered: 'Respondidas', requiredOf: '{n} obligatorias', provisional: 'provisional', assessment: 'Evaluación', transition: 'Cambio de fase',
    answer: 'Respuesta', badKey: 'La clave no ha sido aceptada.', INVESTMENT: 'inversión', INNOVATION: 'innovación',
    PHASE_ENTERED: 'Entra en la fase', PHASE_DROPPED: 'Baja a la fase', QUADRANT_CHANGED: 'Pasa al cuadrante',
    OBSERVERS: 'Observadores', CONSERVATIVE: 'Conservadores', CONTENDERS: 'Aspirantes', SOCIAL_FIRST: 'Social primero',
    benchmark: 'Percentil entre empresas comparables', benchmarkHidden: 'grupo demasiado pequeño para comparar',
    companiesOf: '{n} empresas de {p} partners', target: 'Objetivo', targetMet: 'alcanzado', phasesToGo: 'faltan {n} fase(s)', by: 'para el',
    none: '—'
  }
};
const PHASE_COLOURS = ['#fde2e1', '#fff1c2', '#dff3e4', '#d9e8ff'];
const $ = (id) => document.getElementById(id);
let lang = sessionStorage.getItem('smp.lang') || ((navigator.language || 'en').startsWith('es') ? 'es' : 'en');
const charts = {};

function t(key) { return (TEXT[lang] && TEXT[lang][key]) || key; }
function apiKey() { return sessionStorage.getItem('smp.key'); }

class ApiError extends Error {
  constructor(status, problem) { super((problem && problem.detail) || ('HTTP ' + status)); this.status = status; }
}

async function api(path) {
  const response = await fetch('/api/v1' + path, { headers: { 'X-API-Key': apiKey(), 'Accept': 'application/json', 'Accept-Language': lang } });
  const body = response.headers.get('Content-Type') && response.headers.get('Content-Type').includes('json') ? await response.json() : null;
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function show(section) {
  for (const id of ['sign-in', 'companies', 'company']) $(id).hidden = id !== section;
  $('sign-out').hidden = section === 'sign-in';
  $('error').textContent = '';
}

function translatePage() {
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-i18n]').forEach((node) => { node.textContent = t(node.dataset.i18n); });
  $('lang-en').setAttribute('aria-pressed', String(lang === 'en'));
  $('lang-es').setAttribute('aria-pressed', String(lang === 'es'));
}

function number(value, digits) { return value === null || value === undefined ? t('none') : value.toFixed(digits); }
function formatDate(iso) { return iso ? new Date(iso).toLocaleString(lang === 'es' ? 'es-ES' : 'en-GB') : t('none'); }

async function route() {
  translatePage();
  if (!apiKey()) { show('sign-in'); return; }
  const match = location.hash.match(/^#\/companies\/([^/]+)$/);
  try {
    if (match) await showCompany(decodeURIComponent(match[1]));
    else await showCompanies();
  } catch (error) {
    if (error.status === 401) {
      sessionStorage.removeItem('smp.key');
      show('sign-in');
      $('sign-in-error').textContent = t('badKey');
    } else {
      $('error').textContent = error.message;
    }
  }
}

async function showCompanies() {
  const page = await api('/companies?size=100');
  show('companies');
  const rows = $('company-rows');
  rows.replaceChildren();
  for (const company of page.items) {
    const row = el('tr', undefined, 'link');
    row.dataset.companyId = company.id;
    row.append(el('td', company.name), el('td', company.sector), el('td', company.country), el('td', formatDate(company.registeredAt)));
    row.addEventListener('click', () => { location.hash = '#/companies/' + encodeURIComponent(company.id); });
    rows.append(row);
  }
  $('no-companies').hidden = page.items.length > 0;
}

async function showCompany(id) {
  const encoded = encodeURIComponent(id);
  const [company, questionnaire, maturity, trajectory, advice] = await Promise.all([
    api('/companies/' + encoded), api('/questionnaires/current?lang=' + lang), api('/companies/' + encoded + '/maturity?lang=' + lang),
    api('/companies/' + encoded + '/trajectory'), api('/companies/' + encoded + '/advice?size=100&lang=' + lang)]);
  show('company');
  $('company-name').textContent = company.name;
  const assessments = assessmentsOf(trajectory.points);
  // The matrix path: where each assessment left the company (maturity as of its last answer).
  const stops = await Promise.all(assessments.map((a) => api('/companies/' + encoded + '/maturity?asOf=' + encodeURIComponent(a.end))));
  renderSummary(maturity);
  renderTrajectory(trajectory, assessments, questionnaire);
  renderMatrix(stops);
  renderDimensions(maturity, questionnaire);
  renderAdvice(advice.items);
}

function assessmentsOf(points) {
  const found = [];
  for (const point of points) {
    const last = found[found.length - 1];
    if (!last || last.id !== point.assessmentId) found.push({ id: point.assessmentId, start: point.at, end: point.at });
    else last.end = point.at;
  }
  return found;
}

function renderSummary(maturity) {
  const tiles = [
    [t('phase'), maturity.phase ? maturity.phase + ' · ' + maturity.phaseName : t('none')],
    [t('quadrant'), maturity.quadrant ? t(maturity.quadrant) : t('none')],
    [t('index'), number(maturity.index, 1)],
    [t('investment'), number(maturity.investment, 1)],
    [t('innovation'), number(maturity.innovation, 1)],
    [t('answered'), maturity.answered + (maturity.determinate ? '' : ' (' + t('provisional') + ')'), t('requiredOf').replace('{n}', maturity.required)]];
  const target = maturity.target;
  if (target) {
    tiles.push([t('target'), t('phase') + ' ' + target.phase + ' · ' + (target.met ? t('targetMet')
      : t('phasesToGo').replace('{n}', target.phasesToGo === null ? t('none') : target.phasesToGo)), t('by') + ' ' + target.due]);
  }
  const benchmark = maturity.benchmark;
  if (benchmark) {
    const group = [benchmark.group.sector, benchmark.group.country, benchmark.group.size].join(' · ');
    tiles.push(benchmark.available
      ? [t('benchmark'), number(benchmark.percentile, 1), group + ' · ' + t('companiesOf').replace('{n}', benchmark.companies).replace('{p}', benchmark.partners)]
      : [t('benchmark'), t('none'), group + ' · ' + t('benchmarkHidden')]);
  }
  $('summary').replaceChildren(...tiles.map(([label, value, note]) => {
    const tile = el('div', undefined, 'tile');
    tile.append(el('b', value), el('span', note ? label + ' · ' + note : label));
    return tile;
  }));
}

function chart(id) {
  if (!charts[id]) charts[id] = echarts.init($(id), null, { renderer: 'canvas' });
  return charts[id];
}

function renderTrajectory(trajectory, assessments, questionnaire) {
  const phases = questionnaire.phases;
  const points = trajectory.points.map((p) => ({ value: [Date.parse(p.at), p.index], phase: p.phase, quadrant: p.quadrant, determinate: p.determinate }));
  const phaseLine = trajectory.points.filter((p) => p.phase).map((p) => [Date.parse(p.at), p.phase]);
  const transitions = trajectory.transitions.map((tr) => ({
    value: [Date.parse(tr.at), tr.to], from: tr.from, to: tr.to,
    symbol: 'triangle', symbolRotate: tr.from !== null && tr.to < tr.from ? 180 : 0,
    itemStyle: { color: tr.from !== null && tr.to < tr.from ? '#b42318' : '#1a7f37' }
  }));
  const element = $('trajectory-chart');
  element.dataset.points = String(points.length);
  element.dataset.transitions = String(transitions.length);
  element.dataset.assessments = String(assessments.length);
  chart('trajectory-chart').setOption({
    animation: false,
    grid: { left: 48, right: 150, top: 30, bottom: 40 },
    tooltip: { trigger: 'item', formatter: (item) => item.seriesId === 'transitions'
      ? t('transition') + ': ' + (item.data.from === null ? t('none') : item.data.from) + ' → ' + item.data.to + '<br>' + formatDate(new Date(item.value[0]).toISOString())
      : item.seriesId === 'index' ? t('index') + ' ' + item.value[1].toFixed(1) + ' · ' + t('phase') + ' ' + (item.data.phase || t('none')) + '<br>' + formatDate(new Date(item.value[0]).toISOString()) : '' },
    xAxis: { type: 'time' },
    yAxis: [
      { type: 'value', min: 0, max: 100, name: t('index') },
      { type: 'value', min: 0.5, max: 4.5, interval: 1, name: t('phase'), position: 'right',
        axisLabel: { formatter: (v) => Number.isInteger(v) ? String(v) : '' }, splitLine: { show: false } }],
    series: [
      { id: 'phase-bands', type: 'line', yAxisIndex: 1, data: [], silent: true,
        markArea: { silent: true, data: phases.map((phase, i) => [
          { yAxis: phase.number - 0.5, itemStyle: { color: PHASE_COLOURS[i] }, label: { show: true, position: 'insideRight', formatter: phase.number + ' · ' + phase.name, color: '#5b6b7c', fontSize: 11, offset: [145, 0] } },
          { yAxis: phase.number + 0.5 }]) } },
      { id: 'phase', type: 'line', step: 'end', yAxisIndex: 1, data: phaseLine, showSymbol: false, lineStyle: { color: '#8c959f', type: 'dashed', width: 1 }, silent: true },
      { id: 'index', type: 'line', name: t('index'), data: points, showSymbol: true, symbolSize: 5, lineStyle: { color: '#1f6feb' }, itemStyle: { color: '#1f6feb' },
        markLine: { symbol: 'none', silent: true, lineStyle: { color: '#57606a', type: 'dotted' },
          label: { formatter: (item) => item.name, position: 'insideStartTop' },
          data: assessments.map((a, i) => ({ name: t('assessment') + ' ' + (i + 1), xAxis: Date.parse(a.start) })) } },
      { id: 'transitions', type: 'scatter', yAxisIndex: 1, data: transitions, symbolSize: 14, z: 5 }]
  }, true);
}

function renderMatrix(stops) {
  const path = stops.filter((m) => m.investment !== null && m.innovation !== null)
    .map((m, i) => ({ value: [m.investment, m.innovation], name: t('assessment') + ' ' + (i + 1) }));
  const element = $('matrix-chart');
  element.dataset.stops = String(path.length);
  const corner = (name, x, y, align) => ({ type: 'text', left: x, top: y, style: { text: t(name), fill: '#57606a', font: '600 12px system-ui', align } });
  chart('matrix-chart').setOption({
    animation: false,
    grid: { left: 48, right: 20, top: 30, bottom: 44 },
    tooltip: { trigger: 'item', formatter: (item) => item.name + '<br>' + t('investment') + ' ' + item.value[0].toFixed(1) + ' · ' + t('innovation') + ' ' + item.value[1].toFixed(1) },
    xAxis: { type: 'value', min: 0, max: 100, name: t('investment'), nameLocation: 'middle', nameGap: 26 },
    yAxis: { type: 'value', min: 0, max: 100, name: t('innovation') },
    graphic: [corner('CONTENDERS', 56, 34, 'left'), corner('SOCIAL_FIRST', '78%', 34, 'left'),
      corner('OBSERVERS', 56, '84%', 'left'), corner('CONSERVATIVE', '72%', '84%', 'left')],
    series: [{ id: 'path', type: 'line', data: path, symbolSize: 10, label: { show: true, formatter: (item) => String(item.dataIndex + 1), position: 'top' },
      lineStyle: { color: '#1f6feb' }, itemStyle: { color: '#1f6feb' },
      markLine: { silent: true, symbol: 'none', lineStyle: { color: '#8c959f' }, label: { show: false }, data: [{ xAxis: 50 }, { yAxis: 50 }] } }]
  }, true);
}

function renderDimensions(maturity, questionnaire) {
  const names = Object.fromEntries(questionnaire.dimensions.map((d) => [d.id, d]));
  $('dimension-rows').replaceChildren(...maturity.dimensions.map((d) => {
    const row = el('tr');
    const known = names[d.id] || { name: d.id, axis: '' };
    row.append(el('td', known.name), el('td', t(known.axis)), el('td', number(d.score, 2)), el('td', d.level || t('none')));
    return row;
  }));
}

function renderAdvice(items) {
  const list = $('advice-list');
  list.replaceChildren(...items.map((advice) => {
    const entry = el('li');
    entry.dataset.trigger = advice.trigger.type;
    const target = advice.trigger.type === 'QUADRANT_CHANGED' ? t(advice.trigger.toQuadrant) : advice.trigger.toPhase;
    entry.append(el('div', t(advice.trigger.type) + ' ' + target + ' · ' + formatDate(advice.at), 'trigger'));
    const ul = el('ul');
    for (const item of advice.items) {
      const li = el('li');
      li.append(el('b', item.title), el('div', item.body), el('div', item.source, 'source'));
      ul.append(li);
    }
    entry.append(ul);
    return entry;
  }));
  $('no-advice').hidden = items.length > 0;
}

document.addEventListener('DOMContentLoaded', () => {
  $('key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem('smp.key', $('api-key').value.trim());
    $('api-key').value = '';
    $('sign-in-error').textContent = '';
    route();
  });
  $('sign-out').addEventListener('click', () => { sessionStorage.removeItem('smp.key'); location.hash = '#/'; route(); });
  for (const button of document.querySelectorAll('[data-lang]')) {
    button.addEventListener('click', () => { lang = button.dataset.lang; sessionStorage.setItem('smp.lang', lang); route(); });
  }
  window.addEventListener('hashchange', route);
  window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
  route();
});
