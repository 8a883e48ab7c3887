// An admin drafts a round's ranking, publishes it, and a learner reads it on a 320 px phone:
// the published version's hash, their own row marked, nothing wider than the screen.
import { readFile } from 'node:fs/promises'
import ExcelJS from 'exceljs'
import { createDb } from '#app/utils/db-client.server.ts'
import { expect, expectNoSidewaysScroll, loginAs, PHONE, test, watchPage } from './fixtures.ts'

const db = createDb(process.env.E2E_DATABASE_URL ?? 'file:./data/e2e.db')

test.afterAll(async () => {
	await db.$disconnect()
})

/** A closed round for the demo learner and admin-chosen colleague, both graded: 8 and 6 of 10. */
async function gradedRound(tag: string) {
	const learner = await db.user.findUniqueOrThrow({ where: { username: 'learner' } })
	const mentor = await db.user.findUniqueOrThrow({ where: { username: 'mentor' } })
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
			drawRules: { create: [{ position: 1, topic: 'fiscal', type: 'single', difficulty: null, count: 5, pointsEach: 2 }] },
			eligibility: { create: [learner, mentor].map((person) => ({ kind: 'user', value: person.id })) },
		},
	})
	for (const [person, score] of [
		[learner, 8],
		[mentor, 6],
	] as const) {
		const finishedAt = new Date(Date.now() - 2 * 3600_000)
		await db.attempt.create({
			data: { roundId: round.id, userId: person.id, seed: `${tag}${score}`, startedAt: new Date(finishedAt.getTime() - 1200_000), deadline: finishedAt, status: 'submitted', finishedAt, maxScore: 10, score, gradingStatus: 'complete', gradedAt: finishedAt },
		})
	}
	return round
}

test('an admin publishes a round ranking; a learner reads it with its hash on a 320 px phone', async ({ browser }) => {
	const tag = `排名${Date.now().toString(36)}`
	const round = await gradedRound(tag)

	const adminContext = await browser.newContext()
	const admin = await adminContext.newPage()
	await loginAs(admin, 'admin')
	await admin.goto('/admin/rankings')
	await admin.getByRole('link', { name: round.title }).click()
	await expect(admin.getByRole('heading', { name: `排行榜草稿：${tag} 赛季 · ${round.title}` })).toBeVisible()
	await expect(admin.getByRole('table', { name: '个人排名' })).toContainText('8')
	await admin.getByRole('button', { name: '发布排行榜' }).click()
	await expect(admin).toHaveURL(/\/admin\/rankings$/)
	await expect(admin.getByText('已发布第 1 版排行榜。')).toBeVisible()
	const snapshot = await db.rankingSnapshot.findFirstOrThrow({ where: { scope: 'round', scopeId: round.id } })
	expect(await db.auditLog.count({ where: { action: 'ranking.publish', targetId: snapshot.id } })).toBe(1)
	await adminContext.close()

	const phone = await browser.newContext({ ...PHONE, viewport: { width: 320, height: 640 } })
	const page = await phone.newPage()
	const watch = watchPage(page)
	await loginAs(page, 'learner')
	// Leaving a page with a manifest fetch in flight logs an aborted fetch: let it finish first.
	await watch.settled()
	await page.goto(`/rankings?snapshot=${snapshot.id}`)
	const info = page.getByRole('region', { name: '发布信息' })
	await expect(info.getByText(snapshot.contentHash)).toBeVisible()
	await expect(info.getByText('第 1 版 ·')).toBeVisible()
	const mine = page.getByRole('table', { name: '个人排名' }).locator('tr[aria-current="true"]')
	await expect(mine).toContainText('（我）')
	await expect(mine).toContainText('8')
	await expect(page.getByRole('region', { name: '我的名次' })).toContainText('我的名次：第 1 名（共 2 人排名），得分 8，超过了 50% 的参与排名人员。')
	await expect(page.getByText('只按得分排名').first()).toBeVisible()
	await expectNoSidewaysScroll(page)

	// On paper: filters and the version list are gone, every page's footer names version and hash.
	const footer = page.locator('footer').filter({ hasText: '内容哈希 SHA-256' })
	await expect(footer).toBeHidden()
	await page.emulateMedia({ media: 'print' })
	await expect(footer).toBeVisible()
	await expect(footer).toContainText(`第 1 版 · 内容哈希 SHA-256：${snapshot.contentHash}`)
	await expect(page.getByRole('navigation', { name: '已发布的排行榜' })).toBeHidden()
	await expect(page.getByRole('button', { name: '打印（A4）' })).toBeHidden()
	await expect(page.getByRole('table', { name: '个人排名' })).toBeVisible()
	await page.emulateMedia({ media: 'screen' })

	// The export has the board's rows in the board's order, and the hash.
	const [download] = await Promise.all([page.waitForEvent('download'), info.getByRole('link', { name: '导出 Excel' }).click()])
	const workbook = new ExcelJS.Workbook()
	await workbook.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer)
	const boardRows = await page.getByRole('table', { name: '个人排名' }).locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent)))
	const sheetRows: string[][] = []
	workbook.getWorksheet('个人排名')!.eachRow((row, number) => (number > 1 ? sheetRows.push((row.values as unknown[]).slice(1, 6).map(String)) : undefined))
	expect(sheetRows.map((row) => [row[0], row[3]])).toEqual(boardRows.map((row) => [row[0], row[3]]))
	expect(sheetRows.map((row) => row[1])).toEqual(['李青年', await db.user.findUniqueOrThrow({ where: { username: 'mentor' } }).then((u) => u.name)])
	const summary: unknown[][] = []
	workbook.getWorksheet('概况')!.eachRow((row) => summary.push((row.values as unknown[]).slice(1)))
	expect(summary).toContainEqual(['内容哈希（SHA-256）', snapshot.contentHash])
	await watch.settled()
	expect(watch.errors).toEqual([])
	await phone.close()
})
