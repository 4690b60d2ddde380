'use strict'
// Each kind of error: an Error with a stable code, and file/line/column when known.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { kubegov, VECTORS, PRIV, PRIV_OBJ, policyHeader, vectorsBundle, tmpDir, caught } = require('./helpers')

function expectError(fn, code) {
  const e = caught(fn)
  assert.ok(e instanceof Error, `not an Error: ${e}`)
  assert.equal(e.code, code, e.message)
  return e
}

test('load.io: a missing bundle path', () => {
  const missing = path.join(tmpDir(), 'missing')
  const e = expectError(() => kubegov.Bundle.load(missing), 'load.io')
  assert.equal(e.file, missing)
  assert.equal(e.line, undefined)
  assert.match(e.message, /^cannot read `/)
})

test('load.rego: a syntax error is located', () => {
  const src = policyHeader('bad', 'demo.bad') + 'violation contains {"msg": "x"} if {\n  1 +\n}\n'
  const e = expectError(() => kubegov.Bundle.fromSources({ 'bad/policy.rego': src }), 'load.rego')
  assert.equal(e.file, 'bad/policy.rego')
  assert.ok(e.line >= 10, `line ${e.line}`)
  assert.ok(e.column > 0)
  assert.ok(e.message.startsWith(`bad/policy.rego:${e.line}:`), e.message)
})

test('load.metadata: a policy without metadata', () => {
  const e = expectError(
    () => kubegov.Bundle.fromSources({ 'p.rego': 'package demo.p\nimport rego.v1\nviolation contains {"msg": "x"} if true\n' }),
    'load.metadata',
  )
  assert.equal(e.file, 'p.rego')
})

test('load.data: a malformed data.json', () => {
  const e = expectError(() => kubegov.Bundle.fromSources({ 'lib/data.json': '{"a": [1,\n' }), 'load.data')
  assert.equal(e.file, 'lib/data.json')
  expectError(
    () => kubegov.Bundle.fromSources({ 'data.json': '{}' }, { a: 1 }),
    'load.data',
  )
})

test('load.bundle: a broken archive', () => {
  const p = path.join(tmpDir(), 'broken.tar.gz')
  fs.writeFileSync(p, 'this is not gzip')
  const e = expectError(() => kubegov.Bundle.load(p), 'load.bundle')
  assert.ok(e.file.includes('broken.tar.gz'), e.file)
})

test('load.duplicate_policy: two policies with one id', () => {
  const one = policyHeader('same', 'demo.one') + 'violation contains {"msg": "x"} if false\n'
  const two = policyHeader('same', 'demo.two') + 'violation contains {"msg": "x"} if false\n'
  const e = expectError(() => kubegov.Bundle.fromSources({ 'one.rego': one, 'two.rego': two }), 'load.duplicate_policy')
  assert.equal(typeof e.file, 'string')
})

test('input.invalid: neither text nor an existing path, or not an object', () => {
  const b = vectorsBundle()
  expectError(() => b.check('/no/such/file.yaml'), 'input.invalid')
  expectError(() => b.check(42), 'input.invalid')
  expectError(() => b.check(null), 'input.invalid')
  expectError(() => b.check([PRIV_OBJ, 7]), 'input.invalid')
})

test('input.io: an unreadable entry in a directory', () => {
  const dir = tmpDir()
  fs.writeFileSync(path.join(dir, 'ok.yaml'), PRIV)
  fs.symlinkSync(path.join(dir, 'nowhere.yaml'), path.join(dir, 'dangling.yaml'))
  const e = expectError(() => vectorsBundle().check(dir), 'input.io')
  assert.ok(e.file.includes('dangling.yaml'), e.file)
})

test('config.*: invalid, unknown policy, parameters, selection, missing file', () => {
  const dir = path.join(VECTORS, 'bundle')
  const cfg = path.join(tmpDir(), 'kubegov.yaml')
  fs.writeFileSync(cfg, 'policies:\n  image-tag-latest:\n    enforcementAction: maybe\n')
  const e = expectError(() => kubegov.Bundle.load(dir, cfg), 'config.invalid')
  assert.equal(e.file, cfg)
  assert.equal(e.line, 3)
  const u = expectError(
    () => kubegov.Bundle.default({ policies: { 'image-tag-lates': { enabled: false } } }),
    'config.unknown_policy',
  )
  assert.match(u.message, /did you mean `image-tag-latest`/)
  expectError(() => kubegov.Bundle.load(dir, { select: ['severity=urgent'] }), 'config.selection')
  expectError(() => vectorsBundle().configure(path.join(tmpDir(), 'none.yaml')), 'config.io')
  expectError(() => vectorsBundle().configure(42), 'config.invalid')
  const withParams = kubegov.Bundle.default().policies.find((p) => p.parameters)
  assert.ok(withParams, 'a built-in policy takes parameters')
  const bad = Object.fromEntries(Object.keys(withParams.parameters.properties ?? { x: 1 }).map((k) => [k, { not: 'valid' }]))
  expectError(
    () => kubegov.Bundle.default({ policies: { [withParams.id]: { parameters: { ...bad, zzUnknown: 1 } } } }),
    'config.parameters',
  )
})

test('a panic becomes an error with code internal, and the process goes on', () => {
  const e = expectError(() => kubegov.__panicForTests(), 'internal')
  assert.match(e.message, /deliberate panic/)
  assert.equal(kubegov.Bundle.fromSources({}).check(PRIV).summary.objects, 1)
})

test('a failing policy is an entry of the report, not an exception', () => {
  const boom = policyHeader('boom', 'demo.boom') + 'r := 1 if true\nr := 2 if true\nviolation contains {"msg": "x"} if r\n'
  const r = kubegov.Bundle.fromSources({ 'boom.rego': boom }).check(PRIV)
  assert.deepEqual(r.errors.map((e) => [e.code, e.policy]), [['eval.policy', 'boom']])
})
