import { Type, type Static } from '@sinclair/typebox'
import { createRowValidator } from '../../core/contracts/index.ts'

const Share = Type.Number({ minimum: 0, maximum: 1 })

const ChannelProfileSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9_]+$' }),
    /** Share of orders. */
    share: Share,
    /** The platform API OMS talks to (interface-call source/target). */
    api: Type.String({ minLength: 1 }),
    /** How OMS learns of orders: pulled by a scheduled import job, or pushed by the channel. */
    intake: Type.Union([Type.Literal('import_job'), Type.Literal('push')]),
    presaleShare: Share,
    department: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
)

/** The company being simulated: its volume, channels, warehouses and habits. */
export const CompanyProfileSchema = Type.Object(
  {
    name: Type.String(),
    ordersPerDay: Type.Number({ minimum: 1, maximum: 50_000_000 }),
    channels: Type.Array(ChannelProfileSchema, { minItems: 1 }),
    warehouses: Type.Array(Type.Object({ code: Type.String(), region: Type.String(), wmsIp: Type.String({ format: 'ip' }) }, { additionalProperties: false }), { minItems: 1 }),
    carriers: Type.Array(Type.String(), { minItems: 1 }),
    departments: Type.Array(Type.String()),
    /** Share of consignee names holding a rare character (domain.md: ~1.2% of Douyin writes fail). */
    rareNameShare: Share,
    cancelShare: Share,
    refundShare: Share,
    afterSalesShare: Share,
    /** Share of hops whose interface call fails once for ordinary reasons (timeouts, 5xx) and is retried. */
    callErrorRate: Share,
    /** Share of manual order changes made without an audit record (the audit-completeness KPI wants 0). */
    untracedChangeShare: Share,
    /** Company-specific promotions on top of the platform calendar: [start, end) epoch ms. */
    promotions: Type.Array(Type.Object({ name: Type.String(), start: Type.Number(), end: Type.Number(), multiplier: Type.Number({ minimum: 0 }) })),
  },
  { additionalProperties: false },
)

export type ChannelProfile = Static<typeof ChannelProfileSchema>
export type CompanyProfile = Static<typeof CompanyProfileSchema>

export const DEFAULT_COMPANY: CompanyProfile = {
  name: '示例品牌 Demo Brand',
  ordersPerDay: 20_000,
  channels: [
    { id: 'taobao', share: 0.3, api: 'taobao_api', intake: 'import_job', presaleShare: 0.08, department: 'ecom-tmall' },
    { id: 'jd', share: 0.18, api: 'jd_api', intake: 'import_job', presaleShare: 0.05, department: 'ecom-jd' },
    { id: 'pinduoduo', share: 0.15, api: 'pdd_api', intake: 'import_job', presaleShare: 0.02, department: 'ecom-pdd' },
    { id: 'douyin', share: 0.17, api: 'douyin_api', intake: 'push', presaleShare: 0.06, department: 'live-commerce' },
    { id: 'kuaishou', share: 0.06, api: 'kuaishou_api', intake: 'push', presaleShare: 0.02, department: 'live-commerce' },
    { id: 'miniprogram', share: 0.08, api: 'miniprogram', intake: 'push', presaleShare: 0.03, department: 'private-domain' },
    { id: 'pos', share: 0.04, api: 'pos', intake: 'push', presaleShare: 0, department: 'offline-retail' },
    { id: 'manual', share: 0.02, api: 'manual', intake: 'push', presaleShare: 0, department: 'key-accounts' },
  ],
  warehouses: [
    { code: 'wh-hangzhou', region: 'east', wmsIp: '10.8.1.21' },
    { code: 'wh-guangzhou', region: 'south', wmsIp: '10.8.2.21' },
    { code: 'wh-beijing', region: 'north', wmsIp: '10.8.3.21' },
    { code: 'wh-chengdu', region: 'west', wmsIp: '10.8.4.21' },
  ],
  carriers: ['sf', 'zto', 'yto', 'jd-logistics', 'yunda', 'ems'],
  departments: ['ecom-tmall', 'ecom-jd', 'ecom-pdd', 'live-commerce', 'private-domain', 'offline-retail', 'key-accounts'],
  rareNameShare: 0.012,
  cancelShare: 0.04,
  refundShare: 0.03,
  afterSalesShare: 0.01,
  callErrorRate: 0.004,
  untracedChangeShare: 0.03,
  promotions: [],
}

/** The default company with `overrides`, checked against the schema; an error names the field. */
export function companyProfile(overrides: Partial<CompanyProfile> = {}): CompanyProfile {
  const company = { ...DEFAULT_COMPANY, ...overrides }
  const error = createRowValidator(CompanyProfileSchema)(company)
  if (error) throw new Error(`company profile ${error.field}: ${error.reason}`)
  return company
}
