import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { createConsoleI18n } from '../i18n/index.ts'
import JobsTable from './JobsTable.vue'
import { job, JOBS } from './fixtures.test-data.ts'

const mountTable = (jobs = JOBS.jobs, locale: 'en' | 'zh-CN' = 'en') => mount(JobsTable, { props: { jobs }, global: { plugins: [createConsoleI18n(locale)] } })

describe('JobsTable', () => {
  it('highlights an overdue job: state, stale last success, no successes in a row', () => {
    const table = mountTable()
    const row = table.get('[data-testid="job-row-pinduoduo_order_import"]')
    expect(row.classes()).toContain('job-overdue')
    expect(table.get('[data-testid="job-state-pinduoduo_order_import"]').text()).toBe('Overdue')
    expect(table.get('[data-testid="job-last-success-pinduoduo_order_import"]').text()).toBe('2.0 h ago')
    expect(table.get('[data-testid="job-consecutive-pinduoduo_order_import"]').text()).toBe('0')
  })

  it('lets a long job name wrap only after an underscore, keeping its text whole', () => {
    const name = mountTable().get('[data-testid="job-row-pinduoduo_order_import"] strong')
    expect(name.text()).toBe('pinduoduo_order_import')
    expect(name.findAll('wbr')).toHaveLength(2)
    expect(name.element.innerHTML.replace(/<!--.*?-->|\s*data-v-\w+=""/g, '')).toBe('pinduoduo_<wbr>order_<wbr>import')
  })

  it('marks a job whose last run failed apart from the healthy ones', () => {
    const table = mountTable()
    expect(table.get('[data-testid="job-row-erp_inventory_sync"]').classes()).toContain('job-failed')
    expect(table.get('[data-testid="job-state-erp_inventory_sync"]').text()).toBe('Last run failed')
    const ok = table.get('[data-testid="job-row-taobao_order_import"]')
    expect(ok.classes()).toEqual(['job-ok'])
    expect(table.get('[data-testid="job-consecutive-taobao_order_import"]').text()).toBe('138')
    expect(table.get('[data-testid="job-rows-taobao_order_import"]').text()).toBe('12,056')
    expect(ok.text()).toContain('8917 ms')
  })

  it('says when the streak reaches the look-back and when there was no success in it, in Chinese too', () => {
    const table = mountTable([job({ consecutive_successes: 2016, consecutive_capped: true }), job({ job: 'tracking_refresh', last_success: null, last_success_age_s: null })], 'zh-CN')
    expect(table.get('[data-testid="job-consecutive-taobao_order_import"]').text()).toBe('2,016+')
    expect(table.get('[data-testid="job-last-success-tracking_refresh"]').text()).toBe('7 天内无成功')
    expect(table.get('[data-testid="job-state-taobao_order_import"]').text()).toBe('按时')
    expect(table.get('[data-testid="job-last-success-taobao_order_import"]').text()).toBe('5 分钟前')
  })
})
