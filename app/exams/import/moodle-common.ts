// What Moodle XML and GIFT have in common once read: a question of Moodle's kinds, turned
// into a row in the bank's canonical columns (ADR 027). Both readers hand their questions to
// `moodleQuestionToRow`, so the rules (fractions, categories, feedback, unsupported kinds)
// are written once. The `hongshen` note is what our own export adds (difficulty, the 案例分析
// type, the rubric, regulation and links) so that export → import gives the same question.
import { z } from 'zod'
import { LIST_SEPARATORS, OPTION_KEYS, QUESTION_TYPE_LABELS, countBlankMarkers } from '#app/exams/bank/question-types.ts'
import { TOPIC_LABELS } from '#app/utils/topics.ts'
import { parseTopicWord, type BankColumn } from './columns.ts'
import type { DocumentDefaults, DocumentRow, NotUnderstood } from './text-questions.ts'

export const HONGSHEN_NOTE = 'hongshen'

export const HongshenNoteSchema = z.object({
	difficulty: z.number().int().min(1).max(5).optional(),
	/** GIFT has no field for a question's points. */
	points: z.number().positive().optional(),
	type: z.literal('case_analysis').optional(),
	rubric: z.string().optional(),
	/** An essay's reference answer (GIFT has no place for it). */
	answer: z.string().optional(),
	regulation: z.string().optional(),
	lessonRefs: z.array(z.string()).optional(),
	problemRefs: z.array(z.string()).optional(),
	tags: z.array(z.string()).optional(),
})
export type HongshenNote = z.infer<typeof HongshenNoteSchema>

export function readHongshenNote(comment: string): HongshenNote | null {
	const text = comment.trim()
	if (!text.startsWith(HONGSHEN_NOTE)) return null
	try {
		const parsed = HongshenNoteSchema.safeParse(JSON.parse(text.slice(HONGSHEN_NOTE.length)))
		return parsed.success ? parsed.data : null
	} catch {
		return null
	}
}

export type MoodleChoice = { text: string; fraction: number }
export type MoodleQuestion = {
	/** Position among the file's questions (categories not counted). */
	number: number
	name: string
	/** Moodle's type name: multichoice, truefalse, shortanswer, essay, matching, … */
	kind: string
	stem: string
	images: number
	single: boolean
	choices: MoodleChoice[]
	trueFalse: boolean | null
	generalFeedback: string
	graderInfo: string
	points: number | null
	category: string | null
	tags: string[]
	note: HongshenNote | null
}

/** The kinds that have no counterpart in the bank, and why (shown to the person). */
export const UNSUPPORTED_KINDS: Record<string, string> = {
	matching: '匹配题（matching）在本系统没有对应题型',
	numerical: '数值题（numerical，允许误差范围）在本系统没有对应题型',
	calculated: '计算题（calculated，带变量公式）在本系统没有对应题型',
	calculatedsimple: '简单计算题（calculatedsimple）在本系统没有对应题型',
	calculatedmulti: '计算选择题（calculatedmulti）在本系统没有对应题型',
	ddwtos: '拖放填词题（ddwtos）在本系统没有对应题型',
	gapselect: '下拉选词题（gapselect）在本系统没有对应题型',
	ddimageortext: '图片拖放题（ddimageortext）在本系统没有对应题型',
	ddmarker: '拖放标记题（ddmarker）在本系统没有对应题型',
	randomsamatch: '随机匹配题（randomsamatch）在本系统没有对应题型',
	description: '说明文字（description）不是题目，没有答案',
	ordering: '排序题（ordering）在本系统没有对应题型',
}

const EPSILON = 0.01

function cleanListItem(text: string) {
	return text.replace(new RegExp(LIST_SEPARATORS.source, 'g'), ' ').replace(/\s+/g, ' ').trim().slice(0, 30)
}

/** `$course$/top/审计/财政审计` → the topic its last matching part names, else a tag. */
export function categoryToTopic(category: string | null): { topic: string | null; tag: string | null } {
	if (!category) return { topic: null, tag: null }
	const parts = category
		.split('/')
		.map((part) => part.trim())
		.filter((part) => part && !/^\$[a-z]+\$$/.test(part) && part !== 'top' && !/^(默认|default)/i.test(part))
	for (const part of [...parts].reverse()) {
		const topic = parseTopicWord(part)
		if (topic) return { topic: TOPIC_LABELS[topic], tag: null }
	}
	const last = parts.at(-1)
	return { topic: null, tag: last ? cleanListItem(last) : null }
}

