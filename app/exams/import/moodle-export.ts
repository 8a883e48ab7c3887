// The bank → Moodle XML and GIFT (ADR 027). Each question carries a `hongshen` note (an XML
// comment, a GIFT `//` line; Moodle ignores both) with what Moodle has no field for:
// difficulty, the 案例分析 type, the rubric, regulation and links, so export → import gives
// the same question back. A fill-in with several blanks is a Moodle cloze (multianswer) in XML;
// GIFT cannot hold one, so the GIFT file lists those it left out at its top.
import { BLANK_MARKER, type QuestionContent } from '#app/exams/bank/question-types.ts'
import { formatRegulation } from '#app/exams/bank/regulation-format.ts'
import { TOPIC_LABELS } from '#app/utils/topics.ts'
import { HONGSHEN_NOTE, type HongshenNote } from './moodle-common.ts'

export const MOODLE_CATEGORY_ROOT = '$course$/top/红审学堂'

function noteOf(content: QuestionContent): string | null {
	const note: HongshenNote = { difficulty: content.difficulty, points: content.points }
	if (content.type === 'case_analysis') note.type = 'case_analysis'
	if (content.rubric) note.rubric = content.rubric
	if (content.regulation) note.regulation = formatRegulation(content.regulation)
	if (content.lessonRefs.length) note.lessonRefs = content.lessonRefs
	if (content.problemRefs.length) note.problemRefs = content.problemRefs
	if (content.tags.length) note.tags = content.tags
	return HONGSHEN_NOTE + JSON.stringify(note)
}

function questionName(content: QuestionContent) {
	const flat = content.stem.replace(/\s+/g, ' ').trim()
	return flat.length > 30 ? `${flat.slice(0, 30)}…` : flat
}

function byTopic(contents: QuestionContent[]) {
	const groups = new Map<string, QuestionContent[]>()
	for (const content of contents) {
		const topic = TOPIC_LABELS[content.topic]
		groups.set(topic, [...(groups.get(topic) ?? []), content])
	}
	return groups
}

// ---- Moodle XML ----

