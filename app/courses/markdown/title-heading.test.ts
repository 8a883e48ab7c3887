import { describe, expect, test } from 'vitest'
import { remarkLessonCallouts } from './callouts.ts'
import { markdownToHast } from './test-fixtures.ts'
import { normalizedTitle, remarkDropTitleHeading } from './title-heading.ts'

function render(title: string | undefined, markdown: string) {
	return markdownToHast(markdown, { remark: [remarkLessonCallouts, [remarkDropTitleHeading, title]] }).html
}

describe('a leading H1 equal to the title is dropped', () => {
	test.each([
		['预算法概述', '# 预算法概述\n\n正文。'],
		['预算法概述', '#  预算法概述  \n\n正文。'],
		['预算法概述', '# 预算法概述。\n\n正文。'],
		['预算法概述：总则', '# 预算法概述:总则\n\n正文。'],
		['Ｒｅｍｉｘ 入门', '# Remix 入门\n\n正文。'],
		['第一章 总则', '# 第一章　总则\n\n正文。'],
		['固定资产投资审计', '固定资产投资审计\n========\n\n正文。'],
		['预算法概述', '<!-- 来源：讲义 -->\n# 预算法*概述*\n\n正文。'],
	])('title %j, document %j', (title, markdown) => {
		expect(render(title, markdown)).not.toContain('<h1>')
		expect(render(title, markdown)).toContain('<p>正文。</p>')
	})
})

describe('anything else stays', () => {
	test.each([
		['预算法概述', '# 预算法'],
		['预算法概述', '## 预算法概述'],
		['预算法概述', '前言。\n\n# 预算法概述'],
		['预算法概述', '# 预算法 概述'],
		[undefined, '# 预算法概述'],
		['', '# 预算法概述'],
	])('title %j, document %j', (title, markdown) => {
		expect(render(title, markdown)).toMatch(/<h[12]>/)
	})

	test('only the first H1 goes; a later one with the same text stays', () => {
		expect(render('总则', '# 总则\n\n正文。\n\n# 总则')).toBe('<p>正文。</p>\n<h1>总则</h1>')
	})
})

test('normalizedTitle', () => {
	expect(normalizedTitle(' 预算法\t概述！！ ')).toBe('预算法 概述')
	expect(normalizedTitle('ＡＢＣ（一）')).toBe('ABC(一')
})
