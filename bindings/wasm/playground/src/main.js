// The kubegov playground: the real engine and the real built-in library, as
// WebAssembly, in the page. Nothing is sent anywhere: after the page, its
// script and the .wasm are loaded, every check runs locally.
import init, { Bundle, version, __panicForTests } from '../../pkg-web/kubegov_wasm.js'
import { EditorView, basicSetup } from 'codemirror'
import { EditorState, StateEffect, StateField } from '@codemirror/state'
import { Decoration } from '@codemirror/view'
import { yaml } from '@codemirror/lang-yaml'
import { setDiagnostics, lintGutter } from '@codemirror/lint'
import { rego } from './rego-mode.js'
import { encodeState, decodeState } from './share.js'
import { SAMPLES } from 'kubegov:samples'
import { DEFAULT_YAML } from './defaults.js'

const DEBOUNCE_MS = 250
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info']
const CUSTOM_PATH = 'playground/policy.rego'
const CUSTOM_TEST_PATH = 'playground/policy_test.rego'

const $ = (sel) => document.querySelector(sel)
const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v
    else if (k === 'text') e.textContent = v
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v)
    else if (k === 'dataset') Object.assign(e.dataset, v)
    else e.setAttribute(k, v)
  }
  for (const c of children) if (c != null) e.append(c)
  return e
}

// ---- line marks (finding and error lines) in an editor -------------------

const setMarks = StateEffect.define()
const marksField = StateField.define({
  create: () => Decoration.none,
  update(marks, tr) {
    marks = marks.map(tr.changes)
    for (const e of tr.effects) if (e.is(setMarks)) marks = e.value
    return marks
  },
  provide: (f) => EditorView.decorations.from(f),
})

/** Mark lines ({line, class}) and put diagnostics ({line, column?, severity, message}) in `view`. */
function annotate(view, marks, diagnostics) {
  const doc = view.state.doc
  const inDoc = (l) => Number.isInteger(l) && l >= 1 && l <= doc.lines
  const byLine = new Map()
  for (const m of marks) {
    if (!inDoc(m.line)) continue
    const prev = byLine.get(m.line)
    byLine.set(m.line, prev ? `${prev} ${m.class}` : m.class)
  }
  const ranges = [...byLine.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([line, cls]) => Decoration.line({ class: cls }).range(doc.line(line).from))
  const diags = diagnostics
    .filter((d) => inDoc(d.line))
    .map((d) => {
      const line = doc.line(d.line)
      const from = Math.min(line.from + Math.max(0, (d.column || 1) - 1), line.to)
      return { from, to: line.to > from ? line.to : from, severity: d.severity, message: d.message }
    })
  view.dispatch(setDiagnostics(view.state, diags))
  view.dispatch({ effects: setMarks.of(Decoration.set(ranges, true)) })
}

function editor(parent, language, onChange) {
  return new EditorView({
    parent,
    state: EditorState.create({
      doc: '',
      extensions: [
        basicSetup,
        language,
        lintGutter(),
        marksField,
        EditorView.updateListener.of((u) => {
          if (u.docChanged) onChange(u)
        }),
      ],
    }),
  })
}

function setText(view, text) {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } })
}

function gotoLine(view, line) {
  if (line < 1 || line > view.state.doc.lines) return
  const pos = view.state.doc.line(line).from
  view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: 'center' }) })
  view.focus()
}

// ---- application state ----------------------------------------------------

const app = {
  library: null, // Bundle.default()
  policies: [], // library policies
  libModules: {}, // lib/ modules of the library, for edited policies
  librarySources: {},
  mode: 'library', // 'library': the whole built-in set; 'policy': the policy in the editor
  policyId: null, // the gallery selection
  tab: 'policy',
  custom: null, // { key, bundle } compiled from the editor
  runs: 0,
  loading: false, // editors being set programmatically
}

let yamlView, regoView, testsView

function selectedPolicy() {
  return app.policies.find((p) => p.id === app.policyId) || null
}

function policyPaths() {
  const p = selectedPolicy()
  if (!p) return { path: CUSTOM_PATH, testPath: CUSTOM_TEST_PATH }
  return { path: p.file, testPath: p.file.replace(/\.rego$/, '_test.rego') }
}

