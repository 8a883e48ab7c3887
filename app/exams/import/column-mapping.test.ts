import { describe, expect, test } from 'vitest'
import { checkMapping, columnText, detectColumn, detectMapping, inferType, mapRow, parseDifficultyWord, planOf, splitOptionsCell } from './column-mapping.ts'
import { parseBankRow } from './parse-row.ts'

describe('detectColumn', () => {
	test.each([
		['题干', '题干'],
		['试题内容', '题干'],
		['题目内容', '题干'],
		['Question', '题干'],
		[' stem ', '题干'],
		['选项A', '选项A'],
		['选项 Ａ', '选项A'],
		['A', '选项A'],
		['h', '选项H'],
		['Option B', '选项B'],
		['optionC', '选项C'],
		['choice D', '选项D'],
		['选项', '选项'],
		['选项内容', '选项'],
		['Options', '选项'],
		['正确答案', '答案'],
		['标准答案：', '答案'],
		['Key', '答案'],
		['答案解析', '解析'],
		['Analysis', '解析'],
		['题目类型', '题型'],
		['Type', '题型'],
		['难度', '难度'],
		['难度（1-5）', '难度'],
		['分值(分)', '分值'],
		['分数', '分值'],
		['Points', '分值'],
		['知识点', '专题'],
		['Category', '专题'],
		['法规依据', '法规依据'],
		['依据', '法规依据'],
		['Tags', '标签'],
		['评分标准', '评分要点'],
		['id', 'ignore'],
		['序号', 'ignore'],
		['备注', 'ignore'],
	])('%s → %s', (header, column) => {
		expect(detectColumn(header)).toBe(column)
	})

	test('the issue’s public question set maps every column', () => {
		expect(detectMapping(['id', 'question', 'A', 'B', 'C', 'D', 'answer']).map((m) => m.column)).toEqual(['ignore', '题干', '选项A', '选项B', '选项C', '选项D', '答案'])
	})

	test('a column named twice goes to the first header; the second is ignored', () => {
		expect(detectMapping(['题目', '试题内容']).map((m) => m.column)).toEqual(['题干', 'ignore'])
	})
})

describe('checkMapping', () => {
	const headers = ['question', 'answer', 'A', 'B']
	test('required columns without a column or a default are named; a default stands in', () => {
		const mapping = detectMapping(headers)
		expect(checkMapping(mapping, headers).map((p) => p.column)).toEqual(['专题', '难度', '分值'])
		expect(checkMapping(mapping, headers, { topic: 'fiscal', difficulty: 3, points: 1 })).toEqual([])
	})

	test('the same column chosen twice, and a header the file does not have, are refused', () => {
		const mapping = [
			{ header: 'question', column: '题干' as const },
			{ header: 'answer', column: '题干' as const },
			{ header: '不存在', column: '答案' as const },
		]
		expect(checkMapping(mapping, headers, { topic: 'fiscal', difficulty: 3, points: 1 }).map((p) => p.message)).toEqual([
			'“题干”已对应“question”列，一个字段只能对应一列',
			'文件中没有“不存在”这一列',
		])
	})
})

describe('splitOptionsCell', () => {
	test.each([
		['A. 审计署 B. 财政部 C. 国务院 D. 人大', ['审计署', '财政部', '国务院', '人大']],
		['A、审计署\nB、财政部\nC、国务院', ['审计署', '财政部', '国务院']],
		['A．审计署 B．财政部', ['审计署', '财政部']],
		['(A)审计署 (B)财政部', ['审计署', '财政部']],
		['（A）审计署（B）财政部', ['审计署', '财政部']],
		['A)审计署 B)财政部', ['审计署', '财政部']],
		['Ａ．甲公司 Ｂ．乙公司', ['甲公司', '乙公司']],
		['A.甲B.乙C.丙', ['甲', '乙', '丙']],
		['A. ABC 公司 B. 选项B.的写法 C. 丙', ['ABC 公司', '选项B.的写法', '丙']],
		['A. 甲；B. 乙；', ['甲', '乙']],
	])('%s', (cell, options) => {
		expect(splitOptionsCell(cell)).toEqual({ ok: true, options })
	})

	test('a cell that is not options is refused with a reason', () => {
		expect(splitOptionsCell('审计署、财政部')).toEqual({ ok: false, error: '选项“审计署、财政部”无法拆分为 A、B… 各项，请写成“A. … B. …”' })
		expect(splitOptionsCell('A. 甲 B.  C. 丙')).toEqual({ ok: false, error: '选项 B 没有内容' })
	})
})

