import { describe, expect, test } from 'vitest'
import {
	applyEdit,
	insertBlockMath,
	insertCallout,
	insertImage,
	insertKnowledgeCheck,
	insertLink,
	insertTable,
	linkMarkdown,
	linkUrlProblem,
	offsetOfLineColumn,
	type TextEdit,
	type TextSelection,
	toggleHeading,
	toggleInline,
	toggleInlineMath,
	toggleList,
	unusedCheckId,
} from './lesson-editor-actions.ts'
import { checkLessonSourceSync } from './mdx/check-lesson.server.ts'
import { lessonSource } from './test-fixtures.ts'

/** The text written with `[` and `]` around the selection (`|` for a caret), as a selection. */
function at(marked: string): TextSelection {
	const caret = marked.indexOf('|')
	if (caret !== -1) return { text: marked.replace('|', ''), start: caret, end: caret }
	const start = marked.indexOf('[')
	const end = marked.indexOf(']') - 1
	return { text: marked.replace('[', '').replace(']', ''), start, end }
}

/** The text after the edit, with the new selection marked the same way. */
function shown(selection: TextSelection, edit: TextEdit) {
	const text = applyEdit(selection.text, edit)
	if (edit.selectionStart === edit.selectionEnd) return `${text.slice(0, edit.selectionStart)}|${text.slice(edit.selectionStart)}`
	return `${text.slice(0, edit.selectionStart)}[${text.slice(edit.selectionStart, edit.selectionEnd)}]${text.slice(edit.selectionEnd)}`
}

const run = (marked: string, action: (selection: TextSelection) => TextEdit) => shown(at(marked), action(at(marked)))