// ---- running --------------------------------------------------------------

let timer = null
function schedule() {
  clearTimeout(timer)
  $('#status').textContent = 'editing…'
  timer = setTimeout(run, DEBOUNCE_MS)
}

/**
 * After an internal error (code `internal`: a panic in the module, shown like
 * any error) the package instantiates the module again, and the bundles made
 * before throw `bundle.invalidated`: make them again. False for other errors.
 */
function recover(e) {
  if (e?.code !== 'internal' && e?.code !== 'bundle.invalidated') return false
  app.custom = null
  try {
    app.library = Bundle.default()
  } catch (err) {
    console.error(err)
  }
  return true
}

/** The bundle to run: the library, or the edited policy with the library's lib/ modules. */
function currentBundle() {
  if (app.mode === 'library') return { bundle: app.library }
  const { path } = policyPaths()
  const source = regoView.state.doc.toString()
  const key = `${path}\n${source}`
  if (app.custom?.key === key) return app.custom.result
  app.custom?.result.bundle?.free()
  let result
  try {
    result = { bundle: Bundle.fromSources({ ...app.libModules, [path]: source }) }
  } catch (e) {
    if (recover(e)) return { error: e } // not kept: the next run tries again
    result = { error: e }
  }
  app.custom = { key, result }
  return result
}

function run(retried = false) {
  clearTimeout(timer)
  const started = performance.now()
  const text = yamlView.state.doc.toString()
  const { bundle, error } = currentBundle()
  annotate(regoView, [], [])
  if (error) {
    annotate(yamlView, [], [])
    annotate(regoView, [{ line: error.line, class: 'cm-error-line' }], [
      { line: error.line, column: error.column, severity: 'error', message: error.message },
    ])
    renderCompileError(error)
  } else {
    let report
    try {
      report = bundle.check(text)
    } catch (e) {
      // A bundle made before an internal error: make it again, run again.
      if (recover(e) && e.code === 'bundle.invalidated' && retried !== true) return run(true)
      renderCompileError(e)
      return finish(started)
    }
    renderReport(report)
    const marks = []
    const diags = []
    for (const f of report.findings) {
      marks.push({ line: f.source.line, class: `cm-finding-line cm-finding-${f.policy.severity}` })
      diags.push({
        line: f.source.line,
        column: f.source.column,
        severity: ['critical', 'high'].includes(f.policy.severity) ? 'error' : f.policy.severity === 'medium' ? 'warning' : 'info',
        message: `${f.policy.id}: ${f.message}`,
      })
    }
    for (const e of report.errors) {
      marks.push({ line: e.line, class: 'cm-error-line' })
      diags.push({ line: e.line, column: e.column, severity: 'error', message: e.message })
    }
    annotate(yamlView, marks, diags)
  }
  finish(started)
}

function finish(started) {
  app.runs += 1
  document.body.dataset.runs = String(app.runs)
  $('#status').textContent = `checked in ${Math.round(performance.now() - started)} ms`
}

// ---- rendering ------------------------------------------------------------

function modeLine() {
  const p = selectedPolicy()
  if (app.mode === 'library') return `all ${app.policies.length} built-in policies`
  return p ? `the edited policy (${p.id}) with the library's lib/ modules` : 'the policy in the editor'
}

function objectName(o) {
  return [o.kind, o.namespace, o.name].filter(Boolean).join('/')
}

