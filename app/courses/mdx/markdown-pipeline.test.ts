// The cases of issue 14's "What was seen": each harmless construct lecturers bring is
// accepted and renders as they meant it (through the real check, compile and LessonContent).
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, test } from 'vitest'
import { LessonContent, lessonTableOfContents } from '#app/components/mdx/lesson-content.tsx'
import { checkLessonSourceSync } from './check-lesson.server.ts'
import { compileBodyHere } from './compile-body.server.ts'
import { formatIssue } from './issues.ts'

const FRONTMATTER = '---\ntitle: 讲义\n---\n'

async function render(body: string, imageUrls?: Record<string, string>) {
	const checked = checkLessonSourceSync(FRONTMATTER + body)
	if (!checked.ok) throw new Error(`expected acceptance, got ${formatIssue(checked.issue)}`)
	const compiled = await compileBodyHere(checked.lesson.body, { imageUrls })
	if (!compiled.ok) throw new Error(`expected a compile, got ${formatIssue(compiled.issue)}`)
	return { html: renderToStaticMarkup(createElement(LessonContent, { code: compiled.code, runtime: { problems: {}, checks: { mode: 'preview' } } })), checked: checked.lesson, code: compiled.code }
}

describe('harmless HTML lecturers write is accepted and rendered', () => {
	test.each([
		['void tags without self-closing', '第一行<br>第二行\n\n<hr>\n\n<img src="/a.png" alt="图">', ['第一行<br/>第二行', '<hr/>', '<img src="/a.png" alt="图" loading="lazy"/>']],
		['<u>, <div>, <p>, <span>', '<div>\n<p>段落 <u>下划线</u> <span>片段</span></p>\n</div>', ['<div>', '<p>段落 <u>下划线</u> <span>片段</span></p>']],
		['<details>/<summary>', '<details>\n<summary>展开看答案</summary>\n\n**答案**是 B。\n\n</details>', ['<details>', '<summary>展开看答案</summary>', '<strong>答案</strong>是 B。']],
		['<font color=red> becomes a class', '<font color=red>红字</font>和<font color="#0000ff">蓝字</font>和<font color="pink" size="7">粉</font>', ['<span class="text-red-700">红字</span>', '<span class="text-blue-700">蓝字</span>', '<span>粉</span>']],
		['<center> and align become classes', '<center>居中</center>\n\n<p align="right">靠右</p>', ['<div class="text-center">居中</div>', '<p class="text-right">靠右</p>']],
		['strong, a[href], HTML tables', '<strong>粗</strong> <a href="https://www.audit.gov.cn/">审计署</a>\n\n<table><tr><th>科目</th></tr><tr><td align=center>库存现金</td></tr></table>', ['<strong>粗</strong>', 'href="https://www.audit.gov.cn/"', '<th>科目</th>', '<td class="text-center">库存现金</td>']],
		['sub, sup, kbd, mark, abbr', 'H<sub>2</sub>O x<sup>2</sup> <kbd>Ctrl</kbd> <mark>重点</mark> <abbr title="国库集中支付">TSA</abbr>', ['H<sub>2</sub>O', '<sup>2</sup>', '<kbd>Ctrl</kbd>', '<mark>重点</mark>', '<abbr title="国库集中支付">TSA</abbr>']],
		['LaTeX braces in prose are text', '公式 \\frac{F\\times R}{(1+r)^t} 与 {x}', ['\\frac{F\\times R}{(1+r)^t}', '{x}']],
		['a bare < in prose', 'Node.js <=22，且 a<b 时成立', ['Node.js &lt;=22，且 a&lt;b 时成立']],
		['HTML comments are dropped', '前<!-- 讲师备注 -->后\n\n<!--\n多行备注\n-->', ['前后']],
		['autolinks', '见 <https://www.audit.gov.cn/>', ['<a href="https://www.audit.gov.cn/" rel="noopener noreferrer" target="_blank">https://www.audit.gov.cn/</a>']],
		['unquoted attributes', '<img src=/chart.png alt=图表 width=300>', ['<img src="/chart.png" alt="图表"']],
		['unknown lowercase tags keep their text', '<foo>保留文字</foo> 与 <video><source src="/v.mp4">视频</video>', ['保留文字', '视频']],
		['GFM task lists and footnotes', '- [x] 完成\n- [ ] 未完成\n\n正文[^1]\n\n[^1]: 脚注内容', ['type="checkbox"', 'checked=""', 'disabled=""', '脚注内容', 'href="#user-content-fn-1"', 'id="user-content-fn-1"']],
	])('%s', async (_name, body, expected) => {
		const { html } = await render(body)
		for (const part of expected) expect(html).toContain(part)
		expect(html).not.toMatch(/<!--|<foo|<font|<center|style=/)
	})

	test('emphasis beside full-width punctuation works (remark-cjk-friendly)', async () => {
		const { html } = await render('借方登记*（收入类账户）*的减少，**“重要”**。')
		expect(html).toContain('<em>（收入类账户）</em>')
		expect(html).toContain('<strong>“重要”</strong>')
	})

	test('components work with Markdown right next to their tags, camelCase attributes and self-closing tags', async () => {
		const { html, checked } = await render(
			'<Callout type="注意" title="要点">\n这里是**重点**，见[说明](/learn)。\n</Callout>\n<ProblemCard id="CZ-001" />\n<Regulation name="预算法" effectiveDate="2018-12-29">\n条文 *强调*\n</Regulation>\n<Figure src="/f.png" alt="流程" caption="图1" />\n\n后文',
		)
		expect(html).toContain('aria-label="要点"')
		expect(html).toContain('这里是<strong>重点</strong>')
		expect(html).toContain('共性问题 CZ-001')
		expect(html).toContain('（自 2018-12-29 起施行）')
		expect(html).toContain('<em>强调</em>')
		expect(html).toContain('<figcaption class="mt-2 text-center text-sm text-gray-600">图1</figcaption>')
		expect(html).toContain('<p>后文</p>')
		expect(checked.problemRefs).toEqual([{ code: 'CZ-001', line: 7 }])
	})

	test('knowledge-check answers and explanations never reach the compiled tree', async () => {
		const { code, checked } = await render('<KnowledgeCheck id="kc" question="问？" answer="B" explanation="秘密解析">\n  <Option value="A">甲</Option>\n  <Option value="B">乙 **粗**</Option>\n</KnowledgeCheck>')
		expect(checked.checks).toEqual([{ key: 'kc', prompt: '问？', options: [{ value: 'A', label: '甲' }, { value: 'B', label: '乙 粗' }], answer: ['B'], explanation: '秘密解析' }])
		expect(code).not.toContain('秘密解析')
		expect(code).not.toContain('answer')
	})

	test('image references are reported with line and column, and rewritten when the compile is given their URLs', async () => {
		const body = '![图一](images/a.png)\n\n文字 <img src="/img/b.png" alt="b">\n\n<Figure src="c.png" alt="c" />\n\n<Video src="/v.mp4" title="录像" poster="p.jpg">\n文字稿\n</Video>'
		const { html, checked } = await render(body, { 'images/a.png': '/lesson-images/aaa.png', 'c.png': '/lesson-images/ccc.png' })
		expect(checked.imageRefs).toEqual([
			{ url: 'images/a.png', line: 4, column: 1 },
			{ url: '/img/b.png', line: 6, column: 4 },
			{ url: 'c.png', line: 8, column: 1 },
			{ url: 'p.jpg', line: 10, column: 1 },
		])
		expect(html).toContain('src="/lesson-images/aaa.png"')
		expect(html).toContain('src="/img/b.png"')
		expect(html).toContain('src="/lesson-images/ccc.png"')
	})
})

