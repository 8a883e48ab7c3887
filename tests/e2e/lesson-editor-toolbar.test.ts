// The lecturer's lesson editor (issue 14 part 9): the toolbar writes Markdown into the text (one
// browser undo step each), the preview follows, an uploaded image goes in at the cursor, a
// refused line is marked in the gutter and the message moves the cursor there, and the history
// page shows two versions side by side. axe checks the editor and the history page.
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, expectNoSidewaysScroll, loginAs, test, watchPage } from './fixtures.ts'

/** Impacts that fail, as in the accessibility gate (tests/e2e/accessibility.test.ts). */
const BLOCKING = new Set(['serious', 'critical'])
/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

async function axeFindings(page: Page) {
	const results = await new AxeBuilder({ page }).analyze()
	return results.violations.filter((violation) => BLOCKING.has(violation.impact ?? '')).map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`)
}

/** Focuses the text and selects `find` in it, or puts the caret at its 'start' or 'end'. */
const select = (page: Page, find: string) =>
	page.getByLabel('正文（Markdown）').evaluate((textarea: HTMLTextAreaElement, find) => {
		textarea.focus()
		if (find === 'end') return textarea.setSelectionRange(textarea.value.length, textarea.value.length)
		if (find === 'start') return textarea.setSelectionRange(0, 0)
		const at = textarea.value.indexOf(find)
		textarea.setSelectionRange(at, at + find.length)
	}, find)

test('a lecturer formats a lesson with the toolbar, sees the preview follow, and compares two versions', async ({ page }) => {
	const { errors, settled } = watchPage(page)
	await loginAs(page, 'lecturer')
	await page.goto('/lecturer/courses/new')
	await page.getByLabel('课程名称').fill(`编辑器工具栏课程${Date.now()}`)
	await page.getByLabel('简介').fill('工具栏与版本对比。')
	await page.getByLabel('专题').selectOption({ label: '财政' })
	await page.getByLabel('部门').check()
	await page.getByRole('button', { name: '创建课程' }).click()
	await page.getByRole('link', { name: '新建课时' }).click()
	await page.getByLabel('课时标题').fill('预算执行审计要点')
	await page.getByLabel('预计学习分钟数').fill('10')
	await page.getByLabel('正文（Markdown）').fill('审计重点\n\n预算调整须经法定程序。\n')
	await page.getByRole('button', { name: '保存草稿' }).click()
	await expect(page.getByText(/^草稿已保存（第 1 版）/)).toBeVisible()
	await page.getByRole('button', { name: '保存并发布' }).click()
	await expect(page.getByText('已发布第 1 版，学员现在看到的是这一版。')).toBeVisible()

	const body = page.getByLabel('正文（Markdown）')
	const toolbar = page.getByRole('toolbar', { name: '正文格式' })
	const preview = page.getByTestId('lesson-preview')

	// Three toolbar actions: a heading by button, bold by Ctrl+B, a table by button.
	await select(page, 'start')
	await toolbar.getByRole('button', { name: '二级标题' }).click()
	await expect(body).toHaveValue(/^## 审计重点\n/)
	await expect(body).toBeFocused()
	await select(page, '法定程序')
	await page.keyboard.press('Control+b')
	await expect(body).toHaveValue(/须经\*\*法定程序\*\*。/)
	// A link: the address is checked beside its field, then the link takes the selection's place.
	await select(page, '预算调整')
	await toolbar.getByRole('button', { name: '插入链接' }).click()
	const dialog = page.getByRole('dialog', { name: '插入链接' })
	await expect(dialog.getByLabel('链接文字')).toHaveValue('预算调整')
	await dialog.getByLabel('链接地址').fill('javascript:alert(1)')
	await dialog.getByRole('button', { name: '插入', exact: true }).click()
	await expect(dialog.getByRole('alert')).toHaveText(/^链接只能是/)
	await dialog.getByLabel('链接地址').fill('https://www.npc.gov.cn/')
	await dialog.getByRole('button', { name: '插入', exact: true }).click()
	await expect(dialog).toBeHidden()
	await expect(body).toHaveValue(/\n\[预算调整\]\(https:\/\/www\.npc\.gov\.cn\/\)须经/)
	await expect(preview.getByRole('link', { name: '预算调整' })).toHaveAttribute('href', 'https://www.npc.gov.cn/')
	await select(page, 'end')
	await toolbar.getByRole('button', { name: '插入表格' }).click()
	await expect(body).toHaveValue(/\n\n\| 列一 \| 列二 \| 列三 \|\n\| --- \| --- \| --- \|\n\| {2}\| {2}\| {2}\|\n\| {2}\| {2}\| {2}\|\n$/)
	// The heading text is selected, ready to be typed over.
	expect(await body.evaluate((textarea: HTMLTextAreaElement) => textarea.value.slice(textarea.selectionStart, textarea.selectionEnd))).toBe('列一')

	// Each action is one step of the browser's undo.
	await page.keyboard.press('Control+z')
	await expect(body).not.toHaveValue(/列一/)
	await expect(body).toHaveValue(/\*\*法定程序\*\*/)
	await page.keyboard.press('Control+Shift+z')
	await expect(body).toHaveValue(/\| 列一 \| 列二 \| 列三 \|/)

	await expect(preview.getByRole('heading', { level: 2, name: '审计重点' })).toBeVisible()
	await expect(preview.locator('strong')).toHaveText('法定程序')
	await expect(preview.getByRole('table')).toContainText('列三')

	// An image: B's upload answers with its address, which goes in at the cursor; a file that
	// is no image is refused in Chinese and the text stays as it was.
	await select(page, 'end')
	let chooser = page.waitForEvent('filechooser')
	await toolbar.getByRole('button', { name: '上传图片' }).click()
	await (await chooser).setFiles({ name: 'flow.png', mimeType: 'image/png', buffer: PNG })
	await expect(body).toHaveValue(/!\[图片说明\]\(\/lesson-images\/[0-9a-f]{64}\.png\)$/)
	const uploadStatus = page.locator('#editor-toolbar-status')
	await expect(uploadStatus).toHaveText('图片已上传并插入正文。')
	const withImage = await body.inputValue()
	chooser = page.waitForEvent('filechooser')
	await toolbar.getByRole('button', { name: '上传图片' }).click()
	await (await chooser).setFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('这不是图片') })
	await expect(uploadStatus).toHaveText(/图片/)
	await expect(uploadStatus).not.toHaveText(/已上传/)
	await expect(body).toHaveValue(withImage)

	// A refused line: marked in the gutter at its line, and its message moves the cursor there.
	await select(page, 'end')
	await page.keyboard.type('\n\n<script>alert(1)</script>\n')
	const lineOfScript = (await body.inputValue()).split('\n').indexOf('<script>alert(1)</script>') + 1
	const issue = page.getByRole('list', { name: '正文中标出的问题' }).getByRole('button', { name: new RegExp(`正文第${lineOfScript}行`) })
	await expect(issue).toContainText('script')
	const gutterMark = await body.evaluate((textarea: HTMLTextAreaElement) => {
		const rows = [...textarea.parentElement!.firstElementChild!.children] as HTMLElement[]
		const marked = rows.findIndex((row) => row.dataset.mark === 'error')
		return { line: marked + 1, title: rows[marked]?.title }
	})
	expect(gutterMark.line).toBe(lineOfScript)
	expect(gutterMark.title).toMatch(/script/)
	await select(page, 'start')
	await issue.click()
	await expect(body).toBeFocused()
	const caretLine = await body.evaluate((textarea: HTMLTextAreaElement) => textarea.value.slice(0, textarea.selectionStart).split('\n').length)
	expect(caretLine).toBe(lineOfScript)
	await select(page, '\n\n<script>alert(1)</script>\n')
	await page.keyboard.press('Delete')
	await expect(body).not.toHaveValue(/<script>/)
	await expect(issue).toHaveCount(0)

	await page.getByRole('button', { name: '保存草稿' }).click()
	await expect(page.getByText(/^草稿已保存（第 2 版）/)).toBeVisible()
	// The toast is the app's, audited elsewhere; the editor is audited once it has gone.
	await expect(page.getByText(/^草稿已保存（第 2 版）/)).toBeHidden({ timeout: 30_000 })
	await settled()
	expect(await axeFindings(page), 'axe on the editor').toEqual([])

	// The history page: the draft beside the published version.
	await page.getByRole('link', { name: '版本历史' }).click()
	const diff = page.getByTestId('version-diff')
	await expect(page.getByLabel('旧版本')).toHaveValue('1')
	await expect(page.getByLabel('新版本')).toHaveValue('2')
	const changed = diff.locator('tr[data-kind="changed"]').filter({ hasText: '## 审计重点' })
	await expect(changed).toContainText('修改')
	await expect(changed.locator('ins')).toHaveText('## ')
	await expect(diff.locator('tr[data-kind="added"]').filter({ hasText: '| 列一 | 列二 | 列三 |' })).toContainText('新增')
	await expect(page.getByText(/第 1 版 → 第 2 版：新增 \d+ 行，删除 0 行，修改 \d+ 行/)).toBeVisible()
	// Choosing the other way round compares the other way.
	await page.getByLabel('旧版本').selectOption('2')
	await page.getByLabel('新版本').selectOption('1')
	await page.getByRole('button', { name: '对比' }).click()
	await expect(diff.locator('tr[data-kind="removed"]').filter({ hasText: '| 列一 | 列二 | 列三 |' })).toContainText('删除')
	await settled()
	expect(await axeFindings(page), 'axe on the history page').toEqual([])

	// On a phone the diff scrolls sideways inside its frame, not the page.
	await page.setViewportSize({ width: 390, height: 844 })
	await expectNoSidewaysScroll(page)
	await settled()
	// The refused upload's answer (4xx) is logged by Chromium as a failed resource; nothing else may be.
	expect(errors.filter((error) => !/Failed to load resource: the server responded with a status of 4(00|15)/.test(error))).toEqual([])
})
