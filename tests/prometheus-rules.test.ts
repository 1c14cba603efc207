import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../server/app.ts'
import { testConfig } from './helpers/config.ts'

const run = promisify(execFile)
const DIR = path.join(import.meta.dirname, '..', 'alerts', 'prometheus')
const RULES = path.join(DIR, 'orderlens.rules.yml')

/** OrderLens's own health rules: valid for Prometheus, their unit tests pass, and every series they read is one OrderLens exports. */
describe('Prometheus rules for OrderLens itself', () => {
  it('pass promtool check rules', async () => {
    const { stdout } = await run('promtool', ['check', 'rules', RULES])
    expect(stdout).toMatch(/SUCCESS: \d+ rules found/)
  })

  it('pass their promtool unit tests (fire after their `for`, not before, with the annotations written)', async () => {
    const { stdout } = await run('promtool', ['test', 'rules', path.join(DIR, 'orderlens.rules.test.yml')])
    expect(stdout).toMatch(/SUCCESS/)
  })

  it('give every alert a severity, a summary, a description and a runbook section that exists', () => {
    const groups = (parse(readFileSync(RULES, 'utf8')) as { groups: { rules: { alert: string; labels: Record<string, string>; annotations: Record<string, string> }[] }[] }).groups
    const runbook = readFileSync(path.join(import.meta.dirname, '..', 'docs', 'RUNBOOK.md'), 'utf8')
    const anchors = new Set([...runbook.matchAll(/^## (.+)$/gm)].map((m) => m[1]!.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-')))
    for (const rule of groups.flatMap((g) => g.rules)) {
      expect(['critical', 'warning'], rule.alert).toContain(rule.labels.severity)
      expect(rule.annotations.summary, rule.alert).toBeTruthy()
      expect(rule.annotations.description, rule.alert).toBeTruthy()
      expect(anchors, `${rule.alert} → ${rule.annotations.runbook_url}`).toContain(rule.annotations.runbook_url!.split('#')[1])
    }
  })

  describe('against a running OrderLens', () => {
    let app: FastifyInstance
    beforeAll(async () => {
      app = await buildApp({ config: testConfig() })
      await app.ready()
    })
    afterAll(async () => {
      await app?.close()
    })

    it('read only series that its /metrics exports', async () => {
      const exported = new Set([...(await app.inject({ url: '/metrics' })).body.matchAll(/^# TYPE (\S+) (\S+)$/gm)].flatMap(([, name, type]) => (type === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name!])))
      const used = new Set([...readFileSync(RULES, 'utf8').matchAll(/\b(orderlens_[a-z_]+)\b/g)].map((m) => m[1]!))
      expect(used.size).toBeGreaterThan(5)
      expect([...used].filter((name) => !exported.has(name))).toEqual([])
    })
  })
})