function formatNumber(value: number) {
	return String(Math.round(value * 10) / 10)
}

/**
 * Fractions: an option with fraction > 0 is in the key. A multiple-choice question's partial
 * credit is the exam round's policy here, not a per-option weight, so a key is accepted only
 * when every right option carries the same share (100/n: 50, 33.33333, …) and refused when the
 * shares differ (70 % and 30 %), which the bank cannot keep. Negative fractions (penalties
 * for wrong options) are dropped: the round's policy gives a wrong option no credit.
 */
function choiceKey(question: MoodleQuestion): { letters: string[] } | { error: string } {
	const right = question.choices.map((choice, index) => ({ ...choice, index })).filter((choice) => choice.fraction > 0)
	if (right.length === 0) return { error: '没有得分为正的选项，找不到正确答案' }
	if (question.single) {
		if (right.length > 1 || Math.abs(right[0]!.fraction - 100) > EPSILON) {
			return { error: `单选题有 ${right.length} 个得分选项（${right.map((c) => `${formatNumber(c.fraction)}%`).join('、')}），本系统单选题只有一个满分答案` }
		}
	} else {
		const shares = right.map((choice) => choice.fraction)
		const total = shares.reduce((sum, share) => sum + share, 0)
		if (Math.abs(total - 100) > 0.1 || shares.some((share) => Math.abs(share - shares[0]!) > 0.1)) {
			return { error: `多选题各正确选项的得分比例不同或合计不是 100%（${shares.map((s) => `${formatNumber(s)}%`).join('、')}）；本系统多选题的部分得分由考试规则统一决定，请改为各正确选项平分后再导入` }
		}
	}
	return { letters: right.map((choice) => OPTION_KEYS[choice.index]!) }
}

export function moodleQuestionToRow(question: MoodleQuestion, defaults: DocumentDefaults): { row: DocumentRow } | { problem: NotUnderstood } {
	const label = moodleLabel(question)
	const fail = (reason: string) => ({ problem: { rowNumber: question.number, label, reason } })
	const unsupported = UNSUPPORTED_KINDS[question.kind]
	if (unsupported) return fail(unsupported)
	if (!['multichoice', 'truefalse', 'shortanswer', 'essay', 'cloze', 'multianswer'].includes(question.kind)) return fail(`题型“${question.kind}”在本系统没有对应题型`)
	const note = question.note
	const { topic, tag } = categoryToTopic(question.category)
	const tags = [...(note?.tags ?? question.tags.map(cleanListItem)), ...(tag && !note ? [tag] : [])].filter(Boolean)
	const explanation = question.generalFeedback
	let stem = question.stem
	const cells: Partial<Record<BankColumn, string>> = {
		专题: topic ?? defaults.topic,
		难度: note?.difficulty ? String(note.difficulty) : defaults.difficulty,
		分值: note?.points ? formatNumber(note.points) : question.points && question.points > 0 ? formatNumber(question.points) : defaults.points,
		解析: explanation,
		标签: [...new Set(tags)].join('、'),
		法规依据: note?.regulation ?? '',
		关联课程: (note?.lessonRefs ?? []).join('、'),
		关联问题: (note?.problemRefs ?? []).join('、'),
	}
	switch (question.kind) {
		case 'multichoice': {
			if (question.choices.length > OPTION_KEYS.length) return fail(`选项有 ${question.choices.length} 个，本系统最多 ${OPTION_KEYS.length} 个（A–H）`)
			const key = choiceKey(question)
			if ('error' in key) return fail(key.error)
			const type = question.single ? 'single' : key.letters.length === 1 ? 'single' : 'multiple'
			cells.题型 = QUESTION_TYPE_LABELS[type]
			question.choices.forEach((choice, index) => (cells[`选项${OPTION_KEYS[index]!}` as BankColumn] = choice.text))
			cells.答案 = key.letters.join('')
			break
		}
		case 'truefalse':
			if (question.trueFalse === null) return fail('判断题没有标明“正确”或“错误”哪个得分')
			cells.题型 = QUESTION_TYPE_LABELS.true_false
			cells.答案 = question.trueFalse ? '正确' : '错误'
			break
		case 'shortanswer': {
			const full = question.choices.filter((choice) => Math.abs(choice.fraction - 100) <= EPSILON)
			const partial = question.choices.filter((choice) => choice.fraction > EPSILON && Math.abs(choice.fraction - 100) > EPSILON)
			if (full.length === 0) return fail('填空题没有满分（100%）的答案')
			if (partial.length > 0) return fail(`填空题有部分得分的答案（${partial.map((c) => `“${c.text}” ${formatNumber(c.fraction)}%`).join('、')}），本系统的备选答案都得满分`)
			if (full.some((choice) => /[|｜;；]/.test(choice.text))) return fail('填空答案中含有“|”或“；”，本系统用它们分隔备选答案和空')
			cells.题型 = QUESTION_TYPE_LABELS.fill_blank
			// Moodle's short answer has no blank in its text; the bank's fill-in needs one.
			if (countBlankMarkers(stem) === 0) stem = `${stem}____`
			else if (countBlankMarkers(stem) > 1) return fail('题干中有多处空位，但简答题（shortanswer）只有一组答案')
			cells.答案 = full.map((choice) => choice.text).join('|')
			break
		}
		case 'cloze':
		case 'multianswer': {
			const cloze = clozeToBlanks(stem)
			if ('error' in cloze) return fail(cloze.error)
			cells.题型 = QUESTION_TYPE_LABELS.fill_blank
			stem = cloze.stem
			cells.答案 = cloze.blanks.map((alternatives) => alternatives.join('|')).join('；')
			break
		}
		case 'essay': {
			const answer = question.graderInfo || question.generalFeedback
			if (!answer) return fail('问答题（essay）没有参考答案：评分信息（graderinfo）和总体反馈（generalfeedback）都是空的')
			cells.题型 = QUESTION_TYPE_LABELS[note?.type ?? 'short_answer']
			cells.答案 = answer
			cells.评分要点 = note?.rubric ?? ''
			if (!question.graderInfo) cells.解析 = ''
			break
		}
	}
	cells.题干 = stem
	return { row: { rowNumber: question.number, cells } }
}

