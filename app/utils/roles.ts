// Roles and the navigation they open. Isomorphic: the server enforces, the UI only hides.
import { z } from 'zod'

export const ROLES = ['learner', 'mentor', 'lecturer', 'admin'] as const
export type Role = (typeof ROLES)[number]
export const RoleSchema = z.enum(ROLES)

export const ROLE_LABELS: Record<Role, string> = {
	learner: '学员',
	mentor: '导师',
	lecturer: '讲师',
	admin: '管理员',
}

export const ROLE_BY_LABEL: Record<string, Role> = Object.fromEntries(
	Object.entries(ROLE_LABELS).map(([role, label]) => [label, role as Role]),
)

export type NavEntry = { to: string; label: string; roles: readonly Role[] }

/** 学习 / 考试 / 排行榜 / 导师 / 讲师 / 管理: each shown to the roles that may open it. */
export const NAV_ENTRIES: NavEntry[] = [
	{ to: '/learn', label: '学习', roles: ['learner', 'mentor', 'lecturer', 'admin'] },
	{ to: '/exams', label: '考试', roles: ['learner'] },
	{ to: '/rankings', label: '排行榜', roles: ['learner', 'mentor', 'lecturer', 'admin'] },
	{ to: '/mentor', label: '导师', roles: ['mentor'] },
	{ to: '/lecturer', label: '讲师', roles: ['lecturer', 'admin'] },
	{ to: '/bank', label: '题库', roles: ['lecturer', 'admin'] },
	{ to: '/grading', label: '评阅', roles: ['lecturer', 'admin'] },
	{ to: '/admin', label: '管理', roles: ['admin'] },
]

export function hasAnyRole(userRoles: readonly Role[], required: Role | readonly Role[]) {
	const wanted = typeof required === 'string' ? [required] : required
	return wanted.some((role) => userRoles.includes(role))
}

export function navFor(userRoles: readonly Role[]) {
	return NAV_ENTRIES.filter((entry) => hasAnyRole(userRoles, entry.roles))
}
