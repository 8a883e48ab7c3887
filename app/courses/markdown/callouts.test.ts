import type { Element, Root as HastRoot } from 'hast'
import { describe, expect, test } from 'vitest'
import { calloutIssuesOf, remarkLessonCallouts } from './callouts.ts'
import { toString } from 'mdast-util-to-string'
import { unified } from 'unified'
import { VFile } from 'vfile'
import * as testFixtures from './test-fixtures.ts'
import { markdownToHast } from './test-fixtures.ts'

function render(markdown: string) {
	const { html, file, tree } = markdownToHast(markdown, { remark: [remarkLessonCallouts] })
	return { html, issues: calloutIssuesOf(file), tree }
}

function callouts(tree: HastRoot) {
	const found: Element[] = []
	const visit = (node: HastRoot | Element) => {
		for (const child of node.children) {
			if (child.type !== 'element') continue
			if (child.tagName === 'x-callout') found.push(child)
			visit(child)
		}
	}
	visit(tree)
	return found
}

describe('remark-directive containers', () => {
	test.each([
		['tip', '提示'],
		['note', '提示'],
		['info', '提示'],
		['important', '提示'],
		['warning', '注意'],
		['caution', '注意'],
		['danger', '警告'],
		['WARNING', '注意'],
	])(':::%s becomes a callout of type %s', (name, type) => {
		const { html, issues } = render(`:::${name}\n本节内容**很重要**。\n:::`)
		expect(html).toBe(`<x-callout type="${type}"><p>本节内容<strong>很重要</strong>。</p></x-callout>`)
		expect(issues).toEqual([])
	})

	test('the label is the title, as plain text; so is a title attribute', () => {
		expect(render(':::warning[预算调整 *须* 报批]\n未经批准不得调整。\n:::').html).toBe(
			'<x-callout type="注意" title="预算调整 须 报批"><p>未经批准不得调整。</p></x-callout>',
		)
		expect(render(':::tip{title="小贴士"}\n先看附件。\n:::').html).toBe('<x-callout type="提示" title="小贴士"><p>先看附件。</p></x-callout>')
	})

	test('VuePress style with a space and a title after the name, content of several blocks', () => {
		const { html, tree } = render('::: danger 审计风险\n- 虚列支出\n- 挪用专项资金\n\n请逐项核对。\n:::\n\n正文继续。')
		expect(html).toBe(
			'<x-callout type="警告" title="审计风险"><ul>\n<li>虚列支出</li>\n<li>挪用专项资金</li>\n</ul><p>请逐项核对。</p></x-callout>\n<p>正文继续。</p>',
		)
		const paragraph = callouts(tree)[0]!.children.find((child) => child.type === 'element' && child.tagName === 'p')
		expect(paragraph?.position?.start).toMatchObject({ line: 5, column: 1 })
	})

	test('callouts nest, and work inside a list item with the positions of the file', () => {
		const { html } = render('::::note 外层\n:::warning\n内层\n:::\n::::')
		expect(html).toBe('<x-callout type="提示" title="外层"><x-callout type="注意"><p>内层</p></x-callout></x-callout>')
		const inList = render('- 第一项\n\n  ::: tip 列表里\n  要点\n  :::\n- 第二项')
		expect(inList.html).toContain('<x-callout type="提示" title="列表里"><p>要点</p></x-callout>')
		const inner = callouts(inList.tree)[0]!.children[0]!
		expect(inner.position?.start).toMatchObject({ line: 4, column: 3, offset: '- 第一项\n\n  ::: tip 列表里\n  '.length })
	})

	test('an unclosed ::: is reported at its line and column, in Chinese', () => {
		const { html, issues } = render('导言。\n\n:::danger\n以下内容都会进入提示框')
		expect(html).toContain('<x-callout type="警告"><p>以下内容都会进入提示框</p></x-callout>')
		expect(issues).toEqual([expect.objectContaining({ line: 3, column: 1, message: expect.stringMatching(/^提示框“:::danger”没有结束行“:::”/) })])
		const spaced = render('::: tip 没有结尾\n内容')
		expect(spaced.html).toBe('<p>::: tip 没有结尾\n内容</p>')
		expect(spaced.issues).toEqual([expect.objectContaining({ line: 1, column: 1, message: '提示框“::: tip 没有结尾”没有结束行“:::”，已按原文显示' })])
	})

	test('an unknown container and leaf directive come back as the text they were written as', () => {
		const { html, issues } = render(':::foo[标签]\n内容 *强调*\n:::\n\n::bar[x]{a=1}')
		expect(html).toBe('<p>:::foo[标签]</p>\n<p>内容 <em>强调</em></p>\n<p>:::</p>\n<p>::bar[x]{a=1}</p>')
		expect(issues).toEqual([expect.objectContaining({ line: 1, column: 1, message: expect.stringContaining('不认识的提示框类型“:::foo”') })])
	})
})

