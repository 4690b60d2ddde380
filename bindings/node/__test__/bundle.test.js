'use strict'
// Bundles: the built-in library, a directory, sources with data, configuration.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { kubegov, VECTORS, PRIV, PRIV_OBJ, policyHeader, vectorsBundle, tmpDir } = require('./helpers')

test('default bundle: the built-in library', () => {
  const b = kubegov.Bundle.default()
  assert.ok(b.policies.length >= 20, `${b.policies.length} policies`)
  assert.match(b.digest, /^[0-9a-f]{64}$/)
  const ids = b.policies.map((p) => p.id)
  assert.deepEqual(ids, [...ids].sort())
  const p = b.policy('privileged-containers')
  assert.equal(p.severity, 'critical')
  assert.equal(p.category, 'workload')
  assert.ok(p.controls.pss.includes('baseline'))
  assert.ok(p.kinds.some((k) => k.kinds.includes('Deployment')))
  assert.equal(typeof p.remediation, 'string')
  assert.ok(Array.isArray(p.relatedResources))
  assert.equal(b.policy('no-such-policy'), null)
  // the same sources, the same digest
  assert.equal(kubegov.Bundle.default().digest, b.digest)
})

test('load: a directory, as the vectors do', () => {
  const b = vectorsBundle()
  assert.deepEqual(
    b.policies.map((p) => p.id),
    ['image-tag-latest', 'privileged-containers', 'required-labels'],
  )
  assert.equal(kubegov.Bundle.load(path.join(VECTORS, 'bundle')).digest, b.digest)
})

const DENY_NAMES = policyHeader('deny-names', 'demo.deny_names') +
  'violation contains {"msg": sprintf("name `%s` is denied", [input.review.object.metadata.name])} if {\n' +
  '  input.review.object.metadata.name in data.demo.denied\n}\n'

test('fromSources: data as an argument and as a data.json source', () => {
  const a = kubegov.Bundle.fromSources({ 'deny.rego': DENY_NAMES }, { demo: { denied: ['p'] } })
  assert.deepEqual(a.check(PRIV_OBJ).findings.map((f) => f.message), ['name `p` is denied'])
  const b = kubegov.Bundle.fromSources({
    'deny.rego': DENY_NAMES,
    'demo/data.json': JSON.stringify({ denied: ['q'] }),
  })
  assert.equal(b.check(PRIV_OBJ).findings.length, 0)
  assert.equal(b.check({ ...PRIV_OBJ, metadata: { name: 'q' } }).findings.length, 1)
  // an empty bundle checks objects and finds nothing
  const empty = kubegov.Bundle.fromSources({})
  assert.equal(empty.policies.length, 0)
  assert.equal(empty.check(PRIV).summary.objects, 1)
})

test('configuration: an object, YAML text, a file; configure shares the compiled bundle', () => {
  const dir = tmpDir()
  const file = path.join(dir, 'kubegov.yaml')
  fs.writeFileSync(file, 'skip: ["privileged-containers"]\n')
  const base = kubegov.Bundle.load(path.join(VECTORS, 'bundle'))
  const forms = [
    kubegov.Bundle.load(path.join(VECTORS, 'bundle'), { skip: ['privileged-containers'] }),
    kubegov.Bundle.load(path.join(VECTORS, 'bundle'), 'skip: ["privileged-containers"]\n'),
    kubegov.Bundle.load(path.join(VECTORS, 'bundle'), file),
    base.configure({ skip: ['privileged-containers'] }),
  ]
  assert.ok(base.check(PRIV).findings.some((f) => f.policy.id === 'privileged-containers'))
  assert.equal(base.isEnabled('privileged-containers'), true)
  for (const b of forms) {
    assert.equal(b.isEnabled('privileged-containers'), false)
    assert.ok(!b.check(PRIV).findings.some((f) => f.policy.id === 'privileged-containers'))
  }
  const warn = base.configure({ policies: { 'privileged-containers': { enforcementAction: 'warn' } } })
  const f = warn.check(PRIV).findings.find((x) => x.policy.id === 'privileged-containers')
  assert.equal(f.action, 'warn')
  assert.equal(kubegov.Bundle.default({ select: ['category=rbac'] }).isEnabled('privileged-containers'), false)
})
