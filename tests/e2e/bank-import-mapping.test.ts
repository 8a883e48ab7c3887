// A bureau's own spreadsheet in the browser (issue 15, ADR 026): the page detects the mapping,
// asks for the defaults the file lacks by their fields, previews the rows as they will be
// imported, updates the preview when a column is re-pointed, and imports; the question is then
// found in the bank. axe on the page with its mapping form; on a phone the page fits 390 px.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { createDb } from '#app/utils/db-client.server.ts'
import { expect, expectNoSidewaysScroll, loginAs, PHONE, test } from './fixtures.ts'

const db = createDb(process.env.E2E_DATABASE_URL ?? 'file:./data/e2e.db')
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/bank-import')
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

test.afterAll(async () => {
	await db.$disconnect()
})

async function seriousViolations(page: Page) {
	const results = await new AxeBuilder({ page }).analyze()
	return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)
}

test('an admin maps a foreign .xlsx (all options in one cell), sets defaults, re-points a column and imports', async ({ page }) => {
	await loginAs(page, 'admin')
	await page.goto('/bank/import')
	await expect(page.getByRole('heading', { name: '批量导入题目' })).toBeVisible()
	const example = await page.request.get('/examples/bank-import/all-options-in-one.xlsx')
	expect(example.status()).toBe(200)
	await expect(page.getByRole('link', { name: /示例：序号\/试题内容\/选项/ })).toHaveAttribute('href', '/examples/bank-import/all-options-in-one.xlsx')

	await page.getByLabel('选择题目文件').setInputFiles({ name: '单位题库.xlsx', mimeType: XLSX_MIME, buffer: readFileSync(path.join(FIXTURES, 'all-options-in-one.xlsx')) })
	await page.getByRole('button', { name: '上传并预览' }).click()

	// Detected: 试题内容 → 题干, 选项 → all options in one cell; the file has no 专题/难度/分值.
	await expect(page.getByLabel('“试题内容”列')).toHaveValue('题干')
	await expect(page.getByLabel('“选项”列')).toHaveValue('选项')
	await expect(page.getByLabel('“序号”列')).toHaveValue('ignore')
	await expect(page.getByText('共 10 行数据（不含表头）。请先按上方提示完成列的对应或默认值')).toBeVisible()
	await expect(page.getByText('文件中没有“专题”列：请把某一列对应为专题，或选择默认专题')).toBeVisible()
	expect(await seriousViolations(page)).toEqual([])

	await page.getByLabel('默认专题').selectOption('economic_responsibility')
	await expect(page.getByLabel('默认专题')).toHaveValue('economic_responsibility')
	await page.getByLabel('默认难度').selectOption('2')
	await expect(page.getByLabel('默认难度')).toHaveValue('2')
	await page.getByLabel('默认分值').fill('2')
	await page.getByRole('button', { name: '按以上设置更新预览' }).click()

	await expect(page.getByText('全部校验通过。可导入 10 道题目：单选 2 道，多选 2 道，判断 3 道，填空 1 道，简答 1 道，案例分析 1 道。')).toBeVisible()
	const sample = page.getByRole('table', { name: '导入预览' })
	await expect(sample.getByRole('row', { name: /第9行/ })).toContainText('A. 充分性')
	await expect(sample.getByRole('row', { name: /第9行/ })).toContainText('经责')
	await expect(sample.getByText('推断')).toHaveCount(0)

	// Re-point one column: without 题目类型 every type is inferred, and the case study becomes 简答.
	await page.getByLabel('“题目类型”列').selectOption('ignore')
	await expect(page.getByText('可导入 10 道题目：单选 2 道，多选 2 道，判断 3 道，填空 1 道，简答 2 道。')).toBeVisible()
	await expect(sample.getByRole('row', { name: /第8行/ })).toContainText('简答推断')
	await expect(page.getByLabel('“题目类型”列')).toHaveValue('ignore')
	expect(await seriousViolations(page)).toEqual([])

	await page.getByRole('button', { name: '确认导入 10 道题目' }).click()
	await expect(page.getByText('已导入 10 道题目')).toBeVisible()
	const stored = await db.question.findFirstOrThrow({
		where: { currentVersion: { stem: '审计证据的特性不包括（ ）。' } },
		select: { type: true, topic: true, difficulty: true, currentVersion: { select: { points: true, answerKey: true } } },
	})
	expect(stored).toEqual({ type: 'single', topic: 'economic_responsibility', difficulty: 2, currentVersion: { points: 2, answerKey: '"D"' } })

	await page.getByRole('link', { name: '查看题库' }).click()
	await page.getByLabel('题干关键词').fill('审计证据的特性不包括')
	await page.getByRole('button', { name: '筛选' }).click()
	await expect(page.getByRole('table', { name: '题目列表' }).getByRole('link', { name: /审计证据的特性不包括/ })).toHaveCount(1)
})

test.describe('on a phone', () => {
	test.use(PHONE)
	test('the 100-row public set previews within 390 px and counts every row', async ({ page }) => {
		await loginAs(page, 'lecturer')
		await page.goto('/bank/import')
		await page.getByLabel('选择题目文件').setInputFiles({ name: 'audit-100.csv', mimeType: 'text/csv', buffer: readFileSync(path.join(FIXTURES, 'audit-100.csv')) })
		await page.getByRole('button', { name: '上传并预览' }).click()
		await expect(page.getByLabel('“question”列')).toHaveValue('题干')
		await expect(page.getByText(/共 100 行数据（不含表头）/)).toBeVisible()
		await page.getByLabel('默认专题').selectOption('fiscal')
		await expect(page.getByLabel('默认专题')).toHaveValue('fiscal')
		await page.getByLabel('默认难度').selectOption('3')
		await expect(page.getByLabel('默认难度')).toHaveValue('3')
		await page.getByLabel('默认分值').fill('1')
		await page.getByRole('button', { name: '按以上设置更新预览' }).click()
		await expect(page.getByText('全部校验通过。可导入 100 道题目：单选 100 道。')).toBeVisible()
		await expectNoSidewaysScroll(page)
		expect(await seriousViolations(page)).toEqual([])
	})
})
