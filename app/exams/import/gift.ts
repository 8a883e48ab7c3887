// GIFT (Moodle's plain-text question format) → rows in the bank's canonical columns.
// gift-pegjs parses the syntax; the file is cut at blank lines first and each question parsed
// alone, so one question the parser cannot read is listed with its line instead of failing
// the whole file.
import { parse, type GIFTQuestion, type TextFormat } from 'gift-pegjs'
import { htmlToText } from './html-text.ts'
import { moodleLabel, moodleQuestionToRow, readHongshenNote, type MoodleQuestion } from './moodle-common.ts'
import type { DocumentDefaults, ParsedDocument } from './text-questions.ts'

const KIND: Record<string, string> = { MC: 'multichoice', TF: 'truefalse', Short: 'shortanswer', Essay: 'essay', Matching: 'matching', Numerical: 'numerical', Description: 'description' }

function plain(field: TextFormat | null | undefined): { text: string; images: number } {
	if (!field) return { text: '', images: 0 }
	if (field.format === 'html') return htmlToText(field.text)
	return { text: field.text.trim(), images: 0 }
}

type Block = { line: number; text: string; note: string | null }

/** Questions are separated by blank lines; `//` comments are dropped except our own note. */
function blocks(source: string): Block[] {
	const out: Block[] = []
	let current: Block | null = null
	source
		.replace(/^\uFEFF/, '')
		.replace(/\r\n?/g, '\n')
		.split('\n')
		.forEach((line, index) => {
			if (!line.trim()) {
				if (current) out.push(current)
				current = null
				return
			}
			current ??= { line: index + 1, text: '', note: null }
			if (/^\s*\/\//.test(line)) {
				const comment = line.replace(/^\s*\/\/\s*/, '')
				if (readHongshenNote(comment)) current.note = comment
				return
			}
			current.text += `${line}\n`
		})
	if (current) out.push(current)
	return out.filter((block) => block.text.trim())
}

export function parseGift(source: string, defaults: DocumentDefaults): ParsedDocument {
	const parsed: ParsedDocument = { rows: [], notUnderstood: [], labels: {}, warnings: [] }
	let category: string | null = null
	let number = 0
	let images = 0
	for (const block of blocks(source)) {
		const categoryLine = /^\s*\$CATEGORY:\s*(.*)$/m.exec(block.text)
		if (categoryLine) {
			category = categoryLine[1]!.trim() || null
			block.text = block.text.replace(/^\s*\$CATEGORY:.*$/m, '')
			if (!block.text.trim()) continue
		}
		let questions: GIFTQuestion[]
		try {
			questions = parse(block.text)
		} catch (error) {
			number++
			const title = /^\s*::(.*?)::/.exec(block.text)?.[1] ?? ''
			const label = `${moodleLabel({ number, name: title })}（第 ${block.line} 行）`
			parsed.labels[number] = label
			const found = error instanceof Error && 'found' in error ? (error as { found: string | null }).found : null
			parsed.notUnderstood.push({ rowNumber: number, label, reason: `GIFT 写法无法解析${found ? `（“${found}”处）` : ''}；特殊字符 ~ = # { } : 须写作 \\~ \\= \\# \\{ \\} \\:` })
			continue
		}
		for (const question of questions) {
			if (question.type === 'Category') {
				category = question.title
				continue
			}
			number++
			const stem = plain(question.stem)
			images += stem.images
			const moodle: MoodleQuestion = {
				number,
				name: question.title ?? '',
				kind: KIND[question.type] ?? question.type,
				stem: stem.text.replace(/_{5}/, '____'),
				images: stem.images,
				single: true,
				choices: [],
				trueFalse: null,
				generalFeedback: 'globalFeedback' in question ? plain(question.globalFeedback).text : '',
				graderInfo: '',
				points: null,
				category,
				tags: question.tags ?? [],
				note: block.note ? readHongshenNote(block.note) : null,
			}
			if (question.type === 'MC' || question.type === 'Short') {
				moodle.choices = question.choices.map((choice) => ({ text: plain(choice.text).text, fraction: choice.weight ?? (choice.isCorrect ? 100 : 0) }))
				moodle.single = question.type === 'MC' && question.choices.every((choice) => choice.weight === null)
			}
			if (question.type === 'TF') moodle.trueFalse = question.isTrue
			if (question.type === 'Essay' && moodle.note?.answer) {
				moodle.graderInfo = moodle.note.answer
			}
			parsed.labels[number] = moodleLabel(moodle)
			const result = moodleQuestionToRow(moodle, defaults)
			if ('row' in result) parsed.rows.push(result.row)
			else parsed.notUnderstood.push(result.problem)
		}
	}
	if (number === 0) parsed.warnings.push('文件中没有 GIFT 题目（题目之间用空行分隔，如 ::名称::题干{=答案 ~干扰项}）')
	if (images > 0) parsed.warnings.push(`题目中有 ${images} 张图片未导入，题干中已标注“［图片未导入］”，请导入后在题库中补上`)
	return parsed
}
