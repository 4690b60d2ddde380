'use strict'
// Golden vectors: every case of tests/vectors, read as text, must give exactly
// the bytes of its expected report, from check and from checkAsync.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { VECTORS, vectorsBundle } = require('./helpers')

const cases = fs
  .readdirSync(path.join(VECTORS, 'cases'))
  .filter((f) => f.endsWith('.input'))
  .map((f) => f.slice(0, -'.input'.length))
  .sort()

test('there are golden vectors', () => {
  assert.ok(cases.length >= 5, `found ${cases.length}`)
})

for (const name of cases) {
  const input = fs.readFileSync(path.join(VECTORS, 'cases', `${name}.input`), 'utf8')
  const expected = fs.readFileSync(path.join(VECTORS, 'cases', `${name}.expected.json`), 'utf8')

  test(`vector ${name}: check`, () => {
    assert.equal(vectorsBundle().check(input).toJsonString(), expected)
  })

  test(`vector ${name}: checkAsync`, async () => {
    const report = await vectorsBundle().checkAsync(input)
    assert.equal(report.toJsonString(), expected)
  })

  test(`vector ${name}: JSON.stringify(report) is the same document`, () => {
    const report = vectorsBundle().check(input)
    assert.deepEqual(JSON.parse(JSON.stringify(report)), JSON.parse(expected))
    // and with two-space indentation, the same text
    assert.equal(JSON.stringify(report, null, 2), expected)
  })
}
