// A question bank written as text (a Word document's paragraphs, or text pasted into the
// import page) in the common Chinese layout: section headings 一、单选题（每题1分） give the
// type and points, questions are numbered "1." "1、" "（1）", options "A. …" one per line or
// several on a line, then "答案：B" and "解析：…". Isomorphic and pure: the result is rows in
// the bank's canonical columns, which go through the same preview and import as a spreadsheet
// (ADR 027), plus every question that could not be understood, by number, with the reason.
import { countBlankMarkers, OPTION_KEYS, type QuestionType } from '#app/exams/bank/question-types.ts'
import { QUESTION_TYPE_LABELS } from '#app/exams/bank/question-types.ts'
import { parseOptionLetters, parseTrueFalse } from './answer-format.ts'
import type { BankColumn } from './columns.ts'

export type DocumentRow = { rowNumber: number; cells: Partial<Record<BankColumn, string>> }
/** A question the reader saw but could not turn into a row: its number as written and why. */
export type NotUnderstood = { rowNumber: number; label: string; reason: string }
export type DocumentDefaults = { topic: string; difficulty: string; points: string }
export type ParsedDocument = {
	rows: DocumentRow[]
	notUnderstood: NotUnderstood[]
	/** rowNumber → how the source names the question (“二、多选题 第3题”), for the preview. */
	labels: Record<number, string>
	warnings: string[]
}

const CN_NUMERALS = '一二三四五六七八九十'
const SECTION = new RegExp(`^(?:[${CN_NUMERALS}]+\\s*[、.．]|[（(][${CN_NUMERALS}]+[)）]|第[${CN_NUMERALS}]+部分)\\s*(.*)$`)
const TYPE_IN_HEADING: [RegExp, QuestionType][] = [
	[/单项选择|单选/, 'single'],
	[/多项选择|多选|不定项/, 'multiple'],
	[/判断/, 'true_false'],
	[/填空/, 'fill_blank'],
	[/案例/, 'case_analysis'],
	[/简答|问答|论述|综合分析|计算/, 'short_answer'],
]
const POINTS_IN_HEADING = /每[小道]?题\s*(\d+(?:\.\d+)?)\s*分/
const QUESTION = /^(?:(\d{1,5})\s*[.．、]|[（(](\d{1,5})[)）]|第\s*(\d{1,5})\s*题[.．、:：]?)\s*(.*)$/
const OPTION_START = /^([A-Ha-hＡ-Ｈａ-ｈ])\s*[.．、:：)）]\s*(.*)$/
const ANSWER = /^(?:【\s*(?:参考答案|正确答案|标准答案|答案)\s*】|(?:参考答案|正确答案|标准答案|答案)\s*[:：])\s*(.*)$/
const EXPLANATION = /^(?:【\s*(?:答案解析|试题解析|解析)\s*】|(?:答案解析|试题解析|解析)\s*[:：])\s*(.*)$/
const DIFFICULTY = /^(?:【\s*难度\s*】|难度\s*[:：])\s*([1-5１-５])\s*$/
const POINTS_LINE = /^(?:【\s*分值\s*】|分值\s*[:：])\s*(\d+(?:\.\d+)?)\s*分?\s*$/
/** The key written into the stem's brackets: “（B）”, “(AC)”, “（√）”. */
const KEY_IN_STEM = /[（(]\s*([A-Ha-h]{1,8}|[√×✓✗]|对|错|正确|错误)\s*[)）]/g

type Draft = {
	rowNumber: number
	/** The number written in the source. */
	number: number
	/** The last number of a numbered list inside the answer or explanation. */
	innerNumber: number
	label: string
	type: QuestionType | null
	points: string | null
	difficulty: string | null
	stem: string[]
	options: string[]
	answer: string[] | null
	explanation: string[] | null
	/** Where the next plain line goes. */
	into: 'stem' | 'option' | 'answer' | 'explanation'
}

function halfWidthLetter(letter: string) {
	return letter.normalize('NFKC').toUpperCase()
}

/**
 * Options on one line: “A. 甲 B. 乙 C. 丙 D. 丁”. Only the next letter in order starts a new
 * option, and only after white space, so “B.C. 级” inside an option stays text.
 */
export function splitOptionLine(line: string, firstIndex: number): string[] | null {
	const start = OPTION_START.exec(line)
	if (!start || halfWidthLetter(start[1]!) !== OPTION_KEYS[firstIndex]) return null
	const texts: string[] = []
	let rest = start[2]!
	let index = firstIndex + 1
	for (;;) {
		const next = OPTION_KEYS[index]
		if (!next) break
		const fullWidth = String.fromCharCode(next.charCodeAt(0) + 0xfee0)
		const pattern = new RegExp(`[\\s\\u3000]+[${next}${fullWidth}${next.toLowerCase()}]\\s*[.．、:：)）]\\s*`)
		const found = pattern.exec(rest)
		if (!found) break
		texts.push(rest.slice(0, found.index).trim())
		rest = rest.slice(found.index + found[0].length)
		index++
	}
	texts.push(rest.trim())
	return texts
}