describe('ordinary prose with colons stays as written', () => {
	test.each([
		'会议时间 10:30，地点在三楼会议室。',
		'资产负债比例 1:2，流动比率 2:1。',
		'例如:应付账款、其他应付款都要函证。',
		'Note:this is a:b test, see https://example.com:8080/path and mailto:audit@example.com.',
		'比例为 3:2:1，时间为 08:00-17:30。',
		'科目:应交税费[注1]{重要}，见附表。',
		'冒号后有标签:abc[标签]也照原样。',
	])('%s', (sentence) => {
		const { html } = render(sentence)
		const text = html.replace(/<[^>]+>/g, '').replaceAll('&#x26;', '&')
		expect(text).toBe(sentence)
		expect(render(`**${sentence}**`).html).toMatch(/^<p><strong>/)
	})

	test('a colon word inside emphasis and links keeps its formatting', () => {
		expect(render('*时间 9:45* 和 [链接:b](https://a.cn)').html).toBe('<p><em>时间 9:45</em> 和 <a href="https://a.cn">链接:b</a></p>')
	})
})

describe('GitHub alerts', () => {
	test.each([
		['NOTE', '提示'],
		['TIP', '提示'],
		['IMPORTANT', '提示'],
		['WARNING', '注意'],
		['CAUTION', '注意'],
		['note', '提示'],
		['Warning', '注意'],
	])('> [!%s] becomes a callout of type %s', (marker, type) => {
		expect(render(`> [!${marker}]\n> 先核对凭证。`).html).toBe(`<x-callout type="${type}"><p>先核对凭证。</p></x-callout>`)
	})

	test('text after the marker is the title; later paragraphs stay', () => {
		expect(render('> [!WARNING] 截止日期\n> 12 月 31 日前报送。\n>\n> 逾期按规定处理。').html).toBe(
			'<x-callout type="注意" title="截止日期"><p>12 月 31 日前报送。</p><p>逾期按规定处理。</p></x-callout>',
		)
		expect(render('> [!tip]\n>\n> 空一行也可以。').html).toBe('<x-callout type="提示"><p>空一行也可以。</p></x-callout>')
	})

	test('an ordinary quote and an unknown marker stay quotes', () => {
		expect(render('> 审计是国家治理的基石。').html).toBe('<blockquote>\n<p>审计是国家治理的基石。</p>\n</blockquote>')
		const unknown = render('> [!FOO] 摘要\n> 内容')
		expect(unknown.html).toContain('<blockquote>')
		expect(unknown.issues).toEqual([expect.objectContaining({ line: 1, column: 3, message: expect.stringContaining('[!FOO]') })])
		expect(render('> [!NOTE]这不是提示').html).toContain('<blockquote>')
	})
})

