// Golden vectors: every case of tests/vectors, read as text, must give exactly
// the bytes of its expected report (the core's canonical JSON).
import test from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { VECTORS, vectorsBundle } from './helpers.mjs'

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

  test(`vector ${name}: checkJson gives the expected bytes`, () => {
    assert.equal(vectorsBundle().checkJson(input), expected)
  })

  test(`vector ${name}: check gives the same document`, () => {
    const report = vectorsBundle().check(input)
    assert.deepEqual(report, JSON.parse(expected))
    // key order kept: two-space JSON.stringify is the canonical text
    assert.equal(JSON.stringify(report, null, 2), expected)
  })

  test(`vector ${name}: the digest is the bundle's`, () => {
    assert.equal(vectorsBundle().digest, JSON.parse(expected).bundle.digest)
  })
}
