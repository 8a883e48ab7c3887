// An admin creates a season from the 3+1 template, is told which draw rule the bank cannot
// fill, fixes the rules, publishes, previews a paper, and opens the review once the window
// has closed; statistics of a sat round show and export.
import { findDrawShortages } from '#app/exams/rounds/draw.ts'
import { loadDrawCandidates, loadDrawRules } from '#app/exams/rounds/draw-pool.ts'
import { toChinaDateTimeLocal } from '#app/exams/timing/china-time.ts'
import { createBrowserRound, createLoginPerson, sitRound } from '#app/exams/rounds/test-fixtures.ts'
import { createDb, type Db } from '#app/utils/db-client.server.ts'
import { expect, loginAs, test } from './fixtures.ts'

let db: Db

test.beforeAll(() => {
	db = createDb(process.env.E2E_DATABASE_URL ?? 'file:./data/e2e.db')
})
test.afterAll(async () => {
	await db.$disconnect()
})

async function freeYear() {
	const taken = new Set((await db.season.findMany({ select: { year: true } })).map((s) => s.year))
	for (let year = 2099; year > 2030; year--) if (!taken.has(year)) return year
	throw new Error('no free year left for the test season')
}

test.describe('exam administration', () => {
	test('create a season from the 3+1 template, fix the rules, publish, preview, open review', async ({ page }) => {
		test.setTimeout(120_000)
		const year = await freeYear()
		await loginAs(page, 'admin')
		await page.goto('/admin/seasons')
		await page.getByLabel('年度').fill(String(year))
		await page.getByRole('button', { name: '按“3+1”模板创建赛季' }).click()
		await expect(page.getByRole('heading', { name: `${year}年度红审善业技能比武` })).toBeVisible()
		for (const topic of ['财政审计', '经济责任审计', '固定资产投资审计', '综合']) {
			await expect(page.getByRole('link', { name: new RegExp(`${year}年.*技能比武 · ${topic}$`) })).toBeVisible()
		}
		const season = await db.season.findUniqueOrThrow({ where: { year }, include: { rounds: { orderBy: { position: 'asc' } } } })
		const round = season.rounds[0]!
		const shortages = findDrawShortages(await loadDrawRules(db, round.id), await loadDrawCandidates(db, await loadDrawRules(db, round.id)))
		expect(shortages.length, 'the template asks more of the demo bank than it holds').toBeGreaterThan(0)

		await page.getByRole('link', { name: round.title }).click()
		await page.getByRole('button', { name: '发布' }).click()
		const refusal = page.getByRole('alert').filter({ hasText: '操作未完成' })
		await expect(refusal).toContainText(shortages[0]!.message)
		expect((await db.round.findUniqueOrThrow({ where: { id: round.id } })).status).toBe('draft')

		// Keep one rule the bank can fill: two single-choice questions of the topic with most of them.
		const rich = (await db.question.groupBy({ by: ['topic'], where: { status: 'active', type: 'single' }, _count: { _all: true } })).sort((a, b) => b._count._all - a._count._all)[0]!
		const ruleRows = await page.getByRole('textbox', { name: /^规则 \d+ 题数$/ }).count()
		await page.getByLabel('规则 1 专题').selectOption(rich.topic)
		await page.getByLabel('规则 1 题型').selectOption('single')
		await page.getByLabel('规则 1 难度').selectOption('')
		await page.getByLabel('规则 1 题数').fill('2')
		await page.getByLabel('规则 1 每题分值').fill('5')
		for (let i = 2; i <= ruleRows; i++) {
			await page.getByLabel(`规则 ${i} 题数`).fill('')
			await page.getByLabel(`规则 ${i} 每题分值`).fill('')
		}
		const now = Date.now()
		await page.getByLabel('开始时间').fill(toChinaDateTimeLocal(new Date(now - 3600_000)))
		await page.getByLabel('截止时间', { exact: true }).fill(toChinaDateTimeLocal(new Date(now + 3600_000)))
		await page.getByLabel('复盘开放时间').fill(toChinaDateTimeLocal(new Date(now + 30 * 24 * 3600_000)))
		// Participating units come from the tree: a search narrows it, a kind is chosen whole.
		const units = page.getByRole('group', { name: '单位（选中的单位含其全部下级单位）' })
		const bureaus = await db.unit.findMany({ where: { kind: 'bureau', active: true }, select: { id: true, name: true } })
		const someDepartment = await db.unit.findFirstOrThrow({ where: { kind: 'department', active: true }, select: { name: true } })
		await units.getByLabel('查找单位').fill(bureaus[0]!.name)
		await expect(units.getByRole('checkbox', { name: someDepartment.name, exact: true })).toBeHidden()
		await units.getByLabel('查找单位').fill('')
		await units.getByRole('button', { name: '审计机关' }).click()
		await expect(units.getByText(`已选 ${bureaus.length} 个单位`)).toBeVisible()
		await page.getByRole('button', { name: '保存设置' }).click()
		await expect(page.getByText('设置已保存。')).toBeVisible()
		// The draft opened an hour ago: the admin is told publishing opens it at once.
		await expect(page.getByRole('alert').filter({ hasText: '时间已经过去' })).toContainText('发布后考试立即开放')
		const eligibleUnits = await db.roundEligibility.findMany({ where: { roundId: round.id, kind: 'unit' }, select: { value: true } })
		expect(eligibleUnits.map((e) => e.value).sort()).toEqual(bureaus.map((b) => b.id).sort())
		await page.getByRole('button', { name: '发布' }).click()
		await expect(page.getByText('已发布，考生在开放时间内即可参加。')).toBeVisible()
		await expect(page.getByRole('alert').filter({ hasText: '时间已经过去' })).toHaveCount(0)

		await page.getByRole('link', { name: '预览试卷' }).click()
		await expect(page).toHaveURL(/\/preview\?seed=[0-9a-f]+$/)
		await expect(page.getByText('答案：')).toHaveCount(2)
		const seedUrl = page.url()
		const firstStem = await page.locator('ol > li').first().innerText()
		await page.goto(seedUrl)
		expect(await page.locator('ol > li').first().innerText()).toBe(firstStem)
		await page.goBack()
		await page.goto(`/admin/rounds/${round.id}`)

		// The window closes (moved into the past, as time would); the review is still scheduled a month out.
		await page.getByLabel('开始时间').fill(toChinaDateTimeLocal(new Date(now - 3 * 3600_000)))
		await page.getByLabel('截止时间', { exact: true }).fill(toChinaDateTimeLocal(new Date(now - 2 * 60_000)))
		await page.getByRole('button', { name: '保存设置' }).click()
		await expect(page.getByText('设置已保存。')).toBeVisible()
		await page.getByRole('button', { name: '立即开放复盘' }).click()
		await expect(page.getByText('复盘已开放，考生可查看答案与解析。')).toBeVisible()
		await expect(page.getByText(/复盘已开放。/)).toBeVisible()
		const audit = await db.auditLog.findMany({ where: { targetId: round.id }, select: { action: true } })
		expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['round.update', 'round.publish', 'round.open_review']))
	})

	test('round statistics: histogram, item analysis and the .xlsx export', async ({ page }) => {
		const people = await Promise.all(Array.from({ length: 4 }, () => createLoginPerson(db, { password: 'Exam-e2e-2026' })))
		// Objective questions only, so every paper is fully graded and counted.
		const round = await createBrowserRound(db, new Date(), { userIds: people.map((p) => p.id), types: ['single', 'multiple', 'true_false', 'fill_blank'] })
		for (const [index, person] of people.entries()) await sitRound(db, { roundId: round.id, person, startAt: new Date(), isRight: (p) => p <= index + 1 })
		await loginAs(page, 'admin')
		await page.goto(`/admin/rounds/${round.id}/stats`)
		await expect(page.getByRole('img', { name: /成绩分布/ })).toBeVisible()
		await expect(page.getByText('人数4', { exact: true })).toBeVisible()
		// One row per question drawn into any of the papers (each person's paper is drawn separately).
		const drawn = await db.attemptQuestion.findMany({ where: { attempt: { roundId: round.id } }, distinct: ['questionVersionId'], select: { questionVersionId: true } })
		await expect(page.getByRole('region', { name: '题目分析' }).getByRole('row')).toHaveCount(1 + drawn.length)
		const download = await page.request.get(`/admin/rounds/${round.id}/stats.xlsx`)
		expect(download.status()).toBe(200)
		expect(download.headers()['content-type']).toContain('spreadsheetml')
		expect((await download.body()).subarray(0, 2).toString()).toBe('PK')
	})

	test('a learner cannot open the admin round pages', async ({ page }) => {
		const round = await db.round.findFirstOrThrow({ select: { id: true } })
		await loginAs(page, 'learner')
		for (const path of ['/admin/seasons', `/admin/rounds/${round.id}`, `/admin/rounds/${round.id}/preview`, `/admin/rounds/${round.id}/stats`]) {
			const response = await page.goto(path)
			expect(response?.status(), path).toBe(403)
		}
	})
})