function renderReport(report) {
  const box = $('#results')
  box.replaceChildren()
  box.dataset.state = 'report'
  const s = report.summary
  const counts = SEVERITIES.filter((k) => s.findings[k]).map((k) => el('span', { class: `badge sev-${k}`, text: `${s.findings[k]} ${k}` }))
  box.append(
    el('div', { class: 'summary' },
      el('div', { class: 'mode', text: `Running ${modeLine()}` }),
      el('div', {},
        el('strong', { text: `${s.findings.total} finding${s.findings.total === 1 ? '' : 's'}` }),
        ` in ${s.objects} object${s.objects === 1 ? '' : 's'}`,
        s.errors ? el('span', { class: 'badge sev-error', text: `${s.errors} error${s.errors === 1 ? '' : 's'}` }) : null,
        ...counts)))
  for (const e of report.errors) {
    box.append(el('div', { class: 'row error', dataset: { line: String(e.line), code: e.code }, onclick: () => gotoLine(yamlView, e.line) },
      el('span', { class: 'badge sev-error', text: 'error' }),
      el('span', { class: 'where', text: e.line ? `line ${e.line}` : '' }),
      el('div', { class: 'message', text: e.message })))
  }
  for (const f of report.findings) {
    box.append(el('div', {
      class: `row finding${f.status === 'exempted' ? ' exempted' : ''}`,
      dataset: { policy: f.policy.id, line: String(f.source.line), severity: f.policy.severity },
      title: f.path ? `path: ${f.path}` : '',
      onclick: () => gotoLine(yamlView, f.source.line),
    },
    el('span', { class: `badge sev-${f.policy.severity}`, text: f.policy.severity }),
    el('span', { class: 'policy', text: f.policy.id, title: f.policy.title }),
    el('span', { class: 'where', text: `line ${f.source.line}` }),
    el('div', { class: 'message', text: f.message }),
    el('div', { class: 'object', text: `${objectName(f.object)}${f.action !== 'deny' ? ` · ${f.action}` : ''}${f.status === 'exempted' ? ' · exempted' : ''}` })))
  }
  if (!report.findings.length && !report.errors.length) {
    box.append(el('div', { class: 'empty', text: s.objects ? 'No findings.' : 'Paste Kubernetes YAML (several documents separated by ---) in the objects editor.' }))
  }
}

function renderCompileError(e) {
  const box = $('#results')
  box.replaceChildren()
  box.dataset.state = 'compile-error'
  box.append(
    el('div', { class: 'summary' }, el('div', { class: 'mode', text: `Running ${modeLine()}` })),
    el('div', { class: 'row error compile', dataset: { line: String(e.line || 0), code: e.code || 'internal' }, onclick: () => { showTab('policy'); gotoLine(regoView, e.line || 1) } },
      el('span', { class: 'badge sev-error', text: e.code || 'error' }),
      el('span', { class: 'where', text: e.line ? `policy line ${e.line}` : '' }),
      el('div', { class: 'message', text: e.message }),
      e.detail ? el('pre', { class: 'detail', text: e.detail }) : null))
}

function renderTests(results, error) {
  const box = $('#test-results')
  box.replaceChildren()
  box.hidden = false
  if (error) {
    box.dataset.state = 'error'
    box.append(el('div', { class: 'row error', dataset: { code: error.code || 'internal' } },
      el('span', { class: 'badge sev-error', text: error.code || 'error' }),
      el('div', { class: 'message', text: error.message })))
    return
  }
  box.dataset.state = results.failed ? 'failed' : 'passed'
  box.append(el('div', { class: 'summary' },
    el('strong', { text: `Unit tests: ${results.passed} passed, ${results.failed} failed` })))
  if (!results.tests.length) box.append(el('div', { class: 'empty', text: 'No test_ rules found.' }))
  for (const t of results.tests) {
    const { testPath } = policyPaths()
    const inEditor = t.file === testPath
    box.append(el('div', {
      class: `row test ${t.outcome}`,
      dataset: { outcome: t.outcome, name: t.name },
      onclick: () => { if (inEditor) { showTab('tests'); gotoLine(testsView, t.line) } },
    },
    el('span', { class: `badge ${t.outcome === 'pass' ? 'sev-pass' : 'sev-error'}`, text: t.outcome }),
    el('span', { class: 'policy', text: t.name }),
    el('span', { class: 'where', text: inEditor ? `line ${t.line}` : t.file }),
    t.message ? el('div', { class: 'message', text: t.message }) : null))
  }
}