export function escapeXml(text: string) {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** Text as Moodle's HTML format: escaped, line breaks as <br>, in CDATA (whose own end is split). */
function htmlText(text: string) {
	const html = escapeXml(text).replace(/\n/g, '<br>')
	return `<text><![CDATA[${html.replace(/]]>/g, ']]]]><![CDATA[>')}]]></text>`
}

function field(tag: string, text: string) {
	return `<${tag} format="html">${htmlText(text)}</${tag}>`
}

/** Moodle's fraction list has 100/n and -100/n for n up to 10 (50, 33.33333, 25 …). */
function fraction(value: number) {
	return String(Math.round(value * 100000) / 100000)
}

function xmlComment(text: string) {
	// JSON keeps no raw "-" inside its strings once escaped, so the comment never holds "--".
	return `<!-- ${text.replace(/-/g, '\\u002d')} -->`
}

function clozeStem(content: Extract<QuestionContent, { type: 'fill_blank' }>) {
	let index = 0
	const clozeText = (text: string) => text.replace(/[\\}#~/"=:]/g, (c) => `\\${c}`)
	return content.stem.replace(BLANK_MARKER, () => {
		const alternatives = content.answerKey[index++] ?? []
		return `{1:SHORTANSWER:${alternatives.map((alt) => `=${clozeText(alt)}`).join('~')}}`
	})
}

function xmlQuestion(content: QuestionContent): string {
	const head = (type: string, stem = content.stem) =>
		[
			`  <question type="${type}">`,
			`    ${xmlComment(noteOf(content)!)}`,
			`    <name><text>${escapeXml(questionName(content))}</text></name>`,
			`    ${field('questiontext', stem)}`,
			`    ${field('generalfeedback', content.explanation)}`,
			`    <defaultgrade>${content.points}</defaultgrade>`,
			`    <penalty>0</penalty>`,
			`    <hidden>0</hidden>`,
		]
	const tags = content.tags.length ? [`    <tags>${content.tags.map((tag) => `<tag><text>${escapeXml(tag)}</text></tag>`).join('')}</tags>`] : []
	let lines: string[]
	switch (content.type) {
		case 'single':
		case 'multiple': {
			const key: string[] = content.type === 'single' ? [content.answerKey] : content.answerKey
			const wrong = content.options.length - key.length
			lines = [
				...head('multichoice'),
				`    <single>${content.type === 'single'}</single>`,
				`    <shuffleanswers>true</shuffleanswers>`,
				`    <answernumbering>ABCD</answernumbering>`,
				...content.options.map((option) => {
					const right = key.includes(option.key)
					const share = right ? 100 / key.length : content.type === 'multiple' && wrong > 0 ? -100 / wrong : 0
					return `    <answer fraction="${fraction(share)}" format="html">${htmlText(option.text)}</answer>`
				}),
			]
			break
		}
		case 'true_false':
			lines = [
				...head('truefalse'),
				`    <answer fraction="${content.answerKey ? 100 : 0}" format="plain_text"><text>true</text></answer>`,
				`    <answer fraction="${content.answerKey ? 0 : 100}" format="plain_text"><text>false</text></answer>`,
			]
			break
		case 'fill_blank':
			if (content.answerKey.length === 1) {
				lines = [
					...head('shortanswer'),
					`    <usecase>0</usecase>`,
					...content.answerKey[0]!.map((alt) => `    <answer fraction="100" format="plain_text"><text>${escapeXml(alt)}</text></answer>`),
				]
			} else {
				lines = head('cloze', clozeStem(content))
			}
			break
		case 'short_answer':
		case 'case_analysis':
			lines = [
				...head('essay'),
				`    <responseformat>editor</responseformat>`,
				`    <responserequired>1</responserequired>`,
				`    <responsefieldlines>15</responsefieldlines>`,
				`    ${field('graderinfo', content.answerKey)}`,
				`    <responsetemplate format="html"><text></text></responsetemplate>`,
			]
			break
	}
	return [...lines, ...tags, '  </question>'].join('\n')
}

export function toMoodleXml(contents: QuestionContent[]): string {
	const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<quiz>']
	for (const [topic, group] of byTopic(contents)) {
		out.push(`  <question type="category"><category><text>${escapeXml(`${MOODLE_CATEGORY_ROOT}/${topic}`)}</text></category></question>`)
		for (const content of group) out.push(xmlQuestion(content))
	}
	out.push('</quiz>', '')
	return out.join('\n')
}

// ---- GIFT ----

/** GIFT's special characters, a backslash first; a line break is written \n. */
export function escapeGift(text: string) {
	return text.replace(/[\\~=#{}:]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n')
}

function giftQuestion(content: QuestionContent): string | null {
	const feedback = content.explanation ? `####${escapeGift(content.explanation)}` : ''
	const head = `::${escapeGift(questionName(content))}::`
	const note = noteOf(content)
	let body: string
	switch (content.type) {
		case 'single':
			body = `${escapeGift(content.stem)}{${content.options.map((o) => `${o.key === content.answerKey ? '=' : '~'}${escapeGift(o.text)}`).join(' ')}${feedback}}`
			break
		case 'multiple': {
			const share = fraction(100 / content.answerKey.length)
			const wrong = content.options.length - content.answerKey.length
			const penalty = wrong > 0 ? fraction(-100 / wrong) : '0'
			body = `${escapeGift(content.stem)}{${content.options.map((o) => `~%${content.answerKey.includes(o.key) ? share : penalty}%${escapeGift(o.text)}`).join(' ')}${feedback}}`
			break
		}
		case 'true_false':
			body = `${escapeGift(content.stem)}{${content.answerKey ? 'T' : 'F'}${feedback}}`
			break
		case 'fill_blank':
			// The answers follow the stem, whose own blank marker (____ or （ ）) stays as it is.
			if (content.answerKey.length !== 1) return null
			body = `${escapeGift(content.stem)}{${content.answerKey[0]!.map((alt) => `=${escapeGift(alt)}`).join(' ')}${feedback}}`
			break
		case 'short_answer':
		case 'case_analysis': {
			const essayNote = HONGSHEN_NOTE + JSON.stringify({ ...JSON.parse(note!.slice(HONGSHEN_NOTE.length)), answer: content.answerKey })
			return `// ${essayNote}\n${head}${escapeGift(content.stem)}{${feedback}}`
		}
	}
	return `// ${note}\n${head}${body}`
}

export function toGift(contents: QuestionContent[]): { text: string; skipped: number } {
	const out: string[] = ['// 红审学堂题库导出（GIFT 格式）。以 // hongshen 开头的注释记录难度等 Moodle 没有的信息，Moodle 导入时会忽略。']
	let skipped = 0
	const body: string[] = []
	for (const [topic, group] of byTopic(contents)) {
		body.push(`$CATEGORY: ${MOODLE_CATEGORY_ROOT}/${topic}`)
		for (const content of group) {
			const question = giftQuestion(content)
			if (question) body.push(question)
			else {
				skipped++
				body.push(`// 未导出：多空填空题“${questionName(content).replace(/\n/g, ' ')}”（GIFT 格式只能表示一个空，请改用 Moodle XML 导出）`)
			}
		}
	}
	if (skipped) out.push(`// 有 ${skipped} 道多空填空题未导出（GIFT 只能表示一个空），请改用 Moodle XML 格式导出这些题目。`)
	return { text: `${[...out, '', ...body].join('\n\n')}\n`, skipped }
}
