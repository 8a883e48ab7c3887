import { describe, expect, test } from 'vitest'
import { paperSections } from './paper-sections.ts'

const q = (position: number, topic: string, type: string) => ({ position, topic, type })

describe('paperSections', () => {
	test('a paper of one 专题 is headed by type alone', () => {
		const sections = paperSections([q(1, 'fiscal', 'single'), q(2, 'fiscal', 'single'), q(3, 'fiscal', 'multiple'), q(4, 'fiscal', 'true_false')])
		expect(sections.map((section) => [section.title, section.questions.map((question) => question.position)])).toEqual([
			['单选题', [1, 2]],
			['多选题', [3]],
			['判断题', [4]],
		])
	})

	test('a 综合 paper names the 专题 of each section, so no heading repeats', () => {
		const paper = [
			q(1, 'fiscal', 'single'),
			q(2, 'fiscal', 'multiple'),
			q(3, 'economic_responsibility', 'single'),
			q(4, 'economic_responsibility', 'multiple'),
			q(5, 'fixed_asset_investment', 'single'),
			q(6, 'fixed_asset_investment', 'single'),
		]
		const titles = paperSections(paper).map((section) => section.title)
		expect(titles).toEqual(['财政 · 单选题', '财政 · 多选题', '经责 · 单选题', '经责 · 多选题', '固投 · 单选题'])
		expect(new Set(titles).size).toBe(titles.length)
	})

	test('an empty paper has no sections', () => {
		expect(paperSections([])).toEqual([])
	})
})
