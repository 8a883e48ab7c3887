import { describe, expect, test } from 'vitest'
import { editorFieldsFromSource, editorIssue, LessonEditorSchema, sourceFromEditor } from './lesson-editor.ts'
import { checkLessonSource } from './mdx/lesson-workers.server.ts'

const form = {
	title: '预算调整',
	summary: '调整与调剂',
	estimatedMinutes: '15',
	tags: '预算、调整, 调剂',
	regulations: '中华人民共和国预算法｜第十三条｜2018-12-29\n政府投资条例',
	body: '第一行\r\n\r\n<Callout type="提示">第三行</Callout>',
}

describe('lesson editor fields', () => {
	test('form fields become the git file format and come back unchanged', async () => {
		const input = LessonEditorSchema.parse(form)
		expect(input.tags).toEqual(['预算', '调整', '调剂'])
		expect(input.regulations).toEqual([{ name: '中华人民共和国预算法', article: '第十三条', effectiveDate: '2018-12-29' }, { name: '政府投资条例' }])
		const { source } = sourceFromEditor(input)
		const checked = await checkLessonSource(source)
		expect(checked.ok).toBe(true)
		expect(editorFieldsFromSource(source)).toEqual({ ...form, tags: '预算、调整、调剂', regulations: '中华人民共和国预算法｜第十三条｜2018-12-29\n政府投资条例', body: form.body.replace(/\r\n/g, '\n') })
	})

	test('a refusal is reported on the body line the lecturer sees', async () => {
		const input = LessonEditorSchema.parse({ ...form, body: '第一行\n\n第三行\n<script>alert(1)</script>' })
		const { source, bodyLineOffset } = sourceFromEditor(input)
		const checked = await checkLessonSource(source)
		if (checked.ok) throw new Error('expected a refusal')
		expect(editorIssue(checked.issue, bodyLineOffset)).toMatchObject({ line: 4, message: expect.stringMatching(/^正文第4行(第1列)?：不允许使用 <script> 标签$/) })
	})

	test('a column stays the column within its line; issues above the body are about the fields', () => {
		expect(editorIssue({ line: 9, column: 5, message: '不允许使用事件属性 onclick' }, 6)).toEqual({ line: 3, column: 5, message: '正文第3行第5列：不允许使用事件属性 onclick' })
		expect(editorIssue({ line: 2, message: '未知的字段 icon，已保留' }, 6, { warning: true })).toEqual({ line: null, message: '课时信息提醒：未知的字段 icon，已保留' })
		expect(editorIssue({ line: 2, message: '标题不能为空' }, 6)).toEqual({ line: null, message: '课时信息有误：标题不能为空' })
	})

	test('bad regulation lines and minutes are field errors', () => {
		const result = LessonEditorSchema.safeParse({ ...form, estimatedMinutes: '0', regulations: '预算法｜第十三条｜2018年' })
		expect(result.success).toBe(false)
		expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
			['estimatedMinutes', '至少 1 分钟'],
			['regulations', '第 1 条法规：日期须写成 YYYY-MM-DD'],
		])
	})
})
