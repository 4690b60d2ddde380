'use strict'
// What the Python package offers besides check: Rego unit tests (test,
// bundle.test), parseYaml, fromTarGz, signed bundles, the version constants.
const test = require('node:test')
const assert = require('node:assert/strict')
const crypto = require('node:crypto')
const fs = require('node:fs')
const path = require('node:path')
const { spawnSync } = require('node:child_process')
const { kubegov, VECTORS, PRIV, policyHeader, vectorsBundle, tmpDir, caught } = require('./helpers')

test('Rego unit tests of a directory, filtered through a bundle', () => {
  const dir = tmpDir()
  fs.writeFileSync(
    path.join(dir, 'p.rego'),
    policyHeader('p', 'demo.p') + 'violation contains {"msg": "no"} if input.review.object.bad\n',
  )
  fs.writeFileSync(
    path.join(dir, 'p_test.rego'),
    'package demo.p_test\nimport rego.v1\n' +
      'test_bad_is_denied if count(data.demo.p.violation) == 1 with input as {"review": {"object": {"bad": true}}}\n' +
      'test_wrong if count(data.demo.p.violation) == 1\n',
  )
  const r = kubegov.test(dir)
  assert.deepEqual([r.passed, r.failed, r.tests.length, r.ok], [1, 1, 2, false])
  const byName = Object.fromEntries(r.tests.map((t) => [t.name, t]))
  assert.equal(byName.test_bad_is_denied.outcome, 'pass')
  assert.equal(byName.test_wrong.outcome, 'fail')
  assert.equal(byName.test_wrong.line, 4)
  assert.ok(byName.test_wrong.file.endsWith('p_test.rego'))
  assert.equal(typeof byName.test_wrong.micros, 'number')
  const only = kubegov.Bundle.load(dir).test('bad_is')
  assert.deepEqual(only.tests.map((t) => t.name), ['test_bad_is_denied'])
  assert.equal(only.ok, true)
  assert.equal(caught(() => kubegov.Bundle.load(dir).test('(')).code, 'input.invalid')
  assert.equal(caught(() => kubegov.test(path.join(dir, 'missing'))).code, 'load.io')
})

test('the built-in library tests pass', () => {
  const r = kubegov.test()
  assert.ok(r.passed > 0)
  assert.equal(r.failed, 0, JSON.stringify(r.tests.filter((t) => t.outcome !== 'pass')))
})

test('parseYaml reads YAML 1.2 and throws located syntax errors', () => {
  assert.deepEqual(kubegov.parseYaml('on: yes\nn: 1\n'), { on: 'yes', n: 1 })
  const e = caught(() => kubegov.parseYaml('a: 1\nb: [1,\n', 'x.yaml'))
  assert.equal(e.code, 'input.syntax')
  assert.equal(e.file, 'x.yaml')
  assert.ok(e.line >= 2)
})

test('fromTarGz: an OPA bundle archive from memory, as from a path', () => {
  const dir = tmpDir()
  const archive = path.join(dir, 'b.tar.gz')
  const tar = spawnSync('tar', ['-czf', archive, '-C', path.join(VECTORS, 'bundle'), '.'])
  assert.equal(tar.status, 0, String(tar.stderr))
  const data = fs.readFileSync(archive)
  const fromMemory = kubegov.Bundle.fromTarGz(data)
  const fromPath = kubegov.Bundle.load(archive)
  assert.equal(fromMemory.digest, fromPath.digest)
  assert.deepEqual(fromMemory.policies.map((p) => p.id), vectorsBundle().policies.map((p) => p.id))
  const strip = (b) => b.check(PRIV).toJsonString().replaceAll(b.digest, '')
  assert.equal(strip(fromMemory), strip(vectorsBundle()))
  assert.equal(caught(() => kubegov.Bundle.fromTarGz(Buffer.from('not a tarball'))).code, 'load.bundle')
})

const b64 = (buf) => Buffer.from(buf).toString('base64url')

// .signatures.json as `opa build --signing-alg HS256 --signing-key` writes it
function sign(dir, secret, claims) {
  const files = fs
    .readdirSync(dir)
    .filter((f) => !f.startsWith('.'))
    .sort()
    .map((f) => ({ name: f, hash: crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, f))).digest('hex'), algorithm: 'SHA-256' }))
  const header = b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))
  const payload = b64(JSON.stringify({ files, ...claims }))
  const sig = crypto.createHmac('sha256', secret).update(`${header}.${payload}`).digest()
  fs.writeFileSync(path.join(dir, '.signatures.json'), JSON.stringify({ signatures: [`${header}.${payload}.${b64(sig)}`] }))
}

test('Bundle.load with a verification key: signed bundles only', () => {
  const dir = tmpDir()
  fs.writeFileSync(path.join(dir, 'p.rego'), policyHeader('p', 'demo.p') + 'violation contains {"msg": "no"} if true\n')
  const unsigned = caught(() => kubegov.Bundle.load(dir, null, { verificationKey: 's3cret' }))
  assert.equal(unsigned.code, 'load.signature')
  assert.equal(unsigned.file, dir)
  sign(dir, 's3cret', { keyid: 'k1' })
  const signed = kubegov.Bundle.load(dir, undefined, { verificationKey: 's3cret', keyId: 'k1' })
  assert.deepEqual(signed.policies.map((p) => p.id), ['p'])
  assert.equal(caught(() => kubegov.Bundle.load(dir, null, { verificationKey: 'wrong' })).code, 'load.signature')
  fs.appendFileSync(path.join(dir, 'p.rego'), '# tampered\n')
  assert.equal(caught(() => kubegov.Bundle.load(dir, null, { verificationKey: 's3cret' })).code, 'load.signature')
  assert.equal(caught(() => kubegov.Bundle.load(dir, null, { keyId: 'k1' })).code, 'input.invalid')
})

test('VERSION is the package version; SCHEMA_VERSION the report schema', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'))
  assert.equal(kubegov.VERSION, pkg.version)
  assert.equal(kubegov.SCHEMA_VERSION, vectorsBundle().check(PRIV).toJSON().schemaVersion)
})
