import { describe, expect, test } from 'vitest'
import { chinaDate } from '#app/exams/bank/regulation-format.ts'
import { parseBlanks, parseOptionLetters, parseTrueFalse } from './answer-format.ts'
import type { BankColumn } from './columns.ts'
import { parseBankRow } from './parse-row.ts'

const base: Partial<Record<BankColumn, string>> = { 题型: '单选', 专题: '财政', 难度: '2', 分值: '2', 题干: '下列属于预算执行审计重点的是（ ）。', 选项A: '甲', 选项B: '乙', 选项C: '丙', 答案: 'B' }

function problemsOf(cells: Partial<Record<BankColumn, string>>) {
	const parsed = parseBankRow(cells)
	return parsed.ok ? [] : parsed.problems
}

describe('答案 formats', () => {
	test.each([
		['ACD', ['A', 'C', 'D']],
		['A,C,D', ['A', 'C', 'D']],
		['D, A ,C', ['D', 'A', 'C']],
		['Ａ，Ｃ，Ｄ', ['A', 'C', 'D']],
		['a、c、d', ['A', 'C', 'D']],
		['B', ['B']],
	])('choice %j', (text, keys) => {
		expect(parseOptionLetters(text)).toEqual({ ok: true, value: keys })
	})

	test.each([
		['AB1', '答案“AB1”无法识别，请填写选项字母 A–H，如 B 或 ACD'],
		['AAC', '答案中选项 A 重复'],
		['I', '答案“I”无法识别，请填写选项字母 A–H，如 B 或 ACD'],
		['  ', '请填写答案'],
	])('choice %j refused', (text, error) => {
		expect(parseOptionLetters(text)).toEqual({ ok: false, error })
	})

	test.each(['正确', '对', '√', 'T', 't', 'TRUE', 'Ｔ', '✓'])('true: %j', (text) => {
		expect(parseTrueFalse(text)).toEqual({ ok: true, value: true })
	})
	test.each(['错误', '错', '×', 'F', 'false', 'Ｆ', 'X'])('false: %j', (text) => {
		expect(parseTrueFalse(text)).toEqual({ ok: true, value: false })
	})
	test('unknown true/false word', () => {
		expect(parseTrueFalse('大概')).toEqual({ ok: false, error: '判断题答案“大概”无法识别，请填写 正确/错误、对/错、√/× 或 T/F' })
	})

	test.each([
		['预算法', [['预算法']]],
		['预算法|中华人民共和国预算法；三', [['预算法', '中华人民共和国预算法'], ['三']]],
		['a ; b | c ;', [['a'], ['b', 'c']]],
		['甲｜乙;丙', [['甲', '乙'], ['丙']]],
	])('blanks %j', (text, blanks) => {
		expect(parseBlanks(text)).toEqual({ ok: true, value: blanks })
	})
	test('empty blank and empty alternative', () => {
		expect(parseBlanks('甲；；乙')).toEqual({ ok: false, error: '第2个空没有答案' })
		expect(parseBlanks('甲||乙')).toEqual({ ok: false, error: '第1个空有空的备选答案（多余的“|”）' })
	})
})

