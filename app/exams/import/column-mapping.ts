// A bureau's own spreadsheet → the bank's columns (issue 15, ADR 026): header text is matched
// against a wide alias table, every column can be re-pointed or ignored by the person, missing
// columns take import-wide defaults, and 题型 is inferred from the options and answer when the
// file has none. Isomorphic: the import page shows the same mapping the server applies.
import { countBlankMarkers, OPTION_KEYS, type QuestionType } from '#app/exams/bank/question-types.ts'
import { TOPIC_LABELS, type Topic } from '#app/utils/topics.ts'
import { parseOptionLetters, parseTrueFalse } from './answer-format.ts'
import { BANK_COLUMNS, OPTION_COLUMNS, type BankColumn } from './columns.ts'

/** The file column holds every option in one cell, as “A. … B. …”. */
export const OPTIONS_IN_ONE = '选项' as const
export const IGNORE = 'ignore' as const
export const MAPPING_TARGETS = [...BANK_COLUMNS, OPTIONS_IN_ONE] as const
export type MappingTarget = (typeof MAPPING_TARGETS)[number]
export type ColumnChoice = MappingTarget | typeof IGNORE
export const COLUMN_CHOICES = [...MAPPING_TARGETS, IGNORE] as const
export type ColumnMapping = { header: string; column: ColumnChoice }[]
export type ImportDefaults = { topic?: Topic; difficulty?: number; points?: number }

export function choiceLabel(choice: ColumnChoice) {
	if (choice === IGNORE) return '忽略此列'
	if (choice === OPTIONS_IN_ONE) return '选项（A–H 写在一格）'
	return choice
}

/** Header text folded for matching: NFKC, case, spaces, punctuation and symbols dropped. */
export function foldHeader(header: string) {
	return header.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '')
}

const optionAliases = (key: string) => {
	const k = key.toLowerCase()
	return [`选项${k}`, k, `option${k}`, `choice${k}`, `选项${k}内容`, `${k}选项`, `答案${k}`]
}

/** Folded header → column. Order matters only for reading; every alias is unique. */
const ALIASES: [ColumnChoice, string[]][] = [
	['题干', ['题干', '题目', '试题', '试题内容', '题目内容', '问题', '题面', '试题题干', '题目题干', 'question', 'questiontext', 'stem', 'title']],
	...OPTION_KEYS.map((key, index) => [OPTION_COLUMNS[index]!, optionAliases(key)] as [ColumnChoice, string[]]),
	[OPTIONS_IN_ONE, ['选项', '选项内容', '备选项', '备选答案', '全部选项', 'options', 'option', 'choices']],
	['答案', ['答案', '正确答案', '参考答案', '标准答案', '答案选项', '正确选项', 'answer', 'answers', 'key', 'correctanswer']],
	['解析', ['解析', '答案解析', '试题解析', '题目解析', '解释', '答案说明', 'explanation', 'analysis', 'feedback']],
	['题型', ['题型', '题目类型', '试题类型', '类型', '题类', 'type', 'questiontype']],
	['难度', ['难度', '难度系数', '难易程度', '难易度', '难度等级', 'difficulty', 'level']],
	['分值', ['分值', '分数', '每题分值', '题目分值', 'score', 'points', 'point', 'marks', 'mark']],
	['专题', ['专题', '分类', '知识点', '类别', '题目分类', '试题分类', '所属专题', '专业类别', 'category', 'topic']],
	['法规依据', ['依据', '法规依据', '法律依据', '政策依据', '出处', 'reference', 'regulation']],
	['标签', ['标签', '关键词', 'tags', 'tag', 'keywords']],
	['关联课程', ['关联课程', '课程', 'course', 'courses', 'lesson', 'lessons']],
	['关联问题', ['关联问题', '共性问题', 'problem', 'problems']],
	['评分要点', ['评分要点', '评分标准', '采分点', 'rubric']],
	['状态', ['状态', 'status']],
	[IGNORE, ['id', '序号', '编号', '题号', 'no', 'number', '行号']],
]
const ALIAS_INDEX = new Map<string, ColumnChoice>(ALIASES.flatMap(([column, aliases]) => aliases.map((alias) => [alias, column] as const)))

/** The column a header names by itself, or 忽略 when none does. */
export function detectColumn(header: string): ColumnChoice {
	// “难度（1–5）”, “分值(分)”: a note in brackets after the name.
	const bare = header.replace(/[(（][^)）]*[)）]\s*$/, '')
	return ALIAS_INDEX.get(foldHeader(header)) ?? (bare.trim() ? ALIAS_INDEX.get(foldHeader(bare)) : undefined) ?? IGNORE
}