const CLOZE_GAP = /\{(\d*):([A-Z_]+):((?:\\.|[^}\\])*)\}/g
const SHORT_GAPS = new Set(['SHORTANSWER', 'SA', 'MW', 'SHORTANSWER_C', 'SAC', 'MWC'])

/**
 * A cloze (multianswer) whose gaps are all short answers is a fill-in with several blanks;
 * gaps of other kinds (choices, numbers) have no counterpart and the question is refused.
 */
export function clozeToBlanks(text: string): { stem: string; blanks: string[][] } | { error: string } {
	const blanks: string[][] = []
	let refused: string | null = null
	const stem = text.replace(CLOZE_GAP, (_whole, _weight: string, kind: string, body: string) => {
		if (!SHORT_GAPS.has(kind)) {
			refused ??= `完形填空题（cloze）中有 ${kind} 小题；本系统只能导入全部为简答（SHORTANSWER）空的完形填空`
			return '____'
		}
		const answers = body
			.split(/(?<!\\)~/)
			.map((answer) => {
				const full = /^(?:=|%100%)/.test(answer)
				const text = answer.replace(/^(?:=|%-?\d+(?:\.\d+)?%)/, '').replace(/(?<!\\)#[\s\S]*$/, '').replace(/\\(.)/g, '$1').trim()
				return full ? text : null
			})
			.filter((answer): answer is string => Boolean(answer))
		if (answers.length === 0) refused ??= '完形填空题中有一个空没有满分答案'
		if (answers.some((answer) => /[|｜;；]/.test(answer))) refused ??= '填空答案中含有“|”或“；”，本系统用它们分隔备选答案和空'
		blanks.push(answers)
		return '____'
	})
	if (refused) return { error: refused }
	if (blanks.length === 0) return { error: '完形填空题（cloze）中没有找到 {1:SHORTANSWER:=答案} 形式的空' }
	return { stem, blanks }
}

export function moodleLabel(question: Pick<MoodleQuestion, 'number' | 'name'>) {
	return `第${question.number}题${question.name ? `「${question.name.slice(0, 30)}」` : ''}`
}
