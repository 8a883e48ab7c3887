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

describe('checkLessonSource refuses what could run code, naming line and column in the whole file', () => {
	test.each([
		['import x from "y"', '第5行第1列：不允许使用 import 语句'],
		['正文\n\nexport const a = 1', '第7行第1列：不允许使用 export 语句'],
		['<script>alert(1)</script>', '第5行第1列：不允许使用 <script> 标签'],
		['<style>{"body{}"}</style>', '第5行第1列：不允许使用 <style> 标签'],
		['<iframe src="https://example.com" />', '第5行第1列：不允许使用 <iframe> 标签'],
		['<object data="x.swf"></object>', '第5行第1列：不允许使用 <object> 标签'],
		['<embed src="x.swf">', '第5行第1列：不允许使用 <embed> 标签'],
		['<form><input></form>', '第5行第1列：不允许使用 <form> 标签'],
		['前文 <button>按</button>', '第5行第4列：不允许使用 <button> 标签'],
		['<link rel="stylesheet" href="/x.css">', '第5行第1列：不允许使用 <link> 标签'],
		['<meta http-equiv="refresh" content="0">', '第5行第1列：不允许使用 <meta> 标签'],
		['<base href="/x/">', '第5行第1列：不允许使用 <base> 标签'],
		['<svg><circle/></svg>', '第5行第1列：不允许使用 <svg> 标签'],
		['<math><mi>x</mi></math>', '第5行第1列：不允许使用 <math> 标签'],
		['<Callout onClick="x">内容</Callout>', '第5行第10列：不允许使用事件属性 onClick'],
		['正文\n\n段落 <img src=x onerror=alert(1)> 文字', '第7行第15列：不允许使用事件属性 onerror'],
		['<p style="color:red">x</p>', '第5行第4列：不允许使用 style 属性'],
		['<Callout {...props}>内容</Callout>', '第5行第10列：<Callout> 不允许使用展开属性 {…}'],
		['<Callout title={`a${b}`}>内容</Callout>', '第5行第10列：<Callout> 的属性 title 只能写文字，不允许使用 JavaScript 表达式'],
		['文字 <Callout title={"字面"}>x</Callout>', '第5行第13列：<Callout> 的属性 title 只能写文字，不允许使用 JavaScript 表达式'],
		['<Callout style="color:red">内容</Callout>', '第5行第10列：不允许使用 style 属性'],
		['<Callout type="危险">内容</Callout>', '第5行第10列：<Callout> 的 type 只能是 提示、注意、警告'],
		['<Callout tone="x">内容</Callout>', '第5行第10列：<Callout> 不支持属性 tone（可用：type、title）'],
		['<Chart onclick="x">图</Chart>', '第5行第8列：不允许使用事件属性 onclick'],
		['文字 <VueLink href="javascript:alert(1)">看</VueLink>', '第5行第13列：不允许使用 javascript: 链接'],
		['<Script>alert(1)</Script>', '第5行第1列：不允许使用 <script> 标签'],
		['<IFrame src="https://example.com"></IFrame>', '第5行第1列：不允许使用 <iframe> 标签'],
		['[点我](javascript:alert(1))', '第5行第1列：不允许使用 javascript: 链接'],
		['<a href="javascript:alert(1)">x</a>', '第5行第4列：不允许使用 javascript: 链接'],
		['<a href="data:text/html,x">x</a>', '第5行第4列：不允许使用 data: 链接'],
		['<img src="data:image/png;base64,AAAA">', '第5行第6列：不允许使用 data: 链接'],
		['![图](data:image/svg+xml;base64,PHN2Zz4=)', '第5行第1列：不允许使用 data: 链接'],
		['[点我][r]\n\n[r]: vbscript:msgbox(1)', '第5行第1列：不允许使用 vbscript: 链接'],
		['<Figure src="javascript:alert(1)" alt="图" />', '第5行第9列：不允许使用 javascript: 链接'],
		['<Figure src="/a.png" />', '第5行第1列：<Figure> 缺少属性 alt'],
		['<Video src="/a.mp4" title="录像" />', '第5行第1列：<Video> 需要在组件内写出文字稿'],
		['<Option value="A">甲</Option>', '第5行第1列：<Option> 只能写在 <KnowledgeCheck> 里面'],
		['<Steps>\n随便写\n</Steps>', '第6行第1列：<Steps> 里只能写 <Step>'],
		['<ProblemCard id="not a code" />', '第5行第14列：<ProblemCard> 的 id 格式不对：共性问题编号，如 CZ-001'],
		['<Regulation name="预算法" effectiveDate="2018/12/29">条文</Regulation>', '第5行第24列：<Regulation> 的 effectiveDate 须写成 YYYY-MM-DD'],
	])('%s', (body, message) => {
		expect(refusal(lesson(body))).toContain(message)
	})

	test('a component that is not ours (a docs site\'s own) keeps its text without the tag, with one warning naming where it first stands', () => {
		const result = checkLessonSource(lesson('正文\n\n<Chart data="x" />\n\n文字 <VueSchoolLink href="/video">看视频</VueSchoolLink> 与 <VueSchoolLink>再看</VueSchoolLink>\n\n<SimpleTab>\n<div label="SQL">\n\n**查询**\n\n</div>\n</SimpleTab>'))
		if (!result.ok) throw new Error(formatIssue(result.issue))
		expect(result.warnings.map(formatIssue)).toEqual([
			expect.stringMatching(/^第7行第1列：不认识的组件 <Chart>：已去掉这个标签，只显示其中的文字/),
			expect.stringMatching(/^第9行第4列：不认识的组件 <VueSchoolLink>/),
			expect.stringMatching(/^第11行第1列：不认识的组件 <SimpleTab>/),
		])
		expect(result.lesson.plainText).toContain('看视频')
		expect(result.lesson.plainText).toContain('查询')
	})

	test('a refusal deep in the file names its own line, not the first body line (issue 14)', () => {
		const body = '# 标题\n\n第一段。\n\n- 列表\n- 列表\n\n这里 <span onmouseover="x">悬停</span>'
		expect(refusal(lesson(body))).toBe('第12行第10列：不允许使用事件属性 onmouseover')
		expect(refusal(`---\ntitle: 长前言\nsummary: >\n  多行\n  摘要\n---\n\n正文\n\n<script>x</script>`)).toBe('第10行第1列：不允许使用 <script> 标签')
	})

	test('knowledge checks must be answerable from their own options', () => {
		const check = (answer: string, options: string) => lesson(`<KnowledgeCheck id="k1" question="问题？" answer="${answer}">\n${options}\n</KnowledgeCheck>`)
		expect(refusal(check('C', '<Option value="A">甲</Option>\n<Option value="B">乙</Option>'))).toBe('第5行第1列：<KnowledgeCheck> 的答案 C 不在选项中')
		expect(refusal(check('A', '<Option value="A">甲</Option>'))).toBe('第5行第1列：<KnowledgeCheck> 需要 2–8 个 <Option>')
		expect(refusal(check('A', '<Option value="A">甲</Option>\n<Option value="A">乙</Option>'))).toBe('第7行第1列：<Option> 的 value A 重复')
		const twice = lesson(
			'<KnowledgeCheck id="k1" question="一？" answer="A">\n<Option value="A">甲</Option>\n<Option value="B">乙</Option>\n</KnowledgeCheck>\n\n' +
				'<KnowledgeCheck id="k1" question="二？" answer="A">\n<Option value="A">甲</Option>\n<Option value="B">乙</Option>\n</KnowledgeCheck>',
		)
		expect(refusal(twice)).toBe('第10行第1列：<KnowledgeCheck> 的 id k1 重复')
	})

	test('frontmatter problems name their line in Chinese, and only YAML frontmatter is read', () => {
		expect(refusal('没有前言')).toBe('第1行：课时须以 --- 开头的前言开始')
		expect(refusal('---js\nmodule.exports = {}\n---\n正文')).toBe('第1行：前言只能使用 YAML：第一行只写 ---')
		expect(refusal('---\nsummary: 无标题\n---\n')).toBe('第1行：前言缺少 title（课时标题）')
		expect(refusal('---\ntitle: 标题\nestimatedMinutes: 五\n---\n')).toBe('第3行第1列：estimatedMinutes（预计学习分钟数）须为数字')
		const yaml = refusal('---\ntitle: 标题\nestimatedMinutes: [\n---\n')
		expect(yaml).toMatch(/^第\d行第\d+列：YAML 格式有误：/)
		expect(yaml).not.toMatch(/[a-z]{4,}/)
		expect(refusal('---\ntitle: 标题\ntitle: 又一个\n---\n')).toBe('第3行第1列：YAML 格式有误：同一个字段写了两次')
		expect(refusal('---\ntitle: 标题\nestimatedMinutes: 5\n')).toBe('第1行：前言缺少结束的 --- 行')
	})

	test('unknown frontmatter keys are kept and reported as warnings; estimatedMinutes is estimated when missing', () => {
		const source = '---\ntitle: 标题\ntranslators: [张三]\naliases:\n  - 别名\nicon: book\nfooter: 页脚\n---\n\n' + '审'.repeat(900) + '\n\n' + 'word '.repeat(400)
		const result = checkLessonSource(source)
		if (!result.ok) throw new Error(formatIssue(result.issue))
		expect(result.lesson.source).toContain('translators: [张三]')
		expect(result.warnings.map(formatIssue)).toEqual([
			expect.stringMatching(/^第3行第1列：前言字段 translators 课时不使用/),
			expect.stringMatching(/^第4行第1列：前言字段 aliases /),
			expect.stringMatching(/^第6行第1列：前言字段 icon /),
			expect.stringMatching(/^第7行第1列：前言字段 footer /),
		])
		// 900 Chinese characters at 300 a minute and 400 words at 200 a minute: 3 + 2.
		expect(result.lesson.frontmatter.estimatedMinutes).toBe(5)
		expect(checkLessonSource('---\ntitle: 短\n---\n一句话').ok && (checkLessonSource('---\ntitle: 短\n---\n一句话') as { lesson: { frontmatter: { estimatedMinutes: number } } }).lesson.frontmatter.estimatedMinutes).toBe(1)
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

上标<sup>1</sup>，{"字面量"}

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
