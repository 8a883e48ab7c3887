// 成绩申诉 end to end: an admin publishes a round's ranking; the demo learner appeals a question
// from their result page on a 320 px phone; the admin accepts and regrades through the key
// correction; the rankings page asks for a republication, whose change list names the learner;
// the learner finds the decision under the bell.
import { createRound, sitRound } from '#app/exams/rounds/test-fixtures.ts'
import { createDb } from '#app/utils/db-client.server.ts'
import { expect, expectNoSidewaysScroll, loginAs, PHONE, test, watchPage } from './fixtures.ts'

const db = createDb(process.env.E2E_DATABASE_URL ?? 'file:./data/e2e.db')

test.afterAll(async () => {
	await db.$disconnect()
})

const REASON = '第 2 题我的选项与《审计法》的规定一致，参考答案有误，请复核评分。'

/**
 * A closed round sat by the demo learner (question 1 right, question 2 wrong) and the demo
 * mentor (both right), drawn from the demo closed round's topic: no open round draws those
 * questions, so their marks are not withheld (ADR 038).
 */
async function sittedRound() {
	const now = new Date()
	const closedDemo = await db.round.findFirstOrThrow({ where: { status: 'published', closesAt: { lt: now } }, include: { drawRules: true } })
	const topic = closedDemo.drawRules.find((rule) => rule.type === 'single')!.topic
	const [learner, mentor] = await Promise.all(['learner', 'mentor'].map((username) => db.user.findUniqueOrThrow({ where: { username }, select: { id: true, unitId: true, name: true } })))
	const round = await createRound(db, now, {
		opensAt: new Date(now.getTime() - 3 * 3600_000),
		closesAt: new Date(now.getTime() - 3600_000),
		rules: [{ topic, type: 'single', difficulty: null, count: 2, pointsEach: 5 }],
		eligibility: [learner!, mentor!].map((person) => ({ kind: 'user', value: person.id })),
	})
	const startAt = new Date(now.getTime() - 2 * 3600_000)
	const attemptId = await sitRound(db, { roundId: round.id, person: { ...learner!, roles: ['learner'] }, startAt, isRight: (position) => position === 1 })
	await sitRound(db, { roundId: round.id, person: { ...mentor!, roles: ['learner'] }, startAt, isRight: () => true })
	return { round, attemptId, learner: learner! }
}

