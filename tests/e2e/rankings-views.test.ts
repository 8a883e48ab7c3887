// Board views (issue 10 item 4) on a 320 px phone: a learner sees their own place, percentile and
// trend across the season's published rounds on the landing page and on the board, filters the
// board by unit kind, and reads the charts and their table alternatives; nothing is wider than
// the screen and the page logs no errors.
import { createDb } from '#app/utils/db-client.server.ts'
import { expect, expectNoSidewaysScroll, loginAs, PHONE, test, watchPage } from './fixtures.ts'

const db = createDb(process.env.E2E_DATABASE_URL ?? 'file:./data/e2e.db')

test.afterAll(async () => {
	await db.$disconnect()
})

type Person = { id: string }

/** A closed, graded round of the season for the given people and scores (of 10). */
async function gradedRound(seasonId: string, position: number, title: string, scores: [Person, number][]) {
	const round = await db.round.create({
		data: {
			seasonId,
			position,
			title,
			topic: 'fiscal',
			status: 'published',
			opensAt: new Date(Date.now() - 5 * 3600_000),
			closesAt: new Date(Date.now() - 3600_000),
			timeLimitMinutes: 60,
			drawRules: { create: [{ position: 1, topic: 'fiscal', type: 'single', difficulty: null, count: 5, pointsEach: 2 }] },
			eligibility: { create: scores.map(([person]) => ({ kind: 'user', value: person.id })) },
		},
	})
	for (const [person, score] of scores) {
		const finishedAt = new Date(Date.now() - 2 * 3600_000)
		await db.attempt.create({
			data: { roundId: round.id, userId: person.id, seed: `${title}${score}`, startedAt: new Date(finishedAt.getTime() - 1200_000), deadline: finishedAt, status: 'submitted', finishedAt, maxScore: 10, score, gradingStatus: 'complete', gradedAt: finishedAt },
		})
	}
	return round
}

