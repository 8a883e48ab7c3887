// A learner sits a test: answers by mouse and keyboard, reloads midway and finds every
// answer, goes offline and back, hands in; the key stays off the wire until review opens.
// Also: two tabs on one attempt, a phone-sized screen, and the deadline closing the paper.
import type { Locator, Page, Response } from '@playwright/test'
import { createBrowserRound, createLoginPerson } from '#app/exams/rounds/test-fixtures.ts'
import { startAttempt } from '#app/exams/attempts/start-attempt.server.ts'
import { embargoedQuestionIds } from '#app/exams/rounds/key-embargo.ts'
import { createDb, type Db } from '#app/utils/db-client.server.ts'
import { expect, expectNoSidewaysScroll, loginAs, PHONE, test } from './fixtures.ts'

const PASSWORD = 'Exam-e2e-2026'
let db: Db

test.beforeAll(() => {
	db = createDb(process.env.E2E_DATABASE_URL ?? 'file:./data/e2e.db')
})
test.afterAll(async () => {
	await db.$disconnect()
})

async function learnerWithRound(options: { closesInMs?: number; questionsPerType?: number } = {}) {
	const learner = await createLoginPerson(db, { password: PASSWORD })
	const round = await createBrowserRound(db, new Date(), { userIds: [learner.id], ...options })
	return { learner, round }
}

async function startFromExamsPage(page: Page, roundTitle: string) {
	await page.goto('/exams')
	// The list says when the answers and explanations will appear.
	await expect(page.getByRole('listitem').filter({ hasText: roundTitle }).getByText(/复盘（答案与解析）将于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 后开放/)).toBeVisible()
	await page.getByRole('link', { name: roundTitle }).click()
	await page.getByRole('button', { name: '开始考试' }).click()
	await expect(page).toHaveURL(/\/exams\/attempts\/[^/]+$/)
	return new URL(page.url()).pathname.split('/').at(-1)!
}

async function storedAnswers(attemptId: string) {
	const rows = await db.attemptQuestion.findMany({ where: { attemptId }, orderBy: { position: 'asc' }, select: { position: true, answer: true } })
	return Object.fromEntries(rows.map((r) => [r.position, r.answer === null ? null : (JSON.parse(r.answer) as unknown)]))
}

/**
 * The bank key of the option a radio or checkbox stands for, found by its text: the page names
 * options by opaque per-attempt ids (ADR 037), never by key letter, and answers are stored by key.
 */
async function bankKeyOf(attemptId: string, position: number, input: Locator) {
	const shown = (await input.locator('xpath=..').innerText()).replace(/^[A-H]\.\s*/, '').trim()
	const row = await db.attemptQuestion.findFirstOrThrow({ where: { attemptId, position }, select: { questionVersion: { select: { options: true } } } })
	const options = JSON.parse(row.questionVersion.options) as { key: string; text: string }[]
	const key = options.find((option) => option.text.trim() === shown)?.key
	if (!key) throw new Error(`no option of question ${position} reads “${shown}”`)
	return key
}

/** Texts that only the key side of the drawn questions contains. */
async function secretsOf(attemptId: string) {
	const rows = await db.attemptQuestion.findMany({ where: { attemptId }, select: { questionVersion: { select: { type: true, explanation: true, rubric: true, answerKey: true } } } })
	const secrets = ['answerKey', 'rubric']
	for (const { questionVersion: v } of rows) {
		if (v.explanation) secrets.push(v.explanation)
		if (v.rubric) secrets.push(v.rubric)
		if (v.type === 'short_answer' || v.type === 'case_analysis') secrets.push(JSON.parse(v.answerKey) as string)
	}
	return secrets
}

function recordBodies(page: Page) {
	const bodies: { url: string; body: string }[] = []
	page.on('response', (response: Response) => {
		if (!new URL(response.url()).pathname.startsWith('/exams')) return
		response
			.text()
			.then((body) => bodies.push({ url: response.url(), body }))
			.catch(() => {})
	})
	return bodies
}

