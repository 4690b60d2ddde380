'use strict'
// checkAsync runs off the main thread: many at once give identical results,
// and the event loop keeps turning while they run.
const test = require('node:test')
const assert = require('node:assert/strict')
const { kubegov, PRIV, vectorsBundle } = require('./helpers')

function corpus(n) {
  const docs = []
  for (let i = 0; i < n; i++) docs.push(PRIV.replace('name: p', `name: p${i}`))
  return docs.join('---\n')
}

test('50 concurrent checkAsync calls give identical results', async () => {
  const bundle = kubegov.Bundle.default()
  const text = corpus(8)
  const expected = bundle.check(text).toJsonString()
  const reports = await Promise.all(Array.from({ length: 50 }, () => bundle.checkAsync(text)))
  assert.equal(reports.length, 50)
  for (const r of reports) assert.equal(r.toJsonString(), expected)
  assert.equal(reports[0].summary.objects, 8)
})

test('concurrent calls on different bundles and inputs do not mix', async () => {
  const a = kubegov.Bundle.default()
  const b = vectorsBundle()
  const inputs = Array.from({ length: 10 }, (_, i) => corpus(1 + (i % 4)))
  const jobs = inputs.flatMap((t) => [a.checkAsync(t), b.checkAsync(t)])
  const reports = await Promise.all(jobs)
  reports.forEach((r, i) => {
    const bundle = i % 2 === 0 ? a : b
    assert.equal(r.toJsonString(), bundle.check(inputs[Math.floor(i / 2)]).toJsonString())
  })
})

test('the event loop runs while checkAsync works', async () => {
  const bundle = kubegov.Bundle.default()
  const text = corpus(300)
  let ticks = 0
  const timer = setInterval(() => ticks++, 1)
  const started = Date.now()
  const report = await bundle.checkAsync(text)
  const elapsed = Date.now() - started
  clearInterval(timer)
  assert.equal(report.summary.objects, 300)
  // a blocked loop would see at most one tick
  assert.ok(ticks >= 3 || elapsed < 10, `${ticks} ticks in ${elapsed} ms`)
})

test('a rejected checkAsync carries the code', async () => {
  await assert.rejects(vectorsBundle().checkAsync('/no/such/file.yaml'), (e) => {
    assert.ok(e instanceof Error)
    assert.equal(e.code, 'input.invalid')
    return true
  })
})
