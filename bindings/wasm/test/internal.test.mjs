// Internal errors: a panic in the module (a trap under panic = "abort") reaches
// JavaScript as a KubegovError with code `internal` and the panic's message;
// the module is instantiated again, so the next calls work; bundles made
// before it throw `bundle.invalidated`. Through both entry points: pkg-node
// (CommonJS) and pkg-web (ES module, initialised here from the bytes).
import test from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { PKG, VECTORS, readTree, PRIV, caught } from './helpers.mjs'

const require = createRequire(import.meta.url)
const node = require('../pkg-node/kubegov_wasm.js')
const web = await import('../pkg-web/kubegov_wasm.js')
await web.default({ module_or_path: fs.readFileSync(path.join(PKG, 'pkg-web', 'kubegov_wasm_bg.wasm')) })

const SOURCES = readTree(path.join(VECTORS, 'bundle'))
const CASE = fs.readdirSync(path.join(VECTORS, 'cases')).filter((f) => f.endsWith('.input')).sort()[0]
const INPUT = fs.readFileSync(path.join(VECTORS, 'cases', CASE), 'utf8')
const EXPECTED = fs.readFileSync(path.join(VECTORS, 'cases', CASE.replace(/\.input$/, '.expected.json')), 'utf8')

function assertInternal(e) {
  assert.ok(e instanceof Error, String(e))
  assert.equal(e.name, 'KubegovError')
  assert.equal(e.code, 'internal')
  assert.match(e.message, /^internal error in kubegov \(please report it\): /)
  // The panic hook's message, with where it panicked.
  assert.match(e.message, /deliberate panic for tests at bindings\/wasm\/src\/lib\.rs:\d+:\d+$/)
  assert.ok(e.cause instanceof WebAssembly.RuntimeError, 'the trap is the cause')
}

for (const [name, kubegov] of [['pkg-node', node], ['pkg-web', web]]) {
  test(`${name}: a panic becomes a KubegovError with code internal, then check gives the golden report`, () => {
    assert.equal(kubegov.Bundle.fromSources(SOURCES).checkJson(INPUT), EXPECTED)
    assertInternal(caught(() => kubegov.__panicForTests()))
    assert.equal(kubegov.Bundle.fromSources(SOURCES).checkJson(INPUT), EXPECTED)
    assert.deepEqual(kubegov.Bundle.fromSources(SOURCES).check(INPUT), JSON.parse(EXPECTED))
    const report = kubegov.Bundle.default().check(PRIV, 'pod.yaml')
    const f = report.findings.find((x) => x.policy.id === 'privileged-containers')
    assert.deepEqual([f.source.file, f.source.line, f.source.column], ['pod.yaml', 13, 7])
  })

  test(`${name}: a bundle made before a panic throws bundle.invalidated; free() does nothing`, () => {
    const before = kubegov.Bundle.fromSources(SOURCES)
    const disposed = kubegov.Bundle.fromSources(SOURCES)
    assert.equal(before.checkJson(INPUT), EXPECTED)
    caught(() => kubegov.__panicForTests())
    for (const use of [() => before.check(INPUT), () => before.checkJson(INPUT), () => before.policies(), () => before.digest, () => before.test()]) {
      const e = caught(use)
      assert.equal(e.name, 'KubegovError')
      assert.equal(e.code, 'bundle.invalidated')
      assert.match(e.message, /made before kubegov restarted after an internal error/)
    }
    before.free()
    disposed[Symbol.dispose]?.()
    const after = kubegov.Bundle.fromSources(SOURCES)
    assert.ok(after instanceof kubegov.Bundle)
    assert.equal(after.checkJson(INPUT), EXPECTED)
    after.free()
  })

  test(`${name}: panic after panic, each is coded and the module keeps working`, () => {
    for (let i = 0; i < 5; i++) {
      assertInternal(caught(() => kubegov.__panicForTests()))
      assert.equal(kubegov.Bundle.fromSources(SOURCES).checkJson(INPUT), EXPECTED)
    }
    assert.equal(kubegov.version(), JSON.parse(fs.readFileSync(path.join(PKG, 'package.json'), 'utf8')).version)
  })

  test(`${name}: ordinary errors keep their code and do not restart the module`, () => {
    const bundle = kubegov.Bundle.default()
    assert.equal(caught(() => bundle.check(42)).code, 'input.invalid')
    assert.equal(caught(() => kubegov.Bundle.fromSources({ 'a.rego': 'package' })).code, 'load.rego')
    assert.equal(bundle.check(PRIV).summary.objects, 1)
  })

  test(`${name}: Bundle has no public constructor`, () => {
    assert.throws(() => new kubegov.Bundle(), TypeError)
  })
}

test('the entry points wrap every export of the glue, every method of Bundle', async () => {
  const glueNode = require('../pkg-node/kubegov_wasm_glue.js').createGlue()
  const { createGlue } = await import('../pkg-web/kubegov_wasm_glue.js')
  const glueWeb = createGlue()
  const internal = ['__lastPanic', '__module', '__retire']
  const names = (o) => Object.keys(o).filter((k) => !internal.includes(k)).sort()
  assert.deepEqual(names(node), names(glueNode))
  assert.deepEqual(names(web), names({ ...glueWeb }))
  for (const [wrapper, glue] of [[node.Bundle, glueNode.Bundle], [web.Bundle, glueWeb.Bundle]]) {
    const own = (o) => Reflect.ownKeys(o).filter((k) => typeof k === 'symbol' || !k.startsWith('__')).map(String).sort()
    assert.deepEqual(own(wrapper.prototype), own(glue.prototype))
    const statics = (o) => Object.getOwnPropertyNames(o).filter((k) => typeof o[k] === 'function' && !k.startsWith('__')).sort()
    assert.deepEqual(statics(wrapper), statics(glue))
  }
})

test('package.json points at the wrappers', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(PKG, 'package.json'), 'utf8'))
  assert.equal(pkg.exports['.'].node.default, './pkg-node/kubegov_wasm.js')
  assert.equal(pkg.exports['.'].default, './pkg-web/kubegov_wasm.js')
  assert.equal(pkg.exports['./web'].default, './pkg-web/kubegov_wasm.js')
  for (const f of ['pkg-node/kubegov_wasm.js', 'pkg-web/kubegov_wasm.js']) {
    assert.match(fs.readFileSync(path.join(PKG, f), 'utf8'), /Generated by scripts\/wrap\.mjs/)
  }
})
