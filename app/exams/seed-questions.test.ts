import { expect, test } from 'vitest'
import { seedCourses } from '#app/courses/seed.ts'
import { resolveStudyLinks } from './attempts/study-links.ts'
import { describeEachProvider } from '#tests/db-utils.ts'
import { QUESTION_TYPES, type QuestionType } from './bank/question-types.ts'
import { listQuestions, parseQuestionFilter } from './bank/search.ts'
import { normaliseStem } from './bank/version-content.server.ts'
import { bankExportFile } from './import/bank-export.ts'
import { importBankFile } from './import/bank-import.server.ts'
import { seedQuestionBank, seedQuestionContents } from './seed-questions.ts'

test('the seed bank: at least 120 valid questions, every topic of 3+1 with every type and several difficulties, explained and sourced', () => {
	const contents = seedQuestionContents()
	expect(contents.length).toBeGreaterThanOrEqual(120)
	expect(new Set(contents.map((c) => normaliseStem(c.stem))).size).toBe(contents.length)
	for (const topic of ['fiscal', 'economic_responsibility', 'fixed_asset_investment', 'combined'] as const) {
		const ofTopic = contents.filter((c) => c.topic === topic)
		expect(ofTopic.length, topic).toBeGreaterThanOrEqual(28)
		const types = new Set<QuestionType>(ofTopic.map((c) => c.type))
		expect([...types].sort(), topic).toEqual([...QUESTION_TYPES].sort())
		expect(new Set(ofTopic.map((c) => c.difficulty)).size, topic).toBeGreaterThanOrEqual(4)
	}
	expect(contents.every((c) => c.explanation.length >= 10)).toBe(true)
	expect(contents.filter((c) => c.regulation).length).toBeGreaterThan(contents.length * 0.75)
	expect(contents.filter((c) => c.type === 'short_answer' || c.type === 'case_analysis').every((c) => c.rubric)).toBe(true)
})

function countBy<T>(items: readonly T[], by: (item: T) => string) {
	const counts = new Map<string, number>()
	for (const item of items) counts.set(by(item), (counts.get(by(item)) ?? 0) + 1)
	return counts
}

test('the seed bank gives no key away by its letter: 单选 keys spread over A–D, 多选 keys varied, explanations naming letters match the key', () => {
	const contents = seedQuestionContents()
	// A learner who answers "A" everywhere (or the same letters on every 多选) must not beat chance (ADR 037).
	const singles = contents.flatMap((c) => (c.type === 'single' ? [c.answerKey] : []))
	expect(singles.length).toBeGreaterThanOrEqual(40)
	const byLetter = countBy(singles, (key) => key)
	expect([...byLetter.keys()].sort()).toEqual(['A', 'B', 'C', 'D'])
	for (const [letter, count] of byLetter) expect(count / singles.length, `单选 key ${letter}`).toBeLessThanOrEqual(0.35)

	const multiples = contents.flatMap((c) => (c.type === 'multiple' ? [c] : []))
	expect(multiples.length).toBeGreaterThanOrEqual(20)
	const byPattern = countBy(multiples, (c) => c.answerKey.join(''))
	for (const [pattern, count] of byPattern) expect(count / multiples.length, `多选 key ${pattern}`).toBeLessThanOrEqual(0.25)
	// No option position is a safe bet either: each letter is wrong in some 多选 that offers it.
	for (const letter of ['A', 'B', 'C', 'D']) {
		expect(multiples.some((c) => c.options.some((o) => o.key === letter) && !c.answerKey.includes(letter as never)), letter).toBe(true)
	}
	// An explanation that lists option letters ("A、C、D均为…") lists exactly the key.
	for (const question of multiples) {
		const listed = question.explanation.match(/[A-H](?:、[A-H])+/)
		if (listed) expect(listed[0].split('、').join(''), question.stem).toBe(question.answerKey.join(''))
	}
})

describeEachProvider('seedQuestionBank', (getDb) => {
	test('writes every question once, active, and a second run adds nothing', async () => {
		const db = await getDb()
		const total = seedQuestionContents().length
		expect(await seedQuestionBank(db)).toEqual({ created: total, existing: 0 })
		expect(await seedQuestionBank(db)).toEqual({ created: 0, existing: total })
		expect(await db.question.count({ where: { status: 'active' } })).toBe(total)
		// The question citing the repealed Contract Law is flagged for review.
		const flagged = await listQuestions(db, parseQuestionFilter(new URLSearchParams('flagged=1')))
		expect(flagged.items.map((i) => i.regulationName)).toEqual(['中华人民共和国合同法'])
	})

	test('every lesson and 共性问题 a seed question points to exists once the course library is seeded', async () => {
		const db = await getDb()
		await seedCourses(db)
		const contents = seedQuestionContents()
		expect(contents.filter((c) => c.lessonRefs.length > 0).length).toBeGreaterThan(contents.length / 2)
		expect(contents.filter((c) => c.problemRefs.length > 0).length).toBeGreaterThan(20)
		const { lessons, problems } = await resolveStudyLinks(db, {
			lessonRefs: contents.flatMap((c) => c.lessonRefs),
			problemRefs: contents.flatMap((c) => c.problemRefs),
		})
		expect([...lessons.values(), ...problems.values()].filter((link) => link.href === null)).toEqual([])
	})

	test('the seeded bank exports to a file that reports every question as a duplicate', async () => {
		const db = await getDb()
		await seedQuestionBank(db)
		const exported = await bankExportFile(db, { flagged: false }, 'xlsx')
		const outcome = await importBankFile(db, { data: exported.body, fileName: exported.fileName, mode: 'all', actorId: null, dryRun: true })
		expect(outcome.preview.problems.filter((p) => p.kind === 'invalid')).toEqual([])
		expect(outcome.preview.problems.every((p) => p.kind === 'duplicate')).toBe(true)
		expect(outcome.preview.problems).toHaveLength(seedQuestionContents().length)
	})
})