test.describe('taking a test', () => {
	test('answer, reload and find the answers, go offline and back, hand in; no key before review', async ({ page, context }) => {
		const { learner, round } = await learnerWithRound()
		const bodies = recordBodies(page)
		await loginAs(page, learner.username, PASSWORD)
		const attemptId = await startFromExamsPage(page, round.title)
		await expect(page.getByRole('timer')).toHaveText(/^(59|60):\d\d$/)
		const status = page.getByTestId('save-status')
		await expect(status).toHaveText('已保存')

		// Keyboard: Space picks the focused option, arrow keys move the choice.
		const q1 = page.locator('#question-1')
		await q1.getByRole('radio').first().focus()
		await page.keyboard.press('Space')
		await expect(q1.getByRole('radio').first()).toBeChecked()
		await page.keyboard.press('ArrowDown')
		await expect(q1.getByRole('radio').nth(1)).toBeChecked()
		await page.locator('#question-4').getByLabel('正确').check()
		await page.locator('#question-5').getByRole('textbox').first().fill('人大常委会')
		await expect(status).toHaveText('已保存')
		const q1Choice = await bankKeyOf(attemptId, 1, q1.getByRole('radio').nth(1))
		const saved = await storedAnswers(attemptId)
		expect(saved).toMatchObject({ 1: q1Choice, 4: true })
		// The inputs carry opaque ids, not the bank's letters.
		const values = await page.locator('input[type=radio], input[type=checkbox]').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value))
		expect(values.filter((value) => value !== 'on').every((value) => /^o[A-Za-z0-9_-]{16}$/.test(value))).toBe(true)
		// The drawn 填空 question may have more than one blank; only the first was filled.
		expect((saved[5] as string[])[0]).toBe('人大常委会')

		await page.reload()
		await expect(q1.getByRole('radio').nth(1)).toBeChecked()
		await expect(page.locator('#question-4').getByLabel('正确')).toBeChecked()
		await expect(page.locator('#question-5').getByRole('textbox').first()).toHaveValue('人大常委会')
		await expect(page.getByText('已答 3')).toBeVisible()

		await context.setOffline(true)
		const q3 = page.locator('#question-3')
		await q3.getByRole('checkbox').nth(0).check()
		await q3.getByRole('checkbox').nth(2).check()
		await expect(status).toHaveText('离线')
		const queued = await page.evaluate((id) => Object.keys(localStorage).filter((k) => k.startsWith(`hs-exam:${id}:queue:`)).map((k) => localStorage.getItem(k)).join(''), attemptId)
		expect(queued).toContain('"3":')
		expect((await storedAnswers(attemptId))[3]).toBeNull()
		await context.setOffline(false)
		await expect(status).toHaveText('已保存', { timeout: 20_000 })
		expect((await storedAnswers(attemptId))[3]).toHaveLength(2)

		await page.locator('#question-6').getByRole('textbox').fill('应核对预算执行情况并追溯资金去向。')
		await expect(status).toHaveText('已保存')

		await page.getByRole('button', { name: '交卷' }).first().click()
		const dialog = page.getByRole('dialog', { name: '确认交卷' })
		await expect(dialog.getByText('还有 1 题未作答')).toBeVisible()
		await expect(dialog.getByRole('button', { name: '第 2 题' })).toBeVisible()
		await dialog.getByRole('button', { name: '确认交卷' }).click()
		await expect(page).toHaveURL(new RegExp(`/exams/attempts/${attemptId}/result$`))
		// 技能比武 default (ADR 039): no score until everyone's window has closed; the page says when.
		await expect(page.getByText(/^成绩将于 .* 后公布$/)).toBeVisible()
		await expect(page.getByText(/答案与解析将于 .* 后开放复盘/)).toBeVisible()
		const attempt = await db.attempt.findUniqueOrThrow({ where: { id: attemptId } })
		expect([attempt.status, attempt.gradingStatus]).toEqual(['submitted', 'manual_pending'])

		// Every response this page received so far: none carries the key, rubric or 解析.
		const secrets = await secretsOf(attemptId)
		expect(bodies.length).toBeGreaterThan(5)
		for (const { url, body } of bodies) for (const secret of secrets) expect(body.includes(secret), `${url} carries “${secret}”`).toBe(false)

		// Time passes: the window closes, the score is released (the objective part while the
		// essay awaits its grader), review opens, and the review shows 解析 — except for questions
		// another open round (the demo season's) can still draw, whose keys stay withheld (ADR 038).
		await db.round.update({ where: { id: round.id }, data: { opensAt: new Date(Date.now() - 3 * 3600_000), closesAt: new Date(Date.now() - 60_000) } })
		await page.reload()
		await expect(page.getByText(/^客观题 [\d.]+\/[\d.]+，主观题阅卷中$/)).toBeVisible()
		await expect(page.getByRole('heading', { name: '复盘：答案与解析' })).toBeVisible()
		const embargoed = await embargoedQuestionIds(db, new Date())
		const drawn = await db.attemptQuestion.findMany({ where: { attemptId }, select: { position: true, questionVersion: { select: { questionId: true, explanation: true } } } })
		for (const { position, questionVersion } of drawn) {
			const card = page.locator('article', { has: page.locator(`#review-${position}`) })
			if (embargoed.has(questionVersion.questionId)) {
				await expect(card).toContainText('答案、解析与本题得分暂不公布')
				// No key row (matched as a term: the card's text also runs "你的答案 正确" into "答案与得分").
				await expect(card.locator('dt').filter({ hasText: /^(正确答案|参考答案)$/ })).toHaveCount(0)
				if (questionVersion.explanation) await expect(card).not.toContainText(questionVersion.explanation)
			} else if (questionVersion.explanation) {
				await expect(card).toContainText(questionVersion.explanation)
			}
		}
	})

	test("someone else's attempt is a 404", async ({ page }) => {
		const { learner, round } = await learnerWithRound()
		const other = await createLoginPerson(db, { password: PASSWORD })
		await db.roundEligibility.create({ data: { roundId: round.id, kind: 'user', value: other.id } })
		const theirs = await startAttempt(db, { roundId: round.id, candidate: other, now: new Date() })
		if (!theirs.ok) throw new Error(theirs.message)
		await loginAs(page, learner.username, PASSWORD)
		for (const path of [`/exams/attempts/${theirs.attemptId}`, `/exams/attempts/${theirs.attemptId}/result`, `/exams/attempts/${theirs.attemptId}/answers`]) {
			const response = await page.goto(path)
			expect(response?.status(), path).toBe(404)
		}
		const save = await page.request.post(`/exams/attempts/${theirs.attemptId}/answers`, { data: { position: 1, seq: 1, answer: 'A' } })
		expect(save.status()).toBe(404)
	})

	test('two tabs on one attempt both warn, and an edit in one shows in the other without being overwritten', async ({ page, context }) => {
		const { learner, round } = await learnerWithRound()
		await loginAs(page, learner.username, PASSWORD)
		const attemptId = await startFromExamsPage(page, round.title)
		const second = await context.newPage()
		await second.goto(`/exams/attempts/${attemptId}`)
		const warning = '此考试已在另一个标签页或窗口中打开'
		await expect(page.getByText(warning)).toBeVisible()
		await expect(second.getByText(warning)).toBeVisible()

		await second.locator('#question-1').getByRole('radio').nth(0).check()
		await expect(page.locator('#question-1').getByRole('radio').nth(0)).toBeChecked()
		await expect(second.getByTestId('save-status')).toHaveText('已保存')
		await page.locator('#question-1').getByRole('radio').nth(2).check()
		await expect(page.getByTestId('save-status')).toHaveText('已保存')
		await expect(second.locator('#question-1').getByRole('radio').nth(2)).toBeChecked()
		const latest = await bankKeyOf(attemptId, 1, page.locator('#question-1').getByRole('radio').nth(2))
		expect((await storedAnswers(attemptId))[1]).toBe(latest)
	})

	test.describe('on a phone', () => {
		test.use(PHONE)

		test('the paper fits the screen, the 答题卡 scrolls inside itself, and answers save', async ({ page }) => {
			// A paper of quarterly size: the 答题卡 holds more numbers than a phone's width.
			const { learner, round } = await learnerWithRound({ questionsPerType: 8 })
			await loginAs(page, learner.username, PASSWORD)
			const attemptId = await startFromExamsPage(page, round.title)
			// Measured once the paper, with every question type, is on the page.
			await expect(page.locator('article[id^="question-"]')).toHaveCount(await db.attemptQuestion.count({ where: { attemptId } }))
			await expectNoSidewaysScroll(page)
			const card = page.getByRole('navigation', { name: '答题卡' }).getByRole('list')
			const cardBox = (await card.boundingBox())!
			expect(cardBox.x + cardBox.width).toBeLessThanOrEqual(390)
			const firstNumber = (await card.getByRole('link').first().boundingBox())!
			expect(Math.min(firstNumber.width, firstNumber.height)).toBeGreaterThanOrEqual(44)
			const trueFalse = page.locator('article[id^="question-"]').filter({ has: page.getByLabel('错误') }).first()
			const position = Number((await trueFalse.getAttribute('id'))!.replace('question-', ''))
			await trueFalse.getByLabel('错误').check()
			await expect(page.getByTestId('save-status')).toHaveText('已保存')
			expect((await storedAnswers(attemptId))[position]).toBe(false)
			await expect(page.getByRole('button', { name: '交卷' }).first()).toBeInViewport()
		})
	})

	test('near the deadline the page warns, and at the deadline it saves and hands in by itself', async ({ page }) => {
		test.setTimeout(90_000)
		const { learner, round } = await learnerWithRound({ closesInMs: 40_000 })
		await loginAs(page, learner.username, PASSWORD)
		const attemptId = await startFromExamsPage(page, round.title)
		await expect(page.getByRole('alert').filter({ hasText: '距离考试结束不足 1 分钟' })).toBeVisible()
		await page.locator('#question-4').getByLabel('正确').check()
		await expect(page).toHaveURL(new RegExp(`/exams/attempts/${attemptId}/result$`), { timeout: 60_000 })
		const attempt = await db.attempt.findUniqueOrThrow({ where: { id: attemptId } })
		expect(attempt.status).toBe('submitted')
		expect(attempt.finishedAt?.getTime()).toBe(attempt.deadline.getTime())
		expect((await storedAnswers(attemptId))[4]).toBe(true)
	})
})
