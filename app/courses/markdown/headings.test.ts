import type { Element, Root } from 'hast'
import rehypeSanitize from 'rehype-sanitize'
import { describe, expect, test } from 'vitest'
import {
	collectTableOfContents,
	deadInPageLinks,
	FOOTNOTE_REMARK_REHYPE_OPTIONS,
	FOOTNOTE_SANITIZE_SETTINGS,
	rehypeHeadingIds,
} from './headings.ts'
import { mergeSanitizeSettings } from './sanitize-settings.ts'
import { markdownToHast, TEST_SANITIZE_SCHEMA } from './test-fixtures.ts'

const SCHEMA = mergeSanitizeSettings(TEST_SANITIZE_SCHEMA, FOOTNOTE_SANITIZE_SETTINGS)

function render(markdown: string) {
	return markdownToHast(markdown, {
		remarkRehypeOptions: FOOTNOTE_REMARK_REHYPE_OPTIONS,
		rehype: [[rehypeSanitize, SCHEMA], rehypeHeadingIds],
	})
}

function all(tree: Root | Element): Element[] {
	return tree.children.flatMap((child) => (child.type === 'element' ? [child, ...all(child)] : []))
}

function headingIds(tree: Root) {
	return all(tree)
		.filter((element) => /^h[1-6]$/.test(element.tagName))
		.map((element) => element.properties.id)
}

/** Every in-page link names an element of the page exactly (id, or name of an anchor). */
function expectEveryInPageLinkResolves(tree: Root) {
	const targets = new Set(all(tree).flatMap((element) => [element.properties.id, element.properties.name].filter((value) => typeof value === 'string')))
	const links = all(tree).filter((element) => element.tagName === 'a' && String(element.properties.href ?? '').startsWith('#'))
	expect(links.length).toBeGreaterThan(0)
	for (const link of links) expect(targets, String(link.properties.href)).toContain(String(link.properties.href).slice(1))
	expect(deadInPageLinks(tree)).toEqual([])
}

describe('heading ids', () => {
	test('Chinese headings keep readable ids (github-slugger), and links to them work', () => {
		const { tree, html } = render('## 一、预算法概述\n\n正文。\n\n### 1.1 预算的“四本账”\n\n[见上文](#一预算法概述)，[见下文](#11-预算的四本账)。')
		expect(headingIds(tree)).toEqual(['一预算法概述', '11-预算的四本账'])
		expect(html).toContain('<a href="#一预算法概述">见上文</a>')
		expectEveryInPageLinkResolves(tree)
	})

	test('ASCII-only ids get the user-content- prefix (no clobbering of window.process, no clash with app ids), links follow', () => {
		const { tree } = render('## process\n\n## Main content\n\n[Go](#process) [Back](#main-content) [Case](#Process)')
		expect(headingIds(tree)).toEqual(['user-content-process', 'user-content-main-content'])
		expect(all(tree).filter((element) => element.tagName === 'a').map((element) => element.properties.href)).toEqual([
			'#user-content-process',
			'#user-content-main-content',
			'#user-content-process',
		])
	})

	test('ids are unique within the lesson, and never take a footnote id', () => {
		const { tree } = render('## 小结\n\n## 小结\n\n## fn-1\n\n## footnote-label\n\n正文[^1]。\n\n[^1]: 注释。')
		const ids = headingIds(tree)
		expect(ids.slice(0, 4)).toEqual(['小结', '小结-1', 'user-content-fn-1-1', 'user-content-footnote-label'])
		const allIds = all(tree).map((element) => element.properties.id).filter(Boolean)
		expect(new Set(allIds).size).toBe(allIds.length)
		expectEveryInPageLinkResolves(tree)
	})

	test('ids written in HTML never reach the page; a link by the unslugged title works; a dead link is listed with its place', () => {
		const { tree } = render('<h2 id="budget">预算</h2>\n\n<a name="process"></a>\n\n## 二、决算\n\n[预算](#预算) [决算](#二、决算) [顶部](#process)')
		expect(headingIds(tree)).toEqual(['预算', '二决算'])
		expect(all(tree).some((element) => element.properties.name !== undefined)).toBe(false)
		expect(deadInPageLinks(tree)).toEqual([{ href: '#process', line: 7, column: 23 }])
	})

	test('an id already on a heading stays when it is safe, is namespaced when it is not', () => {
		const heading = (id: string): Element => ({ type: 'element', tagName: 'h2', properties: { id }, children: [{ type: 'text', value: '标题' }] })
		const tree: Root = { type: 'root', children: [heading('一预算'), heading('user-content-x'), heading('process')] }
		rehypeHeadingIds()(tree)
		expect(headingIds(tree)).toEqual(['一预算', 'user-content-x', 'user-content-process'])
	})
})

describe('footnotes', () => {
	test('references and back-links point at ids that exist, once prefixed, with Chinese labels', () => {
		const { tree, html } = render('审计法第十九条[^1]和预算法[^预算]。\n\n[^1]: 2021 年修正。\n[^预算]: 2018 年修正。')
		expect(html).toContain('<a href="#user-content-fn-1" id="user-content-fnref-1" data-footnote-ref="" aria-describedby="footnote-label">1</a>')
		expect(html).toContain('<li id="user-content-fn-1">')
		expect(html).toContain('<a href="#user-content-fnref-1" data-footnote-backref="" aria-label="返回正文引用处 1" class="data-footnote-backref">↩</a>')
		expect(html).toContain('<h2 class="sr-only" id="footnote-label">脚注</h2>')
		expect(html).not.toContain('user-content-user-content')
		expectEveryInPageLinkResolves(tree)
	})

	test('with rehype-sanitize clobbering on (its default) the links are dead: why the settings turn it off', () => {
		const clobbering = { ...SCHEMA, clobber: ['ariaDescribedBy', 'ariaLabelledBy', 'id', 'name'], clobberPrefix: 'user-content-' }
		const { tree } = markdownToHast('正文[^1]。\n\n[^1]: 注释。', { rehype: [[rehypeSanitize, clobbering]] })
		expect(deadInPageLinks(tree).map((link) => link.href)).toEqual(['#user-content-fn-1', '#user-content-fnref-1'])
	})
})

describe('table of contents', () => {
	test('h2 and h3 in order with their ids and text; not h1, h4, nor the footnote label', () => {
		const { tree } = render('# 课程\n\n## 一、预算法概述\n\n### （一）立法目的 *重点*\n\n#### 细节\n\n## Summary[^1]\n\n[^1]: 注。')
		expect(collectTableOfContents(tree)).toEqual([
			{ depth: 2, id: '一预算法概述', text: '一、预算法概述' },
			{ depth: 3, id: '一立法目的-重点', text: '（一）立法目的 重点' },
			{ depth: 2, id: 'user-content-summary', text: 'Summary' },
		])
	})

	test('a lesson without h2 or h3 has an empty table of contents', () => {
		expect(collectTableOfContents(render('# 只有标题\n\n正文。').tree)).toEqual([])
	})
})