test('a learner appeals, the admin accepts and regrades, the republished ranking shows the change, the learner is notified', async ({ browser }) => {
	const { round, attemptId, learner } = await sittedRound()

	const adminContext = await browser.newContext()
	const admin = await adminContext.newPage()
	const adminWatch = watchPage(admin)
	await loginAs(admin, 'admin')
	await admin.goto(`/admin/rankings/round/${round.id}`)
	await admin.getByRole('button', { name: '发布排行榜' }).click()
	await expect(admin).toHaveURL(/\/admin\/rankings$/)

	// The learner, on a phone: from the result page to the appeal form; a short reason is refused at the field.
	const phone = await browser.newContext({ ...PHONE, viewport: { width: 320, height: 640 } })
	const page = await phone.newPage()
	const watch = watchPage(page)
	await loginAs(page, 'learner')
	await page.goto(`/exams/attempts/${attemptId}/result`)
	await page.getByRole('link', { name: '对评分有异议？提出申诉' }).click()
	await expect(page.getByRole('heading', { name: '提出成绩申诉' })).toBeVisible()
	await page.getByLabel('申诉的题目').selectOption('2')
	await page.getByLabel('申诉理由').fill('不对')
	await page.getByRole('button', { name: '提交申诉' }).click()
	await expect(page.getByText('请写明申诉理由（至少 10 个字）')).toBeVisible()
	await expectNoSidewaysScroll(page)
	await page.getByLabel('申诉的题目').selectOption('2')
	await page.getByLabel('申诉理由').fill(REASON)
	await page.getByRole('button', { name: '提交申诉' }).click()
	await expect(page).toHaveURL(/\/appeals$/)
	const mine = page.getByRole('list', { name: '申诉列表' }).getByRole('listitem').filter({ hasText: round.title })
	await expect(mine).toContainText('待处理')
	await expectNoSidewaysScroll(page)

	// The admin is told under the bell, accepts with a reply, and corrects the key to the learner's answer.
	await admin.goto('/admin/appeals')
	await admin.getByRole('row').filter({ hasText: learner.name }).filter({ hasText: round.title }).getByRole('link', { name: '处理' }).click()
	await expect(admin.getByRole('heading', { name: `申诉：${round.title} · 第 2 题` })).toBeVisible()
	const answer = ((await admin.locator('dt:text-is("学员答案") + dd').textContent()) ?? '').trim()
	expect(answer).toMatch(/^[A-H]$/)
	await admin.getByLabel('答复').fill('经复核参考答案有误，受理申诉并更正答案。')
	await admin.getByRole('button', { name: '受理申诉' }).click()
	await expect(admin.getByText('已受理申诉，已通知学员。')).toBeVisible()
	const appeal = await db.appeal.findFirstOrThrow({ where: { roundId: round.id } })
	expect(await db.auditLog.count({ where: { action: 'appeal.accept', targetId: appeal.id } })).toBe(1)
	await admin.getByRole('link', { name: '更正答案并重新评分' }).click()
	await admin.locator(`input[name="answerSingle"][value="${answer}"]`).check()
	await admin.getByLabel('更正原因').fill('成绩申诉受理：参考答案有误')
	await admin.getByRole('button', { name: '预览重新评分' }).click()
	await admin.getByRole('button', { name: '确认更正并重新评分' }).click()
	// Applying redirects back with a toast (ADR 070) that names the new key.
	await expect(admin.getByText(`更正为 ${answer}。`)).toBeVisible()
	await expect(admin.locator('p', { hasText: '当前答案' })).toContainText(answer)
	expect((await db.attemptQuestion.findFirstOrThrow({ where: { attemptId, position: 2 } })).finalScore).toBe(5)

	// The rankings page points at the stale publication; its new draft names the learner; version 2 goes out.
	await admin.goto('/admin/rankings')
	const titleV1 = (await db.rankingSnapshot.findFirstOrThrow({ where: { scope: 'round', scopeId: round.id, version: 1 } })).title
	const stale = admin.getByRole('region', { name: '待重新发布' }).getByRole('listitem').filter({ hasText: titleV1 })
	await expect(stale).toContainText('第 1 版之后受理 1 项申诉')
	await stale.getByRole('link', { name: titleV1 }).click()
	const changes = admin.getByRole('region', { name: '与第 1 版相比的变化' })
	await expect(changes.getByRole('table', { name: '个人变化' }).getByRole('row').filter({ hasText: learner.name })).toContainText('得分变化：5 → 10')
	await admin.getByRole('button', { name: '发布第 2 版' }).click()
	await expect(admin).toHaveURL(/\/admin\/rankings$/)
	await expect(admin.getByRole('region', { name: '已发布' })).toContainText('第 2 版')
	// Only the demo's own accepted appeal (seeded, not yet regraded) may still be waiting.
	await expect(admin.getByRole('region', { name: '待重新发布' }).getByRole('listitem').filter({ hasText: titleV1 })).toHaveCount(0)
	await adminWatch.settled()
	expect(adminWatch.errors).toEqual([])
	await adminContext.close()

	// The learner: the bell counts the decision; opening it leads to 我的申诉; the board's version 2 names the change.
	await page.goto('/appeals')
	// The demo learner already has the seeded decisions unread; this one adds to them.
	const unread = await db.notification.count({ where: { userId: learner.id, readAt: null } })
	expect(await db.notification.count({ where: { userId: learner.id, readAt: null, kind: 'appeal.accepted', title: { contains: round.title } } })).toBe(1)
	const bell = page.getByRole('link', { name: `通知 ${unread} 条未读` })
	await expect(bell).toBeVisible()
	await bell.click()
	const note = page.getByRole('list', { name: '通知列表' }).getByRole('listitem').filter({ hasText: `申诉已受理：${round.title} 第 2 题` })
	await expect(note).toContainText('经复核参考答案有误')
	await expectNoSidewaysScroll(page)
	await note.getByRole('button', { name: '查看' }).click()
	await expect(page).toHaveURL(/\/appeals$/)
	await expect(mine).toContainText('已受理')
	await expect(page.getByRole('link', { name: unread > 1 ? `通知 ${unread - 1} 条未读` : '通知', exact: true })).toBeVisible()
	const snapshot = await db.rankingSnapshot.findFirstOrThrow({ where: { scope: 'round', scopeId: round.id, version: 2 } })
	await page.goto(`/rankings?snapshot=${snapshot.id}`)
	await expect(page.getByRole('region', { name: '与第 1 版相比的变化' }).getByRole('row').filter({ hasText: learner.name })).toContainText('得分变化：5 → 10')
	await watch.settled()
	// The short reason was refused in the browser by the form's schema (ADR 070), never posted; nothing went wrong.
	expect(watch.errors).toEqual([])
	await phone.close()
})
