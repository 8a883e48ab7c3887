// An admin grades an essay from the queue: the answer is shown without the person's name,
// with the rubric and reference answer; a bad score is explained; a good one completes the
// attempt's grading and is audit-logged.
import { createQuestion } from '#app/exams/bank/questions.ts'
import { gradeAttemptObjective } from '#app/exams/grading/grade-attempt.ts'
import { createDb } from '#app/utils/db-client.server.ts'
import { expect, loginAs, test } from './fixtures.ts'

const db = createDb(process.env.E2E_DATABASE_URL ?? 'file:./data/e2e.db')

test.afterAll(async () => {
	await db.$disconnect()
})

/** A closed round in which the demo learner 李青年 answered one essay, graded except for it. */
async function essayAwaitingGrade(tag: string) {
	const admin = await db.user.findUniqueOrThrow({ where: { username: 'admin' } })
	const learner = await db.user.findUniqueOrThrow({ where: { username: 'learner' } })
	const created = await createQuestion(db, {
		input: {
			type: 'short_answer',
			topic: 'fiscal',
			difficulty: 3,
			points: 10,
			stem: `${tag} 简述发现“以拨代支”后的处理思路。`,
			answerKey: '核实资金流向，定性为虚列支出，责令调整账目。',
			rubric: '核实 3 分；定性 3 分；处理 4 分',
		},
		status: 'active',
		actorId: admin.id,
	})
	if (!created.ok) throw new Error(JSON.stringify(created.fieldErrors))
	const season = await db.season.create({ data: { year: 5000 + Math.floor(Math.random() * 4000), name: `${tag} 赛季` } })
	const round = await db.round.create({
		data: {
			seasonId: season.id,
			position: 1,
			title: `${tag} 财政审计轮`,
			topic: 'fiscal',
			status: 'published',
			opensAt: new Date(Date.now() - 3 * 3600_000),
			closesAt: new Date(Date.now() - 3600_000),
			timeLimitMinutes: 60,
		},
	})
	const deadline = new Date(Date.now() - 2 * 3600_000)
	const attempt = await db.attempt.create({
		data: {
			roundId: round.id,
			userId: learner.id,
			seed: tag,
			startedAt: new Date(deadline.getTime() - 3600_000),
			deadline,
			status: 'submitted',
			finishedAt: deadline,
			maxScore: 10,
			questions: { create: [{ questionVersionId: created.versionId, position: 1, points: 10, answer: JSON.stringify('先查资金是否实际使用，再按虚列支出定性并调整账目。'), seq: 3 }] },
		},
	})
	await gradeAttemptObjective(db, attempt.id)
	return { round, attempt, learner }
}

test('an admin grades an essay anonymously and the attempt is complete', async ({ page }) => {
	const tag = `e2e${Date.now().toString(36)}`
	const { round, attempt, learner } = await essayAwaitingGrade(tag)
	expect((await db.attempt.findUniqueOrThrow({ where: { id: attempt.id } })).gradingStatus).toBe('manual_pending')

	await loginAs(page, 'admin')
	await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '评阅', exact: true }).click()
	await expect(page).toHaveURL(/\/grading$/)
	await page.getByRole('link', { name: new RegExp(`${tag} 财政审计轮`) }).click()
	await expect(page.getByRole('heading', { name: `评阅：${tag} 财政审计轮` })).toBeVisible()
	await expect(page.getByText('已定分 0 / 1')).toBeVisible()
	await page.getByRole('link', { name: /评阅 答卷 [0-9A-F]{6} 第 1 题/ }).click()

	await expect(page.getByText('先查资金是否实际使用，再按虚列支出定性并调整账目。')).toBeVisible()
	await expect(page.getByText('核实 3 分；定性 3 分；处理 4 分')).toBeVisible()
	await expect(page.getByText('核实资金流向，定性为虚列支出，责令调整账目。')).toBeVisible()
	const html = await page.content()
	for (const secret of [learner.name, learner.username, attempt.id]) expect(html).not.toContain(secret)

	await page.getByLabel('得分（0–10）').fill('12')
	await page.getByRole('button', { name: '提交评分' }).click()
	await expect(page.getByText('分数不能超过本题满分 10')).toBeVisible()

	await page.getByLabel('得分（0–10）').fill('8.5')
	await page.getByLabel('评语').fill('定性准确，处理建议略简。')
	await page.getByRole('button', { name: '提交评分' }).click()
	await expect(page).toHaveURL(new RegExp(`/grading/${round.id}\\?view=mine`))
	await expect(page.getByRole('table', { name: '评阅队列' })).toContainText('8.5 / 10')
	await expect(page.getByText('已定分 1 / 1')).toBeVisible()

	const graded = await db.attempt.findUniqueOrThrow({ where: { id: attempt.id } })
	expect([graded.score, graded.gradingStatus]).toEqual([8.5, 'complete'])
	const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'grading.mark.create', targetId: { not: null } }, orderBy: { id: 'desc' } })
	expect(audit.summary).toContain('8.5 分')
})
