import { describe, expect, test } from 'vitest'
import { COMPONENTS } from './allow-list.ts'
import { checkLessonSourceSync as checkLessonSource } from './check-lesson.server.ts'
import { composeLessonSource } from './frontmatter.ts'
import { formatIssue } from './issues.ts'

const FRONTMATTER = '---\ntitle: 测试课时\nestimatedMinutes: 5\n---\n'
/** Body line n of a lesson built with FRONTMATTER is file line n + 4. */
const lesson = (body: string) => FRONTMATTER + body

function refusal(source: string) {
	const result = checkLessonSource(source)
	if (result.ok) throw new Error('expected a refusal')
	return formatIssue(result.issue)
}

function accepted(source: string) {
	const result = checkLessonSource(source)
	if (!result.ok) throw new Error(`expected acceptance, got ${formatIssue(result.issue)}`)
	return result.lesson
}

describe('checkLessonSource refuses what could run code, naming the line', () => {
	test.each([
		['import x from "y"', '第5行：不允许使用 import 语句'],
		['正文\n\nexport const a = 1', '第7行：不允许使用 export 语句'],
		['一加一是 {1 + 1}', '第5行：不允许使用 JavaScript 表达式 {…}，只允许文字常量'],
		['{fetch("/x")}', '第5行：不允许使用 JavaScript 表达式 {…}，只允许文字常量'],
		['<script>alert(1)</script>', '第5行：不允许使用 <script> 标签'],
		['<style>{"body{}"}</style>', '第5行：不允许使用 <style> 标签'],
		['<iframe src="https://example.com" />', '第5行：不允许使用 <iframe> 标签'],
		['<Callout onClick="x">内容</Callout>', '第5行：不允许使用事件属性 onClick'],
		['<Callout {...props}>内容</Callout>', '第5行：<Callout> 不允许使用展开属性 {…}'],
		['<Callout title={`a${b}`}>内容</Callout>', '第5行：<Callout> 的属性 title 只能写文字，不允许使用 JavaScript 表达式'],
		['<Callout style="color:red">内容</Callout>', '第5行：<Callout> 不支持属性 style（可用：type、title）'],
		['<Callout type="危险">内容</Callout>', '第5行：<Callout> 的 type 只能是 提示、注意、警告'],
		['<Chart data="x" />', '第5行：不允许使用组件 <Chart>（可用：Callout、CaseStudy、ProblemCard、Regulation、Figure、Video、KnowledgeCheck、Option、Steps、Step）'],
		['<div>内容</div>', '第5行：不允许使用 HTML 标签 <div>，请改用 Markdown 或允许的组件'],
		['<>内容</>', '第5行：不允许使用空标签 <>…</>'],
		['[点我](javascript:alert(1))', '第5行：不允许使用 javascript: 链接'],
		['![图](data:image/svg+xml;base64,PHN2Zz4=)', '第5行：不允许使用 data: 链接'],
		['[点我][r]\n\n[r]: vbscript:msgbox(1)', '第7行：不允许使用 vbscript: 链接'],
		['<Figure src="javascript:alert(1)" alt="图" />', '第5行：不允许使用 javascript: 链接'],
		['<Figure src="/a.png" />', '第5行：<Figure> 缺少属性 alt'],
		['<Video src="/a.mp4" title="录像" />', '第5行：<Video> 需要在组件内写出文字稿'],
		['<Option value="A">甲</Option>', '第5行：<Option> 只能写在 <KnowledgeCheck> 里面'],
		['<Steps>\n随便写\n</Steps>', '第6行：<Steps> 里只能写 <Step>'],
		['<ProblemCard id="not a code" />', '第5行：<ProblemCard> 的 id 格式不对：共性问题编号，如 CZ-001'],
		['<Regulation name="预算法" effectiveDate="2018/12/29">条文</Regulation>', '第5行：<Regulation> 的 effectiveDate 须写成 YYYY-MM-DD'],
		['<!-- 注释 -->', '第5行：MDX 语法错误：'],
	])('%s', (body, message) => {
		expect(refusal(lesson(body))).toContain(message)
	})

	test('knowledge checks must be answerable from their own options', () => {
		const check = (answer: string, options: string) => lesson(`<KnowledgeCheck id="k1" question="问题？" answer="${answer}">\n${options}\n</KnowledgeCheck>`)
		expect(refusal(check('C', '<Option value="A">甲</Option>\n<Option value="B">乙</Option>'))).toBe('第5行：<KnowledgeCheck> 的答案 C 不在选项中')
		expect(refusal(check('A', '<Option value="A">甲</Option>'))).toBe('第5行：<KnowledgeCheck> 需要 2–8 个 <Option>')
		expect(refusal(check('A', '<Option value="A">甲</Option>\n<Option value="A">乙</Option>'))).toBe('第7行：<Option> 的 value A 重复')
		const twice = lesson(
			'<KnowledgeCheck id="k1" question="一？" answer="A">\n<Option value="A">甲</Option>\n<Option value="B">乙</Option>\n</KnowledgeCheck>\n\n' +
				'<KnowledgeCheck id="k1" question="二？" answer="A">\n<Option value="A">甲</Option>\n<Option value="B">乙</Option>\n</KnowledgeCheck>',
		)
		expect(refusal(twice)).toBe('第10行：<KnowledgeCheck> 的 id k1 重复')
	})

	test('frontmatter problems name their line, and only YAML frontmatter is read', () => {
		expect(refusal('没有前言')).toBe('第1行：课时须以 --- 开头的前言开始')
		expect(refusal('---js\nmodule.exports = {}\n---\n正文')).toBe('第1行：前言只能使用 YAML：第一行只写 ---')
		expect(refusal('---\ntitle: 标题\n---\n')).toBe('第1行：前言缺少 estimatedMinutes（预计学习分钟数）')
		expect(refusal('---\ntitle: 标题\nestimatedMinutes: 5\nestimated_minutes: 6\n---\n')).toBe('第4行：前言不支持字段 estimated_minutes')
		expect(refusal('---\ntitle: 标题\nestimatedMinutes: [\n---\n')).toMatch(/^第\d行：YAML 格式有误/)
		expect(refusal('---\ntitle: 标题\nestimatedMinutes: 5\n')).toBe('第1行：前言缺少结束的 --- 行')
	})
})

