// Every learner page fits the screen it is read on (issue 11 item 1): at 390×844 (a phone),
// 768×1024 (a tablet held upright) and 320 px (the narrowest phone), none is wider than the
// window, so nothing needs sideways scrolling. The test page is a 综合 paper with every
// question type: its sections are headed by 专题, and its 答题卡 and options are touch targets
// of at least 44 px. Real pages over the demo data, plus a round made for the test.
import type { Locator, Page } from '@playwright/test'
import { startAttempt } from '#app/exams/attempts/start-attempt.server.ts'
import { BROWSER_PAPER_TYPES, createLoginPerson, createRound } from '#app/exams/rounds/test-fixtures.ts'
import { createDb, type Db } from '#app/utils/db-client.server.ts'
import { TOPIC_LABELS, type Topic } from '#app/utils/topics.ts'
import { expect, expectNoSidewaysScroll, loginAs, PHONE, test, watchPage } from './fixtures.ts'

const PASSWORD = 'Fit-e2e-2026'
const COURSE = '/learn/courses/fiscal-budget-execution'
const TOUCH_TARGET = 44

const SCREENS = [
	{ name: '390×844 phone', use: PHONE },
	{ name: '768×1024 tablet', use: { ...PHONE, viewport: { width: 768, height: 1024 }, deviceScaleFactor: 2 } },
	{ name: '320×640 phone', use: { ...PHONE, viewport: { width: 320, height: 640 }, deviceScaleFactor: 2 } },
] as const

let db: Db
test.beforeAll(() => {
	db = createDb(process.env.E2E_DATABASE_URL ?? 'file:./data/e2e.db')
})
test.afterAll(async () => {
	await db.$disconnect()
})

/** The demo learner's pages: catalog to rankings, with the result and review of the demo season's finished round. */
async function demoLearnerPages() {
	const learner = await db.user.findUniqueOrThrow({ where: { username: 'learner' }, select: { id: true } })
	const closed = await db.attempt.findFirstOrThrow({
		where: { userId: learner.id, status: { not: 'open' }, round: { closesAt: { lt: new Date() } } },
		orderBy: { startedAt: 'desc' },
		select: { id: true, roundId: true },
	})
	const open = await db.round.findFirstOrThrow({ where: { status: 'published', opensAt: { lt: new Date() }, closesAt: { gt: new Date() }, season: { year: { lt: 3000 } } }, select: { id: true } })
	const lesson = await db.lesson.findFirstOrThrow({ where: { course: { slug: 'fiscal-budget-execution' } }, orderBy: { position: 'asc' }, select: { slug: true } })
	const problem = await db.commonProblem.findFirstOrThrow({ orderBy: { code: 'asc' }, select: { code: true } })
	return [
		'/learn',
		COURSE,
		`${COURSE}/${lesson.slug}`,
		'/learn/mine',
		'/learn/mentor',
		'/learn/search?q=预算',
		'/exams',
		`/exams/rounds/${open.id}`,
		`/exams/rounds/${closed.roundId}`,
		`/exams/attempts/${closed.id}/result`,
		'/exams/mistakes',
		'/exams/practice',
		'/problems',
		`/problems/${problem.code}`,
		'/rankings',
		'/settings/password',
	]
}

/**
 * A 综合 round open now for one person: single and multiple choice from each of up to three
 * 专题 that the bank holds both of, then one true/false, fill-in and short-answer question.
 */
async function combinedRound(userId: string) {
	const topicsWith = async (type: string) =>
		new Set((await db.question.groupBy({ by: ['topic'], where: { status: 'active', type, currentVersionId: { not: null } } })).map((row) => row.topic))
	const multiple = await topicsWith('multiple')
	const topics = [...(await topicsWith('single'))].filter((topic) => multiple.has(topic) && topic !== 'combined').sort().slice(0, 3)
	expect(topics.length, 'the demo bank holds choice questions of several 专题').toBeGreaterThan(1)
	const rules = topics.flatMap((topic) => [
		{ topic, type: 'single', difficulty: null, count: 1, pointsEach: 2 },
		{ topic, type: 'multiple', difficulty: null, count: 1, pointsEach: 2 },
	])
	for (const type of BROWSER_PAPER_TYPES.filter((type) => type !== 'single' && type !== 'multiple')) {
		const byTopic = await db.question.groupBy({ by: ['topic'], where: { status: 'active', type, currentVersionId: { not: null } }, _count: { _all: true } })
		const top = byTopic.sort((a, b) => b._count._all - a._count._all)[0]
		if (!top) throw new Error(`题库中没有启用的${type}题`)
		rules.push({ topic: top.topic, type, difficulty: null, count: 1, pointsEach: type === 'short_answer' ? 10 : 2 })
	}
	const now = new Date()
	const round = await createRound(db, now, { opensAt: new Date(now.getTime() - 60_000), shuffleQuestions: false, rules, eligibility: [{ kind: 'user', value: userId }] })
	return { round, topics: topics as Topic[] }
}

/**
 * Errors the page logs, and every request answered with an error status, named by address.
 * A failed load logs a console line without its address, so that line is replaced by the
 * response; Chromium's own request for /favicon.ico is not the page's.
 */
