// The course library end to end: a lecturer writes a lesson with a Callout and a knowledge
// check, previews and publishes it; a learner finds it by a Chinese word, answers the check,
// completes the lesson and sees the progress; a lesson carrying an XSS payload is refused
// with its line named.
import { expect, loginAs, logout, test, watchPage } from './fixtures.ts'

const DIGITS = '零一二三四五六七八九'
/** A Chinese word no other lesson contains, so the search finds exactly this run's lesson. */
const WORD = `鸿雁${[...String(Date.now()).slice(-6)].map((d) => DIGITS[Number(d)]).join('')}`
const COURSE_TITLE = `专项债券审计（${WORD}）`
const LESSON_TITLE = '专项债券资金使用审计'

const LESSON_BODY = `## 审计重点

专项债券资金要用于有一定收益的公益性项目。本课的检索词是${WORD}。

<Callout type="注意" title="资金闲置">
债券资金到位后长期未支出，要查明原因。
</Callout>

<KnowledgeCheck id="bond-use" question="专项债券资金应当用于什么项目？" answer="B" explanation="专项债券用于有一定收益的公益性项目。">
  <Option value="A">经常性支出</Option>
  <Option value="B">有一定收益的公益性项目</Option>
</KnowledgeCheck>
`

test.describe.serial('course library journey', () => {
	let coursePath = ''
	let lessonPath = ''

	test('a lecturer writes a lesson with a Callout and a knowledge check, previews and publishes it', async ({ page }) => {
		await loginAs(page, 'lecturer')
		await page.goto('/lecturer')
		await page.getByRole('link', { name: '新建课程' }).click()
		await page.getByLabel('课程名称').fill(COURSE_TITLE)
		await page.getByLabel('简介').fill('地方政府专项债券资金的审计方法。')
		await page.getByLabel('专题').selectOption({ label: '财政' })
		await page.getByLabel('部门').check()
		await page.getByRole('button', { name: '创建课程' }).click()
		await expect(page).toHaveURL(/\/lecturer\/courses\/(?!new$)[^/]+$/)
		coursePath = new URL(page.url()).pathname

		await page.getByRole('link', { name: '新建课时' }).click()
		await page.getByLabel('课时标题').fill(LESSON_TITLE)
		await page.getByLabel('预计学习分钟数').fill('12')
		await page.getByLabel('正文（Markdown）').fill(LESSON_BODY)

		const preview = page.getByTestId('lesson-preview')
		await expect(preview.getByRole('note', { name: '资金闲置' })).toContainText('债券资金到位后长期未支出')
		await expect(preview.getByText('专项债券资金应当用于什么项目？')).toBeVisible()
		await expect(preview.getByText('预览中不核对答案')).toBeVisible()
		await expect(preview).not.toContainText('专项债券用于有一定收益的公益性项目。')

		await page.getByRole('button', { name: '保存草稿' }).click()
		// The new lesson opens in its editor with a toast (post-redirect-get, ADR 070).
		await expect(page.getByText(/^草稿已保存（第 1 版）/)).toBeVisible()
		await page.getByRole('button', { name: '保存并发布' }).click()
		await expect(page.getByText('已发布第 1 版，学员现在看到的是这一版。')).toBeVisible()

		await page.goto(coursePath)
		await page.getByRole('button', { name: '发布课程' }).click()
		await expect(page.getByText('课程已发布，学员可以在课程库中看到它。')).toBeVisible()
	})

	test('a lesson carrying an XSS payload is refused with its line named', async ({ page }) => {
		await loginAs(page, 'lecturer')
		await page.goto(`${coursePath}/lessons/new`)
		await page.getByLabel('课时标题').fill('带脚本的课时')
		await page.getByLabel('正文（Markdown）').fill('第一段正文。\n\n<Callout type="提示" onClick="alert(document.cookie)">点我</Callout>\n')
		await expect(page.getByTestId('lesson-preview').getByRole('alert')).toHaveText('正文第3行第20列：不允许使用事件属性 onClick')
		await page.getByRole('button', { name: '保存草稿' }).click()
		await expect(page.getByRole('alert').first()).toHaveText('正文第3行第20列：不允许使用事件属性 onClick')
		await expect(page).toHaveURL(/\/lessons\/new$/)

		await page.getByLabel('正文（Markdown）').fill('正文\n\n\n<script>alert(1)</script>\n')
		await page.getByRole('button', { name: '保存草稿' }).click()
		await expect(page.getByRole('alert').first()).toHaveText('正文第4行第1列：不允许使用 <script> 标签')

		await page.goto(coursePath)
		await expect(page.getByRole('link', { name: '带脚本的课时' })).toHaveCount(0)
		await logout(page)
	})

	test('a long pasted paragraph wraps in the editor and the line numbers stay beside their lines', async ({ page }) => {
		await loginAs(page, 'lecturer')
		await page.goto(`${coursePath}/lessons/new`)
		const paragraph = '预算执行审计应当关注预算编制的完整性、预算调整的合规性、资金拨付的及时性和支出的真实性。'.repeat(12)
		await page.getByLabel('课时标题').fill('长段落课时')
		const editor = page.getByLabel('正文（Markdown）')
		// Six such paragraphs make the text taller than the editor, so its scroll height is the
		// height of the wrapped text; the refused line comes after them, on line 13.
		await editor.fill(`${`${paragraph}\n\n`.repeat(6)}<Callout type="提示" onClick="alert(1)">点我</Callout>\n`)
		await expect(page.getByTestId('lesson-preview').getByRole('alert')).toHaveText('正文第13行第20列：不允许使用事件属性 onClick')
		const layout = await editor.evaluate((textarea: HTMLTextAreaElement) => {
			const style = getComputedStyle(textarea)
			const gutterRows = [...textarea.parentElement!.firstElementChild!.children] as HTMLElement[]
			return {
				sideways: textarea.scrollWidth - textarea.clientWidth,
				textHeight: textarea.scrollHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom),
				gutterHeight: gutterRows.reduce((sum, row) => sum + row.getBoundingClientRect().height, 0),
				firstRow: gutterRows[0]!.getBoundingClientRect().height,
				lineHeight: parseFloat(style.lineHeight),
				marked: gutterRows.findIndex((row) => row.className.includes('bg-red-100')) + 1,
			}
		})
		expect(layout.sideways).toBeLessThanOrEqual(0)
		// The paragraph takes several rows, and its number is as tall as they are.
		expect(layout.firstRow).toBeGreaterThan(layout.lineHeight * 2)
		expect(Math.abs(layout.gutterHeight - layout.textHeight)).toBeLessThan(2)
		expect(layout.marked).toBe(13)
		await logout(page)
	})

	test('a learner finds the lesson by a Chinese word, answers the check, completes it and sees the progress', async ({ page }) => {
		await loginAs(page, 'learner')
		await page.goto('/learn')
		await page.getByRole('searchbox', { name: '搜索课程和共性问题' }).fill(WORD)
		await page.getByRole('button', { name: '搜索', exact: true }).click()
		await expect(page).toHaveURL(/\/learn\/search\?q=/)
		const hit = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: LESSON_TITLE }) })
		await expect(hit.locator('mark')).toHaveText(WORD)
		await hit.getByRole('link', { name: LESSON_TITLE }).click()

		await expect(page.getByRole('heading', { level: 1, name: LESSON_TITLE })).toBeVisible()
		lessonPath = new URL(page.url()).pathname
		const check = page.getByRole('region', { name: '随堂小测' })
		await expect(check).not.toContainText('专项债券用于有一定收益的公益性项目。')
		await check.getByRole('radio', { name: /经常性支出/ }).check()
		await check.getByRole('button', { name: '提交答案' }).click()
		await expect(check.getByRole('status')).toContainText('回答错误')
		await check.getByRole('radio', { name: /有一定收益的公益性项目/ }).check()
		await check.getByRole('button', { name: '再答一次' }).click()
		await expect(check.getByRole('status')).toContainText('回答正确')
		await expect(check.getByRole('status')).toContainText('解析：专项债券用于有一定收益的公益性项目。')

		await page.getByRole('button', { name: '标记为已完成' }).click()
		await expect(page.getByRole('button', { name: '已完成本课' })).toBeDisabled()

		await page.getByRole('navigation', { name: '位置' }).getByRole('link', { name: COURSE_TITLE }).click()
		await expect(page.getByRole('progressbar', { name: '课程进度 1/1' })).toHaveAttribute('aria-valuenow', '100')
		await expect(page.getByText('已完成 1/1 课时')).toBeVisible()

		await page.goto('/learn/mine')
		await expect(page.getByRole('region', { name: '已完成' }).getByRole('link', { name: COURSE_TITLE })).toBeVisible()
	})

	test('a lesson page opened directly comes from the shared document, with each reader’s own progress and answers', async ({ page, browser }) => {
		// A page whose first client render differed from the shared HTML would fail hydration
		// and log it; neither reader's page may log any error.
		const pageErrors: string[] = []
		const first = watchPage(page, pageErrors)
		// The learner who answered and completed the lesson opens it again as a new page.
		await loginAs(page, 'learner')
		await page.goto(lessonPath)
		await expect(page.getByRole('button', { name: '已完成本课' })).toBeDisabled()
		await expect(page.getByRole('region', { name: '随堂小测' }).getByRole('status')).toContainText('回答正确')
		await expect(page.getByLabel('账户菜单')).toContainText('李青年')

		// Another learner with the same roles gets the same document with only their own part.
		const other = await browser.newPage()
		const second = watchPage(other, pageErrors)
		try {
			await loginAs(other, 's0007')
			const html = await (await other.request.get(lessonPath)).text()
			expect(html).toContain('<script id="hongshen-personal" type="application/json">')
			expect(html).toContain('"username":"s0007"')
			for (const firstReader of ['李青年', '"username":"learner"', '回答正确', '"answer"', '"completed":true']) expect(html).not.toContain(firstReader)

			await other.goto(lessonPath)
			await expect(other.getByRole('heading', { level: 1, name: LESSON_TITLE })).toBeVisible()
			const menu = other.getByLabel('账户菜单')
			await expect(menu).not.toContainText('我的账户')
			await expect(menu).not.toContainText('李青年')
			await menu.click()
			await expect(other.getByText('工号：s0007')).toBeVisible()
			await expect(other.getByRole('button', { name: '标记为已完成' })).toBeEnabled()
			const check = other.getByRole('region', { name: '随堂小测' })
			await expect(check.getByRole('button', { name: '提交答案' })).toBeVisible()
			await expect(check.getByRole('status')).toHaveCount(0)
			// Their own answer is recorded and shown, as on any lesson page.
			await check.getByRole('radio', { name: /有一定收益的公益性项目/ }).check()
			await check.getByRole('button', { name: '提交答案' }).click()
			await expect(check.getByRole('status')).toContainText('回答正确')
			// A reload aborts what the page still has in flight; wait, so an aborted fetch is not
			// mistaken for an error of the page.
			await second.settled()
			await other.reload()
			await expect(other.getByRole('region', { name: '随堂小测' }).getByRole('status')).toContainText('回答正确')
			await second.settled()
		} finally {
			await other.close()
		}
		await first.settled()
		expect(pageErrors).toEqual([])
	})
})