describe('checkLessonSource accepts the allow-listed components', () => {
	const source = lesson(`## 小节

<Callout type="注意" title="要点">
**加粗**的文字和[链接](https://www.audit.gov.cn/)、[站内](/learn)。
</Callout>

<CaseStudy title="案例一" source="改编">案情</CaseStudy>

<ProblemCard id="CZ-001" />

<Regulation name="中华人民共和国预算法" article="第十三条" effectiveDate="2018-12-29">条文</Regulation>

<Figure src="/images/a.png" alt="流程图" caption="图1" />

<Video src="https://example.com/v.mp4" title="录像">文字稿内容</Video>

<Steps>
  <Step title="第一步">做这个</Step>
  <Step title="第二步">做那个</Step>
</Steps>

| 列一 | 列二 |
| --- | --- |
| 甲 | 乙 |

上标<sup>1</sup>，{"字面量"}{/* 注释 */}

<KnowledgeCheck id="kc-1" question="哪些正确？" answer="A,C" explanation="解析文字">
  <Option value="A">甲</Option>
  <Option value="B">乙</Option>
  <Option value="C">丙</Option>
</KnowledgeCheck>
`)

	test('every component in the allow-list appears in the sample and passes', () => {
		for (const name of Object.keys(COMPONENTS)) expect(source).toMatch(new RegExp(`<${name}[ >]`))
		const checked = accepted(source)
		expect(checked.frontmatter).toEqual({ title: '测试课时', summary: '', estimatedMinutes: 5, tags: [], regulations: [] })
		expect(checked.problemRefs).toEqual([{ code: 'CZ-001', line: 13 }])
		expect(checked.checks).toEqual([
			{
				key: 'kc-1',
				prompt: '哪些正确？',
				options: [
					{ value: 'A', label: '甲' },
					{ value: 'B', label: '乙' },
					{ value: 'C', label: '丙' },
				],
				answer: ['A', 'C'],
				explanation: '解析文字',
			},
		])
	})

	test('searchable text keeps the words and leaves the knowledge check out', () => {
		const { plainText } = accepted(source)
		expect(plainText).toContain('加粗的文字和链接、站内。')
		expect(plainText).toContain('案例一')
		expect(plainText).toContain('中华人民共和国预算法')
		expect(plainText).not.toContain('哪些正确')
		expect(plainText).not.toContain('解析文字')
	})

	test('hashes ignore line-ending style, and composing from editor fields round-trips', () => {
		const unix = accepted(source)
		const windows = accepted(source.replace(/\n/g, '\r\n'))
		expect(windows.contentHash).toBe(unix.contentHash)
		const composed = composeLessonSource({ title: '标题：含冒号', summary: '摘要', estimatedMinutes: 12, tags: ['预算'], regulations: [{ name: '预算法', article: '第十三条' }] }, '正文')
		expect(accepted(composed).frontmatter).toEqual({ title: '标题：含冒号', summary: '摘要', estimatedMinutes: 12, tags: ['预算'], regulations: [{ name: '预算法', article: '第十三条' }] })
	})
})
