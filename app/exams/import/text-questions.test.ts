import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { parseBankRow } from './parse-row.ts'
import { parseQuestionText, splitOptionLine } from './text-questions.ts'

const DEFAULTS = { topic: '财政', difficulty: '3', points: '1' }
const fixture = readFileSync(new URL('../../../tests/fixtures/bank-import/paste.txt', import.meta.url), 'utf8')

function only(text: string) {
	const parsed = parseQuestionText(text, DEFAULTS)
	expect(parsed.notUnderstood).toEqual([])
	expect(parsed.rows).toHaveLength(1)
	return parsed.rows[0]!.cells
}

describe('parseQuestionText', () => {
	test('the paste fixture: every understood question in canonical columns, the others listed by number with the reason', () => {
		const parsed = parseQuestionText(fixture, DEFAULTS)
		expect(parsed.rows.map((row) => [row.rowNumber, row.cells.题型, row.cells.答案])).toEqual([
			[1, '单选', 'A'],
			[2, '单选', 'B'],
			[3, '单选', 'B'],
			[4, '单选', 'E'],
			[5, '多选', 'A、B'],
			[6, '多选', 'ACD'],
			[8, '判断', '错误'],
			[9, '判断', '正确'],
			[10, '判断', '正确'],
			[11, '填空', '适当性；充分性'],
			[12, '填空', '2021|二〇二一'],
			[13, '简答', '1. 核实资金拨付与实际使用情况；\n2. 定性为虚列支出；\n3. 责令调整账目。'],
		])
		expect(parsed.notUnderstood).toEqual([
			{ rowNumber: 7, label: '二、多项选择题 第3题', reason: '没有找到答案（应写作“答案：B”“【答案】B”，或写在题干的括号里“（B）”）' },
			{ rowNumber: 14, label: '五、简答题 第2题', reason: '没有找到答案（应写作“答案：B”“【答案】B”，或写在题干的括号里“（B）”）' },
		])
		expect(parsed.warnings).toEqual(['第一道题之前有 1 行不属于任何题目（如 “2026年财政审计业务知识测试题库（示例）”），已忽略'])
		// Section scores become 分值; the key in the stem's brackets leaves a blank behind.
		expect(parsed.rows.find((row) => row.rowNumber === 5)!.cells.分值).toBe('2')
		expect(parsed.rows.find((row) => row.rowNumber === 2)!.cells.题干).toBe('审计机关进行审计时，被审计单位不得转移、隐匿（ ）有关资料。')
		expect(parsed.rows.find((row) => row.rowNumber === 1)!.cells.解析).toBe('支出必须以经批准的预算为依据，\n未列入预算的不得支出。')
		// The rows pass the spreadsheet's own row check, except the answer outside the options.
		const checked = parsed.rows.map((row) => [row.rowNumber, parseBankRow(row.cells).ok])
		expect(checked.filter(([, ok]) => !ok)).toEqual([[4, false]])
	})

	test('options several to a line or one per line, with 、 ． and full-width letters', () => {
		expect(splitOptionLine('A. 甲 B. 乙 C. 丙 D. 丁', 0)).toEqual(['甲', '乙', '丙', '丁'])
		expect(splitOptionLine('A、账簿　B、会计凭证　C、合同', 0)).toEqual(['账簿', '会计凭证', '合同'])
		expect(splitOptionLine('Ａ．审计署 Ｂ．审计厅', 0)).toEqual(['审计署', '审计厅'])
		// “B.C.” inside an option is text: only a letter after white space starts the next option.
		expect(splitOptionLine('A. 按B.C.级标准 B. 不按', 0)).toEqual(['按B.C.级标准', '不按'])
		expect(splitOptionLine('C. 丙', 0)).toBeNull()
		const cells = only('1．下列正确的是（ ）\nA．甲\nB．乙\nC．丙\n答案：C')
		expect([cells.选项A, cells.选项B, cells.选项C, cells.答案]).toEqual(['甲', '乙', '丙', 'C'])
	})

	test('question numbers as 1. 1、 1． （1） and 第1题; answers as 答案： 【答案】 正确答案：', () => {
		for (const head of ['1.', '1、', '1．', '（1）', '(1)', '第1题']) {
			expect(only(`${head}题干（ ）\nA. 甲\nB. 乙\n【答案】B`).题干).toBe('题干（ ）')
		}
		expect(only('1. 题干（ ）\nA. 甲 B. 乙 C. 丙\n正确答案：A、C').题型).toBe('多选')
	})

	test('without a heading the type is inferred: one letter, several, 对/错, blanks, else 简答', () => {
		expect(only('1. 甲（ ）\nA. 一 B. 二\n答案：A').题型).toBe('单选')
		expect(only('1. 甲（ ）\nA. 一 B. 二\n答案：AB').题型).toBe('多选')
		expect(only('1. 甲是乙。\n答案：对').题型).toBe('判断')
		expect(only('1. 甲是____。\n答案：乙').题型).toBe('填空')
		expect(only('1. 简述甲。\n答案：乙').题型).toBe('简答')
	})

	test('判断 answers 对/错/√/×/正确/错误, in the stem or on their own line', () => {
		for (const [answer, expected] of [['对', '正确'], ['错', '错误'], ['√', '正确'], ['×', '错误'], ['正确', '正确'], ['错误', '错误']]) {
			expect(only(`三、判断题\n1. 甲是乙。\n答案：${answer}`).答案).toBe(expected)
		}
		expect(only('三、判断题\n1. 甲是乙。（√）').答案).toBe('正确')
	})

	test('headings: 单项选择题, （一）多选题, 第二部分 案例分析题, scores per question', () => {
		const parsed = parseQuestionText(
			'（一）多选题（每小题2分，共10分）\n1. 甲（ ）\nA. 一 B. 二 C. 三\n答案：AB\n第二部分 案例分析题（每题20分）\n1. 某项目……请分析。\n参考答案：应当……',
			DEFAULTS,
		)
		expect(parsed.rows.map((row) => [row.cells.题型, row.cells.分值])).toEqual([
			['多选', '2'],
			['案例分析', '20'],
		])
	})

	test('a choice without options, a fill-in without a blank and answer letters in a 判断 section are listed, not guessed', () => {
		const parsed = parseQuestionText('一、单选题\n1. 甲是（ ）\n答案：A\n四、填空题\n1. 甲是乙。\n答案：丙', DEFAULTS)
		expect(parsed.rows).toEqual([])
		expect(parsed.notUnderstood.map((q) => [q.label, q.reason])).toEqual([
			['一、单选题 第1题', '单选题没有找到选项（应写作“A. …”，每行一个或同一行用空格隔开）'],
			['四、填空题 第1题', '填空题的题干中没有空位（用 ____ 或（ ）标出）'],
		])
	})

	test('难度 and 分值 lines override the defaults; text without numbered questions says how to number them', () => {
		const cells = only('1. 甲是____。\n答案：乙\n难度：4\n分值：3')
		expect([cells.难度, cells.分值]).toEqual(['4', '3'])
		expect(parseQuestionText('只是一段话', DEFAULTS).warnings.at(-1)).toBe('没有找到编号的题目（应写作“1. 题干”“1、题干”或“（1）题干”）')
	})
})
