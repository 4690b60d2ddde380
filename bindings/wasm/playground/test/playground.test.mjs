// The playground in headless Chromium (Debian's /usr/bin/chromium driven by
// playwright-core; no browser download): dist/ served by a tiny static server
// on 127.0.0.1, a person's steps, and no request leaving 127.0.0.1.
import test from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { serve } from '../serve.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const DIST = path.resolve(here, '..', 'dist')
const ROOT = path.resolve(here, '..', '..', '..', '..')
const SCREENSHOT = path.join(ROOT, 'target', 'playground-screenshot.png')
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

const PRIV_POD = `apiVersion: v1
kind: Pod
metadata:
  name: root-shell
  namespace: demo
spec:
  containers:
  - name: shell
    image: registry.example.com/tools/shell:1.4.2
    securityContext:
      privileged: true
`

const TEAM_POLICY = `# METADATA
# title: Team label
# description: Every object names its owning team.
# custom:
#   id: team-label
#   severity: medium
#   category: metadata
package playground.team_label

import rego.v1

violation contains {"msg": msg, "path": "metadata.labels"} if {
\tnot input.review.object.metadata.labels.team
\tmsg := sprintf("%s \`%s\` has no team label", [input.review.object.kind, input.review.object.metadata.name])
}
`

let server
let browser
let profile
let base
const requests = []

test.before(async () => {
  assert.ok(fs.existsSync(path.join(DIST, 'index.html')), 'dist/ is built (npm run build)')
  server = await serve(DIST, 0)
  base = `http://127.0.0.1:${server.address().port}/`
  // a fresh profile (--user-data-dir) for this run
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kubegov-chromium-'))
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1480, height: 920 },
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  })
})

test.after(async () => {
  await browser?.close()
  if (profile) fs.rmSync(profile, { recursive: true, force: true })
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()))
})

/** A fresh page at `url`, with its requests recorded, once the engine is ready. */
async function open(url = base) {
  const page = await browser.newPage()
  const errors = []
  page.on('pageerror', (e) => errors.push(e))
  page.on('console', (m) => { if (m.type() === 'error') errors.push(new Error(m.text())) })
  page.on('request', (r) => requests.push(r.url()))
  await page.goto(url)
  await page.waitForFunction(() => document.body.dataset.ready, null, { timeout: 60_000 })
  assert.equal(await page.evaluate(() => document.body.dataset.ready), '1', await page.textContent('#status'))
  page.errors = errors
  return page
}

const runs = (page) => page.evaluate(() => Number(document.body.dataset.runs || 0))

/** Replace an editor's text as a person would (select all, then type/paste). */
async function replaceText(page, editor, text) {
  const before = await runs(page)
  await page.click(`${editor} .cm-content`)
  await page.keyboard.press('Control+A')
  await page.keyboard.press('Delete')
  await page.keyboard.insertText(text)
  // the debounced check ran after the last keystroke
  await page.waitForFunction((n) => Number(document.body.dataset.runs) > n, before)
  await page.waitForTimeout(400)
  await page.waitForFunction(() => !document.querySelector('#status').textContent.startsWith('editing'))
}

// window.playground: the page's handle on its editors (read-only use here)
const editorText = (page, editor) => page.evaluate((name) => window.playground.text(name), editor.slice(1).replace('-editor', ''))

test('the page loads the engine and the gallery of built-in policies', async () => {
  const page = await open()
  const count = await page.$$eval('.gallery-item', (items) => items.length)
  assert.ok(count >= 100, `${count} policies in the gallery`)
  // the default content already shows findings
  assert.ok(await page.$$eval('#results .finding', (r) => r.length) > 0)
  // search by control, then by severity and category
  await page.fill('#gallery-search', 'cis:5.2.2')
  assert.deepEqual(await page.$$eval('.gallery-item', (i) => i.map((x) => x.dataset.id)), ['privileged-containers'])
  await page.fill('#gallery-search', '')
  await page.selectOption('#gallery-severity', 'critical')
  await page.selectOption('#gallery-category', 'rbac')
  const ids = await page.$$eval('.gallery-item', (i) => i.map((x) => x.dataset.id))
  assert.ok(ids.length >= 1)
  assert.deepEqual(page.errors, [])
  await page.close()
})