describe('toolbar text transforms', () => {
	test('headings mark the touched lines, switch level, and come off again', () => {
		expect(run('第一段\n预算|调整\n第三段', (s) => toggleHeading(s, 2))).toBe('第一段\n## 预算|调整\n第三段')
		expect(run('## 预算|调整', (s) => toggleHeading(s, 3))).toBe('### 预算|调整')
		expect(run('### 预算|调整', (s) => toggleHeading(s, 3))).toBe('预算|调整')
		expect(run('|', (s) => toggleHeading(s, 2))).toBe('## |')
		expect(run('[甲\n乙]\n丙', (s) => toggleHeading(s, 2))).toBe('[## 甲\n## 乙]\n丙')
	})

	test('bold, italic and inline math wrap the selection, keep edge spaces outside, and unwrap', () => {
		expect(run('审计[重点]内容', (s) => toggleInline(s, '**', '粗体文字'))).toBe('审计**[重点]**内容')
		expect(run('审计**[重点]**内容', (s) => toggleInline(s, '**', '粗体文字'))).toBe('审计[重点]内容')
		expect(run('审计[**重点**]内容', (s) => toggleInline(s, '**', '粗体文字'))).toBe('审计[重点]内容')
		expect(run('a[ 重点 ]b', (s) => toggleInline(s, '**', '粗体文字'))).toBe('a **[重点]** b')
		expect(run('审计|内容', (s) => toggleInline(s, '*', '斜体文字'))).toBe('审计*[斜体文字]*内容')
		expect(run('*[重点]*', (s) => toggleInline(s, '*', '斜体文字'))).toBe('[重点]')
		// Italic inside bold is bold italic, not the bold taken apart.
		expect(run('**[重点]**', (s) => toggleInline(s, '*', '斜体文字'))).toBe('***[重点]***')
		expect(run('面积 [\\frac{1}{2}ah] 平方米', toggleInlineMath)).toBe('面积 $[\\frac{1}{2}ah]$ 平方米')
		expect(run('|', toggleInlineMath)).toBe('$[x^2]$')
	})

	test('lists number the non-empty lines and come off again', () => {
		expect(run('[收入\n\n支出]', (s) => toggleList(s, 'bullet'))).toBe('[- 收入\n\n- 支出]')
		expect(run('[收入\n支出\n结余]', (s) => toggleList(s, 'numbered'))).toBe('[1. 收入\n2. 支出\n3. 结余]')
		expect(run('[- 收入\n- 支出]', (s) => toggleList(s, 'numbered'))).toBe('[1. 收入\n2. 支出]')
		expect(run('[1. 收入\n2. 支出]', (s) => toggleList(s, 'numbered'))).toBe('[收入\n支出]')
		expect(run('收|入', (s) => toggleList(s, 'bullet'))).toBe('- 收|入')
		expect(run('|', (s) => toggleList(s, 'bullet'))).toBe('- |')
	})

	test('a table is a 3×2 GFM skeleton on its own paragraph, after the current line', () => {
		expect(run('第一段|正文\n第二段', insertTable)).toBe('第一段正文\n\n| [列一] | 列二 | 列三 |\n| --- | --- | --- |\n|  |  |  |\n|  |  |  |\n\n第二段')
		expect(run('第一段\n|', insertTable)).toBe('第一段\n\n| [列一] | 列二 | 列三 |\n| --- | --- | --- |\n|  |  |  |\n|  |  |  |\n')
		expect(run('|', insertTable)).toBe('| [列一] | 列二 | 列三 |\n| --- | --- | --- |\n|  |  |  |\n|  |  |  |\n')
	})

	test('a callout and block math take the selected lines in; the knowledge check gets an unused id', () => {
		expect(run('前文\n\n[资金闲置要查明原因]\n\n后文', insertCallout)).toBe('前文\n\n<Callout type="提示" title="[提示]">\n\n资金闲置要查明原因\n\n</Callout>\n\n后文')
		expect(run('|', insertCallout)).toBe('<Callout type="提示" title="[提示]">\n\n内容\n\n</Callout>\n')
		expect(run('见下式：\n[E = mc^2]', insertBlockMath)).toBe('见下式：\n\n$$\n[E = mc^2]\n$$\n')
		const existing = '<KnowledgeCheck id="kc-1" question="甲" answer="A" explanation="乙">\n  <Option value="A">一</Option>\n  <Option value="B">二</Option>\n</KnowledgeCheck>\n\n|'
		expect(unusedCheckId(existing)).toBe('kc-2')
		expect(unusedCheckId('<KnowledgeCheck question="x" id=\'kc-1\'>')).toBe('kc-2')
		expect(run(existing, insertKnowledgeCheck)).toContain('<KnowledgeCheck id="kc-2" question="[问题？]" answer="A"')
	})

	test('what the blocks insert passes the lesson check, the knowledge checks each with their own id', () => {
		let selection = at('导语|')
		for (const action of [insertTable, insertCallout, insertKnowledgeCheck, insertKnowledgeCheck, (s: TextSelection) => toggleHeading(s, 2), insertBlockMath]) {
			const edit = action(selection)
			const text = applyEdit(selection.text, edit)
			selection = { text, start: text.length, end: text.length }
		}
		const checked = checkLessonSourceSync(lessonSource({ title: '工具栏', body: selection.text }))
		expect(checked.ok ? checked.lesson.checks.map((check) => check.key) : checked.issue).toEqual(['kc-1', 'kc-2'])
	})

	test('links ask for safe targets and are written so that brackets and spaces cannot break them', () => {
		expect(linkMarkdown('预算法[2018]', 'https://example.gov.cn/a b')).toBe('[预算法\\[2018\\]](<https://example.gov.cn/a b>)')
		expect(run('参见[预算法]。', (s) => insertLink(s, { label: '预算法', url: 'https://www.npc.gov.cn/' }))).toBe('参见[预算法](https://www.npc.gov.cn/)|。')
		expect(run('|', (s) => insertLink(s, { label: ' ', url: '/learn' }))).toBe('[/learn](/learn)|')
		expect(linkUrlProblem('https://www.audit.gov.cn/')).toBeNull()
		expect(linkUrlProblem('/learn/courses')).toBeNull()
		expect(linkUrlProblem('#一预算法概述')).toBeNull()
		expect(linkUrlProblem('mailto:jiaowu@example.cn')).toBeNull()
		expect(linkUrlProblem('')).toBe('请填写链接地址')
		for (const bad of ['javascript:alert(1)', 'data:text/html,x', '//evil.example', 'www.audit.gov.cn']) expect(linkUrlProblem(bad), bad).toMatch(/^链接只能是/)
	})

	test('an uploaded image goes in at the caret, its description selected', () => {
		expect(run('流程如下|', (s) => insertImage(s, '/lesson-images/ab.png'))).toBe('流程如下![[图片说明]](/lesson-images/ab.png)')
		expect(run('[审计流程图]', (s) => insertImage(s, '/lesson-images/ab.png'))).toBe('![[审计流程图]](/lesson-images/ab.png)')
	})

	test('line and column become an offset, clamped to the line', () => {
		const text = '第一行\n第二行较长\n\n第四行'
		expect(offsetOfLineColumn(text, 1)).toBe(0)
		expect(offsetOfLineColumn(text, 2, 3)).toBe(6)
		expect(offsetOfLineColumn(text, 2, 99)).toBe(9)
		expect(offsetOfLineColumn(text, 3)).toBe(10)
		expect(offsetOfLineColumn(text, 4, 2)).toBe(12)
		expect(offsetOfLineColumn(text, 9)).toBe(text.length)
	})
})
