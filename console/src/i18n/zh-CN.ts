import type { Messages } from './en.ts'
import * as syncHealthMessages from '../sync-health/messages.ts'
import * as traceMessages from '../trace/messages.ts'
import * as cockpitMessages from '../cockpit/messages.ts'
import * as ticketsMessages from '../tickets/messages.ts'
import * as alertsMessages from '../alerts/messages.ts'
import * as patternNames from './patterns.ts'

export const zhCN: Messages = {
  app: { title: 'OrderLens 订单链路观测', logout: '退出登录', language: '语言', refresh: '自动刷新', refreshOff: '关闭' },
  nav: { syncHealth: '同步健康', cockpit: '效率驾驶舱', trace: '订单追踪', tickets: '处置工单', alerts: '告警' },
  roles: { sre: '运维 SRE', manager: '管理者', oncall: '值班', admin: '管理员' },
  login: { title: '登录 OrderLens', username: '用户名', password: '密码', submit: '登录', failed: '登录失败：{message}' },
  range: { label: '时间范围', '1h': '最近 1 小时', '6h': '最近 6 小时', '24h': '最近 24 小时', '7d': '最近 7 天', custom: '自定义' },
  state: { loading: '加载中…', empty: '暂无数据', error: '加载失败：{message}', retry: '重试' },
  severity: { critical: '严重', warning: '警告', info: '提示' },
  status: { healthy: '健康', warning: '警告', critical: '严重', no_data: '无数据' },
  syncHealth: syncHealthMessages.zhCN,
  trace: traceMessages.zhCN,
  cockpit: cockpitMessages.zhCN,
  tickets: ticketsMessages.zhCN,
  alerts: alertsMessages.zhCN,
  patterns: patternNames.zhCN,
}