test.describe('共性问题清单 and access', () => {
	test('a learner searches the list, opens the printable booklet and downloads the .xlsx', async ({ page }) => {
		await loginAs(page, 'learner')
		await page.goto('/problems')
		await page.getByRole('searchbox', { name: '搜索共性问题' }).fill('坐收坐支')
		await page.getByRole('button', { name: '搜索', exact: true }).click()
		const results = page.getByRole('region', { name: '搜索结果' })
		await expect(results.getByRole('link', { name: /村社集体资金坐收坐支/ })).toBeVisible()
		await expect(results.locator('mark').first()).toHaveText('坐收坐支')

		await page.goto('/problems/booklet?topic=fiscal')
		await expect(page.getByRole('heading', { level: 1, name: '共性问题清单' })).toBeVisible()
		await expect(page.getByRole('article')).toHaveCount(5)
		await page.emulateMedia({ media: 'print' })
		await expect(page.getByRole('button', { name: '打印 / 另存为 PDF' })).toBeHidden()
		await expect(page.getByRole('navigation', { name: '主导航' })).toBeHidden()
		await page.emulateMedia({ media: 'screen' })

		await page.goto('/problems')
		const downloading = page.waitForEvent('download')
		await page.getByRole('link', { name: '导出 Excel' }).click()
		const download = await downloading
		expect(download.suggestedFilename()).toBe('共性问题清单.xlsx')
		const stream = await download.createReadStream()
		const chunks: Buffer[] = []
		for await (const chunk of stream) chunks.push(chunk as Buffer)
		expect(Buffer.concat(chunks).subarray(0, 2).toString()).toBe('PK')
	})

	test('only lecturers and admins reach the lecturer workbench', async ({ page }) => {
		await loginAs(page, 'learner')
		const response = await page.goto('/lecturer')
		expect(response?.status()).toBe(403)
		const preview = await page.request.post('/lecturer/preview', { form: { title: 'x', estimatedMinutes: '1', body: 'x' }, headers: { origin: new URL(page.url()).origin } })
		expect(preview.status()).toBe(403)
	})
})