test('a learner on a 320 px phone sees own place, percentile and trend on landing and board, filters by unit kind, and reads the charts as tables', async ({ browser }) => {
	const tag = `走势${Date.now().toString(36)}`
	const learner = await db.user.findUniqueOrThrow({ where: { username: 'learner' } })
	const mentor = await db.user.findUniqueOrThrow({ where: { username: 'mentor' } })
	// A colleague in a 街道 unit: the demo learner and mentor are in the district bureau (审计机关).
	const street = await db.user.findFirstOrThrow({ where: { active: true, unit: { kind: 'subdistrict' }, roles: { some: { role: 'learner' } } }, select: { id: true, name: true } })
	const season = await db.season.create({ data: { year: 5000 + Math.floor(Math.random() * 4000), name: `${tag} 赛季` } })
	// Round 1: the learner 2nd of 3 (33.3 % behind); round 2: 1st of 3 (66.7 %).
	const round1 = await gradedRound(season.id, 1, `${tag} 第一轮`, [
		[learner, 8],
		[mentor, 6],
		[street, 9],
	])
	const round2 = await gradedRound(season.id, 2, `${tag} 第二轮`, [
		[learner, 9],
		[mentor, 7],
		[street, 5],
	])

	const adminContext = await browser.newContext()
	const admin = await adminContext.newPage()
	await loginAs(admin, 'admin')
	for (const round of [round1, round2]) {
		await admin.goto('/admin/rankings')
		await admin.getByRole('link', { name: round.title }).click()
		await admin.getByRole('button', { name: '发布排行榜' }).click()
		await expect(admin).toHaveURL(/\/admin\/rankings$/)
	}
	// Round statistics compare units by the ranking's rules: all three units are below 5 eligible, so pooled.
	await admin.goto(`/admin/rounds/${round1.id}/stats`)
	const unitStats = admin.getByRole('region', { name: '单位对比' })
	await expect(unitStats.getByRole('table', { name: '单位对比', exact: true }).locator('tbody tr')).toHaveCount(1)
	await expect(unitStats.getByRole('table', { name: '单位对比', exact: true })).toContainText('其他单位（合并）')
	await expect(unitStats.getByRole('table', { name: '单位对比', exact: true })).toContainText('3/3')
	await expect(unitStats.getByRole('img', { name: /单位对比/ })).toBeVisible()
	await adminContext.close()

	const phone = await browser.newContext({ ...PHONE, viewport: { width: 320, height: 640 } })
	const page = await phone.newPage()
	const watch = watchPage(page)
	await loginAs(page, 'learner')
	await watch.settled()

	// Landing page: the newest season's trend.
	await page.goto('/learn')
	const landing = page.getByRole('region', { name: `我的排名走势 · ${season.name}` })
	await expect(landing).toContainText(`${round2.title}：第 1 名（共 3 人），超过了 66.7% 的参与排名人员`)
	await expect(landing.getByRole('img', { name: /各轮我的名次走势/ })).toBeVisible()
	await landing.getByText('以表格查看').click()
	const landingTable = landing.getByRole('table', { name: /各轮我的名次走势.*（表格）/ })
	await expect(landingTable.locator('tbody tr')).toHaveCount(2)
	await expect(landingTable.locator('tbody tr').nth(0)).toContainText('2/3')
	await expect(landingTable.locator('tbody tr').nth(0)).toContainText('33.3%')
	await expect(landingTable.locator('tbody tr').nth(1)).toContainText('1/3')
	await expectNoSidewaysScroll(page)

	// The board: the season's newest ranking (round 2), own place and the same trend.
	await watch.settled()
	await landing.getByRole('link', { name: '查看排行榜 →' }).click()
	await expect(page.getByRole('region', { name: '我的名次' })).toContainText('我的名次：第 1 名（共 3 人排名），得分 9，超过了 66.7% 的参与排名人员。')
	const boardTrend = page.getByRole('region', { name: `我的排名走势 · ${season.name}` })
	await expect(boardTrend.getByRole('img', { name: /各轮我的名次走势/ })).toBeVisible()
	await expect(page.getByRole('table', { name: '个人排名' }).locator('tbody tr')).toHaveCount(3)
	await expect(page.getByRole('img', { name: /成绩分布/ })).toBeVisible()
	await expect(page.getByRole('img', { name: /单位对比/ })).toBeVisible()
	await expectNoSidewaysScroll(page)

	// Filter by unit kind 街道: only the colleague's row and unit; ranks and own place as published.
	const filter = page.getByRole('form', { name: '筛选排行榜' })
	await filter.getByLabel('单位类型').selectOption({ label: '街道' })
	await filter.getByRole('button', { name: '筛选' }).click()
	await expect(page).toHaveURL(/kind=subdistrict/)
	await expect(page.getByRole('status').filter({ hasText: '仅显示单位类型为“街道”的 1 人（全榜 3 人）' })).toBeVisible()
	const people = page.getByRole('table', { name: '个人排名' }).locator('tbody tr')
	await expect(people).toHaveCount(1)
	await expect(people.first()).toContainText(street.name)
	await expect(people.first()).toContainText('街道')
	await expect(people.first().locator('td').first()).toHaveText('3')
	// Every unit here is below the minimum size (5): the pooled row stays, as it pools a 街道 unit.
	await expect(page.getByRole('table', { name: '单位排名' })).toContainText('其他单位（合并）')
	await expect(page.getByRole('region', { name: '我的名次' })).toContainText('第 1 名（共 3 人排名）')

	// The charts follow the filter, and each has its table alternative.
	const charts = page.getByRole('region', { name: '图表' })
	for (const summary of await charts.getByText('以表格查看').all()) await summary.click()
	const distribution = charts.getByRole('table', { name: /成绩分布.*（表格）/ })
	await expect(distribution.locator('tbody tr').filter({ hasText: '50–59%' })).toContainText('1')
	const units = charts.getByRole('table', { name: /单位对比.*（表格）/ })
	await expect(units.locator('tbody tr')).toHaveCount(1)
	await expect(units).toContainText('100%')
	await expectNoSidewaysScroll(page)

	await watch.settled()
	expect(watch.errors).toEqual([])
	await phone.close()
})
