// Compiled by types.test.mjs with tsc --strict: the generated declarations
// describe what the package returns.
import init, { Bundle, version } from '../pkg-web/kubegov_wasm.js'
import type { Finding, KubegovError, Policy, Report, Severity, TestResults } from '../pkg-web/kubegov_wasm.js'

export async function example(yaml: string): Promise<string[]> {
  await init()
  const bundle: Bundle = Bundle.default({ skip: ['image-tag-latest'] })
  const report: Report = bundle.check(yaml, 'objects.yaml')
  const text: string = bundle.checkJson([{ apiVersion: 'v1', kind: 'Pod' }, yaml])
  const lines: number[] = report.findings.map((f: Finding) => f.source.line)
  const severities: Severity[] = report.findings.map((f) => f.policy.severity)
  const total: number = report.summary.findings.total + report.errors.length + text.length
  const policies: Policy[] = bundle.policies()
  const first: Policy | undefined = bundle.policy(policies[0]?.id ?? '')
  const tests: TestResults = Bundle.fromSources(Bundle.librarySources()).test('privileged')
  const outcomes = tests.tests.map((t) => (t.outcome === 'pass' ? t.name : `${t.name}: ${t.message ?? ''}`))
  const digest: string = bundle.digest
  try {
    Bundle.fromSources({ 'bad.rego': 'package' })
  } catch (e) {
    const err = e as KubegovError
    const where: string = `${err.code} ${err.file ?? ''}:${err.line ?? 0}:${err.column ?? 0}`
    outcomes.push(where)
  }
  bundle.free()
  return [version(), digest, String(total), first?.title ?? '', ...severities, ...outcomes, ...lines.map(String)]
}