describe('parseBankRow', () => {
	test('a complete single-choice row', () => {
		const parsed = parseBankRow({
			...base,
			题型: '单项选择题',
			专题: '财政审计',
			解析: '见预算法',
			标签: '预算执行、三公经费',
			法规依据: '《中华人民共和国预算法》第五十七条（生效：2015-01-01；失效：2030-12-31）',
			关联课程: 'budget-basics',
			状态: '草稿',
		})
		expect(parsed).toEqual({
			ok: true,
			status: 'draft',
			content: {
				type: 'single',
				topic: 'fiscal',
				difficulty: 2,
				points: 2,
				stem: '下列属于预算执行审计重点的是（ ）。',
				options: [
					{ key: 'A', text: '甲' },
					{ key: 'B', text: '乙' },
					{ key: 'C', text: '丙' },
				],
				answerKey: 'B',
				rubric: null,
				explanation: '见预算法',
				tags: ['预算执行', '三公经费'],
				regulation: { name: '中华人民共和国预算法', article: '第五十七条', effectiveFrom: chinaDate(2015, 1, 1), expiresAt: chinaDate(2030, 12, 31) },
				lessonRefs: ['budget-basics'],
				problemRefs: [],
			},
		})
	})

	test('multiple choice keys are stored sorted', () => {
		const parsed = parseBankRow({ ...base, 题型: '多选', 选项D: '丁', 答案: 'D，B' })
		expect(parsed.ok && parsed.content.answerKey).toEqual(['B', 'D'])
	})

	test('true/false accepts 正确/错误 written as options and ignores them', () => {
		const parsed = parseBankRow({ ...base, 题型: '判断', 题干: '审计报告应当征求被审计单位意见。', 选项A: '正确', 选项B: '错误', 选项C: '', 答案: '√' })
		expect(parsed.ok && parsed.content).toMatchObject({ type: 'true_false', options: [], answerKey: true })
	})

	test('every problem of a row is listed with its column', () => {
		expect(
			problemsOf({ 题型: '选择', 专题: '税务', 难度: '6', 分值: '两分', 题干: '', 选项A: 'x', 选项C: 'z', 答案: 'B', 法规依据: '《预算法》（生效：2015-13-01）', 状态: '上架' }),
		).toEqual([
			{ column: '题型', message: '题型“选择”无法识别，可填：单选、多选、判断、填空、简答、案例分析' },
			{ column: '专题', message: '专题“税务”无法识别，可填：财政、经责、固投、综合、大数据审计、党建与廉政、通用' },
			{ column: '难度', message: '难度须为 1–5 的整数' },
			{ column: '分值', message: '分值“两分”不是数字' },
			{ column: '题干', message: '请填写题干' },
			{ column: '状态', message: '状态“上架”无法识别，可填：草稿、启用、停用' },
			{ column: '法规依据', message: '无法识别日期“生效：2015-13-01”，请写成 2015-01-01' },
		])
	})

	test.each<[string, Partial<Record<BankColumn, string>>, { column: BankColumn; message: string }[]]>([
		['gap in options', { 选项B: '', 选项C: '丙', 答案: 'A' }, [{ column: '选项B', message: '选项B为空，但后面还有选项' }]],
		['one option only', { 选项B: '', 选项C: '', 答案: 'A' }, [{ column: '选项B', message: '选择题至少需要两个选项' }]],
		['single with two letters', { 答案: 'AB' }, [{ column: '答案', message: '单选题只能有一个答案，填写的是“AB”' }]],
		['key without option', { 答案: 'E' }, [{ column: '答案', message: '答案中的 E 没有对应的选项内容' }]],
		['multiple with one letter', { 题型: '多选', 答案: 'A' }, [{ column: '答案', message: '多选题答案至少两个选项；只有一个正确选项请改为单选题' }]],
		['missing answer', { 答案: '' }, [{ column: '答案', message: '请填写答案' }]],
		['points too large', { 分值: '101' }, [{ column: '分值', message: '分值不能超过 100' }]],
		['points with two decimals', { 分值: '1.25' }, [{ column: '分值', message: '分值最多一位小数' }]],
		['zero points', { 分值: '0' }, [{ column: '分值', message: '分值须大于 0' }]],
		['difficulty not integer', { 难度: '2.5' }, [{ column: '难度', message: '难度须为 1–5 的整数' }]],
		['rubric on objective', { 评分要点: '要点' }, [{ column: '评分要点', message: '只有简答题和案例分析题可以填写评分要点' }]],
		['tag too long', { 标签: '一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一' }, [{ column: '标签', message: '标签不能超过30字' }]],
		['fill blank with options', { 题型: '填空', 题干: '审计法于____施行', 答案: '1995年' }, [{ column: '选项A', message: '填空题不需要填写选项' }]],
		[
			'fill blank count mismatch',
			{ 题型: '填空', 题干: '审计法于____施行', 选项A: '', 选项B: '', 选项C: '', 答案: '1995年；2022年' },
			[{ column: '答案', message: '题干中有1处空位（用 ____ 或（ ）标出），答案有2个空，须一致' }],
		],
		['essay without reference answer', { 题型: '简答', 选项A: '', 选项B: '', 选项C: '', 答案: '' }, [{ column: '答案', message: '请填写参考答案' }]],
		['regulation expiry before effect', { 法规依据: '《审计法》第一条（生效：2020-01-01；失效：2019-01-01）' }, [{ column: '法规依据', message: '失效日期须晚于生效日期' }]],
	])('%s', (_name, change, expected) => {
		expect(problemsOf({ ...base, ...change })).toEqual(expected)
	})

	test('essay row keeps the reference answer and rubric', () => {
		const parsed = parseBankRow({ 题型: '案例分析', 专题: '固投', 难度: '5', 分值: '20', 题干: '某老旧小区改造项目……请分析存在的问题。', 答案: '参考答案……', 评分要点: '问题定性 8 分' })
		expect(parsed.ok && parsed.content).toMatchObject({ type: 'case_analysis', answerKey: '参考答案……', rubric: '问题定性 8 分', options: [] })
	})

	test('fill blank with full-width parentheses markers', () => {
		const parsed = parseBankRow({ 题型: '填空题', 专题: '综合', 难度: '1', 分值: '2', 题干: '审计的三性是（　）、（ ）和效益性。', 答案: '真实性；合法性' })
		expect(parsed.ok && parsed.content.answerKey).toEqual([['真实性'], ['合法性']])
	})
})
