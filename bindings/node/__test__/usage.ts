// A small TypeScript program over the generated types; tsc --noEmit --strict
// must accept it (types.test.js). It is compiled, not run.
import { Bundle, Report, Finding, Policy, KubegovError, ReportJson } from '..'

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

export { fromSources, where, counts, errors, json, text, denied, digest, policies, one, enabled, later, describe }
