'use strict'
// Each input form, locations of findings, malformed documents among good ones.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { PRIV, PRIV_OBJ, vectorsBundle, tmpDir, privileged } = require('./helpers')

test('YAML text: the finding is located at the field', () => {
  const r = vectorsBundle().check(PRIV)
  assert.deepEqual(privileged(r), [[undefined, 13, 7]])
  const f = r.findings.find((x) => x.policy.id === 'privileged-containers')
  assert.equal(f.path, 'spec.containers[1].securityContext.privileged')
  assert.deepEqual(f.object, { apiVersion: 'v1', kind: 'Pod', name: 'p' })
  assert.equal(f.status, 'violation')
  assert.equal(f.action, 'deny')
  assert.equal(r.hasDenials, true)
})

test('JSON text', () => {
  const r = vectorsBundle().check(JSON.stringify(PRIV_OBJ))
  assert.equal(privileged(r).length, 1)
})

test('an object, an array of objects, a List', () => {
  const b = vectorsBundle()
  assert.deepEqual(privileged(b.check(PRIV_OBJ)), [[undefined, 0, 0]])
  const many = b.check([PRIV_OBJ, { ...PRIV_OBJ, metadata: { name: 'q', labels: { team: 'a' } } }])
  assert.equal(many.summary.objects, 2)
  assert.equal(privileged(many).length, 2)
  const list = b.check({ apiVersion: 'v1', kind: 'List', items: [PRIV_OBJ, PRIV_OBJ] })
  assert.equal(list.summary.objects, 2)
})

test('a file path and a directory path: findings carry file:line', () => {
  const dir = tmpDir()
  const a = path.join(dir, 'a.yaml')
  fs.writeFileSync(a, `# leading comment\n---\n${PRIV}`)
  fs.mkdirSync(path.join(dir, 'sub'))
  const c = path.join(dir, 'sub', 'c.yml')
  fs.writeFileSync(c, PRIV)
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a manifest')
  const b = vectorsBundle()
  assert.deepEqual(privileged(b.check(a)), [[a, 15, 7]])
  assert.deepEqual(privileged(b.check(dir)), [[a, 15, 7], [c, 13, 7]])
  // an array mixing a path, text and an object
  const mixed = b.check([a, PRIV, PRIV_OBJ])
  assert.equal(mixed.summary.objects, 3)
  assert.deepEqual(privileged(mixed).map((x) => x[0]).sort(), [a, undefined, undefined].sort())
})

test('a malformed document among good ones is an entry of errors', () => {
  const text = `${PRIV}---\nkind: [unclosed\n---\n${PRIV}`
  const r = vectorsBundle().check(text)
  assert.equal(r.summary.objects, 2)
  assert.equal(privileged(r).length, 2)
  assert.equal(r.errors.length, 1)
  const e = r.errors[0]
  assert.equal(e.code, 'input.syntax')
  assert.equal(e.document, 1)
  assert.equal(e.line, 16) // the flow sequence is still open at the end of its document
  assert.equal(r.summary.errors, 1)
})

test('report accessors agree with the JSON', () => {
  const r = vectorsBundle().check(PRIV)
  const j = JSON.parse(r.toJsonString())
  assert.deepEqual(JSON.parse(JSON.stringify(r.findings)), j.findings)
  assert.deepEqual(JSON.parse(JSON.stringify(r.errors)), j.errors)
  assert.deepEqual({ ...r.summary }, j.summary)
  assert.deepEqual({ ...r.bundle }, j.bundle)
  assert.equal(r.bundle.digest, vectorsBundle().digest)
  assert.deepEqual(JSON.parse(JSON.stringify(r.toJSON())), j)
  assert.equal(r.toJSON().schemaVersion, j.schemaVersion)
})

test('checkAsync accepts every form check does', async () => {
  const dir = tmpDir()
  const a = path.join(dir, 'a.yaml')
  fs.writeFileSync(a, PRIV)
  const b = vectorsBundle()
  for (const input of [PRIV, JSON.stringify(PRIV_OBJ), PRIV_OBJ, [PRIV_OBJ], a, dir, [a, PRIV]]) {
    const r = await b.checkAsync(input)
    assert.equal(r.toJsonString(), b.check(input).toJsonString())
  }
})
