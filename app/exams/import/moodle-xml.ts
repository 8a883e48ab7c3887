// Moodle XML (the question bank export of Moodle) → rows in the bank's canonical columns.
// saxes reads the XML (as the spreadsheet reader does); it expands no DTD entities, so there
// is no entity bomb. HTML question text becomes plain text (html-text.ts).
import { SaxesParser } from 'saxes'
import { htmlToText } from './html-text.ts'
import { moodleLabel, moodleQuestionToRow, readHongshenNote, type MoodleQuestion } from './moodle-common.ts'
import type { DocumentDefaults, ParsedDocument } from './text-questions.ts'

type Node = { name: string; attributes: Record<string, string>; children: Node[]; text: string; comments: string[] }

function parseTree(xml: string): Node {
	const root: Node = { name: '#root', attributes: {}, children: [], text: '', comments: [] }
	const stack: Node[] = [root]
	const parser = new SaxesParser()
	parser.on('opentag', (tag) => {
		const node: Node = { name: tag.name, attributes: tag.attributes as Record<string, string>, children: [], text: '', comments: [] }
		stack.at(-1)!.children.push(node)
		stack.push(node)
	})
	parser.on('closetag', () => void stack.pop())
	parser.on('text', (text) => (stack.at(-1)!.text += text))
	parser.on('cdata', (text) => (stack.at(-1)!.text += text))
	parser.on('comment', (text) => stack.at(-1)!.comments.push(text))
	parser.write(xml).close()
	return root
}

const child = (node: Node | undefined, name: string) => node?.children.find((c) => c.name === name)
const children = (node: Node | undefined, name: string) => node?.children.filter((c) => c.name === name) ?? []

/** A `<x format="…"><text>…</text></x>` field as plain text. */
function textField(node: Node | undefined): { text: string; images: number } {
	if (!node) return { text: '', images: 0 }
	const raw = child(node, 'text')?.text ?? ''
	const format = node.attributes.format ?? 'html'
	if (format === 'html' || format === 'moodle_auto_format') return htmlToText(raw)
	return { text: raw.trim(), images: 0 }
}

export function parseMoodleXml(xml: string, defaults: DocumentDefaults): ParsedDocument {
	const parsed: ParsedDocument = { rows: [], notUnderstood: [], labels: {}, warnings: [] }
	let root: Node
	try {
		root = parseTree(xml.replace(/^\uFEFF/, ''))
	} catch (error) {
		const where = error instanceof Error ? error.message.split(':').slice(1, 3).join(':') : ''
		parsed.warnings.push(`文件不是有效的 Moodle XML${where ? `（第 ${where} 处出错）` : ''}`)
		return parsed
	}
	const quiz = child(root, 'quiz')
	if (!quiz) {
		parsed.warnings.push('文件不是 Moodle XML：没有 <quiz> 根元素')
		return parsed
	}
	let category: string | null = null
	let number = 0
	let images = 0
	for (const node of children(quiz, 'question')) {
		const kind = node.attributes.type ?? ''
		if (kind === 'category') {
			category = textField(child(node, 'category')).text || null
			continue
		}
		number++
		const stem = textField(child(node, 'questiontext'))
		images += stem.images
		const answers = children(node, 'answer')
		const question: MoodleQuestion = {
			number,
			name: textField(child(node, 'name')).text,
			kind,
			stem: stem.text,
			images: stem.images,
			single: (child(node, 'single')?.text.trim() ?? 'true') !== 'false',
			choices: answers.map((answer) => ({ text: textField(answer).text, fraction: Number(answer.attributes.fraction ?? 0) })),
			trueFalse: null,
			generalFeedback: textField(child(node, 'generalfeedback')).text,
			graderInfo: textField(child(node, 'graderinfo')).text,
			points: child(node, 'defaultgrade') ? Number(child(node, 'defaultgrade')!.text.trim()) : null,
			category,
			tags: children(child(node, 'tags'), 'tag').map((tag) => textField(tag).text).filter(Boolean),
			note: node.comments.map(readHongshenNote).find(Boolean) ?? null,
		}
		if (kind === 'truefalse') {
			const right = question.choices.find((choice) => choice.fraction > 0)
			question.trueFalse = right ? right.text.trim().toLowerCase() === 'true' || right.text.trim() === '正确' : null
		}
		parsed.labels[number] = moodleLabel(question)
		const result = moodleQuestionToRow(question, defaults)
		if ('row' in result) parsed.rows.push(result.row)
		else parsed.notUnderstood.push(result.problem)
	}
	if (number === 0) parsed.warnings.push('文件中没有题目')
	if (images > 0) parsed.warnings.push(`题目中有 ${images} 张图片未导入（文件中只有图片的引用），题干中已标注“［图片未导入］”，请导入后在题库中补上`)
	return parsed
}
