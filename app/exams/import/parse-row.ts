// One spreadsheet row → validated question content, or every problem in it named by column.
import {
	countBlankMarkers,
	LIST_SEPARATORS,
	OPTION_KEYS,
	QuestionContentSchema,
	type QuestionContent,
	type QuestionContentInput,
	type QuestionStatus,
} from '#app/exams/bank/question-types.ts'
import { parseRegulation } from '#app/exams/bank/regulation-format.ts'
import { parseBlanks, parseOptionLetters, parseTrueFalse } from './answer-format.ts'
import {
	ACCEPTED_STATUS_TEXT,
	ACCEPTED_TOPIC_TEXT,
	ACCEPTED_TYPE_TEXT,
	OPTION_COLUMNS,
	parseStatusWord,
	parseTopicWord,
	parseTypeWord,
	type BankColumn,
} from './columns.ts'

export type CellProblem = { column: BankColumn; message: string }
export type RowParse = { ok: true; content: QuestionContent; status: QuestionStatus | null } | { ok: false; problems: CellProblem[] }

const TRUE_FALSE_OPTION_PAIRS = [
	['正确', '错误'],
	['对', '错'],
	['√', '×'],
]

function splitList(cell: string) {
	return cell
		.split(new RegExp(LIST_SEPARATORS.source, 'g'))
		.map((item) => item.trim())
		.filter(Boolean)
}

function parseNumber(cell: string): number | null {
	const text = cell.normalize('NFKC').trim()
	if (!/^-?\d+(\.\d+)?$/.test(text)) return null
	return Number(text)
}

/** Maps a zod issue path of QuestionContentSchema to the column a person would fix. */
function columnOfPath(path: readonly PropertyKey[]): BankColumn {
	const [field, index] = path
	switch (field) {
		case 'type':
			return '题型'
		case 'topic':
			return '专题'
		case 'difficulty':
			return '难度'
		case 'points':
			return '分值'
		case 'stem':
			return '题干'
		case 'options':
			return typeof index === 'number' ? (OPTION_COLUMNS[index] ?? '选项A') : '选项A'
		case 'explanation':
			return '解析'
		case 'tags':
			return '标签'
		case 'regulation':
			return '法规依据'
		case 'lessonRefs':
			return '关联课程'
		case 'problemRefs':
			return '关联问题'
		case 'rubric':
			return '评分要点'
		default:
			return '答案'
	}
}

