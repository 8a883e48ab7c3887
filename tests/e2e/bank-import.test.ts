// An admin fills the downloaded template, sees every bad row with its number, column and
// reason (and cannot import), fixes the file, imports it and finds the questions in the bank.
import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { createDb } from '#app/utils/db-client.server.ts'
import { xlsxWithCellInXfd, xlsxZipBomb } from '#tests/hostile-spreadsheets.ts'
import { expect, loginAs, test } from './fixtures.ts'

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const db = createDb(process.env.E2E_DATABASE_URL ?? 'file:./data/e2e.db')

test.afterAll(async () => {
	await db.$disconnect()
})

/** Fills the downloaded template's sheet below its header, replacing the examples. */
async function fillTemplate(templatePath: string, rows: Partial<Record<string, string>>[]) {
	const book = new ExcelJS.Workbook()
	await book.xlsx.readFile(templatePath)
	const sheet = book.getWorksheet('题目')!
	const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String)
	// Replace the example rows as a person would: overwrite them, then clear what is left.
	const last = Math.max(sheet.rowCount, rows.length + 1)
	for (let rowNumber = 2; rowNumber <= last; rowNumber++) {
		const row = rows[rowNumber - 2]
		headers.forEach((header, index) => {
			sheet.getRow(rowNumber).getCell(index + 1).value = row?.[header] ?? null
		})
	}
	return Buffer.from(await book.xlsx.writeBuffer())
}

test('an admin imports questions from an .xlsx: bad rows block the import until fixed', async ({ page }) => {
	const tag = `e2e${Date.now().toString(36)}`
	await loginAs(page, 'admin')
	await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '题库', exact: true }).click()
	await expect(page).toHaveURL(/\/bank$/)
	await page.getByRole('navigation', { name: '题库导航' }).getByRole('link', { name: '批量导入' }).click()
	await expect(page.getByRole('heading', { name: '批量导入题目' })).toBeVisible()

	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载 Excel 模板 (.xlsx)' }).click()])
	expect(download.suggestedFilename()).toBe('题库导入模板.xlsx')
	const templatePath = await download.path()

	const good = [
		{ 题型: '单选', 专题: '财政', 难度: '2', 分值: '1', 题干: `${tag} 预算公开的时限是批准后（ ）日内。`, 选项A: '十', 选项B: '二十', 答案: 'B', 标签: tag },
		{ 题型: '多选', 专题: '固投', 难度: '3', 分值: '2', 题干: `${tag} 属于基础类改造的有（ ）。`, 选项A: '管网', 选项B: '外墙', 选项C: '加装电梯', 答案: 'Ａ，Ｂ', 标签: tag },
		{ 题型: '判断', 专题: '经责', 难度: '1', 分值: '1', 题干: `${tag} 经责审计以任职期间审计为主。`, 答案: '√', 标签: tag },
		{ 题型: '简答', 专题: '综合', 难度: '3', 分值: '10', 题干: `${tag} 简述审计整改的主要工作。`, 答案: '建立清单、跟踪销号……', 评分要点: '清单化 4 分；跟踪 6 分', 标签: tag },
	]
	const bad = [...good.slice(0, 2), { ...good[2]!, 答案: '大概对' }, { ...good[3]!, 题型: '论述' }]
	await page.getByLabel('选择题目文件').setInputFiles({ name: '有错的题目.xlsx', mimeType: XLSX_MIME, buffer: await fillTemplate(templatePath, bad) })
	await page.getByRole('button', { name: '上传并预览' }).click()

	const problems = page.getByRole('table', { name: '有问题的行' })
	await expect(problems).toBeVisible()
	await expect(page.getByText('共 4 行数据（不含表头），其中 2 行有问题')).toBeVisible()
	await expect(problems.getByRole('row', { name: /第4行/ })).toContainText('判断题答案“大概对”无法识别')
	await expect(problems.getByRole('row', { name: /第5行/ })).toContainText('题型“论述”无法识别')
	await expect(page.getByRole('button', { name: /确认导入/ })).toHaveCount(0)
	await expect(page.getByRole('button', { name: '只导入无误的 2 道题目，跳过 2 行' })).toBeVisible()
	expect(await db.question.count({ where: { currentVersion: { tags: { contains: tag } } } })).toBe(0)

	await page.getByLabel('选择题目文件').setInputFiles({ name: '题目.xlsx', mimeType: XLSX_MIME, buffer: await fillTemplate(templatePath, good) })
	await page.getByRole('button', { name: '上传并预览' }).click()
	await expect(page.getByText('共 4 行数据（不含表头），全部校验通过')).toBeVisible()
	await expect(page.getByRole('table', { name: '导入预览' }).getByRole('row', { name: /第3行/ })).toContainText('AB')
	await page.getByLabel('导入后状态').selectOption('draft')
	await page.getByRole('button', { name: '确认导入 4 道题目' }).click()
	await expect(page.getByText('已导入 4 道题目')).toBeVisible()

	const stored = await db.question.findMany({ where: { currentVersion: { tags: { contains: tag } } }, select: { type: true, status: true } })
	expect(stored.map((q) => q.type).sort()).toEqual(['multiple', 'short_answer', 'single', 'true_false'])
	expect(stored.every((q) => q.status === 'draft')).toBe(true)

	await page.getByRole('link', { name: '查看题库' }).click()
	await page.getByLabel('题干关键词').fill(tag)
	await page.getByRole('button', { name: '筛选' }).click()
	await expect(page.getByRole('table', { name: '题目列表' }).getByRole('link', { name: new RegExp(tag) })).toHaveCount(4)
})