test('a pasted privileged Pod gives the finding and its line is highlighted', async () => {
  const page = await open()
  await page.click('#run-library')
  await replaceText(page, '#yaml-editor', PRIV_POD)
  const row = page.locator('#results .finding[data-policy="privileged-containers"]')
  await row.waitFor()
  assert.equal(await row.getAttribute('data-line'), '11')
  assert.equal(await row.getAttribute('data-severity'), 'critical')
  assert.match(await row.textContent(), /container `shell` is privileged/)
  assert.match(await row.textContent(), /Pod\/demo\/root-shell/)
  // the offending line is marked in the YAML editor
  const marked = await page.$$eval('#yaml-editor .cm-line.cm-finding-line', (ls) => ls.map((l) => l.textContent))
  assert.ok(marked.includes('      privileged: true'), JSON.stringify(marked))
  // clicking the finding puts the cursor on that line
  await row.click()
  const cursorLine = await page.evaluate(() => window.playground.cursorLine('yaml'))
  assert.equal(cursorLine, 11)
  assert.deepEqual(page.errors, [])
  await page.close()
})

test('editing the policy changes the result; its unit tests run', async () => {
  const page = await open()
  await page.click('.gallery-item[data-id="privileged-containers"]')
  await replaceText(page, '#yaml-editor', PRIV_POD)
  assert.deepEqual(await page.$$eval('#results .finding', (r) => r.map((x) => x.dataset.policy)), ['privileged-containers'])
  assert.equal(await page.evaluate(() => document.body.dataset.mode), 'policy')

  // the library policy's own unit tests pass
  await page.click('#run-tests')
  await page.locator('#test-results[data-state]').waitFor()
  assert.equal(await page.getAttribute('#test-results', 'data-state'), 'passed')
  assert.ok(await page.$$eval('#test-results .test[data-outcome="pass"]', (r) => r.length) >= 1)

  // a policy of one's own replaces it
  await replaceText(page, '#rego-editor', TEAM_POLICY)
  await page.locator('#results .finding[data-policy="team-label"]').waitFor()
  assert.deepEqual(await page.$$eval('#results .finding', (r) => r.map((x) => x.dataset.policy)), ['team-label'])
  assert.match(await page.textContent('#results .finding'), /Pod `root-shell` has no team label/)

  // a labelled pod passes it
  await replaceText(page, '#yaml-editor', PRIV_POD.replace('  namespace: demo\n', '  namespace: demo\n  labels: {team: platform}\n'))
  assert.equal(await page.$$eval('#results .finding', (r) => r.length), 0)

  // a compile error is shown at its line in the policy editor
  await replaceText(page, '#rego-editor', TEAM_POLICY.replace('\tnot input', '\tnot input ==='))
  const err = page.locator('#results .error.compile')
  await err.waitFor()
  assert.equal(await err.getAttribute('data-code'), 'load.rego')
  assert.equal(await err.getAttribute('data-line'), '13')
  const marked = await page.$$eval('#rego-editor .cm-line.cm-error-line', (ls) => ls.map((l) => l.textContent))
  assert.equal(marked.length, 1)
  assert.match(marked[0], /not input ===/)
  await page.close()
})