export function parseBankRow(cells: Partial<Record<BankColumn, string>>): RowParse {
	const cell = (column: BankColumn) => (cells[column] ?? '').trim()
	const problems: CellProblem[] = []
	const problem = (column: BankColumn, message: string) => problems.push({ column, message })

	const type = parseTypeWord(cell('题型'))
	if (!cell('题型')) problem('题型', '请填写题型')
	else if (!type) problem('题型', `题型“${cell('题型')}”无法识别，可填：${ACCEPTED_TYPE_TEXT}`)

	const topic = parseTopicWord(cell('专题'))
	if (!cell('专题')) problem('专题', '请填写专题')
	else if (!topic) problem('专题', `专题“${cell('专题')}”无法识别，可填：${ACCEPTED_TOPIC_TEXT}`)

	const difficulty = parseNumber(cell('难度'))
	if (difficulty === null || !Number.isInteger(difficulty) || difficulty < 1 || difficulty > 5) problem('难度', '难度须为 1–5 的整数')

	const points = parseNumber(cell('分值'))
	if (points === null) problem('分值', cell('分值') ? `分值“${cell('分值')}”不是数字` : '请填写分值')

	if (!cell('题干')) problem('题干', '请填写题干')

	let status: QuestionStatus | null = null
	if (cell('状态')) {
		status = parseStatusWord(cell('状态'))
		if (!status) problem('状态', `状态“${cell('状态')}”无法识别，可填：${ACCEPTED_STATUS_TEXT}`)
	}

	const regulation = parseRegulation(cell('法规依据'))
	if (!regulation.ok) problem('法规依据', regulation.error)

	const optionTexts = OPTION_COLUMNS.map((column) => cell(column))
	const lastFilled = optionTexts.reduce((last, text, index) => (text ? index : last), -1)
	let options = optionTexts.slice(0, lastFilled + 1).map((text, index) => ({ key: OPTION_KEYS[index]!, text }))
	const isChoice = type === 'single' || type === 'multiple'
	let optionsOk = true
	if (isChoice) {
		const gap = options.findIndex((option) => option.text === '')
		if (gap >= 0) problem(OPTION_COLUMNS[gap]!, `${OPTION_COLUMNS[gap]}为空，但后面还有选项`)
		else if (options.length < 2) problem(options.length === 0 ? '选项A' : '选项B', '选择题至少需要两个选项')
		optionsOk = gap < 0 && options.length >= 2
	} else if (type && options.length > 0) {
		const isTrueFalseLabels =
			type === 'true_false' && options.length === 2 && TRUE_FALSE_OPTION_PAIRS.some(([yes, no]) => options[0]!.text === yes && options[1]!.text === no)
		if (isTrueFalseLabels) options = []
		else problem('选项A', `${type === 'true_false' ? '判断' : type === 'fill_blank' ? '填空' : '主观'}题不需要填写选项`)
	}

	let answerKey: unknown = undefined
	const answerCell = cell('答案')
	if (!answerCell) problem('答案', type === 'short_answer' || type === 'case_analysis' ? '请填写参考答案' : '请填写答案')
	else if (type) {
		switch (type) {
			case 'single':
			case 'multiple': {
				const letters = parseOptionLetters(answerCell)
				if (!letters.ok) problem('答案', letters.error)
				else if (type === 'single' && letters.value.length !== 1) problem('答案', `单选题只能有一个答案，填写的是“${answerCell}”`)
				else if (type === 'multiple' && letters.value.length < 2) problem('答案', '多选题答案至少两个选项；只有一个正确选项请改为单选题')
				else {
					const missing = letters.value.filter((key) => !options.some((option) => option.key === key && option.text))
					if (missing.length && optionsOk) problem('答案', `答案中的 ${missing.join('、')} 没有对应的选项内容`)
					else answerKey = type === 'single' ? letters.value[0] : letters.value
				}
				break
			}
			case 'true_false': {
				const value = parseTrueFalse(answerCell)
				if (value.ok) answerKey = value.value
				else problem('答案', value.error)
				break
			}
			case 'fill_blank': {
				const blanks = parseBlanks(answerCell)
				const markers = countBlankMarkers(cell('题干'))
				if (!blanks.ok) problem('答案', blanks.error)
				else if (markers !== blanks.value.length) {
					problem('答案', `题干中有${markers}处空位（用 ____ 或（ ）标出），答案有${blanks.value.length}个空，须一致`)
				} else answerKey = blanks.value
				break
			}
			default:
				answerKey = answerCell
		}
	}

	const isEssay = type === 'short_answer' || type === 'case_analysis'
	if (cell('评分要点') && type && !isEssay) problem('评分要点', '只有简答题和案例分析题可以填写评分要点')

	if (problems.length > 0) return { ok: false, problems }

	const input = {
		type,
		topic,
		difficulty,
		points,
		stem: cell('题干'),
		options,
		answerKey,
		rubric: isEssay ? cell('评分要点') || null : null,
		explanation: cell('解析'),
		tags: splitList(cell('标签')),
		regulation: regulation.ok ? regulation.regulation : null,
		lessonRefs: splitList(cell('关联课程')),
		problemRefs: splitList(cell('关联问题')),
	} as QuestionContentInput
	const parsed = QuestionContentSchema.safeParse(input)
	if (!parsed.success) {
		const seen = new Set<string>()
		for (const issue of parsed.error.issues) {
			const column = columnOfPath(issue.path)
			const key = `${column}:${issue.message}`
			if (!seen.has(key)) problem(column, issue.message)
			seen.add(key)
		}
		return { ok: false, problems }
	}
	return { ok: true, content: parsed.data, status }
}
