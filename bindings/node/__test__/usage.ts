// A small TypeScript program over the generated types; tsc --noEmit --strict
// must accept it (types.test.js). It is compiled, not run.
import { Bundle, Report, Finding, Policy, KubegovError, ReportJson, SuiteResults, CaseResult, TestResults, test, verify, verifyAsync, parseYaml, VERSION, SCHEMA_VERSION } from '..'

const bundle: Bundle = Bundle.default()
const loaded: Bundle = Bundle.load('policies/', { skip: ['image-tag-latest'] })
const fromSources: Bundle = Bundle.fromSources({ 'p.rego': 'package p' }, { lists: [1, 2] })
const configured: Bundle = bundle.configure('select: ["category=rbac"]\n')

const report: Report = bundle.check({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' } })
bundle.check('apiVersion: v1\nkind: Pod\n')
bundle.check(['manifests/', { kind: 'Pod' }])

const high: Finding[] = report.findings.filter((f) => f.policy.severity === 'high' || f.action === 'deny')
const where: string = high.map((f) => `${f.source.file ?? '<input>'}:${f.source.line}:${f.source.column}`).join('\n')
const counts: Record<string, number> = report.summary.findings
const errors: string[] = report.errors.map((e) => `${e.code} ${e.message}`)
const json: ReportJson = report.toJSON()
const text: string = report.toJsonString()
const denied: boolean = report.hasDenials
const digest: string = bundle.digest
const policies: Policy[] = bundle.policies
const one: Policy | null = bundle.policy('privileged-containers')
const enabled: boolean = configured.isEnabled('privileged-containers')

async function later(): Promise<number> {
  const r: Report = await loaded.checkAsync('manifests/')
  return r.summary.objects + r.findings.length
}

function describe(e: unknown): string {
  const err = e as KubegovError
  return `${err.code} at ${err.file ?? '?'}:${err.line ?? 0}:${err.column ?? 0}: ${err.message}`
}

const sarif: string = report.toSarif({ allRules: true }) + report.toSarif() + report.toGithub() + report.toTable({ color: false })
const suites: SuiteResults = verify(['suite.yaml', 'more/'])
const failing: CaseResult[] = suites.cases.filter((c) => c.status === 'fail' && (c.message ?? '').length > 0)
const unit: TestResults = test('policies/', 'privileged')
const outcomes: string[] = unit.tests.map((t) => `${t.outcome} ${t.error ?? ''} ${t.micros}`).concat(bundle.test().tests.map((t) => t.name))
const parsed: unknown = parseYaml('a: 1\n', 'x.yaml')
const signed: Bundle = Bundle.load('b.tar.gz', null, { verificationKey: 'k', keyId: 'id', scope: 's' })
const tarred: Bundle = Bundle.fromTarGz(new Uint8Array(0))
const versions: string = VERSION + SCHEMA_VERSION

async function verifyLater(): Promise<number> {
  const r: SuiteResults = await verifyAsync('suite.yaml')
  return r.passed + r.failed + r.skipped + (r.ok ? 1 : 0) + r.summary.length
}

export { sarif, failing, outcomes, parsed, signed, tarred, versions, verifyLater }
export { fromSources, where, counts, errors, json, text, denied, digest, policies, one, enabled, later, describe }
