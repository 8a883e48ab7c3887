// An admin imports people from an .xlsx file, hands out the one-time passwords, and one of
// the new people signs in and is made to choose their own password first.
import ExcelJS from 'exceljs'
import { xlsxWithCellInXfd } from '#tests/hostile-spreadsheets.ts'
import { expect, loginAs, test } from './fixtures.ts'

async function workbook(rows: string[][]) {
	const book = new ExcelJS.Workbook()
	const sheet = book.addWorksheet('用户')
	sheet.addRow(['工号', '姓名', '单位', '角色', '手机'])
	for (const row of rows) sheet.addRow(row)
	return Buffer.from(await book.xlsx.writeBuffer())
}

async function readWorkbook(path: string) {
	const book = new ExcelJS.Workbook()
	await book.xlsx.readFile(path)
	const rows: string[][] = []
	book.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))))
	return rows
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

test.describe('admin user import', () => {
	test('bad rows are listed with their numbers and reasons, and nothing can be confirmed', async ({ page }) => {
		await loginAs(page, 'admin')
		await page.goto('/admin/import?kind=users')
		const file = await workbook([
			[`ok${Date.now().toString(36)}`, '好人', '区财政局', '学员', ''],
			['s0001', '重复者', '区财政局', '学员', ''],
			[`x${Date.now().toString(36)}`, '无单位', '不存在的单位', '校长', '123'],
		])
		await page.getByLabel('选择用户文件').setInputFiles({ name: '有错.xlsx', mimeType: XLSX_MIME, buffer: file })
		await page.getByRole('button', { name: '上传并预览' }).click()
		const problems = page.getByRole('table', { name: '有问题的行' })
		await expect(problems).toBeVisible()
		await expect(page.getByText('共 3 行数据（不含表头），其中 2 行有问题')).toBeVisible()
		await expect(problems.getByRole('row', { name: /第3行/ })).toContainText('工号“s0001”已存在')
		const row4 = problems.getByRole('row', { name: /第4行/ })
		await expect(row4).toContainText('找不到单位“不存在的单位”')
		await expect(row4).toContainText('角色“校长”无法识别')
		await expect(row4).toContainText('手机号“123”格式不正确')
		await expect(page.getByRole('button', { name: /确认导入/ })).toHaveCount(0)
	})

	test('a sheet with a cell far out in column XFD is refused next to the file field', async ({ page }) => {
		await loginAs(page, 'admin')
		await page.goto('/admin/import?kind=users')
		const field = page.getByLabel('选择用户文件')
		await field.setInputFiles({ name: '宽表.xlsx', mimeType: XLSX_MIME, buffer: xlsxWithCellInXfd() })
		await page.getByRole('button', { name: '上传并预览' }).click()
		await expect(page.locator('section', { has: field }).getByRole('alert')).toContainText('第300行的第 16384 列（XFD 列）有内容')
		await expect(page.getByRole('button', { name: /确认导入/ })).toHaveCount(0)
	})

	test('an admin imports people, downloads the passwords once, and a new person must change theirs', async ({ page, browser }) => {
		const tag = Date.now().toString(36)
		const people = [
			[`im${tag}1`, '导入甲', '区财政局', '学员', '13900001111'],
			[`im${tag}2`, '导入乙', '城关街道', '学员、导师', ''],
			[`im${tag}3`, '导入丙', '区审计局/区教育局', '讲师,学员', ''],
		]
		await loginAs(page, 'admin')
		await page.goto('/admin/import?kind=users')
		await page.getByLabel('选择用户文件').setInputFiles({ name: '新人名单.xlsx', mimeType: XLSX_MIME, buffer: await workbook(people) })
		await page.getByRole('button', { name: '上传并预览' }).click()

		await expect(page.getByText('共 3 行数据（不含表头），全部校验通过')).toBeVisible()
		const preview = page.getByRole('table', { name: '导入预览' })
		await expect(preview.getByRole('row', { name: new RegExp(`im${tag}2`) })).toContainText('城关街道')
		await expect(preview.getByRole('row', { name: new RegExp(`im${tag}2`) })).toContainText('学员、导师')

		await page.getByRole('button', { name: '确认导入 3 个用户' }).click()
		await expect(page.getByText('已导入 3 个用户')).toBeVisible()
		const passwords = page.getByRole('table', { name: '临时密码' })
		await expect(passwords.getByRole('row')).toHaveCount(4)
		const temporaryPassword = (await page.getByTestId(`password-im${tag}1`).textContent())!.trim()
		expect(temporaryPassword).toMatch(/^[A-Za-z0-9]{12}$/)

		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载临时密码 (.xlsx)' }).click()])
		expect(download.suggestedFilename()).toMatch(/^临时密码-\d{12}\.xlsx$/)
		const rows = await readWorkbook(await download.path())
		expect(rows[0]).toEqual(['工号', '姓名', '单位', '临时密码'])
		expect(rows).toContainEqual([`im${tag}1`, '导入甲', '省审计厅/市审计局/区审计局/区财政局', temporaryPassword])
		await expect(page.getByRole('button', { name: '已下载（只能下载一次）' })).toBeDisabled()

		// The new person signs in elsewhere with the temporary password and must replace it.
		const context = await browser.newContext()
		const newcomer = await context.newPage()
		await loginAs(newcomer, `im${tag}1`, temporaryPassword)
		await expect(newcomer).toHaveURL(/\/settings\/password/)
		await expect(newcomer.getByText('首次登录须先将临时密码改为您自己的密码')).toBeVisible()
		await newcomer.goto('/')
		await expect(newcomer).toHaveURL(/\/settings\/password/)
		await newcomer.getByLabel('临时密码').fill(temporaryPassword)
		// The browser checks the same schema as the server: a weak password is refused at its
		// field before anything is posted.
		const posts: string[] = []
		newcomer.on('request', (request) => (request.method() === 'POST' ? posts.push(request.url()) : undefined))
		await newcomer.getByLabel('新密码', { exact: true }).fill('short')
		await newcomer.getByRole('button', { name: '保存新密码' }).click()
		await expect(newcomer.getByText('密码至少 8 位')).toBeVisible()
		await expect(newcomer.getByLabel('新密码', { exact: true })).toHaveAttribute('aria-invalid', 'true')
		expect(posts).toEqual([])
		await newcomer.getByLabel('新密码', { exact: true }).fill('Audit2026new')
		await newcomer.getByLabel('确认新密码').fill('Audit2026new')
		await newcomer.getByRole('button', { name: '保存新密码' }).click()
		await expect(newcomer).not.toHaveURL(/\/settings\/password/)
		// Post-redirect-get, confirmed by a toast.
		await expect(newcomer.getByText('密码已修改。')).toBeVisible()
		await context.close()

		// Back in the console, the person no longer counts as holding a temporary password.
		page.on('dialog', (dialog) => void dialog.accept())
		await page.goto(`/admin/users?q=im${tag}`)
		await expect(page.getByRole('row', { name: new RegExp(`im${tag}1`) })).not.toContainText('未改初始密码')
		await expect(page.getByRole('row', { name: new RegExp(`im${tag}2`) })).toContainText('未改初始密码')
	})

	test('the template downloads with the expected columns', async ({ page }) => {
		await loginAs(page, 'admin')
		await page.goto('/admin/import?kind=users')
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载 Excel 模板 (.xlsx)' }).click()])
		expect(download.suggestedFilename()).toBe('用户导入模板.xlsx')
		expect((await readWorkbook(await download.path()))[0]).toEqual(['工号', '姓名', '单位', '角色', '手机'])
	})

	test('a large file shows real progress while passwords are generated', async ({ page }) => {
		const tag = Date.now().toString(36)
		const rows = Array.from({ length: 300 }, (_, i) => [`bulk${tag}${i}`, `批量${i}`, '区教育局', '学员', ''])
		await loginAs(page, 'admin')
		page.on('dialog', (dialog) => void dialog.accept())
		await page.goto('/admin/import?kind=users')
		await page.getByLabel('选择用户文件').setInputFiles({ name: '批量.xlsx', mimeType: XLSX_MIME, buffer: await workbook(rows) })
		await page.getByRole('button', { name: '上传并预览' }).click()
		await page.getByRole('button', { name: '确认导入 300 个用户' }).click()
		// About 20 ms of argon2 per person: the bar for this phase is on screen and moves.
		const bar = page.getByRole('progressbar', { name: '生成临时密码' })
		await expect(bar).toBeVisible()
		const early = Number(await bar.getAttribute('aria-valuenow'))
		await expect.poll(async () => Number((await bar.getAttribute('aria-valuenow').catch(() => '100')) ?? 100)).toBeGreaterThan(early)
		await expect(page.getByText('已导入 300 个用户')).toBeVisible({ timeout: 60_000 })
		await expect(page.getByRole('table', { name: '临时密码' }).getByRole('row')).toHaveCount(301)
	})
})
