'use strict'
// verify / verifyAsync run gator suites as `kubegov verify` does (the core's
// fixtures in tests/gatekeeper/); broken suites throw with a code and location.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { kubegov, ROOT, tmpDir, caught } = require('./helpers')

const GK = path.join(ROOT, 'tests', 'gatekeeper')

test('a suite with a skipped case', () => {
  const r = kubegov.verify(path.join(GK, 'library-style', 'v1-code'))
  assert.deepEqual([r.passed, r.failed, r.skipped, r.ok], [3, 0, 1, true])
  assert.equal(r.summary, '3 passed, 0 failed, 1 skipped')
  assert.equal(r.cases.length, 4)
  for (const c of r.cases) {
    assert.ok(c.file.endsWith('suite.yaml'), c.file)
    assert.ok(c.name && c.test && c.suite)
    assert.ok(['pass', 'skip'].includes(c.status), c.status)
    assert.equal(c.message, undefined)
  }
})

test('a failing case has its reason', () => {
  const r = kubegov.verify(path.join(GK, 'failing', 'suite.yaml'))
  assert.equal(r.summary, '1 passed, 1 failed')
  assert.equal(r.ok, false)
  const bad = r.cases.filter((c) => c.status === 'fail')
  assert.equal(bad.length, 1)
  assert.equal(bad[0].name, 'expects no violation')
  assert.equal(bad[0].test, 'wrong expectation')
  assert.equal(bad[0].suite, 'failing')
  assert.match(bad[0].message, /got 1 violations but want none/)
  assert.match(bad[0].message, /disallowed tag <latest>/)
})

test('several paths; verifyAsync gives the same results', async () => {
  const paths = [path.join(GK, 'failing'), path.join(GK, 'library-style', 'v1-code')]
  const r = kubegov.verify(paths)
  assert.deepEqual([r.passed, r.failed, r.skipped], [4, 1, 1])
  assert.deepEqual(await kubegov.verifyAsync(paths), r)
  const every = kubegov.verify(path.join(GK, 'library-style'))
  assert.equal(every.failed, 0)
  assert.ok(every.passed >= 25, every.summary)
})

test('no suite found: empty, not ok', () => {
  const r = kubegov.verify(tmpDir())
  assert.deepEqual([r.cases.length, r.ok], [0, false])
})

test('gatekeeper.syntax: broken suite YAML, located; verifyAsync rejects the same', async () => {
  const f = path.join(tmpDir(), 'suite.yaml')
  fs.writeFileSync(f, 'kind: Suite\napiVersion: test.gatekeeper.sh/v1alpha1\ntests: [\n')
  const e = caught(() => kubegov.verify(f))
  assert.ok(e instanceof Error)
  assert.equal(e.code, 'gatekeeper.syntax', e.message)
  assert.equal(e.file, f)
  assert.ok(e.line >= 3, `line ${e.line}`)
  await assert.rejects(kubegov.verifyAsync(f), (err) => err.code === 'gatekeeper.syntax' && err.file === f)
})

test('gatekeeper.suite and gatekeeper.io: not a suite, a missing suite', () => {
  const dir = tmpDir()
  const pod = path.join(dir, 'pod.yaml')
  fs.writeFileSync(pod, 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n')
  const e = caught(() => kubegov.verify(pod))
  assert.equal(e.code, 'gatekeeper.suite')
  assert.equal(e.file, pod)
  assert.match(e.message, /not a gator suite/)
  const missing = path.join(dir, 'missing.yaml')
  const m = caught(() => kubegov.verify(missing))
  assert.equal(m.code, 'gatekeeper.io')
  assert.equal(m.file, missing)
})

test('input.invalid: arguments that are not paths', async () => {
  assert.equal(caught(() => kubegov.verify(42)).code, 'input.invalid')
  assert.equal(caught(() => kubegov.verify([GK, 1])).code, 'input.invalid')
  await assert.rejects(kubegov.verifyAsync(null), (err) => err.code === 'input.invalid')
})