function runTests() {
  let bundle
  const started = performance.now()
  try {
    if (app.mode === 'library') {
      bundle = Bundle.fromSources(app.librarySources)
    } else {
      const { path, testPath } = policyPaths()
      bundle = Bundle.fromSources({
        ...app.libModules,
        [path]: regoView.state.doc.toString(),
        [testPath]: testsView.state.doc.toString(),
      })
    }
    const results = bundle.test()
    renderTests(results)
  } catch (e) {
    renderTests(null, e)
    recover(e)
  } finally {
    bundle?.free()
  }
  $('#status').textContent = `tests ran in ${Math.round(performance.now() - started)} ms`
}

// ---- gallery ----------------------------------------------------------------

function controlsText(p) {
  return Object.entries(p.controls)
    .flatMap(([k, vs]) => (Array.isArray(vs) ? vs : [vs]).map((v) => `${k}:${v}`))
    .join(' ')
}

function renderGallery() {
  const q = $('#gallery-search').value.trim().toLowerCase()
  const cat = $('#gallery-category').value
  const sev = $('#gallery-severity').value
  const terms = q.split(/\s+/).filter(Boolean)
  const list = $('#gallery-list')
  list.replaceChildren()
  let shown = 0
  for (const p of app.policies) {
    if (cat && p.category !== cat) continue
    if (sev && p.severity !== sev) continue
    const hay = `${p.id} ${p.title} ${p.category} ${p.severity} ${controlsText(p)}`.toLowerCase()
    if (!terms.every((t) => hay.includes(t))) continue
    shown += 1
    list.append(el('li', {
      class: `gallery-item${p.id === app.policyId ? ' selected' : ''}`,
      dataset: { id: p.id },
      title: p.description,
      onclick: () => loadPolicy(p.id, { sample: false }),
    },
    el('div', { class: 'line1' },
      el('span', { class: `badge sev-${p.severity}`, text: p.severity }),
      el('span', { class: 'id', text: p.id })),
    el('div', { class: 'title', text: p.title }),
    el('div', { class: 'meta', text: [p.category, controlsText(p)].filter(Boolean).join(' · ') })))
  }
  $('#gallery-count').textContent = `${shown} of ${app.policies.length}`
}

function loadPolicy(id, { sample }) {
  const p = app.policies.find((x) => x.id === id)
  if (!p) return
  app.policyId = id
  app.mode = 'policy'
  app.loading = true
  setText(regoView, app.librarySources[p.file] || '')
  setText(testsView, app.librarySources[p.file.replace(/\.rego$/, '_test.rego')] || '')
  if (sample && SAMPLES[id]?.disallowed) setText(yamlView, SAMPLES[id].disallowed)
  app.loading = false
  $('#test-results').hidden = true
  renderSelection()
  run()
}

function renderSelection() {
  const p = selectedPolicy()
  $('#policy-title').textContent = p ? `${p.id} — ${p.title}` : 'custom policy'
  $('#load-sample').disabled = !(p && SAMPLES[p.id]?.disallowed)
  $('#run-library').classList.toggle('active', app.mode === 'library')
  $('#run-policy').classList.toggle('active', app.mode === 'policy')
  document.body.dataset.mode = app.mode
  for (const li of document.querySelectorAll('.gallery-item')) {
    li.classList.toggle('selected', li.dataset.id === app.policyId)
  }
}

function showTab(tab) {
  app.tab = tab
  $('#rego-editor').hidden = tab !== 'policy'
  $('#tests-editor').hidden = tab !== 'tests'
  $('#tab-policy').classList.toggle('active', tab === 'policy')
  $('#tab-tests').classList.toggle('active', tab === 'tests')
}

// ---- sharing ----------------------------------------------------------------

function snapshot() {
  return {
    v: 1,
    mode: app.mode,
    policy: app.policyId,
    tab: app.tab,
    yaml: yamlView.state.doc.toString(),
    rego: regoView.state.doc.toString(),
    tests: testsView.state.doc.toString(),
  }
}

function restore(s) {
  app.loading = true
  app.policyId = typeof s.policy === 'string' && app.policies.some((p) => p.id === s.policy) ? s.policy : null
  app.mode = s.mode === 'policy' ? 'policy' : 'library'
  setText(yamlView, String(s.yaml ?? ''))
  setText(regoView, String(s.rego ?? ''))
  setText(testsView, String(s.tests ?? ''))
  app.loading = false
  showTab(s.tab === 'tests' ? 'tests' : 'policy')
  renderSelection()
  renderGallery()
  run()
}

