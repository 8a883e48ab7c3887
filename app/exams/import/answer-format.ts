// The 答案 cell: how people write each type's key, and how export writes it back so that
// export → import gives the same key.
import { OPTION_KEYS, type OptionKey, type QuestionContent } from '#app/exams/bank/question-types.ts'

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string }

const TRUE_WORDS = new Set(['正确', '对', '√', '✓', '✔', 'T', 'TRUE', '是', 'Y'])
const FALSE_WORDS = new Set(['错误', '错', '×', '✗', '✘', 'X', 'F', 'FALSE', '否', 'N'])

/** `ACD`, `A,C,D`, `Ａ，Ｃ，Ｄ`, `a、c d` → ['A','C','D'] (order kept; duplicates refused). */
export function parseOptionLetters(text: string): Parsed<OptionKey[]> {
	const letters = text.normalize('NFKC').toUpperCase().replace(/[\s,、;/]+/g, '')
	if (!letters) return { ok: false, error: '请填写答案' }
	const keys: OptionKey[] = []
	for (const letter of letters) {
		if (!(OPTION_KEYS as readonly string[]).includes(letter)) {
			return { ok: false, error: `答案“${text.trim()}”无法识别，请填写选项字母 A–H，如 B 或 ACD` }
		}
		if (keys.includes(letter as OptionKey)) return { ok: false, error: `答案中选项 ${letter} 重复` }
		keys.push(letter as OptionKey)
	}
	return { ok: true, value: keys }
}

export function parseTrueFalse(text: string): Parsed<boolean> {
	const word = text.normalize('NFKC').trim().toUpperCase()
	if (TRUE_WORDS.has(word)) return { ok: true, value: true }
	if (FALSE_WORDS.has(word)) return { ok: true, value: false }
	return { ok: false, error: `判断题答案“${text.trim()}”无法识别，请填写 正确/错误、对/错、√/× 或 T/F` }
}

/** Blanks separated by `；`/`;`, alternatives within a blank by `|`/`｜`. */
export function parseBlanks(text: string): Parsed<string[][]> {
	const blanks = text.split(/[;；]/).map((blank) => blank.split(/[|｜]/).map((alt) => alt.trim()))
	while (blanks.length > 1 && blanks[blanks.length - 1]!.every((alt) => alt === '')) blanks.pop()
	for (const [index, alternatives] of blanks.entries()) {
		if (alternatives.every((alt) => alt === '')) return { ok: false, error: `第${index + 1}个空没有答案` }
		if (alternatives.some((alt) => alt === '')) return { ok: false, error: `第${index + 1}个空有空的备选答案（多余的“|”）` }
	}
	return { ok: true, value: blanks }
}

export function formatTrueFalse(value: boolean) {
	return value ? '正确' : '错误'
}

export function formatAnswer(content: QuestionContent): string {
	switch (content.type) {
		case 'single':
			return content.answerKey
		case 'multiple':
			return content.answerKey.join('')
		case 'true_false':
			return formatTrueFalse(content.answerKey)
		case 'fill_blank':
			return content.answerKey.map((alternatives) => alternatives.join('|')).join('；')
		case 'short_answer':
		case 'case_analysis':
			return content.answerKey
	}
}
