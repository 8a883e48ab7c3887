import { describe, expect, test } from 'vitest'
import { gradeObjective, normaliseBlankAnswer, roundScore, type GradingPolicy } from './objective.ts'

const strict: GradingPolicy = { multipleChoicePolicy: 'all_or_nothing', partialCreditRatio: 0.5, fillBlankOrderInsensitive: false }
const partial: GradingPolicy = { ...strict, multipleChoicePolicy: 'partial' }
const orderFree: GradingPolicy = { ...strict, fillBlankOrderInsensitive: true }

describe('single choice', () => {
	const question = { type: 'single' as const, answerKey: 'B', points: 2 }
	test.each([
		['B', 2, true],
		['A', 0, false],
		['b', 0, false],
		[['B'], 0, false],
		['', 0, false],
		[null, 0, false],
		[undefined, 0, false],
	])('answer %j scores %d', (response, score, isCorrect) => {
		expect(gradeObjective(question, response, strict)).toEqual({ score, isCorrect })
	})
})

describe('true/false', () => {
	test.each([
		[true, true, 1.5, true],
		[true, false, 0, false],
		[false, false, 1.5, true],
		[false, true, 0, false],
		[false, 'false', 0, false],
		[true, null, 0, false],
	])('key %j, answer %j scores %d', (key, response, score, isCorrect) => {
		expect(gradeObjective({ type: 'true_false', answerKey: key, points: 1.5 }, response, strict)).toEqual({ score, isCorrect })
	})
})

describe('multiple choice', () => {
	const question = { type: 'multiple' as const, answerKey: ['A', 'C', 'D'], points: 3 }
	const cases: [string, unknown, number, number, boolean][] = [
		// name, response, all-or-nothing score, partial score, correct
		['exact set', ['A', 'C', 'D'], 3, 3, true],
		['exact set in another order', ['D', 'A', 'C'], 3, 3, true],
		['correct proper subset of two', ['A', 'C'], 0, 1.5, false],
		['correct single option', ['D'], 0, 1.5, false],
		['one wrong option among right ones', ['A', 'B', 'C'], 0, 0, false],
		['full set plus a wrong option', ['A', 'B', 'C', 'D'], 0, 0, false],
		['only wrong options', ['B'], 0, 0, false],
		['empty selection', [], 0, 0, false],
		['not an array', 'ACD', 0, 0, false],
		['letters outside A–H', ['A', 'Z'], 0, 0, false],
		['no answer', null, 0, 0, false],
	]
	test.each(cases)('%s', (_name, response, strictScore, partialScore, isCorrect) => {
		expect(gradeObjective(question, response, strict)).toEqual({ score: strictScore, isCorrect })
		expect(gradeObjective(question, response, partial)).toEqual({ score: partialScore, isCorrect })
	})

	test('the partial ratio is the round setting, rounded to hundredths', () => {
		const thirds: GradingPolicy = { ...partial, partialCreditRatio: 1 / 3 }
		expect(gradeObjective({ ...question, points: 2 }, ['A'], thirds)).toEqual({ score: 0.67, isCorrect: false })
		const none: GradingPolicy = { ...partial, partialCreditRatio: 0 }
		expect(gradeObjective(question, ['A'], none)).toEqual({ score: 0, isCorrect: false })
	})

	test('repeated letters count once', () => {
		expect(gradeObjective(question, ['A', 'A', 'C', 'D'], strict)).toEqual({ score: 3, isCorrect: true })
	})
})

describe('fill in the blank normalisation', () => {
	test.each([
		['  预算法 ', '预算法'],
		['ＥＰＣ', 'epc'],
		['Ｅｐｃ　总承包', 'epc 总承包'],
		['５％', '5%'],
		['a\t\n b', 'a b'],
		['（一）', '(一)'],
	])('%j → %j', (input, expected) => {
		expect(normaliseBlankAnswer(input)).toBe(expected)
	})
})

describe('fill in the blank', () => {
	const twoBlanks = { type: 'fill_blank' as const, answerKey: [['预算法', '中华人民共和国预算法'], ['三']], points: 4 }

	test.each([
		['both right', ['预算法', '三'], 4, true],
		['alternative accepted', ['中华人民共和国预算法', '三'], 4, true],
		['width, case and spaces folded', [' 预算法　', '三 '], 4, true],
		['one of two right', ['预算法', '四'], 2, false],
		['second only', ['', '三'], 2, false],
		['none right', ['审计法', '四'], 0, false],
		['missing blanks', ['预算法'], 2, false],
		['extra answers ignored', ['预算法', '三', '多余'], 4, true],
		['swapped order is wrong when order matters', ['三', '预算法'], 0, false],
		['empty list', [], 0, false],
		['not a list', '预算法', 0, false],
	])('%s', (_name, response, score, isCorrect) => {
		expect(gradeObjective(twoBlanks, response, strict)).toEqual({ score, isCorrect })
	})

	test('case-insensitive key match', () => {
		expect(gradeObjective({ type: 'fill_blank', answerKey: [['EPC']], points: 1 }, ['epc'], strict)).toEqual({ score: 1, isCorrect: true })
	})

	test('order-insensitive blanks accept any arrangement', () => {
		const q = { type: 'fill_blank' as const, answerKey: [['真实性'], ['合法性'], ['效益性']], points: 3 }
		expect(gradeObjective(q, ['效益性', '真实性', '合法性'], orderFree)).toEqual({ score: 3, isCorrect: true })
		expect(gradeObjective(q, ['效益性', '真实性', '合法性'], strict)).toEqual({ score: 0, isCorrect: false })
		expect(gradeObjective(q, ['合法性', '合法性', '合法性'], orderFree)).toEqual({ score: 1, isCorrect: false })
		expect(gradeObjective(q, ['合法性', '', '真实性'], orderFree)).toEqual({ score: 2, isCorrect: false })
	})

	test('order-insensitive matching finds the best assignment when alternatives overlap', () => {
		// Greedy would put 甲 into blank 1 and leave blank 2 empty; the best assignment fills both.
		const q = { type: 'fill_blank' as const, answerKey: [['甲', '乙'], ['甲']], points: 2 }
		expect(gradeObjective(q, ['甲', '乙'], orderFree)).toEqual({ score: 2, isCorrect: true })
	})

	test('thirds are rounded to hundredths', () => {
		const q = { type: 'fill_blank' as const, answerKey: [['a'], ['b'], ['c']], points: 5 }
		expect(gradeObjective(q, ['a', 'x', 'x'], strict)).toEqual({ score: 1.67, isCorrect: false })
		expect(gradeObjective(q, ['a', 'b', 'x'], strict)).toEqual({ score: 3.33, isCorrect: false })
	})
})

test('roundScore keeps hundredths and avoids binary drift', () => {
	expect(roundScore(1.005)).toBe(1.01)
	expect(roundScore(0.1 + 0.2)).toBe(0.3)
	expect(roundScore(10 / 3)).toBe(3.33)
})