async function share() {
  const fragment = await encodeState(snapshot())
  history.replaceState(null, '', `#${fragment}`)
  const url = location.href
  $('#share-url').value = url
  $('#share-box').hidden = false
  $('#share-url').select()
  try {
    await navigator.clipboard.writeText(url)
    $('#share-note').textContent = 'Copied to the clipboard.'
  } catch {
    $('#share-note').textContent = 'Copy the link above.'
  }
}

// ---- start ------------------------------------------------------------------

async function main() {
  await init({ module_or_path: new URL('kubegov_wasm_bg.wasm', document.baseURI) })
  app.library = Bundle.default()
  app.policies = app.library.policies()
  app.librarySources = Bundle.librarySources()
  app.libModules = Object.fromEntries(
    Object.entries(app.librarySources).filter(([path]) => path.startsWith('lib/') && !path.endsWith('_test.rego')))

  const onEdit = (which) => () => {
    if (app.loading) return
    if (which === 'rego' && app.mode !== 'policy') {
      app.mode = 'policy'
      renderSelection()
    }
    if (which !== 'tests') schedule()
  }
  yamlView = editor($('#yaml-editor'), yaml(), onEdit('yaml'))
  regoView = editor($('#rego-editor'), rego, onEdit('rego'))
  testsView = editor($('#tests-editor'), rego, onEdit('tests'))

  const categories = [...new Set(app.policies.map((p) => p.category))].sort()
  for (const c of categories) $('#gallery-category').append(el('option', { value: c, text: c }))
  for (const s of SEVERITIES) $('#gallery-severity').append(el('option', { value: s, text: s }))
  for (const id of ['#gallery-search', '#gallery-category', '#gallery-severity']) {
    $(id).addEventListener('input', renderGallery)
  }
  $('#run-library').addEventListener('click', () => { app.mode = 'library'; renderSelection(); run() })
  $('#run-policy').addEventListener('click', () => { app.mode = 'policy'; renderSelection(); run() })
  $('#load-sample').addEventListener('click', () => {
    const s = SAMPLES[app.policyId]
    if (s?.disallowed) setText(yamlView, s.disallowed)
  })
  $('#run-tests').addEventListener('click', runTests)
  $('#tab-policy').addEventListener('click', () => showTab('policy'))
  $('#tab-tests').addEventListener('click', () => showTab('tests'))
  $('#share-button').addEventListener('click', share)
  $('#version').textContent = `kubegov ${version()} · library ${app.library.digest.slice(0, 12)} · ${app.policies.length} policies`
  window.addEventListener('hashchange', async () => {
    const s = await decodeState(location.hash)
    if (s) restore(s)
  })

  const shared = await decodeState(location.hash)
  if (shared) {
    restore(shared)
  } else {
    app.loading = true
    setText(yamlView, DEFAULT_YAML)
    app.loading = false
    const first = app.policies.find((p) => p.id === 'privileged-containers') || app.policies[0]
    app.policyId = first?.id ?? null
    app.loading = true
    if (first) {
      setText(regoView, app.librarySources[first.file] || '')
      setText(testsView, app.librarySources[first.file.replace(/\.rego$/, '_test.rego')] || '')
    }
    app.loading = false
    app.mode = 'library'
    showTab('policy')
    renderSelection()
    renderGallery()
    run()
  }
  // A handle for tests and the curious: the editors' text and cursor line.
  const views = { yaml: yamlView, rego: regoView, tests: testsView }
  window.playground = {
    text: (name) => views[name].state.doc.toString(),
    cursorLine: (name) => views[name].state.doc.lineAt(views[name].state.selection.main.head).number,
    // Test-only: a panic in the module, shown as the page shows any error.
    panicForTests: () => {
      try {
        __panicForTests()
      } catch (e) {
        renderCompileError(e)
        recover(e)
      }
    },
  }
  document.body.dataset.ready = '1'
}

main().catch((e) => {
  document.body.dataset.ready = 'error'
  $('#status').textContent = `cannot start: ${e.message || e}`
  console.error(e)
})