test('malformed YAML shows an error at its line', async () => {
  const page = await open()
  const broken = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: broken\ndata:\n  a: b\n'
  await replaceText(page, '#yaml-editor', broken)
  const err = page.locator('#results .error')
  await err.first().waitFor()
  assert.equal(await err.count(), 1)
  const line = Number(await err.getAttribute('data-line'))
  assert.equal(await err.getAttribute('data-code'), 'input.syntax')
  // the flow mapping opened on line 8 is never closed: the parser stops at line 8 or 9
  assert.ok(line >= 8 && line <= 9, `error at line ${line}`)
  assert.match(await err.textContent(), new RegExp(`line ${line}`))
  const marked = await page.$$eval('#yaml-editor .cm-line.cm-error-line', (ls) => ls.length)
  assert.equal(marked, 1)
  // the editor shows the diagnostic at that line
  assert.ok(await page.$$eval('#yaml-editor .cm-lint-marker-error', (m) => m.length) >= 1)
  await page.close()
})

test('an internal error (a panic in the module) is shown as an error, and the page keeps working', async () => {
  const page = await open()
  await page.click('#run-library')
  await page.evaluate(() => window.playground.panicForTests())
  const err = page.locator('#results .row.error[data-code="internal"]')
  await err.waitFor()
  assert.match(await err.textContent(), /internal error in kubegov \(please report it\): deliberate panic for tests/)
  // the module was instantiated again: the library (made before) is made again
  await replaceText(page, '#yaml-editor', PRIV_POD)
  await page.locator('#results .finding[data-policy="privileged-containers"]').waitFor()
  assert.equal(await page.locator('#results .row.error').count(), 0)
  // the only error on the console is the panic hook's
  assert.deepEqual(page.errors.filter((e) => !/deliberate panic for tests/.test(e.message)), [])
  await page.close()
})

test('a share URL restores the editors and the selection', async () => {
  const page = await open()
  await page.click('.gallery-item[data-id="privileged-containers"]')
  await replaceText(page, '#rego-editor', TEAM_POLICY)
  await replaceText(page, '#yaml-editor', PRIV_POD)
  await page.click('#tab-tests')
  await page.click('#share-button')
  await page.waitForFunction(() => document.querySelector('#share-url').value.includes('#s='))
  const url = await page.inputValue('#share-url')
  assert.ok(url.startsWith(base), url)
  const want = {
    yaml: await editorText(page, '#yaml-editor'),
    rego: await editorText(page, '#rego-editor'),
    tests: await editorText(page, '#tests-editor'),
    findings: await page.$$eval('#results .finding', (r) => r.map((x) => x.dataset.policy)),
  }
  await page.close()

  const again = await open(url)
  assert.equal(await editorText(again, '#yaml-editor'), want.yaml)
  assert.equal(await editorText(again, '#rego-editor'), want.rego)
  assert.equal(await editorText(again, '#tests-editor'), want.tests)
  assert.equal(await again.evaluate(() => document.body.dataset.mode), 'policy')
  assert.equal(await again.getAttribute('.gallery-item.selected', 'data-id'), 'privileged-containers')
  assert.ok(await again.isVisible('#tests-editor'))
  assert.deepEqual(await again.$$eval('#results .finding', (r) => r.map((x) => x.dataset.policy)), want.findings)
  assert.deepEqual(want.findings, ['team-label'])
  await again.close()
})

test('a screenshot of the playground', async () => {
  const page = await open()
  await page.click('.gallery-item[data-id="privileged-containers"]')
  await page.click('#load-sample')
  await page.locator('#results .finding[data-policy="privileged-containers"]').waitFor()
  await page.click('#run-tests')
  await page.locator('#test-results[data-state="passed"]').waitFor()
  await page.click('#run-library')
  await page.waitForFunction(() => document.querySelectorAll('#results .finding').length > 3)
  fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true })
  await page.screenshot({ path: SCREENSHOT })
  assert.ok(fs.statSync(SCREENSHOT).size > 10_000)
  assert.deepEqual(page.errors, [])
  await page.close()
})

test('no request left 127.0.0.1', () => {
  assert.ok(requests.length > 0)
  const outside = requests.filter((u) => {
    const { protocol, hostname } = new URL(u)
    return !(protocol === 'data:' || protocol === 'blob:' || hostname === '127.0.0.1')
  })
  assert.deepEqual(outside, [])
})
