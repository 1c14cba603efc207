import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadRuleDir, loadRuleFile, RuleFileError } from '../alerts/engine/load-rules.ts'
import { watchRules } from '../alerts/engine/watch-rules.ts'

const SHIPPED = path.join(import.meta.dirname, '..', 'alerts', 'rules')
const errorsOf = (text: string) => loadRuleFile('rules.yml', text).errors.map((e) => e.message)

describe('alert rule files', () => {
  it('ship rules for KPI thresholds, findings, anomalies and freshness that load cleanly, with runbook sections that exist', () => {
    const { rules, errors } = loadRuleDir(SHIPPED)
    expect(errors.map((e) => e.message)).toEqual([])
    expect(new Set(rules.map((r) => r.kind))).toEqual(new Set(['kpi', 'finding', 'anomaly', 'freshness']))
    expect(rules.find((r) => r.alert === 'PickupWithin4hLow')).toMatchObject({ kind: 'kpi', kpi: 'pickup_within_4h', forMs: 30 * 60_000, file: path.join(SHIPPED, 'kpis.yml') })
    const runbook = readFileSync(path.join(import.meta.dirname, '..', 'docs', 'RUNBOOK.md'), 'utf8')
    const anchors = new Set([...runbook.matchAll(/^## (.+)$/gm)].map((m) => m[1]!.trim()))
    for (const r of rules) expect(anchors, `${r.alert} → ${r.runbook_url}`).toContain(r.runbook_url!.split('#')[1])
  })

  it('names the file, the line and the field of a bad value, and why', () => {
    const text = ['rules:', '  - kind: kpi', '    alert: Low', '    kpi: pickup_within_4h', '    for: soon', '']
    expect(errorsOf(text.join('\n'))).toEqual(['rules.yml:5: /rules/0/for: must match pattern "^[0-9]+(ms|s|m|h|d)$"'])
  })

  it('names a missing field where its rule is, an unknown field, and an unknown kind with the known ones', () => {
    expect(errorsOf('rules:\n  - kind: freshness\n    alert: Quiet\n    source: job\n')).toEqual(['rules.yml:2: /rules/0/quiet_for: is required'])
    expect(errorsOf('rules:\n  - kind: finding\n    alert: A\n    pattern: "*"\n    colour: red\n')).toEqual(['rules.yml:5: /rules/0/colour: is not a field of this contract'])
    expect(errorsOf('rules:\n  - alert: A\n    kind: threshold\n')).toEqual(['rules.yml:3: /rules/0/kind: must be one of: kpi, finding, anomaly, freshness, risk'])
  })

  it('refuses a KPI or a pattern that does not exist, listing those that do', () => {
    const [kpi] = errorsOf('rules:\n  - kind: kpi\n    alert: A\n    kpi: happiness\n')
    expect(kpi).toMatch(/^rules\.yml:4: \/rules\/0\/kpi: unknown KPI 'happiness'; known: .*pickup_within_4h/)
    const [pattern] = errorsOf('rules:\n  - kind: finding\n    alert: A\n    pattern: ip_blacklist\n')
    expect(pattern).toMatch(/^rules\.yml:4: \/rules\/0\/pattern: unknown pattern 'ip_blacklist'; known: ip_whitelist, .*stalled_tracking, \*$/)
  })

  it('reports YAML syntax errors with their line, and a file without a rules list', () => {
    expect(errorsOf('rules:\n  - kind: kpi\n   alert: [unclosed\n')[0]).toMatch(/^rules\.yml:3: \/: /)
    expect(errorsOf('alerts: []\n')).toEqual(['rules.yml:1: /rules: a rule file is a map with a list under `rules`'])
  })

  it('refuses the same alert name in two files, naming the first', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'orderlens-rules-'))
    writeFileSync(path.join(dir, 'a.yml'), 'rules:\n  - kind: finding\n    alert: Same\n    pattern: "*"\n')
    writeFileSync(path.join(dir, 'b.yml'), 'rules:\n  - kind: finding\n    alert: Same\n    pattern: encoding\n')
    const { rules, errors } = loadRuleDir(dir)
    expect(rules).toEqual([])
    expect(errors.map((e) => e.message)).toEqual([`${path.join(dir, 'b.yml')}:2: /alert: 'Same' is already defined at ${path.join(dir, 'a.yml')}:2`])
    expect(errors[0]).toBeInstanceOf(RuleFileError)
  })

  it('reloads on change without a restart, keeping the rules in force when the new file is broken', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'orderlens-rules-'))
    const file = path.join(dir, 'rules.yml')
    writeFileSync(file, 'rules:\n  - kind: finding\n    alert: First\n    pattern: "*"\n')
    const loads: number[] = []
    const set = watchRules(dir, { debounceMs: 20, onLoad: (r) => loads.push(r.errors.length) })
    try {
      expect(set.current().map((r) => r.alert)).toEqual(['First'])
      writeFileSync(file, 'rules:\n  - kind: finding\n    alert: Second\n    pattern: encoding\n')
      await expect.poll(() => set.current().map((r) => r.alert), { timeout: 5000 }).toEqual(['Second'])
      writeFileSync(file, 'rules:\n  - kind: finding\n    alert: Third\n    pattern: nonsense\n')
      await expect.poll(() => set.errors().length, { timeout: 5000 }).toBe(1)
      expect(set.current().map((r) => r.alert)).toEqual(['Second'])
      expect(set.errors()[0]!.message).toBe(`${file}:4: /rules/0/pattern: unknown pattern 'nonsense'; known: ip_whitelist, encoding, throttling, stopped_job, queue_backlog, presale_receiver, manual_duplicates, status_desync, traffic_surge, stalled_tracking, *`)
    } finally {
      set.close()
    }
    expect(loads[0]).toBe(0)
  })

  it('are checked by `orderlens alerts check-rules`, which exits 2 naming every error', () => {
    const bin = path.join(import.meta.dirname, '..', 'bin', 'orderlens.mjs')
    const good = spawnSync(process.execPath, [bin, 'alerts', 'check-rules'], { encoding: 'utf8' })
    expect(good.status).toBe(0)
    expect(good.stdout).toMatch(/^\d+ rules in .*: .*kpi/)
    const dir = mkdtempSync(path.join(tmpdir(), 'orderlens-rules-'))
    writeFileSync(path.join(dir, 'r.yml'), 'rules:\n  - kind: kpi\n    alert: X\n    kpi: nope\n  - kind: freshness\n    alert: Y\n    source: job\n')
    const bad = spawnSync(process.execPath, [bin, 'alerts', 'check-rules', '--dir', dir], { encoding: 'utf8' })
    expect(bad.status).toBe(2)
    expect(bad.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/r\.yml:4: \/rules\/0\/kpi: unknown KPI 'nope'/),
      `${path.join(dir, 'r.yml')}:5: /rules/1/quiet_for: is required`,
    ])
  })
})
