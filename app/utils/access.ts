// The access table: which roles may open each area of the app. Written once here; the route
// guards (requireAccess in auth.server.ts) and the main navigation both read it, so a role
// list is never repeated in a route. Deny by default: an area that is not in the table is
// refused to everyone (and does not type-check as a requireAccess argument).
// Isomorphic: the server enforces, the navigation only hides.
import { ROLES, hasAnyRole, type Role } from './roles.ts'

/** Anyone signed in, whatever their roles (the page itself decides what they see). */
export const SIGNED_IN = 'signed-in'
export type Allowed = readonly Role[] | typeof SIGNED_IN

/**
 * Areas are URL prefixes; a `:param` segment stands for any one segment. A route names its
 * area in its guard (requireAccess(request, '/bank')); a narrower area lists the exceptions
 * inside a wider one (the key correction inside the bank is the admin's alone).
 */
export const ACCESS = {
	'/': SIGNED_IN,
	'/learn': SIGNED_IN,
	'/problems': SIGNED_IN,
	'/exams': SIGNED_IN,
	'/appeals': SIGNED_IN,
	'/notifications': SIGNED_IN,
	'/settings': SIGNED_IN,
	/** Lesson images (ADR 016): anyone who may read lessons; the name is the content's hash. */
	'/lesson-images': SIGNED_IN,
	/** The term report: the pairing rule (app/mentorship/access.ts) decides who reads it. */
	'/mentorship': SIGNED_IN,
	'/rankings': ['learner', 'mentor', 'lecturer', 'admin'],
	'/mentor': ['mentor'],
	/** An admin reads (and assigns study to) any apprentice through the mentor's page. */
	'/mentor/apprentices': ['mentor', 'admin'],
	'/lecturer': ['lecturer', 'admin'],
	'/bank': ['lecturer', 'admin'],
	/** Correcting a published key re-scores attempts: the admin's alone. */
	'/bank/:questionId/key': ['admin'],
	'/grading': ['lecturer', 'admin'],
	'/admin': ['admin'],
	/** A round's statistics are the lecturers' too (they wrote the questions). */
	'/admin/rounds/:roundId/stats': ['admin', 'lecturer'],
} as const satisfies Record<string, Allowed>

export type AccessArea = keyof typeof ACCESS

/** The roles an area admits; undefined for an area not in the table (refused). */
export function allowedIn(area: string): Allowed | undefined {
	return Object.hasOwn(ACCESS, area) ? ACCESS[area as AccessArea] : undefined
}

/** Whether someone with these roles may open the area; an unknown area admits no one. */
export function mayEnter(userRoles: readonly Role[], area: AccessArea) {
	const allowed = allowedIn(area)
	if (allowed === undefined) return false
	return allowed === SIGNED_IN || hasAnyRole(userRoles, allowed)
}

/**
 * The lesson page's guard, named once because two paths answer a lesson page: its route
 * (learn+/courses.$slug_.$lesson.tsx, through requireAccess) and the cached lesson-page path
 * in front of Remix (ADR 036, lesson-document.server.ts), which has a session but no Request.
 * Both ask this area, and mayOpenLessonPage is requireAccess's decision for it: signed in,
 * no temporary password pending, and a role the area admits.
 */
export const LESSON_PAGE_AREA = '/learn' satisfies AccessArea

export function mayOpenLessonPage(user: { roles: readonly Role[]; mustChangePassword: boolean } | null) {
	return user !== null && !user.mustChangePassword && mayEnter(user.roles, LESSON_PAGE_AREA)
}

/** The roles that open an area, with "anyone signed in" spelled out as every role. */
export function rolesOf(area: AccessArea): readonly Role[] {
	const allowed: Allowed = ACCESS[area]
	return allowed === SIGNED_IN ? ROLES : allowed
}

export type NavEntry = { to: AccessArea; label: string; roles: readonly Role[] }

const entry = (to: AccessArea, label: string, { onlyFor }: { onlyFor?: readonly Role[] } = {}): NavEntry => ({
	to,
	label,
	roles: onlyFor ? rolesOf(to).filter((role) => onlyFor.includes(role)) : rolesOf(to),
})

/**
 * 学习 / 考试 / 排行榜 / 导师 / 讲师 / 题库 / 评阅 / 管理: each shown to the roles its area admits.
 * 考试 is listed for learners only (the papers are theirs); other roles may still open a link.
 */
export const NAV_ENTRIES: NavEntry[] = [
	entry('/learn', '学习'),
	entry('/exams', '考试', { onlyFor: ['learner'] }),
	entry('/rankings', '排行榜'),
	entry('/mentor', '导师'),
	entry('/lecturer', '讲师'),
	entry('/bank', '题库'),
	entry('/grading', '评阅'),
	entry('/admin', '管理'),
]

export function navFor(userRoles: readonly Role[]) {
	return NAV_ENTRIES.filter((navEntry) => hasAnyRole(userRoles, navEntry.roles))
}
