import { renderToStaticMarkup } from 'react-dom/server'
import rehypeSanitize from 'rehype-sanitize'
import { expect, test } from 'vitest'
import { collectTableOfContents, FOOTNOTE_REMARK_REHYPE_OPTIONS, FOOTNOTE_SANITIZE_SETTINGS, rehypeHeadingIds } from '#app/courses/markdown/headings.ts'
import { mergeSanitizeSettings } from '#app/courses/markdown/sanitize-settings.ts'
import { markdownToHast, TEST_SANITIZE_SCHEMA } from '#app/courses/markdown/test-fixtures.ts'
import { sectionsOf, TableOfContents } from './table-of-contents.tsx'

const LESSON = `## 一、预算法概述

### （一）立法目的

### （二）适用范围

## 二、预算管理职权

## Summary

正文[^1]。

[^1]: 注释。`

function lesson() {
	return markdownToHast(LESSON, {
		remarkRehypeOptions: FOOTNOTE_REMARK_REHYPE_OPTIONS,
		rehype: [[rehypeSanitize, mergeSanitizeSettings(TEST_SANITIZE_SCHEMA, FOOTNOTE_SANITIZE_SETTINGS)], rehypeHeadingIds],
	})
}

test('renders a labelled nav whose links are the ids of the lesson headings, h3 under their h2', () => {
	const { tree, html: lessonHtml } = lesson()
	const entries = collectTableOfContents(tree)
	const html = renderToStaticMarkup(<TableOfContents entries={entries} />)
	expect(html).toMatch(/^<nav aria-label="本课目录"[^>]*><details><summary[^>]*>本课目录<\/summary><ol/)
	const hrefs = [...html.matchAll(/href="#([^"]+)"/g)].map((match) => match[1]!)
	expect(hrefs).toEqual(['一预算法概述', '一立法目的', '二适用范围', '二预算管理职权', 'user-content-summary'])
	for (const id of hrefs) expect(lessonHtml).toContain(`id="${id}"`)
	expect(html).toMatch(/<li><a href="#一预算法概述" class="[^"]*">一、预算法概述<\/a><ol class="[^"]*"><li><a href="#一立法目的"/)
})

test('a lesson with fewer than two entries shows no table of contents', () => {
	expect(renderToStaticMarkup(<TableOfContents entries={[{ depth: 2, id: '唯一', text: '唯一' }]} />)).toBe('')
	expect(renderToStaticMarkup(<TableOfContents entries={[]} />)).toBe('')
})

test('an h3 before any h2 stands on its own', () => {
	expect(
		sectionsOf([
			{ depth: 3, id: 'a', text: 'A' },
			{ depth: 2, id: 'b', text: 'B' },
			{ depth: 3, id: 'c', text: 'C' },
		]),
	).toEqual([
		{ entry: { depth: 3, id: 'a', text: 'A' }, subsections: [] },
		{ entry: { depth: 2, id: 'b', text: 'B' }, subsections: [{ depth: 3, id: 'c', text: 'C' }] },
	])
})