function watchErrors(page: Page) {
	const watched = watchPage(page)
	page.on('response', (response) => {
		if (response.status() >= 400 && new URL(response.url()).pathname !== '/favicon.ico') watched.errors.push(`${response.status()} ${response.url()}`)
	})
	return { settled: watched.settled, errors: () => watched.errors.filter((error) => !error.startsWith('Failed to load resource')) }
}

/** Goes to the page, waits until it has settled, and checks that it is no wider than the window. */
async function visitFits(page: Page, path: string, settled: () => Promise<void>) {
	const response = await page.goto(path)
	expect(response?.status(), path).toBe(200)
	await settled()
	await test.step(path, async () => {
		const width = page.viewportSize()!.width
		// Named in the failure: the deepest elements that reach past the screen's right edge.
		const tooWide = await page.evaluate((screen) => {
			const past = [...document.body.querySelectorAll('*')].filter((node) => node.getBoundingClientRect().right > screen + 0.5)
			return past.filter((node) => !past.some((other) => other !== node && node.contains(other))).slice(0, 5).map((node) => `${node.tagName.toLowerCase()}.${[...node.classList].join('.')} → ${Math.round(node.getBoundingClientRect().right)} px`)
		}, width)
		await expectNoSidewaysScroll(page).catch((error: Error) => {
			throw new Error(`${path} is wider than ${width} px: ${tooWide.join('; ')}\n${error.message}`)
		})
	})
}

async function expectTouchTargets(elements: Locator, what: string) {
	const boxes = await elements.evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect()).map((box) => ({ width: box.width, height: box.height })))
	expect(boxes.length, what).toBeGreaterThan(0)
	const small = boxes.filter((box) => Math.min(box.width, box.height) < TOUCH_TARGET)
	expect(small, `${what} smaller than ${TOUCH_TARGET} px`).toEqual([])
}

for (const screen of SCREENS) {
	test.describe(`learner pages at ${screen.name}`, () => {
		test.use(screen.use)

		test('catalog, lesson, 我的学习, search, 考试, rounds, result and review, 错题本, practice, 共性问题 and rankings fit', async ({ page }) => {
			const { errors, settled } = watchErrors(page)
			await loginAs(page, 'learner')
			for (const path of await demoLearnerPages()) await visitFits(page, path, settled)
			expect(errors()).toEqual([])
		})

		test('a 综合 paper with every question type, headed by 专题, with large touch targets, and its result fit', async ({ page }) => {
			const learner = await createLoginPerson(db, { password: PASSWORD })
			const { round, topics } = await combinedRound(learner.id)
			const started = await startAttempt(db, { roundId: round.id, candidate: learner, now: new Date() })
			if (!started.ok) throw new Error(started.message)
			const { errors, settled } = watchErrors(page)
			await loginAs(page, learner.username, PASSWORD)
			await visitFits(page, `/exams/rounds/${round.id}`, settled)
			await visitFits(page, `/exams/attempts/${started.attemptId}`, settled)

			const questions = page.locator('article[id^="question-"]')
			await expect(questions).toHaveCount(await db.attemptQuestion.count({ where: { attemptId: started.attemptId } }))
			// Every question type is on the paper, each in its own control.
			await expect(questions.filter({ has: page.locator('input[type="radio"]') })).toHaveCount(topics.length + 1)
			await expect(questions.filter({ has: page.locator('input[type="checkbox"]') })).toHaveCount(topics.length)
			await expect(questions.filter({ has: page.getByLabel('正确') })).toHaveCount(1)
			await expect(questions.filter({ has: page.locator('input[type="text"]') })).toHaveCount(1)
			await expect(questions.filter({ has: page.locator('textarea') })).toHaveCount(1)
			await expectNoSidewaysScroll(page)

			// Sections name their 专题: each heading once, e.g. 财政 · 单选题 and 财政 · 多选题.
			const headings = await page.locator('section > h2').allInnerTexts()
			expect(new Set(headings).size).toBe(headings.length)
			for (const topic of topics) for (const type of ['单选题', '多选题']) expect(headings).toContain(`${TOPIC_LABELS[topic]} · ${type}`)

			// The 答题卡 stays inside the screen and scrolls within itself; numbers and options are finger-sized.
			const card = page.getByRole('navigation', { name: '答题卡' })
			const cardBox = (await card.getByRole('list').boundingBox())!
			expect(cardBox.x + cardBox.width).toBeLessThanOrEqual(page.viewportSize()!.width)
			await expectTouchTargets(card.getByRole('link'), '答题卡 numbers')
			await expectTouchTargets(questions.locator('label:has(input[type="radio"]), label:has(input[type="checkbox"])'), 'options')

			// Answer one question on the phone, hand in, and read the result.
			await questions.filter({ has: page.getByLabel('正确') }).getByLabel('错误').check()
			await expect(page.getByTestId('save-status')).toHaveText('已保存')
			await page.getByRole('button', { name: '交卷' }).first().click()
			await page.getByRole('dialog').getByRole('button', { name: '确认交卷' }).click()
			await expect(page).toHaveURL(new RegExp(`/exams/attempts/${started.attemptId}/result$`))
			await settled()
			await expectNoSidewaysScroll(page)
			await visitFits(page, '/exams', settled)
			expect(errors()).toEqual([])
		})
	})
}
