// The command line's `--map 题干=question,答案=answer,忽略=id` and `--default 专题=财政,难度=中,分值=1`
// (ADR 026): the same targets, words and limits as the import page, messages in Chinese.
import { MAX_POINTS } from '#app/exams/bank/question-types.ts'
import { ACCEPTED_TOPIC_TEXT, parseTopicWord } from './columns.ts'
import { detectColumn, IGNORE, MAPPING_TARGETS, parseDifficultyWord, type ColumnChoice, type ColumnMapping, type ImportDefaults } from './column-mapping.ts'

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string }

function pairs(text: string) {
	return text
		.split(/[,，]/)
		.map((part) => part.trim())
		.filter(Boolean)
		.map((part) => {
			const at = part.search(/[=＝]/)
			return at < 0 ? { left: part, right: null } : { left: part.slice(0, at).trim(), right: part.slice(at + 1).trim() }
		})
}

/** A target named as the page lists it (题干, 选项A, 选项), by an alias (question, 正确答案), or 忽略/ignore. */
function targetOf(name: string): ColumnChoice | null {
	if (name === '忽略' || name.toLowerCase() === IGNORE) return IGNORE
	if ((MAPPING_TARGETS as readonly string[]).includes(name)) return name as ColumnChoice
	const detected = detectColumn(name)
	return detected === IGNORE ? null : detected
}

/** `题干=question,答案=answer,忽略=id`: the left side is the bank's column, the right the file's header. */
export function parseMapArg(text: string): Parsed<ColumnMapping> {
	const mapping: ColumnMapping = []
	for (const { left, right } of pairs(text)) {
		if (!right) return { ok: false, error: `“${left}”应写成 列名=文件中的表头，如 题干=question` }
		const column = targetOf(left)
		if (!column) return { ok: false, error: `“${left}”不是题库的列；可用：${MAPPING_TARGETS.join('、')}、忽略` }
		mapping.push({ header: right, column })
	}
	if (!mapping.length) return { ok: false, error: '没有给出任何列的对应' }
	return { ok: true, value: mapping }
}

/** `专题=财政,难度=中,分值=1`. */
export function parseDefaultsArg(text: string): Parsed<ImportDefaults> {
	const defaults: ImportDefaults = {}
	for (const { left, right } of pairs(text)) {
		if (!right) return { ok: false, error: `“${left}”应写成 列名=值，如 专题=财政` }
		if (left === '专题') {
			const topic = parseTopicWord(right)
			if (!topic) return { ok: false, error: `专题“${right}”无法识别，可填：${ACCEPTED_TOPIC_TEXT}` }
			defaults.topic = topic
		} else if (left === '难度') {
			const level = parseDifficultyWord(right)
			if (level === null) return { ok: false, error: `难度“${right}”无法识别，可填 1–5 或 易、较易、中、较难、难` }
			defaults.difficulty = level
		} else if (left === '分值') {
			const points = Number(right.normalize('NFKC').replace(/分$/, ''))
			if (!right || !Number.isFinite(points) || points <= 0 || points > MAX_POINTS) return { ok: false, error: `分值“${right}”须为大于 0、不超过 ${MAX_POINTS} 的数字` }
			defaults.points = points
		} else return { ok: false, error: `只能为 专题、难度、分值 设默认值，“${left}”不行` }
	}
	return { ok: true, value: defaults }
}
