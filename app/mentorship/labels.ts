// Names and labels the mentorship pages show. Isomorphic: components import from here, never
// from the domain modules that write (they reach server-only code such as the audit log).
export const PAIRING_STATUSES = ['active', 'ended', 'completed'] as const
export type PairingStatus = (typeof PAIRING_STATUSES)[number]
export const PAIRING_STATUS_LABELS: Record<PairingStatus, string> = { active: '在带', ended: '已结束', completed: '已结业' }

/** active | flagged (active with a flag) | completed | ended | all */
export const PAIRING_FILTERS = ['all', 'active', 'flagged', 'completed', 'ended'] as const
export type PairingFilter = (typeof PAIRING_FILTERS)[number]
export const PAIRING_FILTER_LABELS: Record<PairingFilter, string> = { all: '全部', active: '在带', flagged: '需关注', completed: '已结业', ended: '已结束' }

export const ASSIGNMENT_KINDS = ['lesson', 'course', 'practice'] as const
export type AssignmentKind = (typeof ASSIGNMENT_KINDS)[number]
export const ASSIGNMENT_KIND_LABELS: Record<AssignmentKind, string> = { lesson: '课时', course: '整门课程', practice: '专题练习' }

/** Term evaluation ratings, per goal. */
export const RATING_LABELS: Record<number, string> = { 4: '优秀', 3: '良好', 2: '合格', 1: '不合格' }

export const PROJECT_ROLES = ['主审', '组员', '协审', '见习'] as const
