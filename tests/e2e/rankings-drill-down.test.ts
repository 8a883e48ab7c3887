// Drill-down to a unit's people (ADR 064): the admin allows members' drill-down on the season's
// settings form and publishes; the demo learner opens their own unit from the board on a 320 px
// phone, and another unit's page is refused.
import { createDb } from '#app/utils/db-client.server.ts'
import { expect, expectNoSidewaysScroll, loginAs, PHONE, test, watchPage } from './fixtures.ts'

const db = createDb(process.env.E2E_DATABASE_URL ?? 'file:./data/e2e.db')

test.afterAll(async () => {
	await db.$disconnect()
})

/** A closed round for the demo learner and mentor, both graded. */
async function gradedRound(tag: string) {
	const people = await db.user.findMany({ where: { username: { in: ['learner', 'mentor'] } } })
	const season = await db.season.create({ data: { year: 10_000 + Math.floor(Math.random() * 80_000), name: `${tag} 赛季` } })
	const round = await db.round.create({
		data: {
			seasonId: season.id,
			position: 1,
			title: `${tag} 明细轮`,
			topic: 'fiscal',
			status: 'published',
			opensAt: new Date(Date.now() - 3 * 3600_000),
			closesAt: new Date(Date.now() - 3600_000),
			timeLimitMinutes: 60,
			drawRules: { create: [{ position: 1, topic: 'fiscal', type: 'single', difficulty: null, count: 5, pointsEach: 2 }] },
			eligibility: { create: people.map((person) => ({ kind: 'user', value: person.id })) },
		},
	})
	for (const [index, person] of people.entries()) {
		const finishedAt = new Date(Date.now() - 2 * 3600_000)
		await db.attempt.create({
			data: { roundId: round.id, userId: person.id, seed: `${tag}${index}`, startedAt: new Date(finishedAt.getTime() - 1200_000), deadline: finishedAt, status: 'submitted', finishedAt, maxScore: 10, score: 8 - index * 2, gradingStatus: 'complete', gradedAt: finishedAt },
		})
	}
	return { round, season }
}

test('an admin allows members’ drill-down; the learner opens their own unit on a phone, not another', async ({ browser }) => {
	const tag = `明细${Date.now().toString(36)}`
	const { round, season } = await gradedRound(tag)

	const adminContext = await browser.newContext()
	const admin = await adminContext.newPage()
	await loginAs(admin, 'admin')
	await admin.goto('/admin/rankings')
	const seasonCard = admin.getByRole('listitem').filter({ has: admin.getByRole('heading', { name: season.name }) })
	await seasonCard.getByLabel(round.title).fill('11')
	await seasonCard.getByRole('button', { name: '保存设置' }).click()
	await expect(seasonCard.getByText('权重须在 0–10 之间')).toBeVisible()
	await seasonCard.getByLabel(round.title).fill('1')
	await seasonCard.getByLabel(/允许单位成员/).check()
	await seasonCard.getByRole('button', { name: '保存设置' }).click()
	await expect(admin.getByText('排行榜设置已保存。')).toBeVisible()
	expect((await db.rankingSetting.findUniqueOrThrow({ where: { seasonId: season.id } })).memberDrillDown).toBe(true)
	await admin.getByRole('link', { name: round.title }).click()
	await admin.getByRole('button', { name: '发布排行榜' }).click()
	await expect(admin).toHaveURL(/\/admin\/rankings$/)
	await adminContext.close()
	const snapshot = await db.rankingSnapshot.findFirstOrThrow({ where: { scope: 'round', scopeId: round.id } })

	const phone = await browser.newContext({ ...PHONE, viewport: { width: 320, height: 640 } })
	const page = await phone.newPage()
	const watch = watchPage(page)
	await loginAs(page, 'learner')
	await watch.settled()
	await page.goto(`/rankings?snapshot=${snapshot.id}`)
	const learner = await db.user.findUniqueOrThrow({ where: { username: 'learner' }, include: { unit: true } })
	// Exactly one unit row links: the learner's own unit (or the merged row that pools it).
	const links = page.getByRole('table', { name: '单位排名' }).getByRole('link')
	await expect(links).toHaveCount(1)
	await links.click()
	await expect(page.getByRole('heading', { name: `${learner.unit.name}：人员明细` })).toBeVisible()
	await expect(page.getByRole('table', { name: '单位人员' })).toContainText(learner.name)
	await expect(page.getByText(snapshot.contentHash)).toBeVisible()
	await expectNoSidewaysScroll(page)
	await watch.settled()

	const refused = await page.goto(`/rankings/${snapshot.id}/units/merged`)
	expect(refused?.status()).toBe(403)
	await expect(page.getByText('只能查看您所在单位的人员明细。')).toBeVisible()
	await phone.close()
})