function inferType(draft: Draft, answer: string): QuestionType | null {
	if (draft.options.length >= 2) {
		const letters = parseOptionLetters(answer)
		if (letters.ok) return letters.value.length > 1 ? 'multiple' : 'single'
		return null
	}
	if (parseTrueFalse(answer).ok) return 'true_false'
	if (countBlankMarkers(draft.stem.join('\n')) > 0) return 'fill_blank'
	return 'short_answer'
}

/** Blanks people separate with 、 or spaces instead of ；: split that way when the count then matches the stem. */
function blankAnswer(answer: string, markers: number) {
	if (answer.split(/[;；]/).filter((part) => part.trim()).length === markers) return answer
	const numbered = answer
		.split(/[（(]\d{1,2}[)）]|(?:^|\s)\d{1,2}[.．、]/)
		.map((part) => part.trim().replace(/[;；，,、]$/, ''))
		.filter(Boolean)
	if (numbered.length === markers) return numbered.join('；')
	const loose = answer.split(/[、，,\s\u3000]+/).filter(Boolean)
	return loose.length === markers ? loose.join('；') : answer
}

function finish(draft: Draft, defaults: DocumentDefaults): { row: DocumentRow } | { problem: NotUnderstood } {
	const fail = (reason: string) => ({ problem: { rowNumber: draft.rowNumber, label: draft.label, reason } })
	let stem = draft.stem.join('\n').trim()
	let answer = (draft.answer ?? []).join('\n').trim()
	if (!stem) return fail('没有题干')
	if (!answer) {
		// The key may sit in the stem's brackets: “……的是（B）。”
		const inStem = [...stem.matchAll(KEY_IN_STEM)]
		const last = inStem.at(-1)
		if (last && (draft.options.length >= 2 || parseTrueFalse(last[1]!).ok)) {
			answer = last[1]!
			stem = `${stem.slice(0, last.index)}（ ）${stem.slice(last.index! + last[0].length)}`
		}
	} else {
		// “（B）” in the stem beside “答案：B” is the same key written twice: leave a blank.
		const letters = parseOptionLetters(answer)
		const inStem = [...stem.matchAll(KEY_IN_STEM)].at(-1)
		if (inStem && letters.ok && halfWidthLetter(inStem[1]!) === letters.value.join('')) {
			stem = `${stem.slice(0, inStem.index)}（ ）${stem.slice(inStem.index! + inStem[0].length)}`
		}
	}
	if (!answer) return fail('没有找到答案（应写作“答案：B”“【答案】B”，或写在题干的括号里“（B）”）')
	const type = draft.type ?? inferType(draft, answer)
	if (!type) return fail(`无法判断题型：有选项但答案“${answer}”不是选项字母；请在题目前加“一、单选题”之类的标题`)
	if ((type === 'single' || type === 'multiple') && draft.options.length < 2) {
		return fail(`${QUESTION_TYPE_LABELS[type]}题没有找到选项（应写作“A. …”，每行一个或同一行用空格隔开）`)
	}
	if (draft.options.length > OPTION_KEYS.length) return fail(`选项超过 ${OPTION_KEYS.length} 个（A–H）`)
	if (type === 'fill_blank') {
		const markers = countBlankMarkers(stem)
		if (markers === 0) return fail('填空题的题干中没有空位（用 ____ 或（ ）标出）')
		answer = blankAnswer(answer, markers)
	}
	if (type === 'true_false') {
		const value = parseTrueFalse(answer.replace(/[。.]$/, ''))
		if (value.ok) answer = value.value ? '正确' : '错误'
	}
	const cells: Partial<Record<BankColumn, string>> = {
		题型: QUESTION_TYPE_LABELS[type],
		专题: defaults.topic,
		难度: draft.difficulty ?? defaults.difficulty,
		分值: draft.points ?? defaults.points,
		题干: stem,
		答案: type === 'single' || type === 'multiple' ? answer.replace(/[。.]$/, '') : answer,
		解析: (draft.explanation ?? []).join('\n').trim(),
	}
	if (type === 'single' || type === 'multiple') {
		draft.options.forEach((text, index) => (cells[`选项${OPTION_KEYS[index]!}` as BankColumn] = text))
	}
	return { row: { rowNumber: draft.rowNumber, cells } }
}

