// check/checkJson on the built-in library: inputs of every accepted shape,
// findings located at the right line, unreadable documents reported at theirs.
import test from 'node:test'
import assert from 'node:assert/strict'
import { kubegov, libraryBundle, PRIV, PRIV_OBJ, privileged } from './helpers.mjs'

test('a privileged pod gives the privileged-containers finding at its line', () => {
  const report = libraryBundle().check(PRIV)
  assert.deepEqual(privileged(report), [[undefined, 13, 7]])
  const f = report.findings.find((x) => x.policy.id === 'privileged-containers')
  assert.equal(f.policy.severity, 'critical')
  assert.equal(f.path, 'spec.containers[1].securityContext.privileged')
  assert.match(f.message, /bad/)
  assert.deepEqual(f.object, { apiVersion: 'v1', kind: 'Pod', name: 'p' })
  assert.equal(f.action, 'deny')
  assert.equal(f.status, 'violation')
})

test('a file name is carried into the locations', () => {
  const report = libraryBundle().check(PRIV, 'pod.yaml')
  assert.deepEqual(privileged(report), [['pod.yaml', 13, 7]])
})

test('objects, arrays of objects and arrays mixing texts and objects are checked', () => {
  assert.equal(privileged(libraryBundle().check(PRIV_OBJ)).length, 1)
  assert.equal(privileged(libraryBundle().check([PRIV_OBJ, PRIV_OBJ])).length, 2)
  assert.equal(privileged(libraryBundle().check([PRIV, PRIV_OBJ])).length, 2)
  assert.equal(privileged(libraryBundle().check({ apiVersion: 'v1', kind: 'List', items: [PRIV_OBJ] })).length, 1)
})

test('checkJson is the canonical text of check', () => {
  const text = libraryBundle().checkJson(PRIV)
  assert.equal(typeof text, 'string')
  assert.equal(JSON.stringify(libraryBundle().check(PRIV), null, 2), text)
})

test('multi-document YAML: each document is located in the file', () => {
  const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n${PRIV}`
  const report = libraryBundle().check(text)
  assert.deepEqual(privileged(report), [[undefined, 17, 7]])
  assert.equal(report.summary.objects, 2)
})

test('malformed YAML gives an error at its line; the other documents are still checked', () => {
  const text = `${PRIV}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n`
  const report = libraryBundle().check(text)
  assert.equal(report.errors.length, 1)
  const e = report.errors[0]
  assert.equal(e.code, 'input.syntax')
  assert.equal(e.document, 1)
  // the document starts at line 15; the flow sequence opened on line 18 never closes
  assert.ok(e.line >= 18 && e.line <= 19, `error line ${e.line}`)
  assert.ok(e.message.length > 0)
  assert.deepEqual(privileged(report), [[undefined, 13, 7]])
})

test('a document that is not an object is an error at its line', () => {
  const report = libraryBundle().check('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n- a\n- b\n')
  assert.equal(report.errors.length, 1)
  assert.equal(report.errors[0].line, 5)
})

test('empty input gives an empty report', () => {
  const report = libraryBundle().check('')
  assert.equal(report.summary.objects, 0)
  assert.deepEqual(report.findings, [])
  assert.deepEqual(report.errors, [])
})

test('the report names the bundle', () => {
  const b = libraryBundle()
  const report = b.check(PRIV)
  assert.equal(report.schemaVersion, '1')
  assert.equal(report.bundle.digest, b.digest)
  assert.equal(report.bundle.policies, b.policies().length)
})

test('a bundle can be configured (the CLI config format)', () => {
  const b = kubegov.Bundle.default({ policies: { 'privileged-containers': { enabled: false } } })
  assert.deepEqual(privileged(b.check(PRIV)), [])
  b.free()
})