/** The header names a column, or a column known to carry nothing to import (序号, id). */
export function isKnownHeader(header: string) {
	const bare = header.replace(/[(（][^)）]*[)）]\s*$/, '')
	return ALIAS_INDEX.has(foldHeader(header)) || ALIAS_INDEX.has(foldHeader(bare))
}

/** One choice per header; a column named by two headers goes to the first, the later ones are ignored. */
export function detectMapping(headers: string[]): ColumnMapping {
	const taken = new Set<ColumnChoice>()
	return headers.map((header) => {
		const column = detectColumn(header)
		if (column === IGNORE || taken.has(column)) return { header, column: IGNORE }
		taken.add(column)
		return { header, column }
	})
}

/** The columns a row needs that neither the file nor a default supplies (题型 is inferred instead). */
export const DEFAULTABLE_COLUMNS = ['专题', '难度', '分值'] as const satisfies BankColumn[]
export type MappingProblem = { header: string | null; column: BankColumn | null; message: string }

export function checkMapping(mapping: ColumnMapping, headers: string[], defaults: ImportDefaults = {}): MappingProblem[] {
	const problems: MappingProblem[] = []
	const firstHeaderOf = new Map<ColumnChoice, string>()
	const known = new Set(headers)
	for (const { header, column } of mapping) {
		if (!known.has(header)) problems.push({ header, column: null, message: `文件中没有“${header}”这一列` })
		if (column === IGNORE) continue
		const first = firstHeaderOf.get(column)
		if (first !== undefined) problems.push({ header, column: null, message: `“${choiceLabel(column)}”已对应“${first}”列，一个字段只能对应一列` })
		else firstHeaderOf.set(column, header)
	}
	const has = (column: MappingTarget) => firstHeaderOf.has(column)
	if (!has('题干')) problems.push({ header: null, column: '题干', message: '没有对应“题干”的列：请把题目文字所在的列对应为题干' })
	if (!has('答案')) problems.push({ header: null, column: '答案', message: '没有对应“答案”的列：请把答案所在的列对应为答案' })
	const defaultOf = { 专题: defaults.topic, 难度: defaults.difficulty, 分值: defaults.points }
	for (const column of DEFAULTABLE_COLUMNS) {
		if (!has(column) && defaultOf[column] === undefined) {
			problems.push({ header: null, column, message: `文件中没有“${column}”列：请把某一列对应为${column}，或选择默认${column}` })
		}
	}
	if (has(OPTIONS_IN_ONE) && OPTION_COLUMNS.some((column) => has(column))) {
		problems.push({ header: firstHeaderOf.get(OPTIONS_IN_ONE)!, column: null, message: '选项已分列（选项A、选项B…），不能再对应“选项写在一格”的列' })
	}
	return problems
}

const DIFFICULTY_WORDS: Record<string, number> = {
	易: 1,
	容易: 1,
	简单: 1,
	easy: 1,
	较易: 2,
	较容易: 2,
	偏易: 2,
	较简单: 2,
	中: 3,
	中等: 3,
	一般: 3,
	适中: 3,
	medium: 3,
	较难: 4,
	偏难: 4,
	难: 5,
	困难: 5,
	hard: 5,
}
export const DIFFICULTY_LEVELS = [
	{ value: 1, label: '1 易' },
	{ value: 2, label: '2 较易' },
	{ value: 3, label: '3 中' },
	{ value: 4, label: '4 较难' },
	{ value: 5, label: '5 难' },
] as const

/** 易/较易/中/较难/难 (and easy/medium/hard) → 1–5; digits pass through; anything else null. */
export function parseDifficultyWord(text: string): number | null {
	const word = text.normalize('NFKC').replace(/\s+/g, '').toLowerCase()
	if (/^[1-5]$/.test(word)) return Number(word)
	return DIFFICULTY_WORDS[word] ?? null
}

function escapeClass(key: string) {
	const wide = String.fromCharCode(key.charCodeAt(0) + 0xfee0)
	return `[${key}${key.toLowerCase()}${wide}]`
}
/** An option's marker: `A.` `A．` `A、` `A)` `A）` `A:` or `(A)` `（A）`. */
const markerOf = (key: string) => new RegExp(`[(（]\\s*${escapeClass(key)}\\s*[)）]|${escapeClass(key)}\\s*[.．、)）:：]`, 'g')
const MARKERS = OPTION_KEYS.map(markerOf)

/**
 * “A. 甲 B. 乙”, “A、甲\nB、乙”, “(A)甲 (B)乙” → ['甲', '乙']. Markers must run A, B, C… in
 * order, so a letter inside an option's text (“ABC 公司”) is not taken for the next option.
 */