describe('inferType', () => {
	test.each([
		['题（ ）', ['甲', '乙'], 'B', 'single'],
		['题（ ）', ['甲', '乙', '丙'], 'A、C', 'multiple'],
		['题（ ）', ['甲', '乙', '丙'], 'abd'.slice(0, 2), 'multiple'],
		['说法正确。', [], '√', 'true_false'],
		['说法正确。', [], '否', 'true_false'],
		['说法正确。', ['正确', '错误'], 'A', 'true_false'],
		['审计法于____年修正。', [], '2021', 'fill_blank'],
		['简述审计整改的要求。', [], '建立清单', 'short_answer'],
		['审计法于____年修正。', [], '一段很长的参考答案，超过二十个字，说明了修正的背景和主要内容。', 'short_answer'],
	])('%s / %j / %s → %s', (stem, options, answer, type) => {
		expect(inferType(stem, options, answer)).toEqual({ ok: true, type })
	})

	test('what cannot be inferred says why', () => {
		expect(inferType('题', ['甲', '乙'], '甲')).toEqual({ ok: false, error: '未填写题型，且答案“甲”不是选项字母，无法推断是单选还是多选' })
		expect(inferType('题', [], 'B')).toEqual({ ok: false, error: '答案“B”是选项字母，但这一行没有选项' })
		expect(inferType('题', [], '')).toEqual({ ok: false, error: '未填写题型，也没有答案，无法推断题型' })
	})
})

test('difficulty words and digits', () => {
	expect(['易', '较易', '中', '较难', '难', '３', 'Hard', '很难'].map(parseDifficultyWord)).toEqual([1, 2, 3, 4, 5, 3, 5, null])
})

describe('mapRow', () => {
	test('a foreign row becomes a valid question: options split, type inferred, defaults filled', () => {
		const mapping = detectMapping(['序号', '试题内容', '选项', '正确答案', '答案解析'])
		const plan = planOf(mapping, { topic: 'fiscal', difficulty: 2, points: 1.5 })
		const mapped = mapRow({ 序号: '7', 试题内容: '预算执行审计的主体是（ ）', 选项: 'A．审计机关\nB．财政部门\nC．税务部门', 正确答案: 'a', 答案解析: '审计法第十八条' }, plan)
		expect(mapped.inferredType).toBe('single')
		expect(mapped.problems).toEqual([])
		const parsed = parseBankRow(mapped.cells)
		expect(parsed).toMatchObject({
			ok: true,
			content: { type: 'single', topic: 'fiscal', difficulty: 2, points: 1.5, answerKey: 'A', explanation: '审计法第十八条', options: [{ key: 'A', text: '审计机关' }, { key: 'B' }, { key: 'C' }] },
		})
		expect(columnText({ column: '选项B', origin: mapped.originOf('选项B') })).toBe('“选项”列（选项B）')
		expect(columnText({ column: '专题', origin: mapped.originOf('专题') })).toBe('专题（默认值）')
		expect(columnText({ column: '题型', origin: mapped.originOf('题型') })).toBe('题型（推断）')
	})

	test('the file’s own values win over defaults; 分值 “2分” and 难度 “较难” are read', () => {
		const plan = planOf(detectMapping(['题目', '分数', '难度', '知识点', '参考答案']), { topic: 'general', difficulty: 1, points: 1 })
		const mapped = mapRow({ 题目: '简述（ ）。', 分数: '2分', 难度: '较难', 知识点: '经责', 参考答案: '要点' }, plan)
		expect(mapped.cells).toMatchObject({ 分值: '2', 难度: '4', 专题: '经责', 题型: '填空' })
		expect(columnText({ column: '专题', origin: mapped.originOf('专题') })).toBe('“知识点”列（专题）')
	})

	test('an options cell that cannot be split and an unknown difficulty are row problems', () => {
		const plan = planOf(detectMapping(['题目', '选项', '答案', '难度', '分类', '分值']))
		const mapped = mapRow({ 题目: '题', 选项: '甲和乙', 答案: 'A', 难度: '很难', 分类: '财政', 分值: '1' }, plan)
		expect(mapRow({ 题目: '题', 答案: '对', 难度: '9', 分类: '财政', 分值: '1' }, plan).problems).toEqual([])
		expect(mapped.problems.map((p) => p.column)).toEqual(['选项A', '难度', '题型'])
	})
})
