// The roles. Which areas each one opens is app/utils/access.ts. Isomorphic.
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

export function hasAnyRole(userRoles: readonly Role[], required: Role | readonly Role[]) {
	const wanted = typeof required === 'string' ? [required] : required
	return wanted.some((role) => userRoles.includes(role))
}
