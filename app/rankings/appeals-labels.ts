// The appeal states, limits and labels the pages show (ADR 062): plain constants with no
// imports, so the browser bundle can use them without pulling in server code.
export const APPEAL_WINDOW_DAYS = 7

export const APPEAL_STATUSES = ['open', 'accepted', 'rejected'] as const
export type AppealStatus = (typeof APPEAL_STATUSES)[number]
export const APPEAL_STATUS_LABELS: Record<AppealStatus, string> = { open: '待处理', accepted: '已受理', rejected: '未采纳' }

export const APPEAL_REASON_MIN = 10
export const APPEAL_REASON_MAX = 1000
export const APPEAL_REPLY_MAX = 1000
