// The accessibility gate (issue 11 item 8): axe-core checks the key pages of every role on a
// desktop window, and the learners' and mentors' on a phone; any serious or critical violation
// fails. Each page also has exactly one <main> landmark. Real pages over the demo data, plus a paper being sat.
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { startAttempt } from '#app/exams/attempts/start-attempt.server.ts'
import { createBrowserRound, createLoginPerson } from '#app/exams/rounds/test-fixtures.ts'
import { createDb, type Db } from '#app/utils/db-client.server.ts'
import { expect, loginAs, PHONE, test, watchPage } from './fixtures.ts'

const PASSWORD = 'Axe-e2e-2026'
const COURSE = '/learn/courses/fiscal-budget-execution'
const LESSON = `${COURSE}/budget-law-basics`
/** Impacts that fail the gate; moderate and minor findings are left to review by hand. */
const BLOCKING = new Set(['serious', 'critical'])

let db: Db
test.beforeAll(() => {
	db = createDb(process.env.E2E_DATABASE_URL ?? 'file:./data/e2e.db')
})
test.afterAll(async () => {
	await db.$disconnect()
})

/** The demo season's finished round: it has a result, a review, statistics and a published ranking. */
async function closedDemoRound() {
	return db.round.findFirstOrThrow({ where: { status: 'published', closesAt: { lt: new Date() }, attempts: { some: {} } }, orderBy: { closesAt: 'desc' }, select: { id: true, seasonId: true } })
}

async function demoUserId(username: string) {
	return (await db.user.findUniqueOrThrow({ where: { username }, select: { id: true } })).id
}

/** What axe finds serious or critical on the page as it is now, and a landmark count other than one main. */
async function audit(page: Page, path: string) {
	const results = await new AxeBuilder({ page }).analyze()
	const found = results.violations
		.filter((violation) => BLOCKING.has(violation.impact ?? ''))
		.map((violation) => `${path}: ${violation.id} (${violation.impact}) ${violation.help} — ${violation.nodes.slice(0, 4).map((node) => node.target.join(' ')).join(' | ')}`)
	const mains = await page.locator('main, [role="main"]').count()
	if (mains !== 1) found.push(`${path}: ${mains} main landmarks`)
	return found
}

/** Visits each page, waits until it is idle, and audits it. */
async function auditPages(page: Page, paths: readonly string[], status = 200) {
	const { settled } = watchPage(page)
	const found: string[] = []
	for (const path of paths) {
		const response = await page.goto(path)
		expect(response?.status(), path).toBe(status)
		// A NUL in the streamed HTML breaks a word in two for a screen reader (and shows as �).
		if ((await response!.text()).includes('\u0000')) found.push(`${path}: NUL byte in the HTML`)
		await settled()
		found.push(...(await audit(page, path)))
	}
	return found
}

async function learnerPaths() {
	const learnerId = await demoUserId('learner')
	const round = await closedDemoRound()
	const attempt = await db.attempt.findFirstOrThrow({ where: { roundId: round.id, userId: learnerId, status: { not: 'open' } }, select: { id: true } })
	const problem = await db.commonProblem.findFirstOrThrow({ orderBy: { code: 'asc' }, select: { code: true } })
	return [
		'/learn',
		COURSE,
		LESSON,
		'/learn/mine',
		'/learn/mentor',
		'/learn/search?q=预算',
		'/exams',
		`/exams/rounds/${round.id}`,
		`/exams/attempts/${attempt.id}/result`,
		'/exams/mistakes',
		'/exams/practice',
		'/problems',
		`/problems/${problem.code}`,
		'/problems/booklet',
		'/rankings',
		'/settings/password',
	]
}

async function mentorPaths() {
	const pairing = await db.pairing.findFirstOrThrow({ where: { mentorId: await demoUserId('mentor') }, orderBy: { startsOn: 'desc' }, select: { id: true, apprenticeId: true } })
	return ['/mentor', `/mentor/apprentices/${pairing.apprenticeId}`, `/mentorship/${pairing.id}/report`]
}

async function lecturerPaths() {
	const course = await db.course.findFirstOrThrow({ where: { slug: 'fiscal-budget-execution' }, select: { id: true } })
	const lesson = await db.lesson.findFirstOrThrow({ where: { courseId: course.id }, orderBy: { position: 'asc' }, select: { id: true } })
	const question = await db.question.findFirstOrThrow({ where: { status: 'active', type: 'multiple' }, orderBy: { createdAt: 'asc' }, select: { id: true } })
	return ['/lecturer', `/lecturer/courses/${course.id}`, `/lecturer/lessons/${lesson.id}`, `/lecturer/lessons/${lesson.id}/history`, '/bank', `/bank/${question.id}`, '/grading']
}

async function adminPaths() {
	const round = await closedDemoRound()
	const unit = await db.unit.findFirstOrThrow({ where: { children: { some: {} } }, orderBy: { name: 'asc' }, select: { id: true } })
	const user = await db.user.findUniqueOrThrow({ where: { username: 'learner' }, select: { id: true } })
	return [
		'/admin',
		'/admin/users',
		`/admin/users/${user.id}`,
		'/admin/units',
		`/admin/units/${unit.id}`,
		'/admin/seasons',
		`/admin/seasons/${round.seasonId}`,
		`/admin/rounds/${round.id}`,
		`/admin/rounds/${round.id}/preview`,
		`/admin/rounds/${round.id}/stats`,
		'/admin/audit',
		'/admin/mentorship',
		'/admin/import',
		'/admin/rankings',
	]
}

const ROLES = [
	{ username: 'learner', paths: learnerPaths },
	{ username: 'mentor', paths: mentorPaths },
	{ username: 'lecturer', paths: lecturerPaths },
	{ username: 'admin', paths: adminPaths },
] as const

for (const screen of [
	{ name: 'desktop', use: {} },
	{ name: 'phone', use: PHONE },
] as const) {
	test.describe(`axe on a ${screen.name}`, () => {
		test.use(screen.use)

		test('the sign-in page', async ({ page }) => {
			expect(await auditPages(page, ['/login'])).toEqual([])
		})

		// Lecturers and admins work at a desk (their pages are audited on the desktop window); on a
		// phone the gate covers the learners' and mentors' pages, which are the ones used there.
		for (const role of screen.name === 'phone' ? ROLES.filter((r) => r.username === 'learner' || r.username === 'mentor') : ROLES) {
			test(`${role.username}: key pages have no serious or critical violation and one main landmark`, async ({ page }) => {
				await loginAs(page, role.username)
				expect(await auditPages(page, await role.paths())).toEqual([])
			})
		}

		test('the error pages: an unknown address and a missing course', async ({ page }) => {
			await loginAs(page, 'learner')
			expect(await auditPages(page, ['/no-such-page', '/learn/courses/no-such-course'], 404)).toEqual([])
		})

		test('a paper being sat, with every question type', async ({ page }) => {
			const learner = await createLoginPerson(db, { password: PASSWORD })
			const round = await createBrowserRound(db, new Date(), { userIds: [learner.id] })
			const started = await startAttempt(db, { roundId: round.id, candidate: learner, now: new Date() })
			if (!started.ok) throw new Error(started.message)
			await loginAs(page, learner.username, PASSWORD)
			expect(await auditPages(page, [`/exams/attempts/${started.attemptId}`])).toEqual([])
			// The hand-in dialog, open, is checked as well.
			await page.getByRole('button', { name: '交卷' }).first().click()
			await expect(page.getByRole('dialog')).toBeVisible()
			expect(await audit(page, 'submit dialog')).toEqual([])
		})
	})
}
