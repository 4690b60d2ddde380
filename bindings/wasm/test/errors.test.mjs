// Errors are Error objects (name KubegovError) with a stable code and, where
// known, file, line and column.
import test from 'node:test'
import assert from 'node:assert/strict'
import { kubegov, libraryBundle, policyHeader, caught } from './helpers.mjs'

test('a Rego syntax error: load.rego with its file and line', () => {
  const src = policyHeader('bad', 'demo.bad') + 'violation contains {"msg": "x"} if {\n  input.a ==\n}\n'
  const e = caught(() => kubegov.Bundle.fromSources({ 'demo/bad.rego': src }))
  assert.ok(e instanceof Error)
  assert.equal(e.name, 'KubegovError')
  assert.equal(e.code, 'load.rego')
  assert.equal(e.file, 'demo/bad.rego')
  assert.ok(e.line >= 10 && e.line <= 12, `line ${e.line}`)
  assert.ok(e.column >= 1)
  assert.match(e.message, /demo\/bad\.rego:\d+:\d+/)
  assert.equal(typeof e.detail, 'string')
})

test('a policy without metadata: load.metadata', () => {
  const e = caught(() => kubegov.Bundle.fromSources({ 'p.rego': 'package demo.x\nimport rego.v1\nviolation contains {"msg": "x"} if true\n' }))
  assert.equal(e.code, 'load.metadata')
  assert.equal(e.file, 'p.rego')
})

test('a malformed data document: load.data', () => {
  const e = caught(() => kubegov.Bundle.fromSources({ 'x/data.json': '{"a": ' }))
  assert.equal(e.code, 'load.data')
})

test('sources that are not an object of texts: input.invalid', () => {
  assert.equal(caught(() => kubegov.Bundle.fromSources({ 'a.rego': 1 })).code, 'input.invalid')
  assert.equal(caught(() => kubegov.Bundle.fromSources(['a.rego'])).code, 'input.invalid')
  assert.equal(caught(() => kubegov.Bundle.fromSources(null)).code, 'input.invalid')
})

test('check of something that is not objects or text: input.invalid', () => {
  for (const bad of [42, true, null, undefined, [1], () => 1]) {
    const e = caught(() => libraryBundle().check(bad))
    assert.ok(e instanceof Error)
    assert.equal(e.code, 'input.invalid', String(bad))
  }
  const cyclic = { apiVersion: 'v1', kind: 'ConfigMap' }
  cyclic.self = cyclic
  assert.equal(caught(() => libraryBundle().check(cyclic)).code, 'input.invalid')
  assert.equal(caught(() => libraryBundle().check({ a: 1n })).code, 'input.invalid')
})

test('a bad configuration: config.* codes', () => {
  const e = caught(() => kubegov.Bundle.default({ policies: { 'privileged-containers': { enabled: 'maybe' } } }))
  assert.match(e.code, /^config\./)
  assert.equal(caught(() => kubegov.Bundle.default(42)).code, 'config.invalid')
})

test('the bundle stays usable after an error', () => {
  caught(() => libraryBundle().check(42))
  assert.ok(libraryBundle().check('apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: []}\n').summary.objects === 1)
})