export function splitOptionsCell(cell: string): { ok: true; options: string[] } | { ok: false; error: string } {
	const text = cell.trim()
	if (!text) return { ok: true, options: [] }
	const starts: { at: number; textAt: number }[] = []
	let from = 0
	for (const [index, marker] of MARKERS.entries()) {
		marker.lastIndex = from
		let match = marker.exec(text)
		// The first marker opens the cell; later ones prefer a break (space, newline, ；) before them.
		if (index === 0 && match?.index !== 0) match = null
		if (!match) break
		if (index > 0) {
			let candidate: RegExpExecArray | null = match
			while (candidate && !/[\s;；,，。]/.test(text[candidate.index - 1] ?? '')) candidate = marker.exec(text)
			if (candidate) match = candidate
		}
		starts.push({ at: match.index, textAt: match.index + match[0].length })
		from = match.index + match[0].length
	}
	if (starts.length < 2) return { ok: false, error: `选项“${text.length > 30 ? `${text.slice(0, 30)}…` : text}”无法拆分为 A、B… 各项，请写成“A. … B. …”` }
	const options = starts.map((start, index) =>
		text
			.slice(start.textAt, starts[index + 1]?.at ?? text.length)
			.trim()
			.replace(/[;；,，]$/, '')
			.trim(),
	)
	const empty = options.findIndex((option) => !option)
	if (empty >= 0) return { ok: false, error: `选项 ${OPTION_KEYS[empty]} 没有内容` }
	return { ok: true, options }
}

const TRUE_FALSE_PAIRS = [
	['正确', '错误'],
	['对', '错'],
	['√', '×'],
	['是', '否'],
]
function isTrueFalsePair(options: string[]) {
	return options.length === 2 && TRUE_FALSE_PAIRS.some(([yes, no]) => options[0] === yes && options[1] === no)
}

/** Said on the import page beside the preview; inferType follows it. */
export const FILL_BLANK_MAX_ANSWER = 20
export const TYPE_INFERENCE_RULE = `未填写题型时按答案推断：有选项且答案为一个字母 → 单选；多个字母 → 多选；答案为 对/错、√/×、正确/错误、T/F、是/否 → 判断；没有选项、题干中有空位（____ 或（ ））且答案不超过 ${FILL_BLANK_MAX_ANSWER} 字、只有一行 → 填空；其余没有选项的 → 简答。案例分析题不推断，请填写题型。`

export function inferType(stem: string, options: string[], answer: string): { ok: true; type: QuestionType } | { ok: false; error: string } {
	const key = answer.trim()
	if (!key) return { ok: false, error: '未填写题型，也没有答案，无法推断题型' }
	if (isTrueFalsePair(options)) return { ok: true, type: 'true_false' }
	if (options.length >= 2) {
		const letters = parseOptionLetters(key)
		if (letters.ok) return { ok: true, type: letters.value.length === 1 ? 'single' : 'multiple' }
		return { ok: false, error: `未填写题型，且答案“${key}”不是选项字母，无法推断是单选还是多选` }
	}
	if (options.length === 1) return { ok: false, error: '未填写题型，且只有一个选项，无法推断题型' }
	if (parseTrueFalse(key).ok) return { ok: true, type: 'true_false' }
	if (parseOptionLetters(key).ok && key.normalize('NFKC').replace(/[\s,、]/g, '').length <= OPTION_KEYS.length) {
		return { ok: false, error: `答案“${key}”是选项字母，但这一行没有选项` }
	}
	const oneLine = !/\n/.test(key)
	if (countBlankMarkers(stem) > 0 && oneLine && key.length <= FILL_BLANK_MAX_ANSWER) return { ok: true, type: 'fill_blank' }
	return { ok: true, type: 'short_answer' }
}

const TYPE_LABEL_FOR_CELL: Record<QuestionType, string> = {
	single: '单选',
	multiple: '多选',
	true_false: '判断',
	fill_blank: '填空',
	short_answer: '简答',
	case_analysis: '案例分析',
}

/** Where a cell's value came from, for messages: the file's column, a default, or inference. */
export type CellOrigin = { kind: 'file'; header: string } | { kind: 'default' } | { kind: 'inferred' }

export type MappingPlan = {
	headerOf: Map<MappingTarget, string>
	defaults: ImportDefaults
}

export function planOf(mapping: ColumnMapping, defaults: ImportDefaults = {}): MappingPlan {
	const headerOf = new Map<MappingTarget, string>()
	for (const { header, column } of mapping) if (column !== IGNORE && !headerOf.has(column)) headerOf.set(column, header)
	return { headerOf, defaults }
}

