import { describe, expect, it } from 'vitest'
import { reflow, runbookAnchor, runbookSection } from './runbook.ts'

const MD = '# Title\n\nintro\n\n## kpi-audit\n\nFind the tool.\n\n### details\n\nmore\n\n## failure-patterns\n\nA failure story.\n'

describe('runbook', () => {
  it('names the section of a repository runbook link, and none of a web link', () => {
    expect(runbookAnchor('docs/RUNBOOK.md#kpi-audit')).toBe('kpi-audit')
    expect(runbookAnchor('https://wiki.example/x#y')).toBeNull()
  })

  it("takes a section's text with its subsections, up to the next heading of its level", () => {
    expect(runbookSection(MD, 'kpi-audit')).toBe('Find the tool.\n\n### details\n\nmore')
    expect(runbookSection(MD, 'failure-patterns')).toBe('A failure story.')
    expect(runbookSection(MD, 'nope')).toBeNull()
  })

  it('joins wrapped lines into paragraphs but keeps list items and paragraph breaks', () => {
    expect(reflow('Check the host\nand the clock.\n\n- one\n- two\nwrapped')).toBe('Check the host and the clock.\n\n- one\n- two wrapped')
  })
})
