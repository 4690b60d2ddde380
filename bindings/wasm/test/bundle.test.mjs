// Bundles: the built-in library, bundles from sources, policies, files,
// the Rego unit tests, and the error objects thrown on bad input.
import test from 'node:test'
import assert from 'node:assert/strict'
import { kubegov, libraryBundle, policyHeader, caught, PRIV } from './helpers.mjs'

const DENY_ALL =
  policyHeader('deny-all', 'demo.deny_all') +
  'violation contains {"msg": sprintf("%s is denied", [input.review.object.metadata.name])} if true\n'

test('the built-in library has its policies, sorted by id, with their metadata', () => {
  const policies = libraryBundle().policies()
  assert.ok(policies.length >= 100, `${policies.length} policies`)
  const ids = policies.map((p) => p.id)
  assert.deepEqual(ids, [...ids].sort())
  const p = policies.find((x) => x.id === 'privileged-containers')
  assert.equal(p.severity, 'critical')
  assert.equal(p.category, 'workload')
  assert.deepEqual(p.controls.cis, ['5.2.2'])
  assert.ok(p.kinds.some((k) => k.kinds.includes('Pod') && Array.isArray(k.apiGroups)))
  assert.equal(p.file, 'workload/privileged-containers/policy.rego')
  assert.equal(typeof p.remediation, 'string')
  assert.ok(Array.isArray(p.relatedResources))
  assert.deepEqual(libraryBundle().policy('privileged-containers'), p)
  assert.equal(libraryBundle().policy('no-such-policy'), undefined)
  assert.equal(libraryBundle().policyCount, policies.length)
})

test('the digest is a SHA-256 in hex, the same for the same sources', () => {
  const a = libraryBundle().digest
  assert.match(a, /^[0-9a-f]{64}$/)
  const again = kubegov.Bundle.default()
  assert.equal(again.digest, a)
  again.free()
})

test('librarySources are the library: compiled again they give the same digest', () => {
  const files = kubegov.Bundle.librarySources()
  assert.ok('lib/workload.rego' in files)
  assert.ok('workload/privileged-containers/policy_test.rego' in files)
  const b = kubegov.Bundle.fromSources(files)
  assert.equal(b.digest, libraryBundle().digest)
  assert.deepEqual(b.files(), files)
  b.free()
})

test('an edited policy compiles with the library lib/ modules', () => {
  const lib = Object.fromEntries(Object.entries(kubegov.Bundle.librarySources()).filter(([p]) => p.startsWith('lib/') && !p.endsWith('_test.rego')))
  const src =
    policyHeader('no-privileged', 'demo.no_privileged') +
    'import data.kubegov.lib.workload\n' +
    'violation contains {"msg": sprintf("`%s` privileged", [c.name]), "path": sprintf("%s.securityContext.privileged", [c.path])} if {\n' +
    '  some c in workload.containers\n  c.container.securityContext.privileged\n}\n'
  const b = kubegov.Bundle.fromSources({ ...lib, 'demo/policy.rego': src })
  const report = b.check(PRIV)
  assert.deepEqual(report.findings.map((f) => [f.policy.id, f.source.line, f.message]), [['no-privileged', 13, '`bad` privileged']])
  b.free()
})

test('fromSources: a policy, and data documents', () => {
  const b = kubegov.Bundle.fromSources({
    'deny_all.rego': DENY_ALL,
    'demo/data.json': '{"x": 1}',
  })
  assert.deepEqual(b.policies().map((p) => p.id), ['deny-all'])
  const report = b.check({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } })
  assert.deepEqual(report.findings.map((f) => f.message), ['c is denied'])
  b.free()
})

test('the Rego unit tests run, with a filter', () => {
  const b = kubegov.Bundle.fromSources({
    'p/policy.rego': DENY_ALL,
    'p/policy_test.rego':
      'package demo.deny_all_test\nimport rego.v1\nimport data.demo.deny_all\n' +
      'test_denies if {\n  count(deny_all.violation) == 1 with input as {"review": {"object": {"metadata": {"name": "x"}}}}\n}\n' +
      'test_fails if {\n  false\n}\n',
  })
  const all = b.test()
  assert.deepEqual(all.tests.map((t) => [t.name, t.outcome, t.line]), [['test_denies', 'pass', 4], ['test_fails', 'fail', 7]])
  assert.equal(all.passed, 1)
  assert.equal(all.failed, 1)
  assert.equal(all.tests[0].file, 'p/policy_test.rego')
  assert.equal(all.tests[0].package, 'demo.deny_all_test')
  const some = b.test('denies$')
  assert.deepEqual(some.tests.map((t) => t.name), ['test_denies'])
  const e = caught(() => b.test('('))
  assert.equal(e.code, 'input.invalid')
  b.free()
})

test("a built-in policy's unit tests pass", () => {
  const files = kubegov.Bundle.librarySources()
  const lib = Object.fromEntries(Object.entries(files).filter(([p]) => p.startsWith('lib/') && !p.endsWith('_test.rego')))
  const b = kubegov.Bundle.fromSources({
    ...lib,
    'workload/privileged-containers/policy.rego': files['workload/privileged-containers/policy.rego'],
    'workload/privileged-containers/policy_test.rego': files['workload/privileged-containers/policy_test.rego'],
  })
  const results = b.test()
  assert.ok(results.tests.length >= 2, `${results.tests.length} tests`)
  assert.equal(results.failed, 0, JSON.stringify(results.tests.filter((t) => t.outcome !== 'pass')))
  b.free()
})