describe('Python-Markdown / mkdocs admonitions', () => {
	test('content right under the title line (a lazy paragraph to CommonMark)', () => {
		expect(render('!!! note "说明"\n    本表数据截至 2024 年底。\n    单位：万元。').html).toBe(
			'<x-callout type="提示" title="说明"><p>本表数据截至 2024 年底。\n单位：万元。</p></x-callout>',
		)
	})

	test('content after a blank line (an indented code block to CommonMark), with blocks inside', () => {
		const { html, tree } = render('!!! danger "严禁"\n\n    不得坐支现金。\n\n    1. 收入及时入账\n    2. 支出严格审批\n\n正文。')
		expect(html).toBe(
			'<x-callout type="警告" title="严禁"><p>不得坐支现金。</p><ol>\n<li>收入及时入账</li>\n<li>支出严格审批</li>\n</ol></x-callout>\n<p>正文。</p>',
		)
		const first = callouts(tree)[0]!.children[0]!
		expect(first.position?.start).toMatchObject({ line: 3, column: 5 })
		expect(render('!!! note\n\n        缩进八格的是代码').html).toBe('<x-callout type="提示"><pre><code>缩进八格的是代码\n</code></pre></x-callout>')
	})

	test('without a title, with another kind, and with an unknown kind (shown as 提示, with a warning)', () => {
		expect(render('!!! warning\n    注意时限。').html).toBe('<x-callout type="注意"><p>注意时限。</p></x-callout>')
		const unknown = render('!!! abcd "自定义"\n    内容')
		expect(unknown.html).toBe('<x-callout type="提示" title="自定义"><p>内容</p></x-callout>')
		expect(unknown.issues).toEqual([expect.objectContaining({ line: 1, message: expect.stringContaining('!!! abcd') })])
	})

	test('the collapsible forms ??? and ???+ (pymdownx.details) are shown open, as callouts', () => {
		expect(render('??? note "例题"\n\n    求 1 到 100 的和。').html).toBe('<x-callout type="提示" title="例题"><p>求 1 到 100 的和。</p></x-callout>')
		expect(render('???+ warning "易错"\n    边界要算对。').html).toBe('<x-callout type="注意" title="易错"><p>边界要算对。</p></x-callout>')
		const unknown = render('??? abcd\n    内容')
		expect(unknown.issues).toEqual([expect.objectContaining({ line: 1, message: expect.stringContaining('??? abcd') })])
		expect(render('?? note\n    两个问号不是提示框').html).not.toContain('x-callout')
	})

	test('references inside resolve against the whole document', () => {
		const { html } = render('!!! tip\n    见[财政部网站][mof]和脚注[^1]。\n\n[mof]: https://www.mof.gov.cn\n[^1]: 注释内容')
		expect(html).toContain('<a href="https://www.mof.gov.cn">财政部网站</a>')
		expect(html).toContain('href="#user-content-fn-1"')
		expect(html).toContain('id="user-content-fn-1"')
	})

	test('a title line followed by unindented text is left as written, with a warning', () => {
		const { html, issues } = render('!!! note\n    缩进的\n没缩进的')
		expect(html).toBe('<p>!!! note\n缩进的\n没缩进的</p>')
		expect(issues).toEqual([expect.objectContaining({ line: 1, message: '提示框里的内容要整体缩进四个空格，已按原文显示' })])
	})
})

test('code blocks and inline code are never touched', () => {
	const source = '```\n:::tip\n!!! note\n> [!NOTE]\n```\n\n`a:b`'
	expect(render(source).html).toBe('<pre><code>:::tip\n!!! note\n> [!NOTE]\n</code></pre>\n<p><code>a:b</code></p>')
})

test('run without the source (no VFile value), directives are still written back, from the tree', () => {
	const { markdownToMdast } = testFixtures
	const { tree } = markdownToMdast('时间 10:30，见:附表[一]{#x}。')
	remarkLessonCallouts.call(unified())(tree, new VFile())
	expect(toString(tree)).toBe('时间 10:30，见:附表[一]{id="x"}。')
})

test('a title longer than the allow-list takes (100 characters) is shortened, not refused', () => {
	const { tree } = render(`:::tip ${'很长的标题'.repeat(30)}\n内容\n:::`)
	const title = String(callouts(tree)[0]!.properties.title)
	expect([...title]).toHaveLength(100)
	expect(title.endsWith('…')).toBe(true)
})