export function parseQuestionText(text: string, defaults: DocumentDefaults): ParsedDocument {
	const rows: DocumentRow[] = []
	const notUnderstood: NotUnderstood[] = []
	const labels: Record<number, string> = {}
	const ignored: string[] = []
	let sectionType: QuestionType | null = null
	let sectionPoints: string | null = null
	let sectionName = ''
	let draft: Draft | null = null
	let count = 0

	const close = () => {
		if (!draft) return
		const result = finish(draft, defaults)
		if ('row' in result) rows.push(result.row)
		else notUnderstood.push(result.problem)
		draft = null
	}

	const lines = text
		.replace(/\r\n?/g, '\n')
		.split('\n')
		.map((raw) => raw.replace(/[\u00a0\u3000\t]/g, ' ').trim())
	/** Whether the lines after `index` hold an answer or options before the next numbered line: then `index` starts a question. */
	const startsQuestion = (index: number) => {
		for (const next of lines.slice(index + 1, index + 40)) {
			if (QUESTION.test(next) || SECTION.test(next)) return false
			if (ANSWER.test(next) || OPTION_START.test(next)) return true
		}
		return false
	}
	for (const [index, line] of lines.entries()) {
		if (!line) continue
		const section = SECTION.exec(line)
		const sectionKind = section ? TYPE_IN_HEADING.find(([pattern]) => pattern.test(section[1]!)) : undefined
		if (section && sectionKind && line.length <= 60) {
			close()
			sectionType = sectionKind[1]
			sectionPoints = POINTS_IN_HEADING.exec(line)?.[1] ?? null
			sectionName = line.replace(/[（(].*$/, '').trim()
			continue
		}
		const question = QUESTION.exec(line)
		// A numbered line inside an answer or explanation (“1. 核实……”) is part of it, unless it starts the next question's number.
		// A numbered line inside an answer or explanation (“1. 核实……”“2. 定性……”) continues its
		// own list unless it is the next question's number.
		const open = draft as Draft | null
		const seen = question ? Number(question[1] ?? question[2] ?? question[3]) : 0
		const inText = open !== null && question !== null && (open.into === 'answer' || open.into === 'explanation')
		// When the number fits both (“2. …” after “1. …” in the answer of question 1), what follows decides.
		const fitsList = seen === (open?.innerNumber ?? -1) + 1
		const fitsNext = seen === (open?.number ?? 0) + 1
		const continuesText = inText && (!fitsNext || (fitsList && !startsQuestion(index)))
		if (inText && continuesText) open.innerNumber = seen
		if (question && !continuesText) {
			close()
			count++
			const number = question[1] ?? question[2] ?? question[3]!
			const label = `${sectionName ? `${sectionName} ` : ''}第${number}题`
			labels[count] = label
			draft = { rowNumber: count, number: Number(number), innerNumber: 0, label, type: sectionType, points: sectionPoints, difficulty: null, stem: [question[4]!], options: [], answer: null, explanation: null, into: 'stem' }
			continue
		}
		if (!draft) {
			ignored.push(line)
			continue
		}
		const current: Draft = draft
		const answer = ANSWER.exec(line)
		if (answer) {
			current.answer = [answer[1]!]
			current.into = 'answer'
			current.innerNumber = 0
			continue
		}
		const explanation = EXPLANATION.exec(line)
		if (explanation) {
			current.explanation = [explanation[1]!]
			current.into = 'explanation'
			current.innerNumber = 0
			continue
		}
		const difficulty = DIFFICULTY.exec(line)
		if (difficulty) {
			current.difficulty = difficulty[1]!.normalize('NFKC')
			continue
		}
		const points = POINTS_LINE.exec(line)
		if (points) {
			current.points = points[1]!
			continue
		}
		if (current.into === 'stem' || current.into === 'option') {
			const options = current.type === 'true_false' || current.type === 'fill_blank' ? null : splitOptionLine(line, current.options.length)
			if (options) {
				current.options.push(...options)
				current.into = 'option'
				continue
			}
		}
		if (current.into === 'stem') current.stem.push(line)
		else if (current.into === 'option') current.options[current.options.length - 1] += line
		else if (current.into === 'answer') current.answer!.push(line)
		else current.explanation!.push(line)
	}
	close()

	const warnings: string[] = []
	if (ignored.length) {
		const shown = ignored.slice(0, 3).map((line) => `“${line.length > 30 ? `${line.slice(0, 30)}…` : line}”`)
		warnings.push(`第一道题之前有 ${ignored.length} 行不属于任何题目（如 ${shown.join('、')}），已忽略`)
	}
	if (count === 0) warnings.push('没有找到编号的题目（应写作“1. 题干”“1、题干”或“（1）题干”）')
	return { rows, notUnderstood, labels, warnings }
}