export type MappedRow = {
	cells: Partial<Record<BankColumn, string>>
	/** The type inferred for this row (the file gave none), or null. */
	inferredType: QuestionType | null
	problems: { column: BankColumn; message: string }[]
	originOf: (column: BankColumn) => CellOrigin | null
}

/** One file row (header-keyed cells) → the bank's columns, with defaults and the inferred type. */
export function mapRow(fileCells: Record<string, string>, plan: MappingPlan): MappedRow {
	const cells: Partial<Record<BankColumn, string>> = {}
	const problems: MappedRow['problems'] = []
	const defaulted = new Set<BankColumn>()
	for (const [target, header] of plan.headerOf) {
		const value = fileCells[header]
		if (value === undefined || value === '') continue
		if (target !== OPTIONS_IN_ONE) cells[target] = value
	}
	const optionsCell = plan.headerOf.has(OPTIONS_IN_ONE) ? (fileCells[plan.headerOf.get(OPTIONS_IN_ONE)!] ?? '') : ''
	if (optionsCell.trim()) {
		const split = splitOptionsCell(optionsCell)
		// 对/错 written as options of a true/false question stay as they are (parse-row drops them).
		if (split.ok) split.options.forEach((text, index) => (cells[OPTION_COLUMNS[index]!] = text))
		else problems.push({ column: '选项A', message: split.error })
	}
	if (cells['分值']) cells['分值'] = cells['分值'].replace(/\s*分$/, '')
	// Numbers (“9”) are left to the row check's own message; words are read here.
	if (cells['难度'] && !/^\s*-?\d+(\.\d+)?\s*$/.test(cells['难度'].normalize('NFKC'))) {
		const level = parseDifficultyWord(cells['难度'])
		if (level !== null) cells['难度'] = String(level)
		else problems.push({ column: '难度', message: `难度“${cells['难度'].trim()}”无法识别，可填 1–5 或 易、较易、中、较难、难` })
	}
	const { topic, difficulty, points } = plan.defaults
	const fill = (column: BankColumn, value: string | undefined) => {
		if (value !== undefined && !(cells[column] ?? '').trim()) {
			cells[column] = value
			defaulted.add(column)
		}
	}
	fill('专题', topic ? TOPIC_LABELS[topic] : undefined)
	fill('难度', difficulty === undefined ? undefined : String(difficulty))
	fill('分值', points === undefined ? undefined : String(points))

	let inferredType: QuestionType | null = null
	if (!(cells['题型'] ?? '').trim()) {
		const options = OPTION_COLUMNS.map((column) => (cells[column] ?? '').trim()).filter(Boolean)
		const inferred = inferType(cells['题干'] ?? '', options, cells['答案'] ?? '')
		if (inferred.ok) {
			inferredType = inferred.type
			cells['题型'] = TYPE_LABEL_FOR_CELL[inferred.type]
			// A true/false question whose options are 对/错 and whose answer names one by letter.
			const letter = parseOptionLetters(cells['答案'] ?? '')
			if (inferred.type === 'true_false' && options.length === 2 && letter.ok && letter.value.length === 1 && letter.value[0]! <= 'B') {
				cells['答案'] = options[letter.value[0] === 'A' ? 0 : 1]
			}
		} else problems.push({ column: '题型', message: inferred.error })
	}

	const originOf = (column: BankColumn): CellOrigin | null => {
		if (column === '题型' && inferredType) return { kind: 'inferred' }
		if (column === '题型' && !plan.headerOf.has('题型')) return { kind: 'inferred' }
		if (defaulted.has(column)) return { kind: 'default' }
		const optionsHeader = plan.headerOf.get(OPTIONS_IN_ONE)
		if ((OPTION_COLUMNS as readonly string[]).includes(column) && optionsHeader !== undefined && !plan.headerOf.has(column)) return { kind: 'file', header: optionsHeader }
		const header = plan.headerOf.get(column)
		return header === undefined ? null : { kind: 'file', header }
	}
	return { cells, inferredType, problems, originOf }
}

/** A problem's column as the person knows it: `答案`, `“正确答案”列（答案）`, `专题（默认值）`, `题型（推断）`. */
export function columnText({ column, origin }: { column: BankColumn; origin?: CellOrigin | null }) {
	if (origin?.kind === 'file' && origin.header !== column) return `“${origin.header}”列（${column}）`
	if (origin?.kind === 'default') return `${column}（默认值）`
	if (origin?.kind === 'inferred') return `${column}（推断）`
	return column
}

export function formatMappingProblem(problem: MappingProblem) {
	return problem.header ? `“${problem.header}”列：${problem.message}` : problem.message
}
