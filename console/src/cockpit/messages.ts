/** The cockpit page's texts; the zh-CN object must have the same keys as the English one (checked by its type). */
export const en = { title: 'Efficiency cockpit', previous: 'Previous', change: 'Change', noKpis: 'No KPIs for this time range.', samples: '{n} samples' }

export const zhCN: typeof en = { title: '效率驾驶舱', previous: '上期', change: '变化', noKpis: '该时间范围内没有指标。', samples: '{n} 个样本' }
