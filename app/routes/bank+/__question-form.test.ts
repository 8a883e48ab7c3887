import { parseWithZod } from '@conform-to/zod/v4'
import { describe, expect, test } from 'vitest'
import { QuestionContentSchema } from '#app/exams/bank/question-types.ts'
import { seedQuestionContents } from '#app/exams/seed-questions.ts'
import { contentInputFromValues, emptyFormValues, formValuesFromContent, QuestionFormSchema } from './__question-form.ts'

describe('question editor form', () => {
	test('every seed question survives content → form → content unchanged', () => {
		for (const content of seedQuestionContents()) {
			expect(QuestionContentSchema.parse(contentInputFromValues(formValuesFromContent(content)))).toEqual(content)
		}
	})

	test('posted fields become content: blanks one per line with | alternatives, regulation dates as China days', () => {
		const form = new FormData()
		for (const [key, value] of Object.entries({
			type: 'fill_blank',
			topic: 'combined',
			difficulty: '2',
			points: '２',
			stem: '审计证据应当具有____和____。',
			answerBlanks: '适当性\n充分性 ｜ 足够性\n\n',
			tags: '审计证据、准则',
			regulationName: '中华人民共和国国家审计准则',
			regulationEffectiveFrom: '2011-01-01',
		})) {
			form.append(key, value)
		}
		const submission = parseWithZod(form, { schema: QuestionFormSchema })
		if (submission.status !== 'success') throw new Error(JSON.stringify(submission.error))
		expect(submission.value.content).toMatchObject({
			type: 'fill_blank',
			points: 2,
			answerKey: [['适当性'], ['充分性', '足够性']],
			tags: ['审计证据', '准则'],
			regulation: { name: '中华人民共和国国家审计准则', article: '', effectiveFrom: new Date('2010-12-31T16:00:00.000Z'), expiresAt: null },
		})
	})

	test('the form schema answers with the content rules by form field: an option left empty before a filled one, and the key', () => {
		const form = new FormData()
		for (const [key, value] of Object.entries({ type: 'single', topic: 'fiscal', difficulty: '3', points: '1', stem: '题干（ ）', 'options[0]': '甲', 'options[1]': '', 'options[2]': '丙' })) {
			form.append(key, value)
		}
		const submission = parseWithZod(form, { schema: QuestionFormSchema })
		if (submission.status !== 'error') throw new Error('an option left empty before a filled one must be refused')
		expect(submission.error?.['options[1]']).toEqual(['选项内容不能为空'])
		expect(submission.error?.answerKey?.length).toBeGreaterThan(0)
	})

	test('an unanswered choice question is refused by the domain schema, not silently keyed', () => {
		const values = { ...emptyFormValues('single'), stem: '题干（ ）', options: ['甲', '乙', '', ''] }
		const parsed = QuestionContentSchema.safeParse(contentInputFromValues(values))
		expect(parsed.success).toBe(false)
		expect(parsed.error?.issues.map((i) => i.path[0])).toContain('answerKey')
	})
})