test('a hostile file is refused with a Chinese message next to the file field, and the next file still works', async ({ page }) => {
	await loginAs(page, 'admin')
	await page.goto('/bank/import')
	const field = page.getByLabel('选择题目文件')
	const upload = page.locator('section', { has: field })
	await field.setInputFiles({ name: '宽表.xlsx', mimeType: XLSX_MIME, buffer: xlsxWithCellInXfd() })
	await page.getByRole('button', { name: '上传并预览' }).click()
	await expect(upload.getByRole('alert')).toContainText('第300行的第 16384 列（XFD 列）有内容，表格最多 200 列')
	await field.setInputFiles({ name: '炸弹.xlsx', mimeType: XLSX_MIME, buffer: xlsxZipBomb(300) })
	await page.getByRole('button', { name: '上传并预览' }).click()
	await expect(upload.getByRole('alert')).toContainText('文件解压后超过 64 MB')
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载 CSV 模板' }).click()])
	await field.setInputFiles({ name: '模板.csv', mimeType: 'text/csv', buffer: readFileSync(await download.path()) })
	await page.getByRole('button', { name: '上传并预览' }).click()
	await expect(page.getByText(/共 5 行数据/)).toBeVisible()
	await expect(upload.getByRole('alert')).toHaveCount(0)
})

test('a lecturer edits a question: a draft changes in place, and bad input is explained next to the field', async ({ page }) => {
	const tag = `e2e${Date.now().toString(36)}`
	await loginAs(page, 'lecturer')
	await page.goto('/bank/new?type=fill_blank')
	await page.getByLabel('题干').fill(`${tag} 预算包括一般公共预算、____和____。`)
	await page.getByLabel('答案（每行一个空）').fill('政府性基金预算')
	await page.getByLabel('标签').fill(tag)
	await page.getByRole('button', { name: '保存题目' }).click()
	await expect(page.getByText('题干中的空位（____ 或（ ））数量须与答案的空数一致')).toBeVisible()

	await page.getByLabel('答案（每行一个空）').fill('政府性基金预算\n社会保险基金预算 | 社保基金预算')
	await page.getByRole('button', { name: '保存题目' }).click()
	await expect(page.getByText('题目已创建。')).toBeVisible()
	await expect(page.getByText('当前第 1 版')).toBeVisible()

	await page.getByLabel('解析').fill('预算法第五条规定的四本预算。')
	await page.getByRole('button', { name: '保存修改' }).click()
	await expect(page.getByText('已保存。')).toBeVisible()
	const question = await db.question.findFirstOrThrow({ where: { currentVersion: { tags: { contains: tag } } }, select: { versions: { select: { version: true, explanation: true, answerKey: true } } } })
	expect(question.versions).toEqual([{ version: 1, explanation: '预算法第五条规定的四本预算。', answerKey: '[["政府性基金预算"],["社会保险基金预算","社保基金预算"]]' }])
})
