// A lecturer pastes a question bank as text: the preview shows how many questions were found
// and lists the one it could not understand with the reason; nothing is written until they
// confirm importing the rest; then the questions are in the bank.
import AxeBuilder from '@axe-core/playwright'
import { createDb } from '#app/utils/db-client.server.ts'
import { expect, loginAs, test } from './fixtures.ts'

const db = createDb(process.env.E2E_DATABASE_URL ?? 'file:./data/e2e.db')

test.afterAll(async () => {
	await db.$disconnect()
})

test('paste questions as text → preview with the ones not understood → confirm → in the bank', async ({ page }) => {
	const tag = `e2e${Date.now().toString(36)}`
	const text = [
		'一、单项选择题（每题1分）',
		`1. ${tag} 审计报告应当由（ ）签发。`,
		'A. 审计组组长 B. 审计机关负责人 C. 主审 D. 被审计单位',
		'答案：B',
		'解析：审计报告由审计机关审定后签发。',
		'二、多项选择题（每题2分）',
		`1. ${tag} 审计证据的特征包括（AC）。`,
		'A. 充分性 B. 随意性 C. 适当性',
		`2. ${tag} 这道题没有写答案（ ）。`,
		'A. 甲 B. 乙',
		'三、判断题',
		`1. ${tag} 审计人员与被审计单位负责人有夫妻关系的，应当回避。（√）`,
	].join('\n')

	await loginAs(page, 'lecturer')
	await page.goto('/bank/import/document')
	await expect(page.getByRole('heading', { name: 'Word、文本与 Moodle 导入' })).toBeVisible()
	await expect(page.getByRole('link', { name: '下载示例：Word 文档（.docx）' })).toHaveAttribute('href', '/examples/bank-import/questions.docx')

	// Nothing chosen or pasted: the reason is shown by the text box.
	await page.getByRole('button', { name: '预览' }).click()
	await expect(page.getByText('请选择文件，或在此粘贴题目文本')).toBeVisible()

	await page.getByLabel('或粘贴题目文本').fill(text)
	await page.getByLabel('专题（文件中没有时）').selectOption({ label: '财政' })
	await page.getByRole('button', { name: '预览' }).click()
	await expect(page.getByTestId('document-summary')).toContainText('找到 4 道题目，其中 1 道无法识别或有问题。可导入 3 道：单选 1 道，多选 1 道，判断 1 道')
	const notUnderstood = page.getByRole('table', { name: '无法识别的题目' })
	await expect(notUnderstood.getByRole('row', { name: /二、多项选择题 第2题/ })).toContainText('没有找到答案')
	await expect(page.getByRole('table', { name: '前 3 道可导入的题目' })).toContainText(`${tag} 审计报告应当由（ ）签发。`)
	expect(await db.question.count({ where: { currentVersion: { stem: { contains: tag } } } })).toBe(0)

	const axe = await new AxeBuilder({ page }).analyze()
	expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([])

	await page.getByRole('button', { name: '只导入能识别且无误的 3 道题目，跳过 1 道' }).click()
	await expect(page).toHaveURL(/\/bank$/)
	await expect(page.getByText('已导入 3 道题目')).toBeVisible()
	expect(await db.question.count({ where: { topic: 'fiscal', currentVersion: { stem: { contains: tag } } } })).toBe(3)

	await page.getByLabel('题干关键词').fill(tag)
	await page.getByRole('button', { name: '筛选' }).click()
	await expect(page.getByText(`${tag} 审计证据的特征包括（ ）。`)).toBeVisible()
})

test('a Word file and a 1,000-question Moodle XML file go through the real server to a preview', async ({ page }) => {
	const { toMoodleXml } = await import('#app/exams/import/moodle-export.ts')
	const tag = `e2ex${Date.now().toString(36)}`
	const contents = Array.from({ length: 1000 }, (_, i) => ({
		type: 'single' as const,
		topic: 'fiscal' as const,
		difficulty: 3,
		points: 1,
		stem: `${tag} 第${i}题：部门预算执行审计中，对“三公”经费支出的审计重点是（ ）。`.padEnd(400, '题干'),
		options: ['甲', '乙', '丙', '丁'].map((text, k) => ({ key: 'ABCD'[k] as 'A', text: text.padEnd(100, '选项') })),
		answerKey: 'B' as const,
		rubric: null,
		explanation: '解析'.padEnd(200, '说明'),
		tags: [],
		regulation: null,
		lessonRefs: [],
		problemRefs: [],
	}))
	const xml = Buffer.from(toMoodleXml(contents), 'utf8')
	expect(xml.length).toBeGreaterThan(1024 * 1024)

	await loginAs(page, 'lecturer')
	await page.goto('/bank/import/document')
	await page.getByLabel('选择题库文件（.docx、.xml、.gift、.txt）').setInputFiles('public/examples/bank-import/questions.docx')
	await page.getByRole('button', { name: '预览' }).click()
	await expect(page.getByTestId('document-summary')).toContainText('“questions.docx”中找到 9 道题目')
	await expect(page.getByRole('table', { name: '无法识别的题目' })).toContainText('一、单项选择题 第3题')

	await page.getByLabel('选择题库文件（.docx、.xml、.gift、.txt）').setInputFiles({ name: 'moodle-1000.xml', mimeType: 'application/xml', buffer: xml })
	await page.getByRole('button', { name: '预览' }).click()
	await expect(page.getByTestId('document-summary')).toContainText('“moodle-1000.xml”中找到 1000 道题目，全部可以导入', { timeout: 60_000 })
})