describe('the extensions (ADR 015-extensions) are wired in the pipeline', () => {
	test('callouts from :::tip, > [!NOTE] and !!! become the Callout component', async () => {
		const { html } = await render(':::tip\n先看**批复**。\n:::\n\n> [!WARNING]\n> 不得超预算。\n\n!!! note "说明"\n    四个环节。')
		expect(html.match(/role="note"/g)).toHaveLength(3)
		expect(html).toContain('先看<strong>批复</strong>。')
		expect(html).toContain('不得超预算。')
		expect(html).not.toMatch(/:::|\[!WARNING\]|!!!/)
	})

	test('math is typeset on the server and braces survive; dollar amounts stay text', async () => {
		const { html } = await render('现值 $\\frac{1}{2}ah$ 与\n\n$$\nPV=\\frac{F}{(1+r)^t}\n$$\n\n价格从 $5 到 $10。')
		expect(html).toContain('class="katex"')
		expect(html).toContain('<annotation encoding="application/x-tex">\\frac{1}{2}ah</annotation>')
		expect(html).toContain('class="katex-display"')
		expect(html).toContain('$5 到 $10')
	})

	test('headings get ids, in-page links and footnote back-links reach them, and the contents list h2/h3', async () => {
		const { html, code } = await render('## 一、预算法概述\n\n见[下文](#二审计思路)。\n\n### 细节\n\n## 二、审计思路\n\n正文[^1]\n\n[^1]: 注')
		const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((match) => match[1])
		for (const [, target] of html.matchAll(/href="#([^"]+)"/g)) expect(ids).toContain(target)
		expect(lessonTableOfContents(code).map((entry) => [entry.depth, entry.text])).toEqual([
			[2, '一、预算法概述'],
			[3, '细节'],
			[2, '二、审计思路'],
		])
	})

	test('a leading H1 equal to the title is not shown twice', async () => {
		const { code } = await render('# 讲义\n\n正文')
		const html = renderToStaticMarkup(createElement(LessonContent, { code, title: '讲义', runtime: { problems: {}, checks: { mode: 'preview' } } }))
		expect(html).not.toContain('<h1')
		expect(html).toContain('正文')
	})
})
